import { z } from "zod";
import { SakuraApiError } from "./errors";

/** SAKURA's standard error body; every field is required in its published schema. */
const errorBodySchema = z.object({
	is_fatal: z.boolean().optional(),
	serial: z.string().default(""),
	status: z.string().optional(),
	error_code: z.string(),
	error_msg: z.string().default(""),
});

/** Maximum length, in characters, of the part of a non-JSON error body copied into an error message. */
const SNIPPET_LENGTH = 120;

/**
 * Builds the typed error for a response with a status outside 200, 201, 202 and 204.
 * A body in SAKURA's error format gives its code, serial and message. Any other body gives an empty
 * code and the body's first characters on one line, so that a proxy or maintenance page is
 * recognisable without copying the whole page into logs.
 */
export function toApiError(
	status: number,
	text: string,
	method: string,
	path: string,
): SakuraApiError {
	const parsed = errorBodySchema.safeParse(parseJsonOrUndefined(text));
	if (parsed.success) {
		const body = parsed.data;
		return new SakuraApiError(
			status,
			body.error_code,
			body.serial,
			body.error_msg,
			method,
			path,
		);
	}

	return new SakuraApiError(status, "", "", snippet(text), method, path);
}

function parseJsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function snippet(text: string): string {
	const oneLine = text.replace(/[\s\p{Cc}]+/gu, " ").trim();
	if (oneLine === "") {
		return "(empty body)";
	}
	if (oneLine.length <= SNIPPET_LENGTH) {
		return oneLine;
	}
	return `${oneLine.slice(0, SNIPPET_LENGTH)}…`;
}
