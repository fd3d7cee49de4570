import type { Operation, Requester } from "../../src/operations/types";
import {
	COMMAND_TEXT_MAX_LENGTH,
	type ParsedCommand,
	type ParseFailure,
	parseRegistryCommand,
} from "../../src/slack/grammar";

const requester: Requester = {
	userId: "U012ABCDEF",
	userName: "alice",
	teamId: "T0001",
};

function parse(text: string, slackUser: Requester = requester): ParsedCommand {
	return parseRegistryCommand(text, slackUser);
}

function operationOf(
	text: string,
	slackUser: Requester = requester,
): Operation {
	const parsed = parse(text, slackUser);
	if (parsed.kind !== "operation") {
		throw new Error(
			`expected an operation for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`,
		);
	}
	return parsed.operation;
}

function failureOf(text: string): ParseFailure {
	const parsed = parse(text);
	if (parsed.kind !== "invalid") {
		throw new Error(
			`expected invalid for ${JSON.stringify(text)}, got ${JSON.stringify(parsed)}`,
		);
	}
	return parsed.failure;
}

describe("parseRegistryCommand help", () => {
	test.each([
		"",
		"   ",
		"help",
		"HELP",
		"-h",
		"--help",
		"\u2014help",
		"create demo --help",
		"user add demo -h",
		"help create",
	])("%j gives help", (text) => {
		expect(parse(text)).toEqual({ kind: "help" });
	});

	test("quoted --help is a value", () => {
		expect(operationOf('show "--help"')).toEqual({
			kind: "registry.show",
			registry: "--help",
		});
	});
});

describe("parseRegistryCommand registry commands", () => {
	test.each<[string, Operation]>([
		["list", { kind: "registry.list" }],
		["List", { kind: "registry.list" }],
		["  list  ", { kind: "registry.list" }],
		["show demo", { kind: "registry.show", registry: "demo" }],
		["show 113701684393", { kind: "registry.show", registry: "113701684393" }],
		[
			'show "team registry"',
			{ kind: "registry.show", registry: "team registry" },
		],
		["show 本番", { kind: "registry.show", registry: "本番" }],
		["show Demo", { kind: "registry.show", registry: "Demo" }],
		["delete demo", { kind: "registry.delete", registry: "demo" }],
		["del demo", { kind: "registry.delete", registry: "demo" }],
		["DEL demo", { kind: "registry.delete", registry: "demo" }],
	])("%j", (text, expected) => {
		expect(operationOf(text)).toEqual(expected);
	});

	test("create defaults to access level none", () => {
		expect(operationOf("create demo")).toEqual({
			kind: "registry.create",
			name: "demo",
			accessLevel: "none",
		});
	});

	test("create with every flag, space form", () => {
		expect(
			operationOf(
				'create demo --permission readonly --domain Reg.Example.com --description "team images"',
			),
		).toEqual({
			kind: "registry.create",
			name: "demo",
			accessLevel: "readonly",
			virtualDomain: "reg.example.com",
			description: "team images",
		});
	});

	test("create with every flag, equals form", () => {
		expect(
			operationOf(
				"create demo --permission=none --domain=reg.example.com --description='team images'",
			),
		).toEqual({
			kind: "registry.create",
			name: "demo",
			accessLevel: "none",
			virtualDomain: "reg.example.com",
			description: "team images",
		});
	});

	test("create flags before the name", () => {
		expect(
			operationOf("create --description x --permission none demo"),
		).toEqual({
			kind: "registry.create",
			name: "demo",
			accessLevel: "none",
			description: "x",
		});
	});

	test("create permission is case-insensitive", () => {
		expect(operationOf("create demo --permission NONE")).toMatchObject({
			accessLevel: "none",
		});
	});
});

describe("parseRegistryCommand user commands", () => {
	test.each<[string, Operation]>([
		[
			"user add demo",
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "readonly",
			},
		],
		[
			"user create demo --user bob",
			{
				kind: "user.add",
				registry: "demo",
				username: "bob",
				permission: "readonly",
			},
		],
		[
			"user add demo --user=bob --permission=all",
			{
				kind: "user.add",
				registry: "demo",
				username: "bob",
				permission: "all",
			},
		],
		[
			"user add --permission readwrite demo --user ci.bot_1",
			{
				kind: "user.add",
				registry: "demo",
				username: "ci.bot_1",
				permission: "readwrite",
			},
		],
		[
			"user add demo -u bob --perm all",
			{
				kind: "user.add",
				registry: "demo",
				username: "bob",
				permission: "all",
			},
		],
		["user list demo", { kind: "user.list", registry: "demo" }],
		["User List demo", { kind: "user.list", registry: "demo" }],
		[
			"user del demo --user bob",
			{ kind: "user.delete", registry: "demo", username: "bob" },
		],
		[
			"user delete demo --user bob",
			{ kind: "user.delete", registry: "demo", username: "bob" },
		],
		[
			"user rotate demo --user bob",
			{ kind: "user.rotate", registry: "demo", username: "bob" },
		],
		[
			"user rotate --user=bob demo",
			{ kind: "user.rotate", registry: "demo", username: "bob" },
		],
	])("%j", (text, expected) => {
		expect(operationOf(text)).toEqual(expected);
	});

	test("user add derives the name from the Slack user name", () => {
		const slackUser = { ...requester, userName: "Alice.Smith" };
		expect(operationOf("user add demo", slackUser)).toMatchObject({
			username: "alice.smith",
		});
	});

	test("user add falls back to the Slack user id", () => {
		const slackUser = { ...requester, userName: "山田" };
		expect(operationOf("user add demo", slackUser)).toMatchObject({
			username: "slack-u012abcdef",
		});
	});
});

