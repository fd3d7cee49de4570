import {
	formatDuration,
	MAX_LIFETIME_SECONDS,
	parseDurationSeconds,
} from "../operations/grants/lifetime";
import {
	DESCRIPTION_MAX_LENGTH,
	isValidSubdomainLabel,
	isValidUsername,
	isValidVirtualDomain,
	SUBDOMAIN_LABEL_MAX_LENGTH,
	USERNAME_MAX_LENGTH,
} from "../operations/validation";
import type { AccessLevel, UserPermission } from "../sakura/types";
import type { ParseFailure } from "./grammar";

export type ValueResult<T> =
	| { ok: true; value: T }
	| { ok: false; failure: ParseFailure };

/**
 * Maximum length of a registry reference. SAKURA's official clients limit a registry's display
 * name to 64 characters, and IDs and subdomain labels are shorter.
 */
export const REGISTRY_REFERENCE_MAX_LENGTH = 64;

const NON_ASCII = /[^\p{ASCII}]/u;
const CONTROL_CHARACTER = /\p{Cc}/u;
const UPPERCASE = /[A-Z]/;

function ok<T>(value: T): ValueResult<T> {
	return { ok: true, value };
}

function fail<T>(
	key: ParseFailure["key"],
	params: Record<string, string> = {},
): ValueResult<T> {
	return { ok: false, failure: { key, params } };
}

/** Returns the NFKC form in lowercase, which maps full-width letters and digits from Japanese input to ASCII. */
function halfWidthSuggestion(value: string): string {
	return value.normalize("NFKC").toLowerCase();
}

/**
 * Checks the name of a new registry. The name is also its subdomain label, so it follows the
 * DNS label rule in `operations/validation`; the checks before it only choose a helpful message.
 */
export function parseRegistryName(value: string): ValueResult<string> {
	const length = Array.from(value).length;
	if (length > SUBDOMAIN_LABEL_MAX_LENGTH) {
		return fail("parse.name_too_long", {
			length: String(length),
			max: String(SUBDOMAIN_LABEL_MAX_LENGTH),
		});
	}
	if (isValidSubdomainLabel(value)) {
		return ok(value);
	}

	if (NON_ASCII.test(value)) {
		const suggestion = halfWidthSuggestion(value);
		if (isValidSubdomainLabel(suggestion)) {
			return fail("parse.name_full_width", { value, suggestion });
		}
		return fail("parse.name_non_ascii", { value });
	}
	if (UPPERCASE.test(value) && isValidSubdomainLabel(value.toLowerCase())) {
		return fail("parse.name_uppercase", {
			value,
			suggestion: value.toLowerCase(),
		});
	}
	return fail("parse.name_invalid", { value });
}

/**
 * Checks a reference to an existing registry: its name, subdomain label or decimal ID. Names set
 * in SAKURA's control panel may contain any characters, so only the length and control
 * characters are checked here; SAKURA decides whether a registry matches.
 */
export function parseRegistryReference(value: string): ValueResult<string> {
	const length = Array.from(value).length;
	if (length > REGISTRY_REFERENCE_MAX_LENGTH) {
		return fail("parse.reference_too_long", {
			length: String(length),
			max: String(REGISTRY_REFERENCE_MAX_LENGTH),
		});
	}
	if (CONTROL_CHARACTER.test(value)) {
		return fail("parse.reference_invalid", {
			value: value.replace(/\p{Cc}/gu, " "),
		});
	}
	return ok(value);
}

/** Returns true when `value` is accepted by `parseRegistryReference`. */
export function isValidRegistryReference(value: string): boolean {
	return value.trim().length > 0 && parseRegistryReference(value).ok;
}

