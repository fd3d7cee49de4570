import type {
	InputBlock,
	KnownBlock,
	ModalView,
	PlainTextElement,
	PlainTextOption,
} from "@slack/types";
import { type MessageKey, t } from "../../../i18n";
import { REASON_MAX_LENGTH } from "../../command-values";
import { clip } from "../mrkdwn";
import { FIELD_ACTION, FIELD_BLOCKS, REGISTRY_SELECT_ACTION } from "./ids";

/** Block Kit limits on modal views and their elements, from Slack's view and block references. */
export const MODAL_LIMITS = {
	/** `title`, `submit` and `close` of a modal. */
	buttonText: 24,
	/** The text of an option in a select or radio group. */
	optionText: 75,
	/** The description under a radio option. */
	optionDescription: 75,
	/** Options in one `block_suggestion` reply or static select. */
	options: 100,
	privateMetadata: 3000,
	placeholder: 150,
	/** Maximum length a `plain_text_input` accepts. */
	inputText: 3000,
} as const;

/** Returns a plain text object, which Slack shows literally, with no mrkdwn or mention parsing. */
export function plainText(text: string, maxLength?: number): PlainTextElement {
	return {
		type: "plain_text",
		text: maxLength === undefined ? text : clip(text, maxLength),
	};
}

/** Builds a modal view with the shared title, cancel and submit buttons. */
export function modal(options: {
	callbackId: string;
	title: MessageKey;
	blocks: KnownBlock[];
	privateMetadata: string;
	/** @default true */
	submit?: boolean;
}): ModalView {
	const view: ModalView = {
		type: "modal",
		callback_id: options.callbackId,
		title: plainText(t(options.title), MODAL_LIMITS.buttonText),
		close: plainText(t("modal.cancel"), MODAL_LIMITS.buttonText),
		blocks: options.blocks,
		private_metadata: options.privateMetadata,
	};
	if (options.submit ?? true) {
		view.submit = plainText(t("modal.submit"), MODAL_LIMITS.buttonText);
	}
	return view;
}

/** Builds a radio option whose value is the wire value and whose text explains it. */
export function option(
	value: string,
	text: MessageKey,
	description?: MessageKey,
): PlainTextOption {
	const built: PlainTextOption = {
		text: plainText(t(text), MODAL_LIMITS.optionText),
		value,
	};
	if (description !== undefined) {
		built.description = plainText(
			t(description),
			MODAL_LIMITS.optionDescription,
		);
	}
	return built;
}

/** Builds a one-line or multiline text input block. */
export function textInput(options: {
	blockId: string;
	label: MessageKey;
	optional: boolean;
	maxLength: number;
	multiline?: boolean;
	placeholder?: string;
	hint?: string;
}): InputBlock {
	const block: InputBlock = {
		type: "input",
		block_id: options.blockId,
		optional: options.optional,
		label: plainText(t(options.label)),
		element: {
			type: "plain_text_input",
			action_id: FIELD_ACTION,
			multiline: options.multiline ?? false,
			max_length: Math.min(options.maxLength, MODAL_LIMITS.inputText),
			...(options.placeholder === undefined
				? {}
				: {
						placeholder: plainText(
							options.placeholder,
							MODAL_LIMITS.placeholder,
						),
					}),
		},
	};
	if (options.hint !== undefined) {
		block.hint = plainText(options.hint);
	}
	return block;
}

/** Builds a radio button group with a preselected option. */
export function radioInput(options: {
	blockId: string;
	label: MessageKey;
	choices: PlainTextOption[];
	initial: PlainTextOption;
}): InputBlock {
	return {
		type: "input",
		block_id: options.blockId,
		label: plainText(t(options.label)),
		element: {
			type: "radio_buttons",
			action_id: FIELD_ACTION,
			options: options.choices,
			initial_option: options.initial,
		},
	};
}

/**
 * Builds the registry picker: an `external_select` whose options the options listener loads from
 * SAKURA Cloud. `min_query_length: 0` makes Slack ask for options as soon as the menu opens, before
 * anything is typed (Slack's default is 3 characters).
 */
export function registrySelect(): InputBlock {
	return {
		type: "input",
		block_id: FIELD_BLOCKS.registry,
		label: plainText(t("modal.field.registry")),
		element: {
			type: "external_select",
			action_id: REGISTRY_SELECT_ACTION,
			min_query_length: 0,
			placeholder: plainText(
				t("modal.field.registry_placeholder"),
				MODAL_LIMITS.placeholder,
			),
		},
	};
}

/** Builds the optional multiline reason input that every form ends with. */
export function reasonInput(): InputBlock {
	return textInput({
		blockId: FIELD_BLOCKS.reason,
		label: "modal.field.reason",
		optional: true,
		multiline: true,
		maxLength: REASON_MAX_LENGTH,
		hint: t("modal.field.reason_hint"),
	});
}
