import type { KnownBlock, ModalView } from "@slack/types";
import type { MessageKey } from "../../../i18n";
import { render, section } from "../mrkdwn";
import { modal, reasonInput, registrySelect } from "./elements";
import { formCallbackId } from "./ids";

/** The forms that need no more than a registry: list needs none, show and delete need one. */
export type RegistryFormKind = "list" | "show" | "delete";

const TITLES: Readonly<Record<RegistryFormKind, MessageKey>> = {
	list: "modal.title.list",
	show: "modal.title.show",
	delete: "modal.title.delete",
};

/**
 * Builds the form for listing registries, showing one, or deleting one. Listing has no input but
 * the reason, and deleting shows what else it deletes.
 */
export function registryFormView(
	kind: RegistryFormKind,
	privateMetadata: string,
): ModalView {
	const blocks: KnownBlock[] = [];
	if (kind === "list") {
		blocks.push(section(render("modal.list.note")));
	} else {
		blocks.push(registrySelect());
	}
	if (kind === "delete") {
		blocks.push(section(render("modal.delete.warning")));
	}
	blocks.push(reasonInput());

	return modal({
		callbackId: formCallbackId(kind),
		title: TITLES[kind],
		privateMetadata,
		blocks,
	});
}
