import type { Log } from "../../logging";
import type { RequestRecord, RequestStore } from "../../store/types";
import type { Directory, Policy } from "../policy";
import type { Operation, Requester } from "../types";

/** Dependencies of the request lifecycle: the store, the policy and the Slack directory. */
export interface ApprovalContext {
	store: RequestStore;
	policy: Policy;
	directory: Directory;
	log: Log;
	/** @default () => new Date() */
	clock?: () => Date;
	/** @default 128 random bits, base64url */
	newId?: () => string;
	/**
	 * Checks an operation before it waits for approvers, and throws an OperationError for one that
	 * cannot succeed (a missing registry, a taken label). It returns the operation to store, which may
	 * name its registry more readably. Not called for operations that run at once.
	 */
	precheck?: (operation: Operation) => Promise<Operation>;
	/**
	 * Counts a new request against its requester's limit and throws an OperationError
	 * `request_limit` past it. Only requests that wait for approval count, since only they notify
	 * approvers.
	 */
	admitRequest?: (requester: Requester) => Promise<void>;
}

/** A stored request with its operation checked against the operation schema. */
export interface RequestView {
	record: RequestRecord;
	operation: Operation;
}

export type SubmitResult =
	/** No approval needed: the caller runs the operation now. */
	| { kind: "run" }
	/** Stored and waiting for `requiredApprovals` distinct approvers. */
	| { kind: "pending"; request: RequestView }
	/** The policy does not let this person ask for this operation. */
	| { kind: "forbidden" };

/** Reason a click on an existing request changed nothing. */
export type RefusalReason =
	/** The requester cannot approve or reject their own request (or, where allowed, it does not count). */
	| "self"
	/** The policy does not list this person as an approver now. */
	| "not_approver"
	/** Only the requester may cancel. */
	| "not_requester";

export type DecisionResult =
	/** The approval counted and the request still waits for more. */
	| { kind: "recorded"; request: RequestView }
	/**
	 * The approvals are complete: this click completed them, or they were complete and no run has
	 * claimed the request yet. The caller hands the request to the worker, whose claim makes it run
	 * exactly once.
	 */
	| { kind: "approved"; request: RequestView }
	| { kind: "rejected"; request: RequestView }
	| { kind: "cancelled"; request: RequestView }
	| { kind: "refused"; reason: RefusalReason; request: RequestView }
	/** The request is finished, expired, or this person already decided: nothing changed. */
	| {
			kind: "already";
			because: "duplicate" | "status" | "expired";
			request: RequestView;
	  }
	/** No such request, or its stored operation is invalid. */
	| { kind: "not_found" };
