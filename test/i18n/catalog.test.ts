import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { catalogs, placeholdersOf, t } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import { everyMessage } from "../slack/blocks/every-message";
import {
	allTexts,
	limitViolations,
	unfilledPlaceholders,
} from "../slack/blocks/slack-limits";

function sourceFiles(directory: string): string[] {
	return readdirSync(directory).flatMap((name) => {
		const path = join(directory, name);
		return statSync(path).isDirectory()
			? sourceFiles(path)
			: path.endsWith(".ts")
				? [path]
				: [];
	});
}

describe("t", () => {
	test("fills placeholders", () => {
		expect(
			t("registry.created", { name: "demo", fqdn: "demo.sakuracr.jp" }),
		).toBe("Registry `demo` created: `demo.sakuracr.jp`");
	});

	test("accepts numbers", () => {
		expect(t("registry.count_other", { count: 3 })).toBe("3 registries");
	});

	test("leaves a missing param visible", () => {
		expect(t("registry.created", { name: "demo" })).toBe(
			"Registry `demo` created: `{fqdn}`",
		);
	});

	test("does not rescan inserted values", () => {
		expect(t("registry.created", { name: "{fqdn}", fqdn: "x" })).toBe(
			"Registry `{fqdn}` created: `x`",
		);
	});

	test("ignores inherited properties", () => {
		expect(t("registry.created", Object.create({ name: "proto" }))).toContain(
			"{name}",
		);
	});

	test("fills repeated placeholders", () => {
		const text = t("user.added", {
			username: "alice",
			permission: "readonly",
			registry: "demo",
		});
		expect(text.match(/alice/g)).toHaveLength(2);
	});
});

describe("catalog", () => {
	test("every locale has the English placeholders", () => {
		for (const [locale, catalog] of Object.entries(catalogs)) {
			for (const key of Object.keys(en) as Array<keyof typeof en>) {
				expect([locale, key, placeholdersOf(catalog[key]).sort()]).toEqual([
					locale,
					key,
					placeholdersOf(en[key]).sort(),
				]);
			}
		}
	});

	test("backticks in templates are balanced", () => {
		for (const [key, template] of Object.entries(en)) {
			const backticks = template.replace(/```/g, "").match(/`/g)?.length ?? 0;
			expect([key, backticks % 2]).toEqual([key, 0]);
			expect([key, (template.match(/```/g)?.length ?? 0) % 2]).toEqual([
				key,
				0,
			]);
		}
	});

	test("every key is used in the source", () => {
		const source = sourceFiles(join(__dirname, "../../src"))
			.filter((path) => !path.includes(join("src", "i18n")))
			.map((path) => readFileSync(path, "utf8"))
			.join("\n");
		// errors.ts builds these two keys from the error code.
		const builtFromCode = ["error.sakura_unavailable", "error.sakura_timeout"];

		const unused = Object.keys(en).filter(
			(key) => !source.includes(`"${key}"`) && !builtFromCode.includes(key),
		);
		expect(unused).toEqual([]);
		expect(source).toContain(["render(`error.$", "{error.code}`)"].join(""));
	});
});

describe("rendered messages", () => {
	const messages = everyMessage();

	test.each(messages)("%s fills every placeholder", (_name, message) => {
		expect(unfilledPlaceholders(message)).toEqual([]);
	});

	test.each(messages)("%s fits Slack limits", (_name, message) => {
		expect(limitViolations(message)).toEqual([]);
	});

	test("every builder key is rendered somewhere", () => {
		const rendered = messages
			.flatMap(([, message]) => allTexts(message))
			.join("\n");
		// Keys of the Block Kit builders; other prefixes belong to other modules.
		const builderPrefixes =
			/^(usage|help|parse|working|registry|value|user|error|credentials)\./;
		const builderKeys = Object.keys(en).filter((key) =>
			builderPrefixes.test(key),
		);
		expect(builderKeys.length).toBeGreaterThan(100);

		const missing = builderKeys.filter((key) => {
			const template = en[key as keyof typeof en];
			// Compare the longest literal run of the template, which survives filling and escaping.
			const literal = template
				.split(/\{[A-Za-z0-9_]+\}/)
				.map((part) =>
					part
						.replace(/&/g, "&amp;")
						.replace(/</g, "&lt;")
						.replace(/>/g, "&gt;"),
				)
				.sort((a, b) => b.length - a.length)[0];
			return !rendered.includes(literal);
		});
		expect(missing).toEqual([]);
	});
});
