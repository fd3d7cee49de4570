import { type Dispatcher, request } from "undici";
import { SakuraNetworkError, SakuraTimeoutError } from "./errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Status, `Retry-After` and body of one HTTP response, as the retry loop uses them. */
export interface RawResponse {
	status: number;
	/** `Retry-After` header, when the server sent one. */
	retryAfter: string | undefined;
	/** The whole response body as text; empty for 204. */
	text: string;
}

export interface AttemptInput {
	dispatcher: Dispatcher;
	method: HttpMethod;
	url: string;
	/** Path without the query, used in error messages. */
	path: string;
	headers: Record<string, string>;
	body: string | undefined;
	timeoutMs: number;
}

/**
 * Sends one request and reads the whole response body.
 *
 * The timer covers the response headers and the body. When it fires, the request is aborted, which
 * makes undici destroy the socket, so a server that never responds does not keep a connection busy.
 * @throws SakuraTimeoutError when the timer fired first.
 * @throws SakuraNetworkError when the connection failed or closed before the body was complete.
 */
export async function sendOnce(input: AttemptInput): Promise<RawResponse> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), input.timeoutMs);

	try {
		const response = await request(input.url, {
			dispatcher: input.dispatcher,
			method: input.method,
			headers: input.headers,
			body: input.body,
			signal: controller.signal,
		});
		const text = await response.body.text();

		return {
			status: response.statusCode,
			retryAfter: singleHeader(response.headers["retry-after"]),
			text,
		};
	} catch (error) {
		if (controller.signal.aborted) {
			throw new SakuraTimeoutError(input.method, input.path, input.timeoutMs);
		}
		throw new SakuraNetworkError(input.method, input.path, { cause: error });
	} finally {
		clearTimeout(timer);
	}
}

function singleHeader(
	value: string | string[] | undefined,
): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}
