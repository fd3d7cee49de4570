/** Base class of every error the SAKURA client raises. */
export class SakuraError extends Error {}

/**
 * An error response from the SAKURA Cloud API, carrying the fields of its standard error body
 * (`{is_fatal, serial, status, error_code, error_msg}`).
 */
export class SakuraApiError extends SakuraError {
	constructor(
		readonly status: number,
		/** SAKURA's snake_case code such as `bad_request`, `not_found` or `conflict`; empty when the body was not JSON. */
		readonly errorCode: string,
		/** 32-hex-character trace id that SAKURA support asks for. */
		readonly serial: string,
		/** `error_msg` as SAKURA sent it, usually in Japanese. */
		readonly apiMessage: string,
		method: string,
		path: string,
	) {
		super(
			`SAKURA API ${method} ${path} failed with HTTP ${status} ${errorCode}: ${apiMessage}`,
		);
		this.name = "SakuraApiError";
	}
}

/** A request that got no complete response within the client's timeout. */
export class SakuraTimeoutError extends SakuraError {
	constructor(
		readonly method: string,
		readonly path: string,
		readonly timeoutMs: number,
	) {
		super(`SAKURA API ${method} ${path} timed out after ${timeoutMs} ms`);
		this.name = "SakuraTimeoutError";
	}
}

/** A connection failure before any response arrived (reset, refused, DNS). */
export class SakuraNetworkError extends SakuraError {
	constructor(
		readonly method: string,
		readonly path: string,
		options: { cause: unknown },
	) {
		super(
			`SAKURA API ${method} ${path} failed before a response arrived`,
			options,
		);
		this.name = "SakuraNetworkError";
	}
}

/** A response whose body did not match the expected schema. */
export class SakuraResponseError extends SakuraError {
	constructor(
		readonly method: string,
		readonly path: string,
		detail: string,
	) {
		super(
			`SAKURA API ${method} ${path} returned an unexpected body: ${detail}`,
		);
		this.name = "SakuraResponseError";
	}
}

/** No registry has the given ID, name or subdomain label. */
export class RegistryNotFoundError extends SakuraError {
	constructor(readonly registry: string) {
		super(`No registry matches "${registry}"`);
		this.name = "RegistryNotFoundError";
	}
}

/**
 * More than one registry has the given name. SAKURA does not document registry names as unique,
 * so a name alone cannot pick the registry to change; the subdomain label or the ID can.
 */
export class AmbiguousRegistryError extends SakuraError {
	constructor(
		readonly registry: string,
		readonly ids: readonly string[],
	) {
		super(
			`${ids.length} registries are named "${registry}" (IDs ${ids.join(", ")}); use the ID or the subdomain label`,
		);
		this.name = "AmbiguousRegistryError";
	}
}
