import type { Operation } from "../../../src/operations/types";
import {
	helpMessage,
	invalidCommandMessage,
	workingMessage,
} from "../../../src/slack/blocks";
import { parseRegistryCommand } from "../../../src/slack/grammar";
import { OPERATIONS } from "./every-message";
import { HOSTILE } from "./samples";
import { allTexts, limitViolations, rawAngleBrackets } from "./slack-limits";

const requester = { userId: "U1", userName: "alice", teamId: "T1" };

describe("helpMessage", () => {
	const all = allTexts(helpMessage()).join("\n");

	test.each([
		"/registry list [--reason &lt;text&gt;]",
		"/registry show &lt;name|id&gt; [--reason &lt;text&gt;]",
		"/registry create &lt;name&gt; [--permission none|readonly] [--domain &lt;fqdn&gt;] [--description &lt;text&gt;] [--reason &lt;text&gt;]",
		"/registry delete &lt;name|id&gt; [--reason &lt;text&gt;]",
		"/registry user add &lt;registry&gt; [--user &lt;name&gt;] [--permission readonly|readwrite|all] [--ttl 8h|3d] [--reason &lt;text&gt;]",
		"/registry user list &lt;registry&gt; [--reason &lt;text&gt;]",
		"/registry user del &lt;registry&gt; --user &lt;name&gt; [--reason &lt;text&gt;]",
		"/registry user rotate &lt;registry&gt; --user &lt;name&gt; [--reason &lt;text&gt;]",
	])("lists %s", (usage) => {
		expect(all).toContain(`\`${usage}\``);
	});

	test("explains --reason", () => {
		expect(all).toContain("Every command takes `--reason &lt;text&gt;`");
		expect(all).toContain("at most 500 characters");
	});

	test("states the defaults", () => {
		expect(all).toContain("`--permission` defaults to `readonly`");
		expect(all).toContain("defaults to `none`");
	});

	test("fits Slack limits", () => {
		expect(limitViolations(helpMessage())).toEqual([]);
		expect(rawAngleBrackets(helpMessage())).toEqual([]);
	});
});

describe("invalidCommandMessage", () => {
	function messageFor(text: string) {
		const parsed = parseRegistryCommand(text, requester);
		if (parsed.kind !== "invalid") {
			throw new Error(`expected invalid: ${text}`);
		}
		return invalidCommandMessage(parsed.failure);
	}

	test("names the value, usage and help", () => {
		const message = messageFor("create Demo");
		const all = allTexts(message).join("\n");
		expect(message.text).toContain("`Demo` contains uppercase letters");
		expect(message.text).toContain("Try `demo`");
		expect(all).toContain("Usage: `/registry create &lt;name&gt;");
		expect(
			all.trimEnd().endsWith("Type `/registry help` to see all commands."),
		).toBe(true);
	});

	test("lists valid flags", () => {
		expect(messageFor("create demo --user bob").text).toBe(
			"`create` has no flag `--user`. Its flags are: --permission, --domain, --description, --reason.",
		);
	});

	test("hostile value is escaped and shortened", () => {
		const message = messageFor(`"${HOSTILE.repeat(10)}"`);
		expect(rawAngleBrackets(message)).toEqual([]);
		expect(limitViolations(message)).toEqual([]);
		expect(message.text).toContain("…");
	});

	test("mention markup from Slack stays escaped", () => {
		const message = messageFor("create &lt;!here&gt;");
		expect(message.text).toContain("`&lt;!here&gt;`");
		expect(rawAngleBrackets(message)).toEqual([]);
	});

	test("too long text", () => {
		expect(messageFor("x".repeat(3000)).text).toBe(
			"The command is 3000 characters long, but the maximum is 1500. Shorten the description or other values.",
		);
	});
});

describe("workingMessage", () => {
	test.each<[Operation, string]>(
		OPERATIONS.map((operation, index) => [
			operation,
			[
				"Listing registries…",
				"Looking up registry `demo`…",
				"Creating registry `demo`…",
				"Deleting registry `demo`…",
				"Adding user `alice` to registry `demo`…",
				"Listing the users of registry `demo`…",
				"Deleting user `alice` from registry `demo`…",
				"Setting a new password for user `alice` on registry `demo`…",
				"Extending user `alice` on registry `demo`…",
				"Checking the users of registry `demo` against the bot's credentials…",
			][index],
		]),
	)("%j", (operation, text) => {
		const message = workingMessage(operation);
		expect(message.text).toBe(text);
		expect(limitViolations(message)).toEqual([]);
	});

	test("escapes the registry", () => {
		expect(
			rawAngleBrackets(
				workingMessage({ kind: "registry.show", registry: HOSTILE }),
			),
		).toEqual([]);
	});
});
