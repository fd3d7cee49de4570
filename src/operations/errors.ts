/**
 * Reason an operation failed, as a code the Slack layer turns into a message from the
 * catalog. `params` carries the values that message names; it never carries a secret.
 */
export type OperationErrorCode =
	| "registry_not_found"
	| "registry_ambiguous"
	| "registry_label_taken"
	| "access_level_rejected"
	| "user_exists"
	| "user_not_found"
	| "user_busy"
	| "request_limit"
	| "invalid_request"
	| "sakura_unauthorized"
	| "sakura_unavailable"
	| "sakura_timeout"
	| "sakura_failed"
	| "credentials_undelivered"
	/** Every delivery of the worker's job failed, so the operation may be half done. */
	| "job_failed"
	/** An extension names a registry user the bot holds no active credential for. */
	| "grant_not_found";

export class OperationError extends Error {
	constructor(
		readonly code: OperationErrorCode,
		readonly params: Record<string, string> = {},
		options?: { cause?: unknown },
	) {
		super(`${code} ${JSON.stringify(params)}`, options);
		this.name = "OperationError";
	}
}
