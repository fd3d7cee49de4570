import type { UpdateCommandInput } from "@aws-sdk/lib-dynamodb";
import { REQUESTS_TABLE_KEY } from "./table";
import type { ApprovalResult, Decision, RequestRecord } from "./types";

/** Attempts at recording one approval before `recordApproval` gives up on version conflicts. */
export const MAX_APPROVAL_ATTEMPTS = 10;

/** Upper bound in milliseconds of the random wait after the first conflict. Later waits grow linearly. */
const BACKOFF_STEP_MS = 5;

export type ApprovalRefusal = Extract<
	ApprovalResult,
	{ kind: "unchanged" }
>["because"];

/**
 * Finds why `approverId` cannot approve `record` at `now`, or returns undefined when they can.
 * A repeated click reports `duplicate` before anything else, so an approver whose click already
 * counted learns that even after the request has moved on to `approved`.
 */
export function findApprovalRefusal(
	record: RequestRecord,
	approverId: string,
	now: Date,
): ApprovalRefusal | undefined {
	if (record.approvals.some((approval) => approval.userId === approverId)) {
		return "duplicate";
	}
	if (record.status !== "pending") {
		return "status";
	}
	if (Date.parse(record.expiresAt) <= now.getTime()) {
		return "expired";
	}
	return undefined;
}

/**
 * Builds the one conditional UpdateItem that appends `approval` to `record` as read. When this
 * approval brings the count to `requiredApprovals`, the same write moves the request to
 * `approved`, and `complete` is true.
 */
export function buildApprovalUpdate(
	tableName: string,
	record: RequestRecord,
	approval: Decision,
	now: Date,
): { input: UpdateCommandInput; complete: boolean } {
	const complete = record.approvals.length + 1 >= record.requiredApprovals;
	const nowIso = now.toISOString();

	const input: UpdateCommandInput = {
		TableName: tableName,
		Key: { [REQUESTS_TABLE_KEY]: record.id },
		UpdateExpression:
			"SET #approvals = list_append(#approvals, :approval), #approverIds = list_append(#approverIds, :approverIdList), #status = :nextStatus, #version = #version + :one, #updatedAt = :now",
		// #status = :pending: only a pending request takes approvals, and a missing item has no
		//   status, so the write never creates an item.
		// #expiresAt > :now: a request cannot be approved at or after its expiry. Both sides are
		//   toISOString() strings, which order the same way as the times.
		// NOT contains(#approverIds, :approverId): each approver counts once.
		// #version = :readVersion: no other write happened since the read, so the approval count
		//   behind `complete` is still right and exactly one write completes the request.
		ConditionExpression:
			"#status = :pending AND #expiresAt > :now AND NOT contains(#approverIds, :approverId) AND #version = :readVersion",
		ExpressionAttributeNames: {
			"#approvals": "approvals",
			"#approverIds": "approverIds",
			"#status": "status",
			"#version": "version",
			"#updatedAt": "updatedAt",
			"#expiresAt": "expiresAt",
		},
		ExpressionAttributeValues: {
			":approval": [{ userId: approval.userId, at: approval.at }],
			":approverIdList": [approval.userId],
			":approverId": approval.userId,
			":nextStatus": complete ? "approved" : "pending",
			":pending": "pending",
			":one": 1,
			":now": nowIso,
			":readVersion": record.version,
		},
		ReturnValues: "ALL_NEW",
	};
	return { input, complete };
}

/** Picks a random wait of 0 to 5 × `attempt` milliseconds before a retry, so racing writers spread out. */
export function backoffDelayMs(attempt: number): number {
	return Math.random() * BACKOFF_STEP_MS * attempt;
}
