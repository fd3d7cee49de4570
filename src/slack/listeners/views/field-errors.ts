import { type MessageKey, t } from "../../../i18n";
import type { ParseFailure } from "../../grammar";

/**
 * Command-line messages that name a flag such as `--permission`, with the form wording to show
 * instead. The rule behind each message is the same.
 */
const FORM_WORDING: Partial<Record<MessageKey, MessageKey>> = {
	"parse.access_level_invalid": "modal.error.access_level_invalid",
	"parse.access_level_readwrite_removed":
		"modal.error.access_level_readwrite_removed",
	"parse.user_permission_invalid": "modal.error.user_permission_invalid",
	"parse.derived_username_invalid": "modal.error.derived_username_invalid",
};

/**
 * Renders a validation failure as a field error under a modal input. Slack shows these errors as
 * plain text, so the backticks that mark values in command-line messages become double quotes.
 */
export function fieldError(failure: ParseFailure): string {
	const key = FORM_WORDING[failure.key] ?? failure.key;
	return t(key, failure.params).replace(/`/g, '"');
}
