/**
 * Lifecycle of an access request. `pending` waits for approvals; `approved` has them all and waits
 * to run; `running` has been claimed by exactly one runner; the rest are final.
 */
export type RequestStatus =
	| "pending"
	| "approved"
	| "running"
	| "succeeded"
	| "failed"
	| "rejected"
	| "cancelled"
	| "expired";

export const FINAL_STATUSES: readonly RequestStatus[] = [
	"succeeded",
	"failed",
	"rejected",
	"cancelled",
	"expired",
];

export interface Decision {
	userId: string;
	/** ISO 8601 UTC. */
	at: string;
}

export interface RequestRecord {
	/** Random, unguessable id; the only thing a Slack button carries. */
	id: string;
	/** Operation kind such as `user.add`, copied out of `operation` for display and queries. */
	kind: string;
	/** The validated operation as JSON. It never contains a password, because one is generated only when the operation runs. */
	operation: Record<string, unknown>;
	requester: { userId: string; userName: string; teamId: string };
	reason: string;
	status: RequestStatus;
	requiredApprovals: number;
	approvals: Decision[];
	rejection?: Decision & { reason: string };
	cancellation?: Decision;
	/** ISO 8601 UTC. */
	createdAt: string;
	/** A pending request cannot be approved at or after this time. ISO 8601 UTC. */
	expiresAt: string;
	updatedAt: string;
	/** Channel and timestamp of the approval card, so it can be rewritten. */
	card?: { channelId: string; ts: string };
	/** Channel and response URL of the original request, for replies. */
	origin?: { channelId: string; responseUrl?: string };
	result?: { at: string; errorCode?: string };
	/** Token of the claim that moved the request to `running`, so a claimer can recognise its own write. */
	claimant?: string;
	/**
	 * Until when the current claim holds, ISO 8601 UTC. The run that holds it cannot outlive its
	 * Lambda timeout, so after this time a retried job may take the request over.
	 */
	leaseUntil?: string;
	/** How many runs have claimed the request: 1 for the first, more after a crashed run. */
	attempt?: number;
	/** Incremented on every write; conditional writes compare it. */
	version: number;
}

/** The outcome of a conditional state change. `record` is the state after the attempt. */
export type TransitionResult =
	| { kind: "changed"; record: RequestRecord }
	| { kind: "not_found" }
	| {
			kind: "unchanged";
			record: RequestRecord;
			/** `not_due`: `expire` was called before `expiresAt`. */
			because: "status" | "expired" | "duplicate" | "not_requester" | "not_due";
	  };

export type ApprovalResult =
	| { kind: "recorded"; record: RequestRecord; complete: boolean }
	| { kind: "not_found" }
	| {
			kind: "unchanged";
			record: RequestRecord;
			because: "status" | "expired" | "duplicate";
	  };

/** Requests in a store where every state change is one conditional write. */
export interface RequestStore {
	/** @throws RequestExistsError when the id is taken. */
	create(record: RequestRecord): Promise<void>;
	get(id: string): Promise<RequestRecord | undefined>;
	/**
	 * Adds one approval to a pending, unexpired request that this user has not yet approved. The write
	 * that brings the count to `requiredApprovals` also moves the request to `approved`, and exactly
	 * one caller sees `complete: true`.
	 */
	recordApproval(
		id: string,
		approval: Decision,
		now: Date,
	): Promise<ApprovalResult>;
	/** pending -> rejected. */
	reject(
		id: string,
		rejection: Decision & { reason: string },
	): Promise<TransitionResult>;
	/** pending or approved -> cancelled, only by the requester. */
	cancel(id: string, cancellation: Decision): Promise<TransitionResult>;
	/**
	 * approved -> running; exactly one caller gets `changed`, so the operation runs once. `claimant`
	 * is a token unique to the caller: when the write succeeded but its response was lost and the
	 * retry fails, the stored token shows the claim was this caller's, and it still gets `changed`.
	 */
	claim(
		id: string,
		at: Date,
		claimant: string,
		leaseUntil: Date,
	): Promise<TransitionResult>;
	/**
	 * running -> running under a new claim, only when `previousClaimant` still holds it and its lease
	 * ended at or before `at`: the run that held it stopped without recording an outcome.
	 */
	takeOver(
		id: string,
		at: Date,
		previousClaimant: string,
		claimant: string,
		leaseUntil: Date,
	): Promise<TransitionResult>;
	/** approved, or running under an ended lease -> failed, for a job whose every delivery failed. */
	abandon(id: string, at: Date, errorCode: string): Promise<TransitionResult>;
	/** running -> succeeded or failed. */
	finish(
		id: string,
		status: "succeeded" | "failed",
		result: { at: string; errorCode?: string },
	): Promise<TransitionResult>;
	/** The requests one person made, newest first, at most `limit`. */
	listByRequester(userId: string, limit: number): Promise<RequestRecord[]>;
	/** Every request that waits for approvals, oldest first. */
	listPending(): Promise<RequestRecord[]>;
	/** Ids of pending requests whose `expiresAt` is at or before `now`. */
	listPendingDue(now: Date): Promise<string[]>;
	/** pending -> expired, only at or after `expiresAt`. */
	expire(id: string, now: Date): Promise<TransitionResult>;
	/** Stores where the approval card lives; any status. */
	setCard(id: string, card: { channelId: string; ts: string }): Promise<void>;
}

export class RequestExistsError extends Error {
	constructor(readonly id: string) {
		super(`A request with id ${id} already exists`);
		this.name = "RequestExistsError";
	}
}