/** Checks a registry user name against the rule in `operations/validation`. */
export function parseUsername(value: string): ValueResult<string> {
	const length = Array.from(value).length;
	if (length > USERNAME_MAX_LENGTH) {
		return fail("parse.username_too_long", {
			length: String(length),
			max: String(USERNAME_MAX_LENGTH),
		});
	}
	if (isValidUsername(value)) {
		return ok(value);
	}

	if (NON_ASCII.test(value)) {
		const suggestion = halfWidthSuggestion(value);
		if (isValidUsername(suggestion)) {
			return fail("parse.username_full_width", { value, suggestion });
		}
		return fail("parse.username_non_ascii", { value });
	}
	if (UPPERCASE.test(value) && isValidUsername(value.toLowerCase())) {
		return fail("parse.username_uppercase", {
			value,
			suggestion: value.toLowerCase(),
		});
	}
	return fail("parse.username_invalid", { value });
}

/**
 * Checks the access level of a new registry, case-insensitively. `readwrite` gets its own message
 * because SAKURA removed it in 2026. `readonly` passes: SAKURA decides whether it still accepts it.
 */
export function parseAccessLevel(value: string): ValueResult<AccessLevel> {
	const level = value.toLowerCase();
	if (level === "none" || level === "readonly") {
		return ok(level);
	}
	if (level === "readwrite") {
		return fail("parse.access_level_readwrite_removed");
	}
	return fail("parse.access_level_invalid", { value });
}

/** Checks a registry user's permission, case-insensitively. */
export function parseUserPermission(
	value: string,
): ValueResult<UserPermission> {
	const permission = value.toLowerCase();
	if (
		permission === "readonly" ||
		permission === "readwrite" ||
		permission === "all"
	) {
		return ok(permission);
	}
	return fail("parse.user_permission_invalid", { value });
}

/**
 * Checks a credential lifetime such as `8h` or `3d` against the cap of its permission, from the
 * policy when given, else the default caps.
 * @returns the lifetime in seconds.
 */
export function parseLifetime(
	value: string,
	permission: UserPermission,
	capsHours?: Readonly<Record<UserPermission, number>>,
): ValueResult<number> {
	const seconds = parseDurationSeconds(value);
	if (seconds === undefined) {
		return fail("parse.ttl_invalid", { value });
	}
	const cap =
		capsHours === undefined
			? MAX_LIFETIME_SECONDS[permission]
			: capsHours[permission] * 3_600;
	if (seconds > cap) {
		return fail("parse.ttl_too_long", {
			value,
			permission,
			max: formatDuration(cap),
		});
	}
	return ok(seconds);
}

/** Checks a custom domain and returns it in lowercase, the form DNS compares. */
export function parseVirtualDomain(value: string): ValueResult<string> {
	if (isValidVirtualDomain(value)) {
		return ok(value.toLowerCase());
	}
	return fail("parse.domain_invalid", { value });
}

/** Checks a registry description against SAKURA's 512-character limit. */
export function parseDescription(value: string): ValueResult<string> {
	if (value.length > DESCRIPTION_MAX_LENGTH) {
		return fail("parse.description_too_long", {
			length: String(value.length),
			max: String(DESCRIPTION_MAX_LENGTH),
		});
	}
	return ok(value);
}

/** Maximum length of a request's reason in code points; it is shown on the approval card. */
export const REASON_MAX_LENGTH = 500;

/**
 * Returns true for control characters other than a line break, and for the Unicode bidirectional
 * marks, embeddings, overrides and isolates, which could hide or reorder text on a card.
 */
function isUnsafeTextCharacter(character: string): boolean {
	const code = character.codePointAt(0) ?? 0;
	const control =
		(code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
	const bidi =
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069);
	return control || bidi;
}

/** Checks the reason given with `--reason`, counting code points so Japanese text is not penalised. */
export function parseReason(value: string): ValueResult<string> {
	const reason = Array.from(value)
		.filter((character) => !isUnsafeTextCharacter(character))
		.join("")
		.trim();
	const length = Array.from(reason).length;
	if (length > REASON_MAX_LENGTH) {
		return fail("parse.reason_too_long", {
			length: String(length),
			max: String(REASON_MAX_LENGTH),
		});
	}
	return ok(reason);
}
