import {
	ChannelLocalesError,
	chooseLocale,
	parseChannelLocales,
} from "../../src/i18n/locale";

describe("chooseLocale", () => {
	test.each([
		["ja-JP", "en", "ja"],
		["ja", "en", "ja"],
		["JA-jp", "en", "ja"],
		["ja_JP", "en", "ja"],
		["en-US", "ja", "en"],
		["en-GB", "ja", "en"],
		["en", "ja", "en"],
		["fr-FR", "ja", "ja"],
		["fr-FR", "en", "en"],
		["zh-CN", "ja", "ja"],
		["english", "ja", "ja"],
		["jv-ID", "en", "en"],
		["", "ja", "ja"],
	] as const)(
		"Slack locale %p with default %s gives %s",
		(slackLocale, workspaceDefault, expected) => {
			expect(chooseLocale({ slackLocale, workspaceDefault })).toBe(expected);
		},
	);

	test("missing Slack locale gives the default", () => {
		expect(chooseLocale({ workspaceDefault: "ja" })).toBe("ja");
		expect(chooseLocale({ workspaceDefault: "en" })).toBe("en");
	});

	test("channel override wins over Slack locale", () => {
		expect(
			chooseLocale({
				slackLocale: "ja-JP",
				channelOverride: "en",
				workspaceDefault: "ja",
			}),
		).toBe("en");
		expect(
			chooseLocale({
				slackLocale: "en-US",
				channelOverride: "ja",
				workspaceDefault: "en",
			}),
		).toBe("ja");
	});

	test("channel override wins over default", () => {
		expect(
			chooseLocale({ channelOverride: "ja", workspaceDefault: "en" }),
		).toBe("ja");
	});
});

describe("parseChannelLocales", () => {
	function parseError(value: string): ChannelLocalesError {
		try {
			parseChannelLocales(value);
		} catch (error) {
			if (error instanceof ChannelLocalesError) {
				return error;
			}
			throw error;
		}
		throw new Error(`parseChannelLocales accepted ${JSON.stringify(value)}`);
	}

	test("reads channel entries", () => {
		const locales = parseChannelLocales("C0123:ja,C0456:en");
		expect([...locales]).toEqual([
			["C0123", "ja"],
			["C0456", "en"],
		]);
	});

	test("accepts private channels and DMs", () => {
		const locales = parseChannelLocales("G01ABC:ja,D02XYZ:en");
		expect(locales.get("G01ABC")).toBe("ja");
		expect(locales.get("D02XYZ")).toBe("en");
	});

	test("ignores spaces around entries", () => {
		const locales = parseChannelLocales(" C0123 : ja , C0456:en ");
		expect(locales.get("C0123")).toBe("ja");
		expect(locales.get("C0456")).toBe("en");
		expect(locales.size).toBe(2);
	});

	test.each([undefined, "", "   "])("%p means no overrides", (value) => {
		expect(parseChannelLocales(value).size).toBe(0);
	});

	test("rejects entry without colon", () => {
		const error = parseError("C0123:ja,C0456");
		expect(error.entry).toBe("C0456");
		expect(error.message).toContain('"C0456"');
		expect(error.message).toContain("<channel ID>:<locale>");
	});

	test("rejects unknown locale", () => {
		const error = parseError("C0123:fr");
		expect(error.entry).toBe("C0123:fr");
		expect(error.message).toContain('"fr"');
		expect(error.message).toContain("en, ja");
	});

	test("rejects locale in uppercase", () => {
		expect(parseError("C0123:JA").entry).toBe("C0123:JA");
	});

	test("rejects region tag as locale", () => {
		expect(parseError("C0123:ja-JP").entry).toBe("C0123:ja-JP");
	});

	test.each(["c0123:ja", "U0123:ja", "#general:ja", "C:ja", ":ja"])(
		"rejects channel ID in %s",
		(entry) => {
			const error = parseError(`C0999:en,${entry}`);
			expect(error.entry).toBe(entry);
			expect(error.message).toContain("invalid channel ID");
		},
	);

	test("rejects repeated channel", () => {
		const error = parseError("C0123:ja,C0456:en,C0123:en");
		expect(error.entry).toBe("C0123:en");
		expect(error.message).toContain("repeats channel C0123");
	});

	test("rejects repeated channel with same locale", () => {
		expect(parseError("C0123:ja,C0123:ja").entry).toBe("C0123:ja");
	});

	test("rejects empty entry", () => {
		const error = parseError("C0123:ja,");
		expect(error.entry).toBe("");
		expect(error.message).toContain("entry 2 is empty");
	});

	test("rejects empty locale", () => {
		const error = parseError("C0123:");
		expect(error.entry).toBe("C0123:");
		expect(error.message).toContain('unknown locale ""');
	});
});
