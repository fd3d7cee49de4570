/** A write that needs an existing request found no item with this id. */
export class RequestNotFoundError extends Error {
	constructor(readonly id: string) {
		super(`No request with id ${id} exists`);
		this.name = "RequestNotFoundError";
	}
}

/**
 * A record that the store rejects, because a field breaks a rule the conditional writes
 * rely on (for example a date that does not compare correctly as a string).
 */
export class InvalidRequestRecordError extends Error {
	constructor(
		readonly id: string,
		readonly field: string,
		detail: string,
	) {
		super(`Request ${id} has an invalid ${field}: ${detail}`);
		this.name = "InvalidRequestRecordError";
	}
}

/** An item in the table that does not have the shape of a request record. */
export class StoredRequestInvalidError extends Error {
	constructor(
		readonly id: string,
		detail: string,
	) {
		super(`The stored request ${id} is malformed: ${detail}`);
		this.name = "StoredRequestInvalidError";
	}
}

/**
 * Every attempt to record an approval lost the optimistic version check to another write. The
 * approval was not recorded, so the approver can click again.
 */
export class ApprovalConflictError extends Error {
	constructor(
		readonly id: string,
		readonly attempts: number,
	) {
		super(
			`Could not record the approval of request ${id}: other writes changed it during all ${attempts} attempts. Try again.`,
		);
		this.name = "ApprovalConflictError";
	}
}
