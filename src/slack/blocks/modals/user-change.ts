import type { ModalView } from "@slack/types";
import { type MessageKey, t } from "../../../i18n";
import { USERNAME_MAX_LENGTH } from "../../../operations/validation";
import { render, section } from "../mrkdwn";
import { modal, reasonInput, registrySelect, textInput } from "./elements";
import { FIELD_BLOCKS, formCallbackId } from "./ids";

/** The forms that change an existing registry user, named by registry and user name. */
export type UserChangeFormKind = "user_delete" | "user_rotate";

const TEXTS: Readonly<
	Record<UserChangeFormKind, { title: MessageKey; note: MessageKey }>
> = {
	user_delete: {
		title: "modal.title.user_delete",
		note: "modal.user_delete.warning",
	},
	user_rotate: {
		title: "modal.title.user_rotate",
		note: "modal.user_rotate.note",
	},
};

/** Builds the form that deletes a registry user or gives it a new password. */
export function userChangeView(
	kind: UserChangeFormKind,
	privateMetadata: string,
): ModalView {
	return modal({
		callbackId: formCallbackId(kind),
		title: TEXTS[kind].title,
		privateMetadata,
		blocks: [
			registrySelect(),
			textInput({
				blockId: FIELD_BLOCKS.username,
				label: "modal.field.username",
				optional: false,
				maxLength: USERNAME_MAX_LENGTH,
				hint: t("modal.field.username_hint"),
			}),
			section(render(TEXTS[kind].note)),
			reasonInput(),
		],
	});
}
