import type { ActionsBlock, ModalView } from "@slack/types";
import { type MessageKey, t } from "../../../i18n";
import { context, render, section } from "../mrkdwn";
import { modal, plainText } from "./elements";
import {
	CHOOSE_FORM_ACTION_PREFIX,
	ENTRY_ACTIONS_BLOCK,
	ENTRY_CALLBACK_ID,
	FORM_KINDS,
	type FormKind,
} from "./ids";

const CHOICE_TEXT: Readonly<Record<FormKind, MessageKey>> = {
	create: "modal.entry.choose_create",
	user_add: "modal.entry.choose_user_add",
	list: "modal.entry.choose_list",
	show: "modal.entry.choose_show",
	delete: "modal.entry.choose_delete",
	user_delete: "modal.entry.choose_user_delete",
	user_rotate: "modal.entry.choose_user_rotate",
};

/**
 * Builds the entry modal: one button per form. A click sends `block_actions`, and the listener
 * replaces this view with the chosen form through `views.update`. The view has no inputs, so it has
 * no submit button.
 */
export function entryView(privateMetadata: string): ModalView {
	const choices: ActionsBlock = {
		type: "actions",
		block_id: ENTRY_ACTIONS_BLOCK,
		elements: FORM_KINDS.map((kind) => ({
			type: "button",
			action_id: `${CHOOSE_FORM_ACTION_PREFIX}${kind}`,
			value: kind,
			text: plainText(t(CHOICE_TEXT[kind])),
		})),
	};

	return modal({
		callbackId: ENTRY_CALLBACK_ID,
		title: "modal.entry.title",
		privateMetadata,
		submit: false,
		blocks: [
			section(render("modal.entry.intro")),
			choices,
			context(render("modal.entry.commands_hint")),
		],
	});
}
