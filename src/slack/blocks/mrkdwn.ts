import type {
	ContextBlock,
	HeaderBlock,
	KnownBlock,
	MrkdwnElement,
	SectionBlock,
} from "@slack/types";
import { type MessageKey, t } from "../../i18n";

/** A message for Slack: blocks for display and `text` for notifications and screen readers. */
export interface SlackMessage {
	text: string;
	blocks: KnownBlock[];
}

/** Block Kit limits, from Slack's block reference (docs.slack.dev/reference/block-kit). */
export const SLACK_LIMITS = {
	blocksPerMessage: 50,
	sectionText: 3000,
	sectionFields: 10,
	fieldText: 2000,
	headerText: 150,
	contextElements: 10,
	/** Slack truncates a message's top-level `text` beyond 40,000 characters. */
	messageText: 40000,
} as const;

/** Maximum length of a user-provided value shown inline in a message, in code points. */
const INLINE_VALUE_MAX_LENGTH = 100;

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters. Without this, a
 * registry name such as `<!channel>` would notify a whole channel.
 */
export function escapeMrkdwn(value: string): string {
	return value
		.replace(/&/g, "&amp;")
		.replace(/</g, "&lt;")
		.replace(/>/g, "&gt;");
}

/**
 * Prepares a user-provided value for a message: one line, at most 100 code points, and no
 * backticks, which would end the inline code span the templates put values in. The message is
 * escaped for mrkdwn afterwards as a whole.
 */
export function inline(value: string): string {
	const oneLine = value
		.replace(/[\p{Cc}\u2028\u2029]+/gu, " ")
		.replace(/`/g, "\u02CB");
	const characters = Array.from(oneLine);
	if (characters.length <= INLINE_VALUE_MAX_LENGTH) {
		return oneLine;
	}
	return `${characters.slice(0, INLINE_VALUE_MAX_LENGTH - 1).join("")}…`;
}

/**
 * Shortens text to at most `maxLength` UTF-16 code units, ending with `…`. The cut never splits
 * an HTML entity of escaped mrkdwn or a surrogate pair.
 */
export function clip(text: string, maxLength: number): string {
	if (text.length <= maxLength) {
		return text;
	}

	let cut = text.slice(0, maxLength - 1);
	const lastAmpersand = cut.lastIndexOf("&");
	if (lastAmpersand !== -1 && !cut.slice(lastAmpersand).includes(";")) {
		cut = cut.slice(0, lastAmpersand);
	}
	if (/[\uD800-\uDBFF]$/.test(cut)) {
		cut = cut.slice(0, -1);
	}
	return `${cut}…`;
}

/** Renders a catalog message as escaped mrkdwn. Params are inserted as given. */
export function render(
	key: MessageKey,
	params: Record<string, string | number> = {},
): string {
	return escapeMrkdwn(t(key, params));
}

/**
 * Writes a value as one argument of a `/registry` command line, quoting it when it contains
 * whitespace or starts with a quote or dash, so the hint can be copied back as is.
 */
export function commandArgument(value: string): string {
	if (
		value !== "" &&
		!/[\s"'\u2018-\u201F\\]/u.test(value) &&
		!value.startsWith("-")
	) {
		return value;
	}
	return `"${value.replace(/["\\\u201C-\u201F]/g, (character) => `\\${character}`)}"`;
}

export function section(text: string): SectionBlock {
	return {
		type: "section",
		text: { type: "mrkdwn", text: clip(text, SLACK_LIMITS.sectionText) },
	};
}

export function fieldsSection(fields: string[]): SectionBlock {
	return {
		type: "section",
		fields: fields.slice(0, SLACK_LIMITS.sectionFields).map(
			(text): MrkdwnElement => ({
				type: "mrkdwn",
				text: clip(text, SLACK_LIMITS.fieldText),
			}),
		),
	};
}

export function context(text: string): ContextBlock {
	return {
		type: "context",
		elements: [{ type: "mrkdwn", text: clip(text, SLACK_LIMITS.sectionText) }],
	};
}

/** Builds a header block. Its text is plain text, which Slack does not parse for mentions or links. */
export function header(text: string): HeaderBlock {
	return {
		type: "header",
		text: { type: "plain_text", text: clip(text, SLACK_LIMITS.headerText) },
	};
}

/** Builds a message whose notification text is `text`, clipped to Slack's limit. */
export function message(text: string, blocks: KnownBlock[]): SlackMessage {
	return { text: clip(text, SLACK_LIMITS.messageText), blocks };
}

/**
 * Groups lines into as few section texts as fit Slack's 3,000-character section limit. A single
 * longer line is clipped.
 */
export function chunkLines(lines: readonly string[]): string[] {
	const chunks: string[] = [];
	let current = "";

	for (const line of lines) {
		const candidate = current === "" ? line : `${current}\n${line}`;
		if (candidate.length <= SLACK_LIMITS.sectionText || current === "") {
			current = candidate;
			continue;
		}
		chunks.push(current);
		current = line;
	}
	if (current !== "") {
		chunks.push(current);
	}
	return chunks;
}
