/**
 * Slack did not confirm the direct message that carries credentials. `code` is Slack's error code
 * (`channel_not_found`, `user_not_found`), `rate_limited`, `http_<status>`, `timeout` or
 * `request_failed`.
 */
export class DmDeliveryError extends Error {
	constructor(
		readonly code: string,
		readonly userId: string,
		options?: { cause?: unknown },
	) {
		super(`Direct message to ${userId} failed: ${code}`, options);
		this.name = "DmDeliveryError";
	}
}

/** A post to a command's `response_url` failed or timed out. The URL itself is not in the message. */
export class ResponseUrlError extends Error {
	constructor(
		/** `http_<status>`, `timeout` or `request_failed`. */
		readonly code: string,
		options?: { cause?: unknown },
	) {
		super(`Posting to the response_url failed: ${code}`, options);
		this.name = "ResponseUrlError";
	}
}
