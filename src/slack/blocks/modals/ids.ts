/**
 * The forms of the `/registry` modal, one per operation kind. Slack echoes a view's `callback_id`
 * back in its `view_submission`, so each form has its own callback id, built by `formCallbackId`.
 */
export const FORM_KINDS = [
	"create",
	"user_add",
	"list",
	"show",
	"delete",
	"user_delete",
	"user_rotate",
] as const;

export type FormKind = (typeof FORM_KINDS)[number];

/** Callback id of the entry modal, where the person picks a form. */
export const ENTRY_CALLBACK_ID = "registry_entry";

/** Prefix of every form's callback id, followed by the form kind. */
export const FORM_CALLBACK_PREFIX = "registry_form:";

/** Matches the callback id of every form, for the `view_submission` listener. */
export const FORM_CALLBACK_PATTERN = /^registry_form:/;

/** Block id of the entry modal's buttons. */
export const ENTRY_ACTIONS_BLOCK = "registry_entry_choices";

/** Prefix of the entry modal's button action ids, followed by the form kind. */
export const CHOOSE_FORM_ACTION_PREFIX = "registry_choose:";

/** Matches the action id of every entry modal button, for the `block_actions` listener. */
export const CHOOSE_FORM_ACTION_PATTERN = /^registry_choose:/;

/** Action id of the registry `external_select`, which the options listener serves. */
export const REGISTRY_SELECT_ACTION = "registry_select";

/**
 * Block ids of the form inputs. Slack keys `state.values` and a `response_action: "errors"` reply
 * by these ids, so a field error appears under the input it concerns.
 */
export const FIELD_BLOCKS = {
	name: "field_name",
	accessLevel: "field_access_level",
	domain: "field_domain",
	description: "field_description",
	registry: "field_registry",
	permission: "field_permission",
	username: "field_username",
	lifetime: "field_lifetime",
	reason: "field_reason",
} as const;

export type FieldBlock = (typeof FIELD_BLOCKS)[keyof typeof FIELD_BLOCKS];

/** Action id of the element inside each input block. One input per block, so one id serves all. */
export const FIELD_ACTION = "value";

/** Returns the callback id of a form. */
export function formCallbackId(kind: FormKind): string {
	return `${FORM_CALLBACK_PREFIX}${kind}`;
}

/** Returns the form kind named by a callback id or a button's action id suffix, or undefined. */
export function formKindOf(
	value: string,
	prefix: string,
): FormKind | undefined {
	if (!value.startsWith(prefix)) {
		return undefined;
	}
	const kind = value.slice(prefix.length);
	return FORM_KINDS.find((candidate) => candidate === kind);
}
