import {
	SakuraApiError,
	SakuraNetworkError,
	SakuraTimeoutError,
} from "../../src/sakura/errors";
import {
	backoffDelayMs,
	isRetryable,
	parseRetryAfterMs,
	retryDelayMs,
} from "../../src/sakura/retry";

describe("parseRetryAfterMs", () => {
	const now = Date.parse("2026-06-01T00:00:00Z");

	it("reads delay-seconds", () => {
		expect(parseRetryAfterMs("3", now)).toBe(3_000);
		expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
	});

	it("reads an HTTP date", () => {
		expect(parseRetryAfterMs("Mon, 01 Jun 2026 00:00:05 GMT", now)).toBe(5_000);
	});

	it("treats a past date as no wait", () => {
		expect(parseRetryAfterMs("Sun, 31 May 2026 23:00:00 GMT", now)).toBe(0);
	});

	it("ignores missing and invalid values", () => {
		expect(parseRetryAfterMs(undefined, now)).toBeUndefined();
		expect(parseRetryAfterMs("soon", now)).toBeUndefined();
		expect(parseRetryAfterMs("-5", now)).toBeUndefined();
	});
});

describe("backoffDelayMs", () => {
	it("doubles per retry up to the cap", () => {
		expect(backoffDelayMs(1, 100, 1_000, 0.999999)).toBe(100);
		expect(backoffDelayMs(2, 100, 1_000, 0.999999)).toBe(200);
		expect(backoffDelayMs(3, 100, 1_000, 0.999999)).toBe(400);
		expect(backoffDelayMs(5, 100, 1_000, 0.999999)).toBe(1_000);
		expect(backoffDelayMs(40, 100, 1_000, 0.999999)).toBe(1_000);
	});

	it("applies jitter between half and all of the delay", () => {
		expect(backoffDelayMs(3, 100, 1_000, 0)).toBe(200);
		expect(backoffDelayMs(3, 100, 1_000, 0.5)).toBe(300);
	});
});

describe("retryDelayMs", () => {
	const policy = { retryBaseDelayMs: 100, maxRetryDelayMs: 2_000 };

	it("prefers Retry-After", () => {
		expect(retryDelayMs(1, "1", policy)).toBe(1_000);
	});

	it("caps Retry-After at the maximum", () => {
		expect(retryDelayMs(1, "120", policy)).toBe(2_000);
	});

	it("falls back to backoff without Retry-After", () => {
		const delay = retryDelayMs(2, undefined, policy);
		expect(delay).toBeGreaterThanOrEqual(100);
		expect(delay).toBeLessThanOrEqual(200);
	});
});

describe("isRetryable", () => {
	const timeout = new SakuraTimeoutError("POST", "/commonserviceitem", 10);
	const network = new SakuraNetworkError("POST", "/commonserviceitem", {
		cause: new Error("reset"),
	});
	const api = new SakuraApiError(500, "", "", "", "GET", "/commonserviceitem");

	it.each([423, 429, 503])("retries status %i for any method", (status) => {
		expect(isRetryable("POST", { status })).toBe(true);
		expect(isRetryable("GET", { status })).toBe(true);
	});

	it.each([400, 401, 404, 409, 500, 502])(
		"does not retry status %i",
		(status) => {
			expect(isRetryable("GET", { status })).toBe(false);
		},
	);

	it("retries a timeout or a lost connection only for GET", () => {
		expect(isRetryable("GET", { error: timeout })).toBe(true);
		expect(isRetryable("GET", { error: network })).toBe(true);
		expect(isRetryable("POST", { error: timeout })).toBe(false);
		expect(isRetryable("POST", { error: network })).toBe(false);
		expect(isRetryable("PUT", { error: network })).toBe(false);
		expect(isRetryable("DELETE", { error: timeout })).toBe(false);
	});

	it("does not retry other errors", () => {
		expect(isRetryable("GET", { error: api })).toBe(false);
		expect(isRetryable("GET", { error: new Error("bug") })).toBe(false);
	});
});
