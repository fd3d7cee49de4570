import fc from "fast-check";
import { placeholdersOf } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import type { Operation, Requester } from "../../src/operations/types";
import {
	accessLevelSchema,
	descriptionSchema,
	subdomainLabelSchema,
	usernameSchema,
	userPermissionSchema,
	virtualDomainSchema,
} from "../../src/operations/validation";
import { isValidRegistryReference } from "../../src/slack/command-values";
import {
	type ParsedCommand,
	parseRegistryCommand,
} from "../../src/slack/grammar";

const WORDS = [
	"list",
	"show",
	"create",
	"delete",
	"del",
	"user",
	"add",
	"rotate",
	"help",
	"-h",
	"--help",
	"--user",
	"--permission",
	"--domain",
	"--description",
	"-u",
	"--perm",
	"--",
	"-",
	"none",
	"readonly",
	"readwrite",
	"all",
	"demo",
	"Demo",
	"alice",
	"reg.example.com",
	"113701684393",
	"constructor",
	"__proto__",
	"=",
	'"',
	"'",
	"\u201C",
	"\u201D",
	"\u2018",
	"\u2019",
	"\\",
	'\\"',
	"&lt;",
	"&gt;",
	"&amp;",
	"<http://a.example|a.example>",
	"<@U123>",
	"\u2014",
	"\u2013",
	"\uFF44\uFF45\uFF4D\uFF4F",
	"本番",
	"{name}",
];

const SEPARATORS = [" ", "", "  ", "\u3000", "\n", "\t", "=", "\u00A0"];

