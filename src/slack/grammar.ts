import type { MessageKey } from "../i18n";
import type { Operation, Requester } from "../operations/types";
import { deriveUsername } from "../operations/username";
import {
	type CommandArguments,
	type FlagSpec,
	isHelpFlag,
	normalizeDashes,
	REASON_FLAG,
	splitArguments,
} from "./command-flags";
import {
	parseAccessLevel,
	parseDescription,
	parseLifetime,
	parseReason,
	parseRegistryName,
	parseRegistryReference,
	parseUsername,
	parseUserPermission,
	parseVirtualDomain,
	type ValueResult,
} from "./command-values";
import { decodeSlackText, type Token, tokenize } from "./tokenize";

/**
 * Why a command line was rejected: a catalog key, the values its message names, and the usage
 * line of the command it concerns when one was recognised.
 */
export type ParseFailure = {
	key: MessageKey;
	params: Record<string, string>;
	usage?: MessageKey;
};

export type ParsedCommand =
	| {
			kind: "operation";
			operation: Operation;
			/** The requester's reason from `--reason`, absent when not given. */
			reason?: string;
	  }
	| { kind: "help" }
	/** `mine`: list the requester's own credentials, read from the bot's store. */
	| { kind: "mine" }
	| { kind: "invalid"; failure: ParseFailure };

/**
 * Maximum length of the command text, in Unicode code points. The longest valid command (a
 * 63-character name, a 253-character domain, a 512-character description and a 500-character
 * reason) fits, and the limit bounds the work the tokenizer does.
 */
export const COMMAND_TEXT_MAX_LENGTH = 1500;

interface CommandSpec {
	/** The command words as the user types them, e.g. `user add`. */
	name: string;
	usage: MessageKey;
	/** Names of the positional arguments, as the usage line writes them. */
	arguments: readonly string[];
	/** The command's own flags; `--reason` is accepted by every command on top of these. */
	flags: readonly FlagSpec[];
	build(values: CommandArguments, requester: Requester): ValueResult<Operation>;
}

const USER_FLAG: FlagSpec = { name: "--user", example: "alice" };
const TTL_FLAG: FlagSpec = { name: "--ttl", example: "3d" };

/**
 * The lifetime `--ttl` accepts for any permission before the policy is known: no bound, so that a
 * refusal names the policy's own cap for the permission.
 */
export const LONGEST_LIFETIME_HOURS = {
	readonly: Number.POSITIVE_INFINITY,
	readwrite: Number.POSITIVE_INFINITY,
	all: Number.POSITIVE_INFINITY,
} as const;

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
	list: {
		name: "list",
		usage: "usage.list",
		arguments: [],
		flags: [],
		build: () => ({ ok: true, value: { kind: "registry.list" } }),
	},
	show: {
		name: "show",
		usage: "usage.show",
		arguments: ["<name|id>"],
		flags: [],
		build: ({ positionals }) =>
			map(parseRegistryReference(positionals[0]), (registry) => ({
				kind: "registry.show",
				registry,
			})),
	},
	create: {
		name: "create",
		usage: "usage.create",
		arguments: ["<name>"],
		flags: [
			{ name: "--permission", example: "none" },
			{ name: "--domain", example: "registry.example.com" },
			{ name: "--description", example: '"team images"' },
		],
		build: buildCreate,
	},
	delete: {
		name: "delete",
		usage: "usage.delete",
		arguments: ["<name|id>"],
		flags: [],
		build: ({ positionals }) =>
			map(parseRegistryReference(positionals[0]), (registry) => ({
				kind: "registry.delete",
				registry,
			})),
	},
};

/** Commands about one's own credentials, which the bot issues with an owner and an end. */
const GRANT_COMMANDS: Readonly<Record<string, CommandSpec>> = {
	access: {
		name: "access",
		usage: "usage.access",
		arguments: ["<registry>"],
		flags: [{ name: "--permission", example: "readonly" }, TTL_FLAG],
		build: buildUserAdd,
	},
	audit: {
		name: "audit",
		usage: "usage.audit",
		arguments: ["<registry>"],
		flags: [],
		build: ({ positionals }) =>
			map(parseRegistryReference(positionals[0]), (registry) => ({
				kind: "user.audit",
				registry,
			})),
	},
	revoke: {
		name: "revoke",
		usage: "usage.revoke",
		arguments: ["<registry>"],
		flags: [USER_FLAG],
		build: (values) =>
			map(buildUserChange(values, "revoke", "user.delete"), (operation) => ({
				...(operation as Extract<Operation, { kind: "user.delete" }>),
				revoke: true,
			})),
	},
};

