import type { ActionsBlock, KnownBlock } from "@slack/types";
import { type MessageKey, t } from "../../i18n";
import type { DecisionResult, RequestView } from "../../operations/approvals";
import type { ApproverSet } from "../../operations/policy";
import type { Operation } from "../../operations/types";
import { slackErrorRemedy } from "../web-api-errors";
import { describeApprovals, describeApprovers } from "./approval-card";
import { inline, message, type SlackMessage, section } from "./mrkdwn";
import { describeAction } from "./request-action";
import { channelLink, mention, renderText, slackDate } from "./slack-markup";

/** Action id of the Cancel button on the requester's "sent for approval" message. */
export const CANCEL_ACTION_ID = "request.cancel";

/** The button a click reply is for, because each words a refusal differently. */
export type ClickKind = "approve" | "reject" | "cancel";

/**
 * Builds the reply stating that the request waits for approval: what it does, how
 * many approvals it needs from whom, when it expires, and a Cancel button.
 */
export function submittedMessage(
	request: RequestView,
	approvers: ApproverSet,
): SlackMessage {
	const { record, operation } = request;
	const text = renderText("request.submitted", {
		action: describeAction(operation, record.requester.userId),
		approvals:
			record.requiredApprovals === 1
				? t("request.approvals_one")
				: t("request.approvals_other", { count: record.requiredApprovals }),
		approvers: describeApprovers(approvers),
		expiresAt: slackDate(record.expiresAt),
	});
	const cancel: ActionsBlock = {
		type: "actions",
		block_id: "request.requester",
		elements: [
			{
				type: "button",
				action_id: CANCEL_ACTION_ID,
				text: { type: "plain_text", text: t("request.button.cancel") },
				value: record.id,
			},
		],
	};
	return message(text, [section(text), cancel]);
}

/** Builds the reply to a request the policy does not let this person make. */
export function forbiddenMessage(
	operation: Operation,
	requesterId: string,
): SlackMessage {
	return single(
		renderText("request.forbidden", {
			action: describeAction(operation, requesterId),
		}),
	);
}

/** Reply to a card that could not be posted, by who can fix the cause. */
const CARD_FAILED_KEYS = {
	admin: "request.card_failed_admin",
	retry: "request.card_failed_retry",
	other: "request.card_failed",
} as const satisfies Record<ReturnType<typeof slackErrorRemedy>, MessageKey>;

/**
 * Builds the reply when the approval card could not be posted, so the request was cancelled. It
 * names the channel and Slack's error, and what to do: ask an admin to fix the token or the
 * channel, or try again later after a rate limit or an outage.
 */
export function cardFailedMessage(
	channelId: string,
	slackError: string,
): SlackMessage {
	return single(
		renderText(CARD_FAILED_KEYS[slackErrorRemedy(slackError)], {
			channel: channelLink(channelId),
			error: slackError,
		}),
	);
}

/** Builds the reply to a request made in a DM when no approval channel is configured. */
export function noApprovalChannelMessage(): SlackMessage {
	return single(renderText("request.no_approval_channel"));
}

/** Builds the reply when Slack could not say whether someone is an admin or in a group. */
export function permissionCheckFailedMessage(): SlackMessage {
	return single(renderText("request.permission_check_failed"));
}

/**
 * Builds the reply to an approver whose completing click was recorded, but whose request could not
 * be handed to the worker. Another click on Approve hands it over again.
 */
export function startFailedMessage(reference: string): SlackMessage {
	return single(
		renderText("request.start_failed", { reference: inline(reference) }),
	);
}

/**
 * Builds the ephemeral reply to a click that changed nothing: the request is already decided,
 * finished, expired or gone, or this person may not make this decision. Returns undefined for the
 * results that changed the request, which get other replies.
 */
export function clickReply(
	result: DecisionResult,
	click: ClickKind,
	clickerId: string,
	approvers?: ApproverSet,
): SlackMessage | undefined {
	switch (result.kind) {
		case "not_found":
			return single(renderText("request.click.not_found"));
		case "refused":
			return single(refusalText(result.reason, click, approvers));
		case "already":
			return single(alreadyText(result, clickerId));
		default:
			return undefined;
	}
}

function refusalText(
	reason: Extract<DecisionResult, { kind: "refused" }>["reason"],
	click: ClickKind,
	approvers: ApproverSet | undefined,
): string {
	if (reason === "not_requester") {
		return renderText("request.click.not_requester");
	}
	if (reason === "self") {
		return renderText(
			click === "reject"
				? "request.click.self_reject"
				: "request.click.self_approve",
		);
	}
	if (approvers === undefined) {
		return renderText("request.click.not_approver");
	}
	return renderText("request.click.not_approver_who", {
		approvers: describeApprovers(approvers),
	});
}

function alreadyText(
	result: Extract<DecisionResult, { kind: "already" }>,
	clickerId: string,
): string {
	const { record } = result.request;
	if (result.because === "expired" || record.status === "expired") {
		return renderText("request.click.expired", {
			at: slackDate(record.expiresAt),
		});
	}
	if (result.because === "duplicate") {
		const own = record.approvals.find(
			(approval) => approval.userId === clickerId,
		);
		return renderText("request.click.duplicate", {
			at: slackDate(own?.at ?? record.updatedAt),
		});
	}

	switch (record.status) {
		case "rejected":
			return renderText("request.click.rejected", {
				approver: mention(record.rejection?.userId ?? ""),
			});
		case "cancelled":
			return renderText("request.click.cancelled");
		case "pending":
			return renderText("request.click.changed");
		default:
			return renderText("request.click.approved", {
				approvals: describeApprovals(record),
			});
	}
}

/**
 * Builds the requester's DM about an approved request that ran, followed by the blocks of the
 * result message: the outcome, or the explained error.
 */
export function approvedOutcomeDm(
	request: RequestView,
	succeeded: boolean,
	result: SlackMessage,
): SlackMessage {
	const { record, operation } = request;
	const text = renderText(
		succeeded ? "request.dm.approved_done" : "request.dm.approved_failed",
		{
			approvals: describeApprovals(record),
			action: describeAction(operation, record.requester.userId),
		},
	);
	const blocks: KnownBlock[] = [section(text), ...result.blocks];
	return message(text, blocks);
}

/** Builds the requester's DM that names who rejected the request and why. */
export function rejectedDm(request: RequestView): SlackMessage {
	const { record, operation } = request;
	const rejection = record.rejection;
	const params = {
		approver: mention(rejection?.userId ?? ""),
		action: describeAction(operation, record.requester.userId),
	};
	if (rejection === undefined || rejection.reason.trim() === "") {
		return single(renderText("request.dm.rejected", params));
	}
	return single(
		renderText("request.dm.rejected_reason", {
			...params,
			reason: rejection.reason,
		}),
	);
}

/** Builds the DM that tells the requester their request expired before enough approvals. */
export function expiredDm(request: RequestView): SlackMessage {
	const { record, operation } = request;
	return single(
		renderText("request.dm.expired", {
			action: describeAction(operation, record.requester.userId),
			at: slackDate(record.expiresAt),
		}),
	);
}

/** Builds the message that replaces the requester's "sent for approval" reply after they cancel. */
export function cancelledMessage(request: RequestView): SlackMessage {
	const { record, operation } = request;
	return single(
		renderText("request.cancelled", {
			action: describeAction(operation, record.requester.userId),
		}),
	);
}

function single(text: string): SlackMessage {
	return message(text, [section(text)]);
}