/** Command-like text from known words, quotes and random Unicode, which shrinks to short inputs. */
const commandText = fc
	.array(
		fc.tuple(
			fc.oneof(
				{ weight: 6, arbitrary: fc.constantFrom(...WORDS) },
				{ weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
				{ weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
			),
			fc.constantFrom(...SEPARATORS),
		),
		{ maxLength: 12 },
	)
	.map((parts) => parts.map(([word, separator]) => word + separator).join(""));

const anyText = fc.oneof(
	{ weight: 8, arbitrary: commandText },
	{ weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
	{
		weight: 1,
		arbitrary: fc.string({
			unit: "binary-ascii",
			minLength: 990,
			maxLength: 1100,
		}),
	},
);

const requester: fc.Arbitrary<Requester> = fc.record({
	userId: fc.string({ unit: "binary-ascii", maxLength: 12 }),
	userName: fc.string({ unit: "binary", maxLength: 30 }),
	teamId: fc.constant("T0001"),
});

/** Throws when an operation breaks a rule of `operations/validation`. */
function assertValid(operation: Operation): void {
	switch (operation.kind) {
		case "registry.list":
			return;
		case "registry.create":
			subdomainLabelSchema.parse(operation.name);
			accessLevelSchema.parse(operation.accessLevel);
			if (operation.virtualDomain !== undefined) {
				virtualDomainSchema.parse(operation.virtualDomain);
			}
			if (operation.description !== undefined) {
				descriptionSchema.parse(operation.description);
			}
			return;
		case "user.add":
			userPermissionSchema.parse(operation.permission);
			usernameSchema.parse(operation.username);
			break;
		case "user.delete":
		case "user.rotate":
			usernameSchema.parse(operation.username);
			break;
		case "registry.show":
		case "registry.delete":
		case "user.list":
			break;
	}
	if (!isValidRegistryReference(operation.registry)) {
		throw new Error(
			`invalid registry reference ${JSON.stringify(operation.registry)}`,
		);
	}
}

const fixedRequester: Requester = {
	userId: "U1",
	userName: "alice",
	teamId: "T0001",
};

/** Writes a value as Slack would send it: `&`, `<` and `>` as entities. */
function slackEscape(value: string): string {
	return value
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;");
}

const DOUBLE_QUOTES: ReadonlyArray<[string, string]> = [
	['"', '"'],
	["\u201C", "\u201D"],
];

/** Renders a value as one word, bare when that is safe, otherwise in escaped double quotes. */
function word(value: string, quoteStyle: number): string {
	const bareIsSafe =
		!/[\s"'\u2018-\u201F]/u.test(value) &&
		!/^[-\u2013\u2014]/.test(value) &&
		value !== "";
	if (bareIsSafe && quoteStyle === 0) {
		return slackEscape(value);
	}
	const [open, close] = DOUBLE_QUOTES[quoteStyle % DOUBLE_QUOTES.length];
	const escaped = value.replace(
		/[\\"\u201C-\u201F]/g,
		(character) => `\\${character}`,
	);
	return `${open}${slackEscape(escaped)}${close}`;
}

function randomCase(text: string, mask: number): string {
	return Array.from(text)
		.map((character, index) =>
			(mask >> index) & 1 ? character.toUpperCase() : character,
		)
		.join("");
}

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const username = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
const reference = fc
	.string({ unit: "grapheme", minLength: 1, maxLength: 20 })
	.filter((value) => isValidRegistryReference(value));
const description = fc
	.string({ unit: "grapheme", minLength: 1, maxLength: 60 })
	.filter(
		(value) =>
			value.trim() !== "" && descriptionSchema.safeParse(value).success,
	);
const domain = fc.constantFrom(
	"reg.example.com",
	"a.b.example.jp",
	"registry.usacloud.jp",
);

interface Argument {
	flag?: string;
	value: string;
}

/** A valid operation and a command line for it, with flags in random order and form. */
const commandLine = fc
	.record({
		operation: fc.oneof(
			fc.constant<Operation>({ kind: "registry.list" }),
			reference.map(
				(registry): Operation => ({ kind: "registry.show", registry }),
			),
			reference.map(
				(registry): Operation => ({ kind: "registry.delete", registry }),
			),
			reference.map((registry): Operation => ({ kind: "user.list", registry })),
			fc
				.record({
					name: label,
					accessLevel: fc.constantFrom<"none" | "readonly">("none", "readonly"),
					virtualDomain: fc.option(domain, { nil: undefined }),
					description: fc.option(description, { nil: undefined }),
				})
				.map((fields): Operation => {
					const operation: Operation = {
						kind: "registry.create",
						name: fields.name,
						accessLevel: fields.accessLevel,
					};
					if (fields.virtualDomain !== undefined) {
						operation.virtualDomain = fields.virtualDomain;
					}
					if (fields.description !== undefined) {
						operation.description = fields.description;
					}
					return operation;
				}),
			fc
				.record({
					registry: reference,
					username,
					permission: fc.constantFrom<"readonly" | "readwrite" | "all">(
						"readonly",
						"readwrite",
						"all",
					),
				})
				.map((fields): Operation => ({ kind: "user.add", ...fields })),
			fc
				.record({
					registry: reference,
					username,
					kind: fc.constantFrom<"user.delete" | "user.rotate">(
						"user.delete",
						"user.rotate",
					),
				})
				.map((fields): Operation => fields),
		),
		omitDefaults: fc.boolean(),
		equalsForm: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
		quoteStyles: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
		order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
		caseMask: fc.nat(),
	})
	.map(
		({ operation, omitDefaults, equalsForm, quoteStyles, order, caseMask }) => {
			const words: string[] = [];
			const args: Argument[] = [];
			let expected = operation;

			switch (operation.kind) {
				case "registry.list":
					words.push("list");
					break;
				case "registry.show":
				case "registry.delete":
				case "user.list":
					words.push(
						operation.kind === "registry.show"
							? "show"
							: operation.kind === "registry.delete"
								? "delete"
								: "user list",
					);
					args.push({ value: operation.registry });
					break;
				case "registry.create":
					words.push("create");
					args.push({ value: operation.name });
					if (!(omitDefaults && operation.accessLevel === "none")) {
						args.push({ flag: "--permission", value: operation.accessLevel });
					}
					if (operation.virtualDomain !== undefined) {
						args.push({ flag: "--domain", value: operation.virtualDomain });
					}
					if (operation.description !== undefined) {
						args.push({ flag: "--description", value: operation.description });
					}
					break;
				case "user.add":
					words.push("user add");
					args.push({ value: operation.registry });
					if (omitDefaults) {
						expected = {
							...operation,
							username: "alice",
							permission: "readonly",
						};
					} else {
						args.push({ flag: "--user", value: operation.username });
						args.push({ flag: "--permission", value: operation.permission });
					}
					break;
				case "user.delete":
				case "user.rotate":
					words.push(
						operation.kind === "user.delete" ? "user del" : "user rotate",
					);
					args.push({ value: operation.registry });
					args.push({ flag: "--user", value: operation.username });
					break;
			}

			const ordered = args
				.map((argument, index) => ({ argument, index, rank: order[index] }))
				.sort((a, b) => a.rank - b.rank || a.index - b.index);
			for (const { argument, index } of ordered) {
				const value = word(argument.value, quoteStyles[index]);
				if (argument.flag === undefined) {
					words.push(value);
				} else if (equalsForm[index]) {
					words.push(`${argument.flag}=${value}`);
				} else {
					words.push(argument.flag, value);
				}
			}

			return {
				text: `${randomCase(words[0], caseMask)} ${words.slice(1).join(" ")}`,
				operation: expected,
			};
		},
	);

function checkParsed(parsed: ParsedCommand): void {
	switch (parsed.kind) {
		case "help":
			return;
		case "operation":
			assertValid(parsed.operation);
			return;
		case "invalid": {
			const { key, params, usage } = parsed.failure;
			expect(Object.hasOwn(en, key)).toBe(true);
			for (const name of placeholdersOf(en[key])) {
				expect(params).toHaveProperty([name]);
			}
			if (usage !== undefined) {
				expect(Object.hasOwn(en, usage)).toBe(true);
			}
			return;
		}
		default:
			throw new Error(`unexpected result ${JSON.stringify(parsed)}`);
	}
}

describe("parseRegistryCommand properties", () => {
	test("never throws; results are valid", () => {
		fc.assert(
			fc.property(anyText, requester, (text, who) => {
				checkParsed(parseRegistryCommand(text, who));
			}),
			{ numRuns: 10_000 },
		);
	});

	test("rendered operations parse back", () => {
		fc.assert(
			fc.property(commandLine, ({ text, operation }) => {
				expect(parseRegistryCommand(text, fixedRequester)).toEqual({
					kind: "operation",
					operation,
				});
			}),
			{ numRuns: 3_000 },
		);
	});
});