const USER_COMMANDS: Readonly<Record<string, CommandSpec>> = {
	add: {
		name: "user add",
		usage: "usage.user_add",
		arguments: ["<registry>"],
		flags: [USER_FLAG, { name: "--permission", example: "readonly" }, TTL_FLAG],
		build: buildUserAdd,
	},
	list: {
		name: "user list",
		usage: "usage.user_list",
		arguments: ["<registry>"],
		flags: [],
		build: ({ positionals }) =>
			map(parseRegistryReference(positionals[0]), (registry) => ({
				kind: "user.list",
				registry,
			})),
	},
	delete: {
		name: "user del",
		usage: "usage.user_delete",
		arguments: ["<registry>"],
		flags: [USER_FLAG],
		build: (values) => buildUserChange(values, "user del", "user.delete"),
	},
	rotate: {
		name: "user rotate",
		usage: "usage.user_rotate",
		arguments: ["<registry>"],
		flags: [USER_FLAG],
		build: (values) => buildUserChange(values, "user rotate", "user.rotate"),
	},
};

/** Alternative command words, the same ones the savac CLI accepts. */
const COMMAND_ALIASES: Readonly<Record<string, string>> = { del: "delete" };
const USER_COMMAND_ALIASES: Readonly<Record<string, string>> = {
	create: "add",
	del: "delete",
};

/**
 * Parses the text of a `/registry` slash command into an operation, a request for help, or a
 * failure with a catalog key and params. Never throws, whatever the text.
 *
 * The text is Slack's `text` field: HTML entities and link markup are decoded first. Command
 * words are matched case-insensitively, because phone keyboards capitalise the first word.
 * Names and other values are kept as typed and compared case-sensitively.
 */
export function parseRegistryCommand(
	text: string,
	requester: Requester,
): ParsedCommand {
	if (text.length > COMMAND_TEXT_MAX_LENGTH) {
		const length = Array.from(text).length;
		if (length > COMMAND_TEXT_MAX_LENGTH) {
			return invalid({
				key: "parse.too_long",
				params: {
					length: String(length),
					max: String(COMMAND_TEXT_MAX_LENGTH),
				},
			});
		}
	}

	const tokenized = tokenize(decodeSlackText(text));
	if (!tokenized.ok) {
		return invalid({
			key: "parse.unbalanced_quote",
			params: { quote: tokenized.unclosedQuote },
		});
	}

	const tokens = tokenized.tokens;
	if (
		tokens.length === 0 ||
		tokens.some(isHelpFlag) ||
		commandWord(tokens[0]) === "help"
	) {
		return { kind: "help" };
	}
	if (commandWord(tokens[0]) === "mine") {
		return tokens.length === 1
			? { kind: "mine" }
			: invalid({
					key: "parse.unexpected_argument",
					params: { command: "mine", argument: tokens[1].text },
					usage: "usage.mine",
				});
	}

	const selected = selectCommand(tokens);
	if ("failure" in selected) {
		return invalid(selected.failure);
	}

	const result = parseArguments(selected.spec, selected.rest, requester);
	if (!result.ok) {
		return invalid({ ...result.failure, usage: selected.spec.usage });
	}
	const { operation, reason } = result.value;
	if (reason === undefined) {
		return { kind: "operation", operation };
	}
	return { kind: "operation", operation, reason };
}

function invalid(failure: ParseFailure): ParsedCommand {
	return { kind: "invalid", failure };
}

/** Returns a word in the form command names are compared in: dashes normalised, lowercase. */
function commandWord(token: Token): string {
	return normalizeDashes(token.text).toLowerCase();
}

function selectCommand(
	tokens: readonly Token[],
): { spec: CommandSpec; rest: readonly Token[] } | { failure: ParseFailure } {
	const first = commandWord(tokens[0]);
	if (first.startsWith("-") && !tokens[0].quoted) {
		return { failure: { key: "parse.missing_command", params: {} } };
	}

	if (first !== "user") {
		const spec =
			ownValue(GRANT_COMMANDS, first) ??
			ownValue(COMMANDS, ownValue(COMMAND_ALIASES, first) ?? first);
		if (spec === undefined) {
			return {
				failure: {
					key: "parse.unknown_command",
					params: { command: tokens[0].text },
				},
			};
		}
		return { spec, rest: tokens.slice(1) };
	}

	if (
		tokens.length < 2 ||
		(commandWord(tokens[1]).startsWith("-") && !tokens[1].quoted)
	) {
		return { failure: { key: "parse.missing_user_command", params: {} } };
	}
	const second = commandWord(tokens[1]);
	const spec = ownValue(
		USER_COMMANDS,
		ownValue(USER_COMMAND_ALIASES, second) ?? second,
	);
	if (spec === undefined) {
		return {
			failure: {
				key: "parse.unknown_user_command",
				params: { command: tokens[1].text },
			},
		};
	}
	return { spec, rest: tokens.slice(2) };
}

