import { SakuraNetworkError, SakuraTimeoutError } from "./errors";

/**
 * HTTP statuses after which SAKURA did not do the work, so any method may be sent again.
 * SAKURA's official Go clients retry 423 (resource locked) and 503 (maintenance or overload), and its
 * newer saclient also retries 429 (rate limited).
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([423, 429, 503]);

/**
 * Decides whether a failed attempt may be repeated.
 *
 * A timeout or a lost connection leaves open whether the server applied the request, so only GET is
 * repeated after one: repeating a POST could create a second registry or user.
 */
export function isRetryable(
	method: string,
	failure: { status?: number; error?: unknown },
): boolean {
	if (failure.status !== undefined) {
		return RETRYABLE_STATUSES.has(failure.status);
	}

	const transportFailure =
		failure.error instanceof SakuraTimeoutError ||
		failure.error instanceof SakuraNetworkError;
	return transportFailure && method === "GET";
}

/**
 * Parses a `Retry-After` header into a wait in milliseconds.
 * Accepts delay-seconds or an HTTP date (RFC 9110 section 10.2.3); a date in the past gives 0.
 * Returns undefined for a missing or unparsable value.
 */
export function parseRetryAfterMs(
	value: string | undefined,
	nowMs: number,
): number | undefined {
	if (value === undefined) {
		return undefined;
	}

	const trimmed = value.trim();
	if (/^\d+$/.test(trimmed)) {
		return Number(trimmed) * 1_000;
	}

	// Every HTTP date format names the month in letters; this keeps Date.parse from reading "-5" as a year.
	const dateMs = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
	if (Number.isNaN(dateMs)) {
		return undefined;
	}
	return Math.max(0, dateMs - nowMs);
}

/**
 * Computes the wait before retry number `retry` (1 for the first retry): `baseMs * 2^(retry-1)`,
 * capped at `maxMs`, then scaled by a random factor between 0.5 and 1 so that clients that failed
 * together do not retry together.
 * @param random a number in [0, 1), `Math.random()` by default
 */
export function backoffDelayMs(
	retry: number,
	baseMs: number,
	maxMs: number,
	random = Math.random(),
): number {
	const exponential = Math.min(maxMs, baseMs * 2 ** (retry - 1));
	return Math.round(exponential * (0.5 + random / 2));
}

/**
 * Chooses the wait before retry number `retry`: the server's `Retry-After` when it sent a valid one,
 * otherwise the backoff; either way no more than `maxMs`.
 */
export function retryDelayMs(
	retry: number,
	retryAfter: string | undefined,
	policy: { retryBaseDelayMs: number; maxRetryDelayMs: number },
	nowMs = Date.now(),
): number {
	const requested = parseRetryAfterMs(retryAfter, nowMs);
	if (requested !== undefined) {
		return Math.min(requested, policy.maxRetryDelayMs);
	}
	return backoffDelayMs(retry, policy.retryBaseDelayMs, policy.maxRetryDelayMs);
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
