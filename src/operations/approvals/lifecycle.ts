import { randomBytes } from "node:crypto";
import type {
	ApprovalResult,
	RequestRecord,
	TransitionResult,
} from "../../store/types";
import { checkApprover, decide } from "../policy";
import type { Operation, Requester } from "../types";
import { parseStoredOperation, toStoredOperation } from "./stored-operation";
import type {
	ApprovalContext,
	DecisionResult,
	RequestView,
	SubmitResult,
} from "./types";

/** Channel and response URL of the original request, so replies reach the requester there. */
export interface RequestOrigin {
	channelId: string;
	responseUrl?: string;
}

/**
 * Decides by the policy whether an operation runs now or waits for approvers, and stores it when it
 * waits. The stored record contains the validated operation and never a password, because one is
 * generated only when the operation runs.
 */
export async function submitRequest(
	input: {
		operation: Operation;
		requester: Requester;
		reason: string;
		origin: RequestOrigin;
	},
	context: ApprovalContext,
): Promise<SubmitResult> {
	const decision = await decide(
		context.policy,
		input.operation,
		input.requester,
		context.directory,
	);
	if (decision.kind === "forbidden") {
		return { kind: "forbidden" };
	}
	if (decision.kind === "run") {
		return { kind: "run" };
	}

	const operation =
		(await context.precheck?.(input.operation)) ?? input.operation;
	await context.admitRequest?.(input.requester);

	const now = clockOf(context)();
	const record: RequestRecord = {
		id: (context.newId ?? newRequestId)(),
		kind: operation.kind,
		operation: toStoredOperation(operation),
		requester: input.requester,
		reason: input.reason,
		status: "pending",
		requiredApprovals: decision.requiredApprovals,
		approvals: [],
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + decision.ttlMs).toISOString(),
		updatedAt: now.toISOString(),
		origin: input.origin,
		version: 0,
	};
	await context.store.create(record);
	context.log.info("Request waits for approval", {
		requestId: record.id,
		operation: record.kind,
		requester: record.requester.userId,
		requiredApprovals: record.requiredApprovals,
	});
	return { kind: "pending", request: { record, operation } };
}

/**
 * Stores an operation that the policy lets run at once as an approved request that needs no
 * approvals, so the worker that runs it claims it like any approved request and a job delivered
 * twice runs once.
 */
export async function recordRunNow(
	input: {
		operation: Operation;
		requester: Requester;
		reason: string;
		origin: RequestOrigin;
	},
	context: ApprovalContext,
): Promise<RequestView> {
	const now = clockOf(context)();
	const record: RequestRecord = {
		id: (context.newId ?? newRequestId)(),
		kind: input.operation.kind,
		operation: toStoredOperation(input.operation),
		requester: input.requester,
		reason: input.reason,
		status: "approved",
		requiredApprovals: 0,
		approvals: [],
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + RUN_NOW_RETENTION_MS).toISOString(),
		updatedAt: now.toISOString(),
		origin: input.origin,
		version: 0,
	};
	await context.store.create(record);
	return { record, operation: input.operation };
}

/**
 * How long a request that runs at once is kept before DynamoDB's TTL may remove it, counted with
 * the store's retention after `expiresAt`. It never waits for approvals, so its expiry only sets
 * when it is cleaned up.
 */
const RUN_NOW_RETENTION_MS = 60 * 60 * 1000;

/**
 * Records one approver's click. The stored request, not the button, defines the operation. The
 * policy is checked again at click time, so an approver removed since the request cannot approve it.
 */
export async function approveRequest(
	id: string,
	approverId: string,
	context: ApprovalContext,
): Promise<DecisionResult> {
	const loaded = await loadRequest(id, context, ["pending", "approved"]);
	if (loaded.kind !== "found") {
		return loaded.result;
	}
	const { request } = loaded;

	const refusal = await refuseUnlessApprover(request, approverId, context);
	if (refusal !== undefined) {
		return refusal;
	}
	if (request.record.status === "approved") {
		// The approvals are complete and the job is queued, or handing it over failed. The caller
		// may hand it over again; the run's claim makes sure it runs once.
		return { kind: "already", because: "status", request };
	}

	const now = clockOf(context)();
	const approval = await context.store.recordApproval(
		id,
		{ userId: approverId, at: now.toISOString() },
		now,
	);
	return afterApproval(approval, request, context);
}

async function afterApproval(
	approval: ApprovalResult,
	request: RequestView,
	context: ApprovalContext,
): Promise<DecisionResult> {
	if (approval.kind === "not_found") {
		return { kind: "not_found" };
	}
	if (approval.kind === "unchanged") {
		// A lost response can make this click's own completing approval look like a duplicate. The
		// request then stays approved, and a later click on the card hands it to the worker again.
		return {
			kind: "already",
			because: approval.because,
			request: { ...request, record: approval.record },
		};
	}
	if (!approval.complete) {
		return {
			kind: "recorded",
			request: { ...request, record: approval.record },
		};
	}

	context.log.info("Request approved", {
		requestId: request.record.id,
		operation: request.record.kind,
	});
	return { kind: "approved", request: { ...request, record: approval.record } };
}

