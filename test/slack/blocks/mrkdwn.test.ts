import {
	clip,
	commandArgument,
	escapeMrkdwn,
	inline,
} from "../../../src/slack/blocks/mrkdwn";
import { parseRegistryCommand } from "../../../src/slack/grammar";

describe("escapeMrkdwn", () => {
	test("escapes the three control characters", () => {
		expect(escapeMrkdwn("<@U1> & <!channel>")).toBe(
			"&lt;@U1&gt; &amp; &lt;!channel&gt;",
		);
	});
});

describe("clip", () => {
	test("keeps short text", () => {
		expect(clip("abc", 3)).toBe("abc");
	});

	test("cuts with an ellipsis", () => {
		expect(clip("abcdef", 4)).toBe("abc…");
	});

	test("never splits an entity", () => {
		expect(clip("ab&amp;cd", 5)).toBe("ab…");
	});

	test("never splits a surrogate pair", () => {
		expect(clip("a\u{1F600}bc", 3)).toBe("a…");
	});
});

describe("inline", () => {
	test("one line without backticks", () => {
		expect(inline("a\nb`c")).toBe("a b\u02CBc");
	});

	test("at most 100 code points", () => {
		const value = inline("\u{1F600}".repeat(150));
		expect(Array.from(value)).toHaveLength(100);
		expect(value.endsWith("…")).toBe(true);
	});
});

describe("commandArgument", () => {
	test.each([
		["demo", "demo"],
		["team registry", '"team registry"'],
		['say "hi"', '"say \\"hi\\""'],
		["-x", '"-x"'],
		["", '""'],
	])("%j becomes %j", (value, expected) => {
		expect(commandArgument(value)).toBe(expected);
	});

	test.each([
		"team registry",
		'say "hi" now',
		"back\\slash x",
		"-x",
		"it’s “quoted”",
	])("%j parses back", (value) => {
		const parsed = parseRegistryCommand(`show ${commandArgument(value)}`, {
			userId: "U1",
			userName: "a",
			teamId: "T1",
		});
		expect(parsed).toEqual({
			kind: "operation",
			operation: { kind: "registry.show", registry: value },
		});
	});
});
