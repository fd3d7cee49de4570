import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { webApi } from "@slack/bolt";
import type { Log } from "../logging";
import { type WebClientSettings, webClientOptions } from "./web-client";

/** Bounds of the worker's retries after Slack answers HTTP 429 with `Retry-After`. */
export interface RateLimitRetry {
	/** Attempts of one Web API call, the first included. */
	maxAttempts: number;
	/**
	 * Milliseconds of `Retry-After` waiting allowed for one call, or for all calls inside one
	 * `withRateLimitBudget`. A `Retry-After` longer than what is left fails the call at once.
	 */
	maxWaitMs: number;
}

/**
 * The worker's bounds: 3 attempts and 20 s of waiting. The worker runs each job inside one
 * 20-second budget, so a job's Slack calls together wait at most 20 s. That leaves 40 s of the
 * worker's 60-second Lambda timeout (and 10 s of jobFailed's 30 s) for SAKURA and DynamoDB.
 */
export const WORKER_RATE_LIMIT_RETRY: RateLimitRetry = {
	maxAttempts: 3,
	maxWaitMs: 20_000,
};

/** Milliseconds of waiting left to the calls of one job. */
interface WaitBudget {
	remainingMs: number;
}

const budgetStorage = new AsyncLocalStorage<WaitBudget>();

/**
 * Runs `fn` with one waiting budget of `budgetMs` shared by every retrying Web API call that `fn`
 * makes or awaits, so that several rate-limited calls of one job cannot add up past it.
 */
export function withRateLimitBudget<T>(
	budgetMs: number,
	fn: () => Promise<T>,
): Promise<T> {
	return budgetStorage.run({ remainingMs: budgetMs }, fn);
}

/**
 * A Web API client that waits out Slack's HTTP 429 and tries again, within `RateLimitRetry`
 * bounds. The base client runs with `rejectRateLimitedCalls`, so it never sleeps by itself,
 * because its own sleep has no upper bound and pauses every queued call. Other errors (`ok: false`, HTTP 5xx,
 * timeouts) are raised at once, because a retried `chat.postMessage` may post twice.
 */
export class RateLimitRetryingWebClient extends webApi.WebClient {
	readonly #retry: RateLimitRetry;
	readonly #log: Log;

	constructor(
		token: string,
		options: webApi.WebClientOptions,
		retry: RateLimitRetry,
		log: Log,
	) {
		super(token, options);
		this.#retry = retry;
		this.#log = log;
	}

	/**
	 * Calls `method`, and after a 429 waits `Retry-After` seconds and calls again, while attempts
	 * and waiting budget last.
	 * @throws WebAPIRateLimitedError when Slack still returns 429 and the bounds are used up.
	 */
	override async apiCall(
		method: string,
		options?: Record<string, unknown>,
	): Promise<webApi.WebAPICallResult> {
		const budget = budgetStorage.getStore() ?? {
			remainingMs: this.#retry.maxWaitMs,
		};

		for (let attempt = 1; ; attempt++) {
			try {
				return await super.apiCall(method, options);
			} catch (error) {
				if (!(error instanceof webApi.WebAPIRateLimitedError)) {
					throw error;
				}
				const waitMs = error.retryAfter * 1000;
				const fields = {
					method,
					attempt,
					retryAfterSeconds: error.retryAfter,
					budgetLeftMs: budget.remainingMs,
				};
				if (attempt >= this.#retry.maxAttempts || waitMs > budget.remainingMs) {
					this.#log.warn(
						"Slack rate limit outlasted the retry bounds; the call failed",
						fields,
					);
					throw error;
				}

				this.#log.warn("Slack rate-limited a Web API call; retrying", fields);
				budget.remainingMs -= waitMs;
				await sleep(waitMs);
			}
		}
	}
}

/**
 * Creates the worker's Web API client: the HTTP path's options (no retries of errors, a timeout of
 * each attempt) plus waiting out HTTP 429 within `retry`.
 */
export function createWorkerWebClient(
	botToken: string,
	settings: WebClientSettings,
	retry: RateLimitRetry = WORKER_RATE_LIMIT_RETRY,
): webApi.WebClient {
	return new RateLimitRetryingWebClient(
		botToken,
		webClientOptions(settings),
		retry,
		settings.log,
	);
}