describe("parseRegistryCommand quoting", () => {
	test.each<[string, string]>([
		['create demo --description "a b"', "a b"],
		["create demo --description 'a b'", "a b"],
		["create demo --description \u201Ca b\u201D", "a b"],
		["create demo --description \u2018a b\u2019", "a b"],
		["create demo --description \u201Da b\u201D", "a b"],
		['create demo --description="a b"', "a b"],
		["create demo --description=\u201Ca b\u201D", "a b"],
		['create demo --description "say \\"hi\\" now"', 'say "hi" now'],
		['create demo --description "back\\\\slash"', "back\\slash"],
		['create demo --description "keep \\n as is"', "keep \\n as is"],
		['create demo --description "it\'s fine"', "it's fine"],
		["create demo --description 'don\u2019t push'", "don\u2019t push"],
		["create demo --description don't", "don't"],
		["create demo --description a&amp;b", "a&b"],
		["create demo --description &lt;team&gt;", "<team>"],
		["create demo --description &amp;lt;", "&lt;"],
		['create demo --description "a\u3000b"', "a\u3000b"],
	])("%j", (text, description) => {
		expect(operationOf(text)).toMatchObject({
			kind: "registry.create",
			description,
		});
	});

	test("full-width space separates words", () => {
		expect(operationOf("show\u3000demo")).toEqual({
			kind: "registry.show",
			registry: "demo",
		});
	});

	test("em dash works as a double dash", () => {
		expect(
			operationOf("user add demo \u2014user bob \u2013permission all"),
		).toEqual({
			kind: "user.add",
			registry: "demo",
			username: "bob",
			permission: "all",
		});
	});

	test("Slack link markup becomes its label", () => {
		expect(
			operationOf(
				"create demo --domain <http://reg.example.com|reg.example.com>",
			),
		).toMatchObject({ virtualDomain: "reg.example.com" });
	});

	test("quoted value starting with dashes", () => {
		expect(
			operationOf('create demo --description "--not a flag"'),
		).toMatchObject({
			description: "--not a flag",
		});
	});
});

