import type { ModalView } from "@slack/types";
import { t } from "../../i18n";
import type { RequestView } from "../../operations/approvals";
import { section } from "./mrkdwn";
import { describeAction } from "./request-action";
import { mention, renderText } from "./slack-markup";

/** Callback id of the modal that collects an approver's rejection reason. */
export const REJECT_VIEW_CALLBACK_ID = "request.reject";

/** Block id of the reason input, which `response_action: "errors"` names. */
export const REJECT_REASON_BLOCK_ID = "request.reject.reason";

/** Action id of the reason input inside its block. */
export const REJECT_REASON_ACTION_ID = "reason";

/** Maximum length of a rejection reason in characters, the same as a request's reason. */
export const REJECT_REASON_MAX_LENGTH = 500;

/**
 * Builds the modal that collects an optional rejection reason. `private_metadata` carries the
 * request id only; on submission the stored request is read again and every check repeated.
 */
export function rejectView(request: RequestView): ModalView {
	const { record, operation } = request;
	return {
		type: "modal",
		callback_id: REJECT_VIEW_CALLBACK_ID,
		private_metadata: record.id,
		// Slack limits modal titles and button labels to 24 characters.
		title: { type: "plain_text", text: t("request.reject.title") },
		submit: { type: "plain_text", text: t("request.reject.submit") },
		close: { type: "plain_text", text: t("request.reject.close") },
		blocks: [
			section(
				renderText("request.reject.summary", {
					requester: mention(record.requester.userId),
					action: describeAction(operation, record.requester.userId),
				}),
			),
			{
				type: "input",
				block_id: REJECT_REASON_BLOCK_ID,
				optional: true,
				label: { type: "plain_text", text: t("request.reject.reason_label") },
				hint: { type: "plain_text", text: t("request.reject.reason_hint") },
				element: {
					type: "plain_text_input",
					action_id: REJECT_REASON_ACTION_ID,
					multiline: true,
					max_length: REJECT_REASON_MAX_LENGTH,
				},
			},
		],
	};
}

/**
 * Builds the modal that replaces the reject form when the request can no longer be rejected, such
 * as after another approver decided it. `text` is mrkdwn.
 */
export function rejectResultView(text: string): ModalView {
	return {
		type: "modal",
		callback_id: REJECT_VIEW_CALLBACK_ID,
		title: { type: "plain_text", text: t("request.reject.title") },
		close: { type: "plain_text", text: t("request.reject.close") },
		blocks: [section(text)],
	};
}
