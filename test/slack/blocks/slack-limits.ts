import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../../../src/slack/blocks";

/** Block Kit limits from Slack's block reference (docs.slack.dev/reference/block-kit/blocks). */
const LIMITS = {
	blocks: 50,
	sectionText: 3000,
	fields: 10,
	fieldText: 2000,
	headerText: 150,
	contextElements: 10,
	contextText: 3000,
	messageText: 40000,
};

/** Returns every text of a message: the fallback and each text object in its blocks. */
export function allTexts(message: SlackMessage): string[] {
	const texts = [message.text];
	for (const block of message.blocks) {
		if (block.type === "section") {
			if (block.text !== undefined) {
				texts.push(block.text.text);
			}
			for (const field of block.fields ?? []) {
				texts.push(field.text);
			}
		} else if (block.type === "header") {
			texts.push(block.text.text);
		} else if (block.type === "context") {
			for (const element of block.elements) {
				if ("text" in element && typeof element.text === "string") {
					texts.push(element.text);
				}
			}
		}
	}
	return texts;
}

/** Lists every way a message breaks a Block Kit limit; an empty list means it fits. */
export function limitViolations(message: SlackMessage): string[] {
	const violations: string[] = [];
	const check = (ok: boolean, violation: string) => {
		if (!ok) {
			violations.push(violation);
		}
	};

	check(message.text.length > 0, "empty text");
	check(message.text.length <= LIMITS.messageText, "text too long");
	check(message.blocks.length >= 1, "no blocks");
	check(
		message.blocks.length <= LIMITS.blocks,
		`${message.blocks.length} blocks`,
	);

	message.blocks.forEach((block: KnownBlock, index) => {
		if (block.type === "section") {
			check(
				block.text !== undefined || block.fields !== undefined,
				`section ${index} is empty`,
			);
			if (block.text !== undefined) {
				const length = block.text.text.length;
				check(
					length >= 1 && length <= LIMITS.sectionText,
					`section ${index} text ${length}`,
				);
			}
			const fields = block.fields ?? [];
			check(
				fields.length <= LIMITS.fields,
				`section ${index} has ${fields.length} fields`,
			);
			for (const field of fields) {
				const length = field.text.length;
				check(
					length >= 1 && length <= LIMITS.fieldText,
					`section ${index} field ${length}`,
				);
			}
		} else if (block.type === "header") {
			check(
				block.text.type === "plain_text",
				`header ${index} is not plain_text`,
			);
			const length = block.text.text.length;
			check(
				length >= 1 && length <= LIMITS.headerText,
				`header ${index} text ${length}`,
			);
		} else if (block.type === "context") {
			check(
				block.elements.length <= LIMITS.contextElements,
				`context ${index} elements`,
			);
			for (const element of block.elements) {
				if ("text" in element && typeof element.text === "string") {
					const length = element.text.length;
					check(
						length >= 1 && length <= LIMITS.contextText,
						`context ${index} text ${length}`,
					);
				}
			}
		} else if (block.type === "divider") {
			// A divider has no content to measure.
		} else if (block.type === "actions") {
			// Slack's limits for an actions block: 25 elements; a button's text 75 characters, its
			// value 2,000 and its action_id 255.
			check(block.elements.length <= 25, `actions ${index} elements`);
			for (const element of block.elements) {
				if (element.type !== "button") {
					continue;
				}
				const length = element.text.text.length;
				check(
					length >= 1 && length <= 75,
					`actions ${index} button text ${length}`,
				);
				check(
					(element.value ?? "").length <= 2_000,
					`actions ${index} button value`,
				);
				check(
					(element.action_id ?? "").length <= 255,
					`actions ${index} action_id`,
				);
			}
		} else {
			violations.push(`unexpected block type ${block.type}`);
		}
	});
	return violations;
}

/** Finds `{name}` placeholders that a message left unfilled. */
export function unfilledPlaceholders(message: SlackMessage): string[] {
	// Slack date tokens such as <!date^1700000000^{date_num}|2023-11-14> carry Slack's own braces.
	return allTexts(message).flatMap(
		(text) =>
			text.replace(/<!date\^[^>]*>/g, "").match(/\{[A-Za-z0-9_]+\}/g) ?? [],
	);
}

/**
 * Finds `<` and `>` characters in mrkdwn texts. Messages escape them, so a raw one would be Slack
 * markup injected by a value: a mention, a channel link or a URL.
 */
export function rawAngleBrackets(message: SlackMessage): string[] {
	const mrkdwn = [message.text];
	for (const block of message.blocks) {
		if (block.type === "section") {
			if (block.text !== undefined) {
				mrkdwn.push(block.text.text);
			}
			mrkdwn.push(...(block.fields ?? []).map((field) => field.text));
		} else if (block.type === "context") {
			for (const element of block.elements) {
				if ("text" in element && typeof element.text === "string") {
					mrkdwn.push(element.text);
				}
			}
		}
	}
	return mrkdwn.filter(
		(text) => /[<>]/.test(text) || /&(?!amp;|lt;|gt;)/.test(text),
	);
}
