import type { ModalView } from "@slack/types";
import { createRegistryView } from "./create";
import type { FormKind } from "./ids";
import { registryFormView } from "./registry-form";
import { userAddView } from "./user-add";
import { userChangeView } from "./user-change";

export { entryView } from "./entry";
export * from "./ids";
export { registryOptions } from "./registry-options";

/** Values a form view shows besides its fields. */
export interface FormContext {
	/** The `private_metadata` string the view carries back on submission. */
	privateMetadata: string;
	/** The registry user name derived from the requester's Slack name, the user add default. */
	derivedUsername: string;
}

/** Builds the view of one form. */
export function formView(kind: FormKind, context: FormContext): ModalView {
	switch (kind) {
		case "create":
			return createRegistryView(context.privateMetadata);
		case "user_add":
			return userAddView(context.privateMetadata, context.derivedUsername);
		case "list":
		case "show":
		case "delete":
			return registryFormView(kind, context.privateMetadata);
		case "user_delete":
		case "user_rotate":
			return userChangeView(kind, context.privateMetadata);
	}
}
