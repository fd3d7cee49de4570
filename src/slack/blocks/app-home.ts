import type { HomeView, KnownBlock } from "@slack/types";
import { t } from "../../i18n";
import type { RequestView } from "../../operations/approvals";
import type { GrantRecord } from "../../store/grants";
import type { RequestStatus } from "../../store/types";
import { decisionButtons } from "./approval-card";
import { grantButtons, grantLine } from "./grant-messages";
import { context, section } from "./mrkdwn";
import { describeAction } from "./request-action";
import { mention, renderText, slackDate } from "./slack-markup";

/** What the Home tab shows one person. */
export interface AppHomeInput {
	/** The credentials they own, newest first. */
	grants: readonly GrantRecord[];
	/** The requests they made, newest first. */
	requests: readonly RequestView[];
	/** Pending requests they may approve, oldest first; empty for someone who approves nothing. */
	waiting: readonly RequestView[];
	now: Date;
}

/** Items per list; Slack allows 100 blocks in a Home tab and each list item takes one or two. */
const LIST_LIMIT = 10;

const STATUS_KEYS = {
	pending: "home.status.pending",
	approved: "home.status.running",
	running: "home.status.running",
	succeeded: "home.status.succeeded",
	failed: "home.status.failed",
	rejected: "home.status.rejected",
	cancelled: "home.status.cancelled",
	expired: "home.status.expired",
} as const satisfies Record<RequestStatus, string>;

/**
 * Builds the bot's Home tab: the person's credentials with their Extend, Rotate and Revoke
 * buttons, their recent requests with each one's state, and, for an approver, the requests that
 * wait for them with Approve and Reject buttons. Passwords never appear here.
 */
export function appHomeView(input: AppHomeInput): HomeView {
	const blocks: KnownBlock[] = [
		section(renderText("home.title")),
		section(renderText("grant.mine_heading")),
	];

	const active = input.grants.filter((grant) => grant.status !== "revoked");
	if (active.length === 0) {
		blocks.push(section(renderText("grant.none")));
	}
	for (const grant of active.slice(0, LIST_LIMIT)) {
		blocks.push(grantLine(grant));
		if (grant.status === "active") {
			blocks.push(grantButtons(grant.id));
		}
	}

	blocks.push(
		{ type: "divider" },
		section(renderText("home.requests_heading")),
	);
	if (input.requests.length === 0) {
		blocks.push(section(renderText("home.no_requests")));
	}
	for (const request of input.requests.slice(0, LIST_LIMIT)) {
		blocks.push(
			section(
				renderText("home.request_line", {
					action: describeAction(
						request.operation,
						request.record.requester.userId,
					),
					status: t(STATUS_KEYS[request.record.status]),
					at: slackDate(request.record.createdAt),
				}),
			),
		);
	}

	if (input.waiting.length > 0) {
		blocks.push(
			{ type: "divider" },
			section(renderText("home.waiting_heading")),
		);
		for (const request of input.waiting.slice(0, LIST_LIMIT)) {
			blocks.push(
				section(
					renderText("request.card.asks", {
						requester: mention(request.record.requester.userId),
						action: describeAction(
							request.operation,
							request.record.requester.userId,
						),
					}),
				),
				decisionButtons(request.record.id),
			);
		}
	}

	blocks.push(
		context(
			renderText("home.updated", { at: slackDate(input.now.toISOString()) }),
		),
	);
	return { type: "home", blocks };
}
