import { decodeSlackText, tokenize } from "../../src/slack/tokenize";

describe("decodeSlackText", () => {
	test.each([
		["a &lt;b&gt; &amp; c", "a <b> & c"],
		["&amp;lt;", "&lt;"],
		["&quot;", "&quot;"],
		["<https://reg.example.com|reg.example.com>", "reg.example.com"],
		["<http://reg.example.com>", "http://reg.example.com"],
		["<mailto:a@example.com|a@example.com>", "a@example.com"],
		["<@U123>", "<@U123>"],
	])("%j becomes %j", (text, expected) => {
		expect(decodeSlackText(text)).toBe(expected);
	});
});

describe("tokenize", () => {
	test("splits on any whitespace", () => {
		expect(tokenize("a \t b\u3000c\u00A0d\ne")).toEqual({
			ok: true,
			tokens: ["a", "b", "c", "d", "e"].map((text) => ({
				text,
				quoted: false,
			})),
		});
	});

	test("marks quoted words", () => {
		expect(tokenize('"--user" --user')).toEqual({
			ok: true,
			tokens: [
				{ text: "--user", quoted: true },
				{ text: "--user", quoted: false },
			],
		});
	});

	test("empty quotes give an empty word", () => {
		expect(tokenize('""')).toEqual({
			ok: true,
			tokens: [{ text: "", quoted: true }],
		});
	});

	test("quote after equals opens", () => {
		expect(tokenize("--description='a b'")).toEqual({
			ok: true,
			tokens: [{ text: "--description=a b", quoted: false }],
		});
	});

	test("quote inside a word is literal", () => {
		expect(tokenize("it's a\"b")).toEqual({
			ok: true,
			tokens: [
				{ text: "it's", quoted: false },
				{ text: 'a"b', quoted: false },
			],
		});
	});

	test("backslash is literal in single quotes", () => {
		expect(tokenize("'a\\b c'")).toEqual({
			ok: true,
			tokens: [{ text: "a\\b c", quoted: true }],
		});
	});

	test("backslash cannot escape a single quote", () => {
		expect(tokenize("'a\\' b")).toEqual({
			ok: true,
			tokens: [
				{ text: "a\\", quoted: true },
				{ text: "b", quoted: false },
			],
		});
	});

	test("quoted newline is kept", () => {
		expect(tokenize('"a\nb"')).toEqual({
			ok: true,
			tokens: [{ text: "a\nb", quoted: true }],
		});
	});

	test.each([
		['"abc', '"'],
		["'abc", "'"],
		["\u201Cabc", "\u201C"],
		['"abc\\"', '"'],
		['x "a"b', '"'],
	])("%j leaves %j open", (text, quote) => {
		expect(tokenize(text)).toEqual({ ok: false, unclosedQuote: quote });
	});
});
