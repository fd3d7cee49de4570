import type { ModalView } from "@slack/types";
import { t } from "../../../i18n";
import {
	DESCRIPTION_MAX_LENGTH,
	SUBDOMAIN_LABEL_MAX_LENGTH,
} from "../../../operations/validation";
import { modal, option, radioInput, reasonInput, textInput } from "./elements";
import { FIELD_BLOCKS, formCallbackId } from "./ids";

/** Maximum length of a DNS domain name, which `isValidVirtualDomain` also enforces. */
const DOMAIN_MAX_LENGTH = 253;

/**
 * Builds the form that creates a registry: name, access level (`none` preselected, `readonly`
 * marked deprecated), optional custom domain and description, and the reason.
 */
export function createRegistryView(privateMetadata: string): ModalView {
	const none = option(
		"none",
		"modal.field.access_level_none",
		"modal.field.access_level_none_note",
	);
	const readonly = option(
		"readonly",
		"modal.field.access_level_readonly",
		"modal.field.access_level_readonly_note",
	);

	return modal({
		callbackId: formCallbackId("create"),
		title: "modal.title.create",
		privateMetadata,
		blocks: [
			textInput({
				blockId: FIELD_BLOCKS.name,
				label: "modal.field.name",
				optional: false,
				maxLength: SUBDOMAIN_LABEL_MAX_LENGTH,
				placeholder: t("modal.field.name_placeholder"),
				hint: t("modal.field.name_hint"),
			}),
			radioInput({
				blockId: FIELD_BLOCKS.accessLevel,
				label: "modal.field.access_level",
				choices: [none, readonly],
				initial: none,
			}),
			textInput({
				blockId: FIELD_BLOCKS.domain,
				label: "modal.field.domain",
				optional: true,
				maxLength: DOMAIN_MAX_LENGTH,
				placeholder: t("modal.field.domain_placeholder"),
				hint: t("modal.field.domain_hint"),
			}),
			textInput({
				blockId: FIELD_BLOCKS.description,
				label: "modal.field.description",
				optional: true,
				multiline: true,
				maxLength: DESCRIPTION_MAX_LENGTH,
				hint: t("modal.field.description_hint"),
			}),
			reasonInput(),
		],
	});
}
