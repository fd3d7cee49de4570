import { type MessageKey, placeholdersOf, t } from "../../src/i18n";
import { en } from "../../src/i18n/en";
import { ja } from "../../src/i18n/ja";

const KEYS = Object.keys(en) as MessageKey[];

/** Kana, kanji and the Japanese full stop, which any sentence written in Japanese contains. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}。]/u;

/**
 * Keys whose Japanese text has no Japanese words, because it is command syntax, an example value
 * or a layout of params.
 */
const WITHOUT_JAPANESE: readonly MessageKey[] = [
	"usage.list",
	"usage.show",
	"usage.create",
	"usage.delete",
	"usage.user_add",
	"usage.user_list",
	"usage.user_delete",
	"usage.user_rotate",
	"usage.access",
	"usage.mine",
	"usage.revoke",
	"usage.audit",
	"audit.user",
	"modal.field.name_placeholder",
	"modal.field.domain_placeholder",
	"modal.option.registry",
	"user.item",
	"date.format",
	"registry.field_id",
	"request.card.approval",
	// The Japanese list separator 、 is punctuation, not a kana or kanji.
	"request.approvals.separator",
];

/** Slack's length limits, in UTF-16 code units, for the keys shown in length-limited places. */
const LIMITED_KEYS: ReadonlyArray<[MessageKey, number]> = [
	// Header block text: 150.
	["help.title", 150],
	["credentials.title_new", 150],
	["credentials.title_rotated", 150],
	["registry.count_one", 150],
	["registry.count_other", 150],
	// Modal title, submit and close: 24.
	["modal.entry.title", 24],
	["modal.title.create", 24],
	["modal.title.user_add", 24],
	["modal.title.list", 24],
	["modal.title.show", 24],
	["modal.title.delete", 24],
	["modal.title.user_delete", 24],
	["modal.title.user_rotate", 24],
	["modal.cancel", 24],
	["modal.submit", 24],
	["request.reject.title", 24],
	["request.reject.submit", 24],
	["request.reject.close", 24],
	// Button text: 75.
	["request.button.approve", 75],
	["request.button.reject", 75],
	["request.button.cancel", 75],
	["modal.entry.choose_create", 75],
	["modal.entry.choose_user_add", 75],
	["modal.entry.choose_list", 75],
	["modal.entry.choose_show", 75],
	["modal.entry.choose_delete", 75],
	["modal.entry.choose_user_delete", 75],
	["modal.entry.choose_user_rotate", 75],
	// Option text and option description: 75.
	["modal.field.access_level_none", 75],
	["modal.field.access_level_readonly", 75],
	["modal.field.access_level_none_note", 75],
	["modal.field.access_level_readonly_note", 75],
	["modal.field.permission_readonly", 75],
	["modal.field.permission_readwrite", 75],
	["modal.field.permission_all", 75],
	// Placeholder: 150.
	["modal.field.name_placeholder", 150],
	["modal.field.domain_placeholder", 150],
	["modal.field.registry_placeholder", 150],
	// Input label: 2000.
	["modal.field.name", 2000],
	["modal.field.access_level", 2000],
	["modal.field.domain", 2000],
	["modal.field.description", 2000],
	["modal.field.reason", 2000],
	["modal.field.registry", 2000],
	["modal.field.permission", 2000],
	["modal.field.username", 2000],
	["request.reject.reason_label", 2000],
];

/** A count far larger than any registry list, for the count header. */
const LARGE_COUNT = 1_000_000;

/** Removes code blocks, which hold command lines that Slack shows as written. */
function withoutCodeBlocks(template: string): string {
	return template.replace(/```[\s\S]*?```/g, " ");
}

function inlineCodeSpans(template: string): string[] {
	return withoutCodeBlocks(template).match(/`[^`]+`/g) ?? [];
}

function codeBlocks(template: string): string[] {
	return template.match(/```[\s\S]*?```/g) ?? [];
}

/** Checks that a character may stand next to a formatting marker: no character, whitespace or ASCII punctuation. */
function isMarkerNeighbour(character: string | undefined): boolean {
	return character === undefined || /[\s!-/:-@[-`{-~]/.test(character);
}