describe("parseRegistryCommand rejects", () => {
	test.each<[string, string, Record<string, string>]>([
		["lst", "parse.unknown_command", { command: "lst" }],
		["constructor", "parse.unknown_command", { command: "constructor" }],
		["--user bob", "parse.missing_command", {}],
		["user", "parse.missing_user_command", {}],
		["user --user bob add demo", "parse.missing_user_command", {}],
		["user remove demo", "parse.unknown_user_command", { command: "remove" }],
		['create "demo', "parse.unbalanced_quote", { quote: '"' }],
		[
			"create demo --description 'team",
			"parse.unbalanced_quote",
			{ quote: "'" },
		],
		[
			"create demo --description \u201Cteam",
			"parse.unbalanced_quote",
			{ quote: "\u201C" },
		],
		[
			'create demo --description "a"b',
			"parse.unbalanced_quote",
			{ quote: '"' },
		],
	])("%j", (text, key, params) => {
		expect(failureOf(text)).toEqual({ key, params });
	});

	test.each<[string, string, Record<string, string>, string]>([
		[
			"show",
			"parse.missing_argument",
			{ command: "show", argument: "<name|id>" },
			"usage.show",
		],
		[
			'show ""',
			"parse.missing_argument",
			{ command: "show", argument: "<name|id>" },
			"usage.show",
		],
		[
			"create",
			"parse.missing_argument",
			{ command: "create", argument: "<name>" },
			"usage.create",
		],
		[
			"user add --user bob",
			"parse.missing_argument",
			{ command: "user add", argument: "<registry>" },
			"usage.user_add",
		],
		[
			"list extra",
			"parse.unexpected_argument",
			{ command: "list", argument: "extra" },
			"usage.list",
		],
		[
			"user add demo bob",
			"parse.unexpected_argument",
			{ command: "user add", argument: "bob" },
			"usage.user_add",
		],
		[
			"list --all",
			"parse.unknown_flag",
			{ command: "list", flag: "--all", validFlags: "--reason" },
			"usage.list",
		],
		[
			"create demo --user bob",
			"parse.unknown_flag",
			{
				command: "create",
				flag: "--user",
				validFlags: "--permission, --domain, --description, --reason",
			},
			"usage.create",
		],
		[
			"user add demo --name=bob",
			"parse.unknown_flag",
			{
				command: "user add",
				flag: "--name",
				validFlags: "--user, --permission, --ttl, --reason",
			},
			"usage.user_add",
		],
		[
			"create demo --permission none --permission readonly",
			"parse.repeated_flag",
			{ flag: "--permission" },
			"usage.create",
		],
		[
			"user add demo --user a -u b",
			"parse.repeated_flag",
			{ flag: "--user" },
			"usage.user_add",
		],
		[
			"create demo --permission",
			"parse.flag_value_missing",
			{ flag: "--permission", example: "none" },
			"usage.create",
		],
		[
			"create demo --description=",
			"parse.flag_value_missing",
			{ flag: "--description", example: '"team images"' },
			"usage.create",
		],
		[
			'create demo --description ""',
			"parse.flag_value_missing",
			{ flag: "--description", example: '"team images"' },
			"usage.create",
		],
		[
			"user add demo --user --permission all",
			"parse.flag_value_missing",
			{ flag: "--user", example: "alice" },
			"usage.user_add",
		],
		[
			"user del demo",
			"parse.missing_required_flag",
			{ command: "user del", flag: "--user" },
			"usage.user_delete",
		],
		[
			"user rotate demo",
			"parse.missing_required_flag",
			{ command: "user rotate", flag: "--user" },
			"usage.user_rotate",
		],
		[
			"create -demo",
			"parse.unknown_flag",
			{
				command: "create",
				flag: "-demo",
				validFlags: "--permission, --domain, --description, --reason",
			},
			"usage.create",
		],
		[
			"create demo_1",
			"parse.name_invalid",
			{ value: "demo_1" },
			"usage.create",
		],
		["create demo-", "parse.name_invalid", { value: "demo-" }, "usage.create"],
		[
			"create 'de mo'",
			"parse.name_invalid",
			{ value: "de mo" },
			"usage.create",
		],
		[
			"create Demo",
			"parse.name_uppercase",
			{ value: "Demo", suggestion: "demo" },
			"usage.create",
		],
		["create デモ", "parse.name_non_ascii", { value: "デモ" }, "usage.create"],
		["create démo", "parse.name_non_ascii", { value: "démo" }, "usage.create"],
		[
			"create \uFF44\uFF45\uFF4D\uFF4F",
			"parse.name_full_width",
			{ value: "\uFF44\uFF45\uFF4D\uFF4F", suggestion: "demo" },
			"usage.create",
		],
		[
			`create ${"a".repeat(64)}`,
			"parse.name_too_long",
			{ length: "64", max: "63" },
			"usage.create",
		],
		[
			"create demo --permission public",
			"parse.access_level_invalid",
			{ value: "public" },
			"usage.create",
		],
		[
			"create demo --permission readwrite",
			"parse.access_level_readwrite_removed",
			{},
			"usage.create",
		],
		[
			"user add demo --permission admin",
			"parse.user_permission_invalid",
			{ value: "admin" },
			"usage.user_add",
		],
		[
			"user add demo --permission none",
			"parse.user_permission_invalid",
			{ value: "none" },
			"usage.user_add",
		],
		[
			"create demo --domain https://reg.example.com",
			"parse.domain_invalid",
			{ value: "https://reg.example.com" },
			"usage.create",
		],
		[
			"create demo --domain localhost",
			"parse.domain_invalid",
			{ value: "localhost" },
			"usage.create",
		],
		[
			`create demo --description "${"x".repeat(513)}"`,
			"parse.description_too_long",
			{ length: "513", max: "512" },
			"usage.create",
		],
		[
			"user add demo --user bob:x",
			"parse.username_invalid",
			{ value: "bob:x" },
			"usage.user_add",
		],
		[
			"user add demo --user ../x",
			"parse.username_invalid",
			{ value: "../x" },
			"usage.user_add",
		],
		[
			"user del demo --user Bob",
			"parse.username_uppercase",
			{ value: "Bob", suggestion: "bob" },
			"usage.user_delete",
		],
		[
			"user rotate demo --user ボブ",
			"parse.username_non_ascii",
			{ value: "ボブ" },
			"usage.user_rotate",
		],
		[
			"user add demo --user \uFF42\uFF4F\uFF42",
			"parse.username_full_width",
			{ value: "\uFF42\uFF4F\uFF42", suggestion: "bob" },
			"usage.user_add",
		],
		[
			`user add demo --user ${"b".repeat(65)}`,
			"parse.username_too_long",
			{ length: "65", max: "64" },
			"usage.user_add",
		],
		[
			`show ${"r".repeat(65)}`,
			"parse.reference_too_long",
			{ length: "65", max: "64" },
			"usage.show",
		],
		[
			'show "a\u0007b"',
			"parse.reference_invalid",
			{ value: "a b" },
			"usage.show",
		],
	])("%j", (text, key, params, usage) => {
		const failure = failureOf(text);
		expect(failure.key).toBe(key);
		expect(failure.params).toEqual(params);
		expect(failure.usage).toBe(usage);
	});

	test("text over the limit before tokenising", () => {
		const text = `create demo --description "${"x".repeat(3000)}`;
		expect(failureOf(text)).toEqual({
			key: "parse.too_long",
			params: {
				length: String(text.length),
				max: String(COMMAND_TEXT_MAX_LENGTH),
			},
		});
	});

	test("text at the limit is tokenised", () => {
		const text = `show ${"a".repeat(COMMAND_TEXT_MAX_LENGTH - 5)}`;
		expect(text).toHaveLength(COMMAND_TEXT_MAX_LENGTH);
		expect(failureOf(text).key).toBe("parse.reference_too_long");
	});

	test("limit counts code points", () => {
		const text = `show ${"\u{1F600}".repeat(900)}`;
		expect(text.length).toBeGreaterThan(COMMAND_TEXT_MAX_LENGTH);
		expect(failureOf(text).key).toBe("parse.reference_too_long");
	});
});

