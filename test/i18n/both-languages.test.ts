import { type Locale, withLocale } from "../../src/i18n";
import { entryView, FORM_KINDS, formView } from "../../src/slack/blocks/modals";
import { everyMessage } from "../slack/blocks/every-message";
import {
	allTexts,
	limitViolations,
	unfilledPlaceholders,
} from "../slack/blocks/slack-limits";

/** Hiragana, katakana or kanji. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

/** SAKURA's own Japanese error text in the samples, which English messages show as it is. */
const SAKURA_SAMPLE_MESSAGE = "リクエストが不正です";

const LOCALES: Locale[] = ["en", "ja"];

/** Messages that quote the person's own non-ASCII input back, which may be Japanese in any language. */
const QUOTES_INPUT = new Set([
	"invalid parse.name_non_ascii",
	"invalid parse.username_non_ascii",
]);

describe.each(LOCALES)("every message in %s", (locale) => {
	const messages = withLocale(locale, () => everyMessage());

	test.each(messages)(
		"%s fills placeholders and fits Slack",
		(_name, message) => {
			expect(unfilledPlaceholders(message)).toEqual([]);
			expect(limitViolations(message)).toEqual([]);
		},
	);

	const languageChecked = messages.filter(
		([name]) => locale === "ja" || !QUOTES_INPUT.has(name),
	);

	test.each(languageChecked)(
		"%s is in the reader's language",
		(_name, message) => {
			const text = allTexts(message)
				.join("\n")
				.replaceAll(SAKURA_SAMPLE_MESSAGE, "");

			expect(JAPANESE.test(text)).toBe(locale === "ja");
		},
	);
});

describe.each(LOCALES)("every form in %s", (locale) => {
	const views = withLocale(locale, () => [
		["entry", entryView("{}")] as const,
		...FORM_KINDS.map(
			(kind) =>
				[
					kind,
					formView(kind, { privateMetadata: "{}", derivedUsername: "hanako" }),
				] as const,
		),
	]);

	test.each(views)(
		"%s form is complete and in the reader's language",
		(_name, view) => {
			const json = JSON.stringify(view);
			const title = (view.title as { text: string }).text;

			expect(json.match(/\{[A-Za-z0-9_]+\}/g) ?? []).toEqual([]);
			expect(JAPANESE.test(json)).toBe(locale === "ja");
			expect(Array.from(title).length).toBeLessThanOrEqual(24);
		},
	);
});
