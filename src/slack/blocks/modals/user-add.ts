import type { ModalView } from "@slack/types";
import { t } from "../../../i18n";
import { USERNAME_MAX_LENGTH } from "../../../operations/validation";
import {
	modal,
	option,
	radioInput,
	reasonInput,
	registrySelect,
	textInput,
} from "./elements";
import { FIELD_BLOCKS, formCallbackId } from "./ids";

/**
 * Builds the form that adds a registry user, whose password the bot sends by DM: the registry,
 * the permission (`readonly` preselected), an optional user name whose placeholder is the name
 * derived from the requester's Slack name, an optional lifetime such as `8h` or `3d`, and the
 * reason.
 */
export function userAddView(
	privateMetadata: string,
	derivedUsername: string,
): ModalView {
	const readonly = option("readonly", "modal.field.permission_readonly");

	return modal({
		callbackId: formCallbackId("user_add"),
		title: "modal.title.user_add",
		privateMetadata,
		blocks: [
			registrySelect(),
			radioInput({
				blockId: FIELD_BLOCKS.permission,
				label: "modal.field.permission",
				choices: [
					readonly,
					option("readwrite", "modal.field.permission_readwrite"),
					option("all", "modal.field.permission_all"),
				],
				initial: readonly,
			}),
			textInput({
				blockId: FIELD_BLOCKS.username,
				label: "modal.field.username",
				optional: true,
				maxLength: USERNAME_MAX_LENGTH,
				placeholder: derivedUsername,
				hint: t("modal.field.username_hint_derived", {
					username: derivedUsername,
				}),
			}),
			textInput({
				blockId: FIELD_BLOCKS.lifetime,
				label: "modal.field.lifetime",
				optional: true,
				maxLength: 8,
				placeholder: "3d",
				hint: t("modal.field.lifetime_hint"),
			}),
			reasonInput(),
		],
	});
}