/** Lists `*bold*` and inline code spans whose outer neighbour is not a space or ASCII punctuation. */
function markersTouchingText(template: string): string[] {
	const problems: string[] = [];
	const check = (text: string, pattern: RegExp) => {
		for (const match of text.matchAll(pattern)) {
			const before = text[match.index - 1];
			const after = text[match.index + match[0].length];
			if (!isMarkerNeighbour(before) || !isMarkerNeighbour(after)) {
				problems.push(`${before ?? ""}${match[0]}${after ?? ""}`);
			}
		}
	};

	const text = withoutCodeBlocks(template);
	check(text, /`[^`]+`/g);
	// Code spans become a neutral letter, so an asterisk inside one is not read as bold.
	check(text.replace(/`[^`]+`/g, "c"), /\*[^*\n]+\*/g);
	return problems;
}

describe("Japanese catalog", () => {
	test("has exactly the English keys", () => {
		expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
	});

	test.each(KEYS)("%s keeps the English placeholders", (key) => {
		expect(placeholdersOf(ja[key]).sort()).toEqual(
			placeholdersOf(en[key]).sort(),
		);
	});

	test.each(KEYS)("%s is not empty", (key) => {
		expect(ja[key].trim()).not.toBe("");
	});

	test.each(KEYS.filter((key) => !WITHOUT_JAPANESE.includes(key)))(
		"%s is written in Japanese",
		(key) => {
			expect(ja[key]).toMatch(JAPANESE);
		},
	);

	test.each(WITHOUT_JAPANESE)("%s is listed correctly", (key) => {
		expect(KEYS).toContain(key);
		expect(ja[key]).not.toMatch(JAPANESE);
	});

	test.each(KEYS.filter((key) => key.startsWith("usage.")))(
		"%s keeps the command syntax",
		(key) => {
			expect(ja[key]).toBe(en[key]);
		},
	);

	test.each(LIMITED_KEYS)("%s fits %i characters", (key, limit) => {
		const text = t(key, { count: LARGE_COUNT }, "ja");
		expect(placeholdersOf(text)).toEqual([]);
		expect(text.length).toBeGreaterThan(0);
		expect(text.length).toBeLessThanOrEqual(limit);
	});
});

describe("Japanese mrkdwn", () => {
	test.each(KEYS)("%s keeps the English code spans", (key) => {
		expect(new Set(inlineCodeSpans(ja[key]))).toEqual(
			new Set(inlineCodeSpans(en[key])),
		);
	});

	test.each(KEYS)("%s keeps the English code blocks", (key) => {
		expect(codeBlocks(ja[key])).toEqual(codeBlocks(en[key]));
	});

	test.each(KEYS)("%s has balanced backticks", (key) => {
		const backticks = withoutCodeBlocks(ja[key]).match(/`/g)?.length ?? 0;
		expect(backticks % 2).toBe(0);
	});

	test.each(KEYS)("%s keeps the English bold markers", (key) => {
		const asterisks = (template: string) =>
			withoutCodeBlocks(template).match(/\*/g)?.length ?? 0;
		expect(asterisks(ja[key])).toBe(asterisks(en[key]));
	});

	test.each(KEYS)("%s separates markers from text", (key) => {
		expect(markersTouchingText(ja[key])).toEqual([]);
	});

	test("marker check finds a span touching Japanese", () => {
		expect(markersTouchingText("レジストリ`demo`を作成")).toEqual([
			"リ`demo`を",
		]);
		expect(markersTouchingText("*理由*です")).toEqual(["*理由*で"]);
		expect(markersTouchingText("レジストリ `demo` を作成")).toEqual([]);
		expect(markersTouchingText("*理由*\n(`x`)")).toEqual([]);
	});
});
