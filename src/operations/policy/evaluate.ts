import type { Operation, Requester } from "../types";
import type { Directory } from "./directory";
import { findRule } from "./match";
import type { ApproverSet, Policy, RequesterSet } from "./schema";

const MS_PER_HOUR = 3_600_000;

/** The policy's verdict on one request. */
export type PolicyDecision =
	| { kind: "run" }
	| {
			kind: "approval";
			/** Distinct approvers needed, 1 to 5. The requester never counts. */
			requiredApprovals: number;
			/** Index of the matching rule in `policy.rules`, for logs and audit records. */
			rule: number;
			approvers: ApproverSet;
			/** Whether the requester may click approve; such a click never counts toward the total. */
			allowSelfApproval: boolean;
			/** How long the request may wait for approvals, in milliseconds. */
			ttlMs: number;
	  }
	| { kind: "forbidden"; reason: "not_requester" };

export type ApprovalDecision = Extract<PolicyDecision, { kind: "approval" }>;

/**
 * The verdict on one approval click. `counts` is false only for the requester approving their own
 * request under `allowSelfApproval`: the click is accepted but adds nothing toward the total.
 */
export type ApproverCheck =
	| { allowed: true; counts: true }
	| { allowed: true; counts: false; reason: "self" }
	| { allowed: false; reason: "self" | "not_approver" };

/**
 * Decides whether a request runs at once, waits for approvals, or is forbidden. The first rule that
 * matches the operation decides, and its requester set (or the top-level one) limits who may ask.
 * @throws whatever the directory throws, and PolicyError when no rule matches, which `parsePolicy`
 * rules out.
 */
export async function decide(
	policy: Policy,
	operation: Operation,
	requester: Requester,
	directory: Directory,
): Promise<PolicyDecision> {
	const { rule, index } = findRule(policy, operation, requester);

	const requesters = rule.requesters ?? policy.requesters;
	if (!(await mayRequest(requesters, requester.userId, directory))) {
		return { kind: "forbidden", reason: "not_requester" };
	}

	if (rule.approvals === 0) {
		return { kind: "run" };
	}
	return {
		kind: "approval",
		requiredApprovals: rule.approvals,
		rule: index,
		approvers: copyApproverSet(rule.approvers ?? policy.approvers),
		allowSelfApproval: rule.allowSelfApproval ?? policy.allowSelfApproval,
		ttlMs: policy.requestTtlHours * MS_PER_HOUR,
	};
}

/**
 * Checks whether a Slack user may approve a stored request. Re-evaluated at click time from the
 * stored operation, so a removed approver can no longer approve. It judges only the approver, so
 * call `decide` again to re-check the requester or the number of approvals required.
 * @throws whatever the directory throws, and PolicyError when no rule matches.
 */
export async function checkApprover(
	policy: Policy,
	operation: Operation,
	requester: Requester,
	approverId: string,
	directory: Directory,
): Promise<ApproverCheck> {
	const { rule } = findRule(policy, operation, requester);
	const approvers = rule.approvers ?? policy.approvers;
	const allowSelfApproval = rule.allowSelfApproval ?? policy.allowSelfApproval;
	const isSelf = approverId === requester.userId;

	if (isSelf && !allowSelfApproval) {
		return { allowed: false, reason: "self" };
	}
	if (!(await isInSet(approvers, approverId, directory))) {
		return { allowed: false, reason: "not_approver" };
	}
	if (isSelf) {
		return { allowed: true, counts: false, reason: "self" };
	}
	return { allowed: true, counts: true };
}

/** Lists who may approve, for the card text: user IDs, group IDs, and whether admins may. */
export function describeApprovers(decision: ApprovalDecision): ApproverSet {
	return copyApproverSet(decision.approvers);
}

function copyApproverSet(approvers: ApproverSet): ApproverSet {
	return {
		users: [...approvers.users],
		groups: [...approvers.groups],
		workspaceAdmins: approvers.workspaceAdmins,
	};
}

async function mayRequest(
	requesters: RequesterSet,
	userId: string,
	directory: Directory,
): Promise<boolean> {
	if (requesters.anyone) {
		return true;
	}
	return isInSet(requesters, userId, directory);
}

/**
 * Tests set membership, cheapest first: the listed users need no lookup, the admin flag needs one,
 * and each group needs one, asked in order until a group contains the user.
 */
async function isInSet(
	set: ApproverSet,
	userId: string,
	directory: Directory,
): Promise<boolean> {
	if (set.users.includes(userId)) {
		return true;
	}
	if (set.workspaceAdmins && (await directory.isWorkspaceAdmin(userId))) {
		return true;
	}
	for (const groupId of set.groups) {
		if (await directory.isInGroup(userId, groupId)) {
			return true;
		}
	}
	return false;
}
