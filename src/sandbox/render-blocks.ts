/**
 * Renders Slack Block Kit JSON as plain terminal text, close enough to what Slack shows for a person
 * to judge a message: headers in capitals, fields as `label value` lines, buttons in brackets.
 * Unknown block types are shown by their type name rather than dropped.
 */
export function renderBlocks(blocks: unknown, fallbackText = ""): string {
	if (!Array.isArray(blocks) || blocks.length === 0) {
		return renderMrkdwn(fallbackText);
	}
	return blocks
		.map(renderBlock)
		.filter((line) => line.length > 0)
		.join("\n");
}

type Block = Record<string, unknown>;
type TextObject = { type?: string; text?: string };

function renderBlock(raw: unknown): string {
	const block = (raw ?? {}) as Block;
	switch (block.type) {
		case "header":
			return textOf(block.text).toUpperCase();
		case "section":
			return renderSection(block);
		case "context":
			return asArray(block.elements)
				.map((element) => textOf(element))
				.join("  ")
				.replace(/^/gm, "  ");
		case "divider":
			return "────────────────────────";
		case "actions":
			return asArray(block.elements)
				.map((element) => `[ ${textOf((element as Block).text)} ]`)
				.join(" ");
		case "rich_text":
			return JSON.stringify(block.elements);
		default:
			return `(${String(block.type)} block)`;
	}
}

function renderSection(block: Block): string {
	const lines: string[] = [];
	if (block.text !== undefined) {
		lines.push(textOf(block.text));
	}
	for (const field of asArray(block.fields)) {
		lines.push(`  ${textOf(field).replace(/\n/g, " ")}`);
	}
	const accessory = block.accessory as Block | undefined;
	if (accessory?.type === "button") {
		lines.push(`[ ${textOf(accessory.text)} ]`);
	}
	return lines.join("\n");
}

function textOf(value: unknown): string {
	const text = value as TextObject | undefined;
	if (text === undefined || typeof text.text !== "string") {
		return "";
	}
	return text.type === "mrkdwn"
		? renderMrkdwn(text.text)
		: decodeEntities(text.text);
}

/** Turns Slack mrkdwn into terminal text: bold markers dropped, links shown as `label (url)`. */
function renderMrkdwn(text: string): string {
	return decodeEntities(
		text
			.replace(/<([^|>]+)\|([^>]+)>/g, "$2 ($1)")
			.replace(/<(@[A-Z0-9]+|#[A-Z0-9]+)>/g, "$1")
			.replace(/(^|\s)\*(\S[^*\n]*?)\*(?=\s|$|[.,:;!?])/g, "$1$2"),
	);
}

function decodeEntities(text: string): string {
	return text
		.replace(/&lt;/g, "<")
		.replace(/&gt;/g, ">")
		.replace(/&amp;/g, "&");
}

function asArray(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}
