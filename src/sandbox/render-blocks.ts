/**
 * Renders Slack Block Kit JSON as plain terminal text, close enough to what Slack shows for a person
 * to judge a message: headers underlined, fields as `label value` lines, buttons in brackets and
 * modal inputs with the block id to fill them by. Unknown block types are shown by their type name
 * rather than dropped.
 */
export interface RenderOptions {
	/** Label of a button, e.g. with the number `/press` takes. @default the button text */
	buttonLabel?: (button: Record<string, unknown>, blockId: string) => string;
	/** Display name of a Slack user id, for `<@U…>` mentions. */
	userName?: (userId: string) => string | undefined;
}

type Block = Record<string, unknown>;
type TextObject = { type?: string; text?: string };

/** Renders a message's or a view's blocks, or `fallbackText` when there are none. */
export function renderBlocks(
	blocks: unknown,
	fallbackText = "",
	options: RenderOptions = {},
): string {
	if (!Array.isArray(blocks) || blocks.length === 0) {
		return renderMrkdwn(fallbackText, options);
	}
	return blocks
		.map((block) => renderBlock((block ?? {}) as Block, options))
		.filter((line) => line.length > 0)
		.join("\n");
}

function renderBlock(block: Block, options: RenderOptions): string {
	const blockId = String(block.block_id ?? "");
	switch (block.type) {
		case "header": {
			const text = textOf(block.text, options);
			return `${text}\n${"═".repeat(Math.min(text.length, 40))}`;
		}
		case "section":
			return renderSection(block, options);
		case "context":
			return asArray(block.elements)
				.map((element) => textOf(element, options))
				.join("  ")
				.replace(/^/gm, "  ");
		case "divider":
			return "────────────────────────";
		case "actions":
			return asArray(block.elements)
				.map((element) => renderElement(element as Block, blockId, options))
				.join(" ");
		case "input":
			return renderInput(block, options);
		default:
			return `(${String(block.type)} block)`;
	}
}

function renderSection(block: Block, options: RenderOptions): string {
	const lines: string[] = [];
	if (block.text !== undefined) {
		lines.push(textOf(block.text, options));
	}
	for (const field of asArray(block.fields)) {
		lines.push(`  ${textOf(field, options).replace(/\n/g, " ")}`);
	}
	if (block.accessory !== undefined) {
		lines.push(
			renderElement(
				block.accessory as Block,
				String(block.block_id ?? ""),
				options,
			),
		);
	}
	return lines.join("\n");
}

function renderElement(
	element: Block,
	blockId: string,
	options: RenderOptions,
): string {
	if (element.type !== "button") {
		return `(${String(element.type)})`;
	}
	const label =
		options.buttonLabel?.(element, blockId) ?? textOf(element.text, options);
	return `[ ${label} ]`;
}

/** Shows a modal input as `label [block_id]: kind`, with the choices of a select or radio group. */
function renderInput(block: Block, options: RenderOptions): string {
	const element = (block.element ?? {}) as Block;
	const label = textOf(block.label, options);
	const optional = block.optional === true ? ", optional" : "";
	const choices = asArray(element.options)
		.map((option) => String((option as Block).value))
		.join(" | ");
	const initial =
		typeof element.initial_value === "string"
			? ` = "${element.initial_value}"`
			: element.initial_option !== undefined
				? ` = ${String((element.initial_option as Block).value)}`
				: "";
	const kind = choices === "" ? String(element.type) : `one of ${choices}`;
	return `  ✎ ${label} [${String(block.block_id)}]: ${kind}${optional}${initial}`;
}

function textOf(value: unknown, options: RenderOptions): string {
	const text = value as TextObject | undefined;
	if (text === undefined || typeof text.text !== "string") {
		return "";
	}
	return text.type === "mrkdwn"
		? renderMrkdwn(text.text, options)
		: decodeEntities(text.text);
}

/** Turns Slack mrkdwn into terminal text: bold markers dropped, links shown as `label (url)`. */
function renderMrkdwn(text: string, options: RenderOptions): string {
	return decodeEntities(
		text
			.replace(/<!date\^[^|>]*\|([^>]+)>/g, "$1")
			.replace(
				/<@([A-Z0-9]+)(\|[^>]*)?>/g,
				(_match, id: string) => `@${options.userName?.(id) ?? id}`,
			)
			.replace(
				/<#([A-Z0-9]+)(\|([^>]*))?>/g,
				(_match, id: string, _label, name?: string) => `#${name ?? id}`,
			)
			.replace(
				/<!subteam\^([A-Z0-9]+)(\|([^>]*))?>/g,
				(_match, id: string, _label, name?: string) => name ?? `@${id}`,
			)
			.replace(/<([^|>!@#][^|>]*)\|([^>]+)>/g, "$2 ($1)")
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
