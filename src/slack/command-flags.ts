import type { ValueResult } from "./command-values";
import type { Token } from "./tokenize";

export type FlagName =
	| "--permission"
	| "--domain"
	| "--description"
	| "--user"
	| "--reason"
	| "--ttl";

/** A flag a command accepts, with the example value its error messages show. */
export interface FlagSpec {
	name: FlagName;
	example: string;
}

/** Short and abbreviated spellings that the savac CLI accepts. */
const FLAG_ALIASES: Readonly<Record<string, FlagName>> = {
	"-u": "--user",
	"--perm": "--permission",
};

const HELP_FLAGS = new Set(["-h", "--help"]);

export interface CommandArguments {
	positionals: string[];
	flags: Partial<Record<FlagName, string>>;
}

/**
 * Rewrites a leading em dash or en dash as `--`. macOS and phone keyboards turn a typed `--` into
 * a dash character, so `—user` is what many people send for `--user`.
 */
export function normalizeDashes(word: string): string {
	return word.replace(/^[\u2013\u2014]/, "--");
}

/** Returns true for an unquoted word that names a flag: a dash followed by anything. */
function isFlagWord(token: Token): boolean {
	const word = normalizeDashes(token.text);
	return !token.quoted && word.length > 1 && word.startsWith("-");
}

/** Returns true for an unquoted `-h` or `--help`, the help flags. */
export function isHelpFlag(token: Token): boolean {
	return !token.quoted && HELP_FLAGS.has(normalizeDashes(token.text));
}

/** `--reason`, which every command accepts: why the requester needs it, shown to approvers. */
export const REASON_FLAG: FlagSpec = {
	name: "--reason",
	example: '"deploy from CI"',
};

/**
 * Separates the words after a command into positional arguments and flag values. Flags may come
 * in any position, as `--flag value` or `--flag=value`. A quoted word is always a value, so a
 * value that starts with a dash must be quoted. Rejects unknown and repeated flags and flags
 * without a value, naming the flag.
 */
export function splitArguments(
	tokens: readonly Token[],
	command: string,
	accepted: readonly FlagSpec[],
): ValueResult<CommandArguments> {
	const positionals: string[] = [];
	const flags: Partial<Record<FlagName, string>> = {};
	let index = 0;

	while (index < tokens.length) {
		const token = tokens[index];
		index += 1;

		if (!isFlagWord(token)) {
			positionals.push(token.text);
			continue;
		}

		const word = normalizeDashes(token.text);
		const equals = word.indexOf("=");
		const typedName = equals === -1 ? word : word.slice(0, equals);
		const spec = accepted.find(
			(flag) => flag.name === (FLAG_ALIASES[typedName] ?? typedName),
		);

		if (spec === undefined) {
			return unknownFlag(command, typedName, accepted);
		}
		if (flags[spec.name] !== undefined) {
			return fail("parse.repeated_flag", { flag: spec.name });
		}

		let value = "";
		if (equals !== -1) {
			value = word.slice(equals + 1);
		} else if (index < tokens.length && !isFlagWord(tokens[index])) {
			value = tokens[index].text;
			index += 1;
		}
		if (value.trim() === "") {
			return fail("parse.flag_value_missing", {
				flag: spec.name,
				example: spec.example,
			});
		}
		flags[spec.name] = value;
	}

	return { ok: true, value: { positionals, flags } };
}

function unknownFlag(
	command: string,
	flag: string,
	accepted: readonly FlagSpec[],
): ValueResult<CommandArguments> {
	const validFlags = accepted.map((spec) => spec.name).join(", ");
	return fail("parse.unknown_flag", { command, flag, validFlags });
}

function fail(
	key:
		| "parse.repeated_flag"
		| "parse.flag_value_missing"
		| "parse.unknown_flag",
	params: Record<string, string>,
): ValueResult<CommandArguments> {
	return { ok: false, failure: { key, params } };
}