function parseArguments(
	spec: CommandSpec,
	rest: readonly Token[],
	requester: Requester,
): ValueResult<{ operation: Operation; reason?: string }> {
	const split = splitArguments(rest, spec.name, [...spec.flags, REASON_FLAG]);
	if (!split.ok) {
		return split;
	}

	const { positionals } = split.value;
	for (const [position, argument] of spec.arguments.entries()) {
		const value = positionals[position];
		if (value === undefined || value.trim() === "") {
			return failure("parse.missing_argument", {
				command: spec.name,
				argument,
			});
		}
	}
	if (positionals.length > spec.arguments.length) {
		return failure("parse.unexpected_argument", {
			command: spec.name,
			argument: positionals[spec.arguments.length],
		});
	}

	const operation = spec.build(split.value, requester);
	if (!operation.ok) {
		return operation;
	}

	const typedReason = split.value.flags["--reason"];
	if (typedReason === undefined) {
		return { ok: true, value: { operation: operation.value } };
	}
	const reason = parseReason(typedReason);
	if (!reason.ok) {
		return reason;
	}
	return {
		ok: true,
		value: { operation: operation.value, reason: reason.value },
	};
}

function buildCreate({
	positionals,
	flags,
}: CommandArguments): ValueResult<Operation> {
	const name = parseRegistryName(positionals[0]);
	if (!name.ok) {
		return name;
	}

	const accessLevel = parseAccessLevel(flags["--permission"] ?? "none");
	if (!accessLevel.ok) {
		return accessLevel;
	}

	const operation: Operation = {
		kind: "registry.create",
		name: name.value,
		accessLevel: accessLevel.value,
	};

	if (flags["--domain"] !== undefined) {
		const domain = parseVirtualDomain(flags["--domain"]);
		if (!domain.ok) {
			return domain;
		}
		operation.virtualDomain = domain.value;
	}

	if (flags["--description"] !== undefined) {
		const description = parseDescription(flags["--description"]);
		if (!description.ok) {
			return description;
		}
		operation.description = description.value;
	}

	return { ok: true, value: operation };
}

/**
 * Builds `user add`. Without `--user`, the user name is derived from the requester's Slack name;
 * without `--permission`, the user gets `readonly`, the least privilege that can pull.
 */
function buildUserAdd(
	{ positionals, flags }: CommandArguments,
	requester: Requester,
): ValueResult<Operation> {
	const registry = parseRegistryReference(positionals[0]);
	if (!registry.ok) {
		return registry;
	}

	const typedUsername = flags["--user"];
	const username =
		typedUsername === undefined
			? parseDerivedUsername(requester)
			: parseUsername(typedUsername);
	if (!username.ok) {
		return username;
	}

	const permission = parseUserPermission(flags["--permission"] ?? "readonly");
	if (!permission.ok) {
		return permission;
	}
	const ttl = flags["--ttl"];
	// The policy's cap for the permission is checked when the request starts.
	const lifetime =
		ttl === undefined
			? undefined
			: parseLifetime(ttl, permission.value, LONGEST_LIFETIME_HOURS);
	if (lifetime !== undefined && !lifetime.ok) {
		return lifetime;
	}

	return {
		ok: true,
		value: {
			kind: "user.add",
			registry: registry.value,
			username: username.value,
			permission: permission.value,
			...(lifetime === undefined ? {} : { lifetimeSeconds: lifetime.value }),
		},
	};
}

/**
 * Derives the user name for `user add` without `--user`. `deriveUsername` returns a valid name for
 * every input today, and this check keeps an invalid one out of an operation if that changes.
 */
function parseDerivedUsername(requester: Requester): ValueResult<string> {
	const derived = parseUsername(
		deriveUsername(requester.userName, requester.userId),
	);
	if (!derived.ok) {
		return failure("parse.derived_username_invalid", {});
	}
	return derived;
}

/** Builds `user del` and `user rotate`, which both need an explicit `--user`. */
function buildUserChange(
	{ positionals, flags }: CommandArguments,
	command: string,
	kind: "user.delete" | "user.rotate",
): ValueResult<Operation> {
	const registry = parseRegistryReference(positionals[0]);
	if (!registry.ok) {
		return registry;
	}

	const typedUsername = flags["--user"];
	if (typedUsername === undefined) {
		return failure("parse.missing_required_flag", {
			command,
			flag: USER_FLAG.name,
		});
	}
	const username = parseUsername(typedUsername);
	if (!username.ok) {
		return username;
	}

	return {
		ok: true,
		value: { kind, registry: registry.value, username: username.value },
	};
}

/** Looks up a key among an object's own properties, so words like `constructor` match nothing. */
function ownValue<T>(
	record: Readonly<Record<string, T>>,
	key: string,
): T | undefined {
	return Object.hasOwn(record, key) ? record[key] : undefined;
}

function map<T, U>(
	result: ValueResult<T>,
	transform: (value: T) => U,
): ValueResult<U> {
	return result.ok ? { ok: true, value: transform(result.value) } : result;
}

function failure<T>(
	key: MessageKey,
	params: Record<string, string>,
): ValueResult<T> {
	return { ok: false, failure: { key, params } };
}