/** Rejects a pending request on behalf of someone the policy lists as an approver. */
export async function rejectRequest(
	id: string,
	approverId: string,
	reason: string,
	context: ApprovalContext,
): Promise<DecisionResult> {
	const loaded = await loadRequest(id, context);
	if (loaded.kind !== "found") {
		return loaded.result;
	}
	const { request } = loaded;

	const refusal = await refuseUnlessApprover(request, approverId, context);
	if (refusal !== undefined) {
		return refusal;
	}

	const result = await context.store.reject(id, {
		userId: approverId,
		at: clockOf(context)().toISOString(),
		reason,
	});
	if (result.kind !== "changed") {
		return already(result, request);
	}
	context.log.info("Request rejected", { requestId: id, approver: approverId });
	return { kind: "rejected", request: { ...request, record: result.record } };
}

/** Cancels a request that has not started running, on behalf of its requester only. */
export async function cancelRequest(
	id: string,
	userId: string,
	context: ApprovalContext,
): Promise<DecisionResult> {
	const loaded = await loadRequest(id, context, ["pending", "approved"]);
	if (loaded.kind !== "found") {
		return loaded.result;
	}
	const { request } = loaded;

	const result = await context.store.cancel(id, {
		userId,
		at: clockOf(context)().toISOString(),
	});
	if (result.kind === "unchanged" && result.because === "not_requester") {
		return {
			kind: "refused",
			reason: "not_requester",
			request: { ...request, record: result.record },
		};
	}
	if (result.kind !== "changed") {
		return already(result, request);
	}
	context.log.info("Request cancelled", { requestId: id });
	return { kind: "cancelled", request: { ...request, record: result.record } };
}

/** Records how the approved operation ended: `errorCode` is an OperationError code on failure. */
export async function finishRequest(
	id: string,
	result: { ok: true } | { ok: false; errorCode: string },
	context: ApprovalContext,
): Promise<RequestRecord | undefined> {
	const at = clockOf(context)().toISOString();
	const finished = await context.store.finish(
		id,
		result.ok ? "succeeded" : "failed",
		result.ok ? { at } : { at, errorCode: result.errorCode },
	);
	if (finished.kind !== "changed") {
		context.log.warn("Finishing a request changed nothing", {
			requestId: id,
			result: finished.kind,
		});
		return finished.kind === "unchanged" ? finished.record : undefined;
	}
	return finished.record;
}

/**
 * Loads a request for a click. A pending request past its expiry is marked expired first, so the
 * click gets the reply of any finished request.
 */
async function loadRequest(
	id: string,
	context: ApprovalContext,
	decidable: readonly RequestRecord["status"][] = ["pending"],
): Promise<
	| { kind: "found"; request: RequestView }
	| { kind: "done"; result: DecisionResult }
> {
	const record = await context.store.get(id);
	if (record === undefined) {
		return { kind: "done", result: { kind: "not_found" } };
	}
	const operation = parseStoredOperation(record.operation);
	if (operation === undefined) {
		context.log.error("Stored request has an invalid operation", {
			requestId: id,
			kind: record.kind,
		});
		return { kind: "done", result: { kind: "not_found" } };
	}

	const request = { record, operation };
	const now = clockOf(context)();
	if (
		record.status === "pending" &&
		now.getTime() >= Date.parse(record.expiresAt)
	) {
		const expired = await context.store.expire(id, now);
		const latest = expired.kind === "not_found" ? record : expired.record;
		return {
			kind: "done",
			result: {
				kind: "already",
				because: "expired",
				request: { ...request, record: latest },
			},
		};
	}
	if (!decidable.includes(record.status)) {
		return {
			kind: "done",
			result: { kind: "already", because: "status", request },
		};
	}
	return { kind: "found", request };
}

/**
 * Returns the refusal for someone the current policy does not let decide this request, or
 * undefined when they may. A requester's own decision never counts, even where the policy allows it.
 */
async function refuseUnlessApprover(
	request: RequestView,
	approverId: string,
	context: ApprovalContext,
): Promise<DecisionResult | undefined> {
	const check = await checkApprover(
		context.policy,
		request.operation,
		request.record.requester,
		approverId,
		context.directory,
	);
	if (check.allowed && check.counts) {
		return undefined;
	}
	return {
		kind: "refused",
		reason: check.reason === "self" ? "self" : "not_approver",
		request,
	};
}

function already(
	result: TransitionResult,
	request: RequestView,
): DecisionResult {
	if (result.kind === "not_found") {
		return { kind: "not_found" };
	}
	if (result.kind === "changed") {
		return {
			kind: "already",
			because: "status",
			request: { ...request, record: result.record },
		};
	}
	const because =
		result.because === "expired" || result.because === "duplicate"
			? result.because
			: "status";
	return {
		kind: "already",
		because,
		request: { ...request, record: result.record },
	};
}

function clockOf(context: ApprovalContext): () => Date {
	return context.clock ?? (() => new Date());
}

/** 128 random bits, so a request id cannot be guessed from another. */
function newRequestId(): string {
	return randomBytes(16).toString("base64url");
}