describe("parseRegistryCommand --reason", () => {
	function parsedOf(text: string) {
		const parsed = parse(text);
		if (parsed.kind !== "operation") {
			throw new Error(`expected an operation, got ${JSON.stringify(parsed)}`);
		}
		return parsed;
	}

	test.each([
		'list --reason "weekly audit"',
		'show demo --reason "weekly audit"',
		'create demo --reason "weekly audit"',
		'delete demo --reason "weekly audit"',
		'user add demo --reason "weekly audit"',
		'user list demo --reason "weekly audit"',
		'user del demo --user bob --reason "weekly audit"',
		'user rotate demo --user bob --reason "weekly audit"',
		'user add --reason "weekly audit" demo',
		"list --reason='weekly audit'",
	])("%j keeps the reason", (text) => {
		expect(parsedOf(text).reason).toBe("weekly audit");
	});

	test("absent reason is left out", () => {
		expect(parsedOf("list")).toEqual({
			kind: "operation",
			operation: { kind: "registry.list" },
		});
	});

	test("reason is not part of the operation", () => {
		expect(parsedOf('delete demo --reason "old"').operation).toEqual({
			kind: "registry.delete",
			registry: "demo",
		});
	});

	test("reason is trimmed", () => {
		expect(parsedOf('list --reason "  audit  "').reason).toBe("audit");
	});

	test("500 code points are accepted", () => {
		const reason = "\u{1F600}".repeat(500);
		expect(parsedOf(`list --reason "${reason}"`).reason).toBe(reason);
	});

	test("501 characters are rejected", () => {
		const failure = failureOf(`list --reason "${"r".repeat(501)}"`);
		expect(failure).toEqual({
			key: "parse.reason_too_long",
			params: { length: "501", max: "500" },
			usage: "usage.list",
		});
	});

	test("reason without a value is rejected", () => {
		expect(failureOf("list --reason").key).toBe("parse.flag_value_missing");
	});

	test("repeated reason is rejected", () => {
		expect(failureOf("list --reason a --reason b").key).toBe(
			"parse.repeated_flag",
		);
	});

	test("longest command with a reason fits the limit", () => {
		const text = [
			`create ${"a".repeat(63)}`,
			"--permission readonly",
			`--domain ${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(60)}.com`,
			`--description "${"x".repeat(512)}"`,
			`--reason "${"r".repeat(500)}"`,
		].join(" ");
		expect(parsedOf(text).reason).toHaveLength(500);
	});
});

describe("reason text", () => {
	const requester = {
		userId: "U0HANAKO",
		userName: "hanako",
		teamId: "T0TEAM",
	};

	test("drops control and bidi characters", () => {
		const parsed = parseRegistryCommand(
			'list --reason "a\u0007b\u202Ec\u2066d"',
			requester,
		);

		if (parsed.kind !== "operation") {
			throw new Error(`expected an operation, got ${parsed.kind}`);
		}
		expect(parsed.reason).toBe("abcd");
	});
});
