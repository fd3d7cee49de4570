import { webApi } from "@slack/bolt";

/**
 * Names a failed Slack Web API call in a few words for logs and error codes: Slack's own error code
 * (`channel_not_found`), `rate_limited`, `http_<status>`, `timeout` or `request_failed`. The error's
 * message and data are left out because an HTTP error carries the response body.
 */
export function describeSlackError(error: unknown): string {
	if (error instanceof webApi.WebAPIPlatformError) {
		return String(error.data.error);
	}
	if (error instanceof webApi.WebAPIRateLimitedError) {
		return `rate_limited (retry after ${error.retryAfter} s)`;
	}
	if (error instanceof webApi.WebAPIHTTPError) {
		return `http_${error.statusCode}`;
	}
	if (error instanceof webApi.WebAPIRequestError) {
		return isTimeout(error.original) ? "timeout" : "request_failed";
	}
	return error instanceof Error ? error.name : typeof error;
}

/**
 * Recognises the `TimeoutError` of `AbortSignal.timeout`. The client wraps an abort reason that is
 * not an `Error` of its own realm in `new Error(String(reason))`, which keeps the name only in the
 * message.
 */
function isTimeout(original: Error): boolean {
	return (
		original.name === "TimeoutError" ||
		original.message.startsWith("TimeoutError")
	);
}

/** Slack errors that mean the bot's token or scopes are wrong, which only an admin can fix. */
const ADMIN_SLACK_ERRORS = new Set([
	"invalid_auth",
	"not_authed",
	"account_inactive",
	"token_revoked",
	"token_expired",
	"missing_scope",
	"not_allowed_token_type",
	"no_permission",
]);

/** Slack errors after which the same call may go through later. */
const TRANSIENT_SLACK_ERROR =
	/^(rate_limited|ratelimited|http_5\d\d|timeout|request_failed|internal_error|fatal_error|service_unavailable)/;

/**
 * Sorts a code from `describeSlackError` by who can fix it: `admin` for the bot's token or scopes,
 * `retry` for a failure that may pass later, and `other` for the rest, such as a channel the bot
 * is not in.
 */
export function slackErrorRemedy(
	code: string | undefined,
): "admin" | "retry" | "other" {
	if (code === undefined) {
		return "other";
	}
	if (ADMIN_SLACK_ERRORS.has(code)) {
		return "admin";
	}
	return TRANSIENT_SLACK_ERROR.test(code) ? "retry" : "other";
}
