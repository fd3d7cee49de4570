import type { ActionsBlock, KnownBlock } from "@slack/types";
import { t } from "../../i18n";
import type { RequestView } from "../../operations/approvals";
import type { ApproverSet } from "../../operations/policy";
import { context, message, type SlackMessage, section } from "./mrkdwn";
import { describeAction } from "./request-action";
import {
	groupMention,
	type Markup,
	mention,
	renderMarkup,
	renderText,
	slackDate,
} from "./slack-markup";

/** Action id of the card's Approve button; its value is the request id and nothing else. */
export const APPROVE_ACTION_ID = "request.approve";

/** Action id of the card's Reject button; its value is the request id and nothing else. */
export const REJECT_ACTION_ID = "request.reject";

/** Block id of the card's button row. */
export const DECISION_BLOCK_ID = "request.decision";

type RequestRecord = RequestView["record"];

/** The state a card shows beyond the stored record. */
export interface ApprovalCardInput {
	request: RequestView;
	/** Approvers of the request, from the policy rule that matches the stored operation. */
	approvers: ApproverSet;
	/** The explained error of a failed run, as mrkdwn; the card shows the error code without it. */
	failure?: string;
}

/**
 * Builds the approval card posted to the approval channel, and every later version of it. While
 * the request is pending it shows Approve and Reject buttons. Once anything else happened it shows
 * who decided and the outcome instead, with no buttons. The card never shows a password, because
 * neither a request record nor an error message contains one.
 */
export function approvalCard(input: ApprovalCardInput): SlackMessage {
	const { record, operation } = input.request;
	const action = describeAction(operation, record.requester.userId);
	const requester = mention(record.requester.userId);

	const blocks: KnownBlock[] = [
		section(renderText("request.card.asks", { requester, action })),
		section(reasonText(record.reason)),
		context(progressText(record)),
	];

	if (record.status === "pending") {
		blocks.push(
			context(
				renderText("request.card.who_may_approve", {
					approvers: describeApprovers(input.approvers),
					expiresAt: slackDate(record.expiresAt),
				}),
			),
			decisionButtons(record.id),
		);
	} else {
		blocks.push(section(statusText(record, input.failure)));
	}
	blocks.push(context(renderText("request.card.id", { id: record.id })));

	const fallback = renderText("request.card.fallback", { requester, action });
	return message(fallback, blocks);
}

/** Lists who may approve: users and groups as mentions, then workspace admins and owners. */
export function describeApprovers(approvers: ApproverSet): Markup {
	const names: string[] = [
		...approvers.users.map((userId) => mention(userId).markup),
		...approvers.groups.map((groupId) => groupMention(groupId).markup),
	];
	if (approvers.workspaceAdmins) {
		names.push(renderText("request.approvers.admins"));
	}
	if (names.length === 0) {
		return renderMarkup("request.approvers.nobody");
	}
	return { markup: names.join(t("request.approvers.separator")) };
}

/** Lists the approvals so far as "<@U…> on <date>", in the order they were recorded. */
export function describeApprovals(record: RequestRecord): Markup {
	return {
		markup: record.approvals
			.map((approval) =>
				renderText("request.card.approval", {
					approver: mention(approval.userId),
					at: slackDate(approval.at),
				}),
			)
			.join(t("request.approvals.separator")),
	};
}

function reasonText(reason: string): string {
	if (reason.trim() === "") {
		return renderText("request.card.no_reason");
	}
	return renderText("request.card.reason", { reason });
}

function progressText(record: RequestRecord): string {
	const progress = renderText("request.card.progress", {
		count: record.approvals.length,
		required: record.requiredApprovals,
	});
	if (record.approvals.length === 0) {
		return progress;
	}
	return `${progress}: ${describeApprovals(record).markup}`;
}

function statusText(
	record: RequestRecord,
	failure: string | undefined,
): string {
	const at = slackDate(record.result?.at ?? record.updatedAt);

	switch (record.status) {
		case "approved":
		case "running":
			return renderText("request.status.running");
		case "succeeded":
			return renderText("request.status.succeeded", { at });
		case "failed":
			if (failure !== undefined) {
				return renderText("request.status.failed", {
					at,
					error: { markup: failure },
				});
			}
			return renderText("request.status.failed_code", {
				at,
				code: record.result?.errorCode ?? t("value.unknown"),
			});
		case "rejected":
			return rejectionText(record);
		case "cancelled":
			return renderText("request.status.cancelled", {
				at: slackDate(record.cancellation?.at ?? record.updatedAt),
			});
		case "expired":
			return renderText("request.status.expired", {
				at: slackDate(record.expiresAt),
			});
		case "pending":
			return "";
	}
}

/** States who rejected the request, when, and their reason if they gave one. */
export function rejectionText(record: RequestRecord): string {
	const rejection = record.rejection;
	if (rejection === undefined) {
		return renderText("request.status.rejected_unknown");
	}
	const params = {
		approver: mention(rejection.userId),
		at: slackDate(rejection.at),
	};
	if (rejection.reason.trim() === "") {
		return renderText("request.status.rejected", params);
	}
	return renderText("request.status.rejected_reason", {
		...params,
		reason: rejection.reason,
	});
}

/** The Approve and Reject buttons of a pending request. */
export function decisionButtons(requestId: string): ActionsBlock {
	return {
		type: "actions",
		block_id: DECISION_BLOCK_ID,
		elements: [
			{
				type: "button",
				action_id: APPROVE_ACTION_ID,
				text: { type: "plain_text", text: t("request.button.approve") },
				style: "primary",
				value: requestId,
			},
			{
				type: "button",
				action_id: REJECT_ACTION_ID,
				text: { type: "plain_text", text: t("request.button.reject") },
				style: "danger",
				value: requestId,
			},
		],
	};
}
