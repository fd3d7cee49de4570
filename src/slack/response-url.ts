import { ResponseUrlError } from "./errors";

/**
 * Time limit for one `response_url` post in milliseconds. It keeps a slow Slack from holding the
 * Lambda invocation; Slack does not publish a limit of its own.
 */
export const RESPONSE_URL_TIMEOUT_MS = 2_500;

/**
 * Posts a message to a command's or an interaction's `response_url` as JSON. Slack shows it only to
 * the user who acted because `response_type` is `ephemeral`. After a button click,
 * `replace_original` chooses between replacing the clicked message and adding a new one. Slack
 * accepts up to 5 posts to one URL within 30 minutes.
 * @throws ResponseUrlError on a non-2xx status, a timeout or a connection failure.
 */
export async function postToResponseUrl(
	responseUrl: string,
	message: { text: string; blocks?: unknown[]; replace_original?: boolean },
	timeoutMs = RESPONSE_URL_TIMEOUT_MS,
): Promise<void> {
	let response: Response;
	try {
		response = await fetch(responseUrl, {
			method: "POST",
			headers: { "Content-Type": "application/json; charset=utf-8" },
			body: JSON.stringify({ response_type: "ephemeral", ...message }),
			signal: AbortSignal.timeout(timeoutMs),
			redirect: "error",
		});
	} catch (error) {
		// The abort reason is a DOMException, which is not always an `Error` of this realm.
		const code =
			(error as { name?: unknown } | null)?.name === "TimeoutError"
				? "timeout"
				: "request_failed";
		throw new ResponseUrlError(code, { cause: error });
	}

	// The body is read so that the connection can be reused; its text is not needed.
	await response.arrayBuffer().catch(() => undefined);
	if (!response.ok) {
		throw new ResponseUrlError(`http_${response.status}`);
	}
}
