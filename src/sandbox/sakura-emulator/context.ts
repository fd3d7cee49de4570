import { badRequest } from "./errors";
import type { ValidationRules } from "./options";
import type { RegistryStore } from "./store";

/** Input of a handler: the parsed request and the emulator's state. */
export interface RequestContext {
	method: string;
	rawQuery: string;
	/** Request body as received, or an empty string for none. */
	rawBody: string;
	/** True when the client sent `X-Sakura-Bigint-As-Int: 1`, asking for IDs as JSON numbers. */
	bigintAsInt: boolean;
	store: RegistryStore;
	rules: ValidationRules;
}

/** A handler's response: status and a JSON body. */
export interface ApiResponse {
	status: number;
	body: unknown;
}

/** Parses a JSON request body. @throws EmulatorHttpError 400 when it is missing or not JSON. */
export function parseJsonBody(rawBody: string): unknown {
	if (rawBody.trim() === "") {
		throw badRequest("request body is missing");
	}
	try {
		return JSON.parse(rawBody);
	} catch {
		throw badRequest("request body is not JSON");
	}
}
