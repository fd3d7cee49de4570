import type { Dispatcher } from "undici";

/**
 * The logger shape the client writes to. Powertools' `Logger` satisfies it. The client never passes
 * the Authorization header, the token secret, a password or a request body in `extra`.
 */
export interface SakuraLogger {
	debug(message: string, extra?: Record<string, unknown>): void;
	info(message: string, extra?: Record<string, unknown>): void;
	warn(message: string, extra?: Record<string, unknown>): void;
	error(message: string, extra?: Record<string, unknown>): void;
}

export interface SakuraClientOptions {
	/** API access token (a UUID), sent as the Basic auth user name. */
	accessToken: string;
	/** API access token secret, sent as the Basic auth password. */
	accessTokenSecret: string;
	/**
	 * API root URL without the zone. A trailing slash is removed.
	 * @default "https://secure.sakura.ad.jp/cloud/zone"
	 */
	rootUrl?: string;
	/**
	 * Zone in the URL path. Registries are global resources, so any zone returns the same registries.
	 * @default "is1a"
	 */
	zone?: string;
	/**
	 * Time limit of one attempt in milliseconds, from sending the request to reading the whole body.
	 * @default 10_000
	 */
	timeoutMs?: number;
	/**
	 * Maximum number of attempts per call, the first try included.
	 * @default 4
	 */
	maxAttempts?: number;
	/**
	 * Base of the exponential backoff in milliseconds: retry n waits about `base * 2^(n-1)`, with jitter.
	 * @default 1_000
	 */
	retryBaseDelayMs?: number;
	/**
	 * Maximum wait before a retry in milliseconds. It caps both the backoff and a `Retry-After` header.
	 * @default 8_000
	 */
	maxRetryDelayMs?: number;
	/** `Accept-Language` header value, such as `ja-JP` or `en-US`; SAKURA may localise `error_msg` by it. */
	acceptLanguage?: string;
	/**
	 * undici dispatcher for every request. By default the client creates one keep-alive `Agent` and
	 * closes it in `close()`; a dispatcher passed here is left open for its owner to close.
	 */
	dispatcher?: Dispatcher;
	/** Receives one warn line per retry. By default nothing is logged. */
	logger?: SakuraLogger;
	/** `User-Agent` header value. */
	userAgent?: string;
}

/** Options with every default applied, as the HTTP layer uses them. */
export interface ResolvedSakuraOptions {
	/** `{rootUrl}/{zone}/api/cloud/1.1`, without a trailing slash. */
	baseUrl: string;
	authorization: string;
	timeoutMs: number;
	maxAttempts: number;
	retryBaseDelayMs: number;
	maxRetryDelayMs: number;
	acceptLanguage: string | undefined;
	logger: SakuraLogger;
	userAgent: string;
}

export const DEFAULT_ROOT_URL = "https://secure.sakura.ad.jp/cloud/zone";
export const DEFAULT_ZONE = "is1a";
export const DEFAULT_USER_AGENT = "sakura-registry-slack-bot (undici)";

const silentLogger: SakuraLogger = {
	debug() {},
	info() {},
	warn() {},
	error() {},
};

/**
 * Applies the defaults and checks the numbers.
 * @throws RangeError when a credential is empty, the zone is not a plain path segment, or a number is
 *   out of range.
 */
export function resolveOptions(
	options: SakuraClientOptions,
): ResolvedSakuraOptions {
	if (options.accessToken === "" || options.accessTokenSecret === "") {
		throw new RangeError(
			"SAKURA access token and access token secret must not be empty",
		);
	}

	const zone = options.zone ?? DEFAULT_ZONE;
	if (!/^[a-z0-9-]+$/.test(zone)) {
		throw new RangeError(
			`Invalid SAKURA zone "${zone}": expected a name such as is1a or tk1b`,
		);
	}

	const rootUrl = (options.rootUrl ?? DEFAULT_ROOT_URL).replace(/\/+$/, "");
	const credentials = `${options.accessToken}:${options.accessTokenSecret}`;

	const resolved: ResolvedSakuraOptions = {
		baseUrl: `${rootUrl}/${zone}/api/cloud/1.1`,
		authorization: `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`,
		timeoutMs: options.timeoutMs ?? 10_000,
		maxAttempts: options.maxAttempts ?? 4,
		retryBaseDelayMs: options.retryBaseDelayMs ?? 1_000,
		maxRetryDelayMs: options.maxRetryDelayMs ?? 8_000,
		acceptLanguage: options.acceptLanguage,
		logger: options.logger ?? silentLogger,
		userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
	};

	requirePositiveInteger("timeoutMs", resolved.timeoutMs);
	requirePositiveInteger("maxAttempts", resolved.maxAttempts);
	requireNonNegative("retryBaseDelayMs", resolved.retryBaseDelayMs);
	requireNonNegative("maxRetryDelayMs", resolved.maxRetryDelayMs);
	return resolved;
}

function requirePositiveInteger(name: string, value: number): void {
	if (!Number.isInteger(value) || value < 1) {
		throw new RangeError(
			`SAKURA client option ${name} must be a positive integer, got ${value}`,
		);
	}
}

function requireNonNegative(name: string, value: number): void {
	if (!Number.isFinite(value) || value < 0) {
		throw new RangeError(
			`SAKURA client option ${name} must be zero or more, got ${value}`,
		);
	}
}
