import type { Dispatcher } from "undici";
import { toApiError } from "./error-body";
import { SakuraResponseError } from "./errors";
import type { ResolvedSakuraOptions } from "./options";
import { isRetryable, retryDelayMs, sleep } from "./retry";
import { type HttpMethod, type RawResponse, sendOnce } from "./transport";

/** Statuses SAKURA's official Go client treats as success. */
const SUCCESS_STATUSES: ReadonlySet<number> = new Set([200, 201, 202, 204]);

export interface SakuraRequest {
	method: HttpMethod;
	/** Path under `/api/cloud/1.1`, such as `/commonserviceitem/113701684393`, already encoded. */
	path: string;
	/** Query string without the `?`, already encoded. */
	query?: string;
	/** JSON request body. It may hold a password, so it never reaches a log or an error. */
	body?: unknown;
}

/**
 * Sends requests to the SAKURA Cloud API with its authentication and headers, a timeout per attempt,
 * and retries, and returns parsed JSON bodies.
 */
export class SakuraHttp {
	constructor(
		private readonly options: ResolvedSakuraOptions,
		private readonly dispatcher: Dispatcher,
	) {}

	/**
	 * Sends a request, retrying as `isRetryable` allows, and returns the parsed JSON body, or undefined
	 * for an empty body.
	 * @throws SakuraApiError for a non-success status after the last attempt.
	 * @throws SakuraTimeoutError or SakuraNetworkError when the last attempt got no complete response.
	 * @throws SakuraResponseError when a success response is not JSON.
	 */
	async send(request: SakuraRequest): Promise<unknown> {
		const response = await this.sendWithRetries(request);
		if (response.text.trim() === "") {
			return undefined;
		}

		try {
			return JSON.parse(response.text);
		} catch {
			throw new SakuraResponseError(
				request.method,
				request.path,
				`HTTP ${response.status} body is not JSON`,
			);
		}
	}

	/**
	 * Sends a request like `send` but ignores the success body, as SAKURA's Go client does for delete
	 * and for user changes, whose response bodies are not documented.
	 */
	async sendDiscardingBody(request: SakuraRequest): Promise<void> {
		await this.sendWithRetries(request);
	}

	private async sendWithRetries(request: SakuraRequest): Promise<RawResponse> {
		const { method, path } = request;
		const url =
			request.query === undefined
				? this.options.baseUrl + path
				: `${this.options.baseUrl}${path}?${request.query}`;
		const body =
			request.body === undefined ? undefined : JSON.stringify(request.body);
		const headers = this.headers(body !== undefined);

		for (let attempt = 1; ; attempt++) {
			let failure: { status?: number; error: unknown; retryAfter?: string };
			try {
				const response = await sendOnce({
					dispatcher: this.dispatcher,
					method,
					url,
					path,
					headers,
					body,
					timeoutMs: this.options.timeoutMs,
				});
				if (SUCCESS_STATUSES.has(response.status)) {
					return response;
				}
				failure = {
					status: response.status,
					error: toApiError(response.status, response.text, method, path),
					retryAfter: response.retryAfter,
				};
			} catch (error) {
				failure = { error };
			}

			if (
				attempt >= this.options.maxAttempts ||
				!isRetryable(method, failure)
			) {
				throw failure.error;
			}

			const delayMs = retryDelayMs(attempt, failure.retryAfter, this.options);
			this.options.logger.warn("Retrying SAKURA API request", {
				method,
				path,
				status: failure.status,
				error:
					failure.status === undefined ? errorName(failure.error) : undefined,
				attempt,
				maxAttempts: this.options.maxAttempts,
				delayMs,
			});
			await sleep(delayMs);
		}
	}

	private headers(hasBody: boolean): Record<string, string> {
		const headers: Record<string, string> = {
			authorization: this.options.authorization,
			accept: "application/json",
			"user-agent": this.options.userAgent,
			"x-requested-with": "XMLHttpRequest",
			// Makes SAKURA send 64-bit IDs as JSON numbers; the schemas accept strings as well.
			"x-sakura-bigint-as-int": "1",
		};
		if (hasBody) {
			headers["content-type"] = "application/json";
		}
		if (this.options.acceptLanguage !== undefined) {
			headers["accept-language"] = this.options.acceptLanguage;
		}
		return headers;
	}
}

function errorName(error: unknown): string {
	return error instanceof Error ? error.name : typeof error;
}
