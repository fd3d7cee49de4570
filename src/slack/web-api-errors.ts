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
