import type { RequestView } from "../../../src/operations/approvals";
import type { ApproverSet } from "../../../src/operations/policy";
import type { SlackMessage } from "../../../src/slack/blocks";
import {
	APPROVE_ACTION_ID,
	approvalCard,
	REJECT_ACTION_ID,
} from "../../../src/slack/blocks/approval-card";
import { rejectView } from "../../../src/slack/blocks/reject-view";
import {
	CANCEL_ACTION_ID,
	clickReply,
	submittedMessage,
} from "../../../src/slack/blocks/request-status";
import { renderText, slackDate } from "../../../src/slack/blocks/slack-markup";
import { allTexts, limitViolations } from "./slack-limits";

const ADMINS: ApproverSet = { users: [], groups: [], workspaceAdmins: true };
const CREATED = "2030-01-01T00:00:00.000Z";

function pending(overrides: Partial<RequestView["record"]> = {}): RequestView {
	return {
		operation: { kind: "registry.delete", registry: "demo" },
		record: {
			id: "Zr3kq9Pq1xYw2VbN8mT0aA",
			kind: "registry.delete",
			operation: { kind: "registry.delete", registry: "demo" },
			requester: {
				userId: "U0HANAKO",
				userName: "hanako",
				teamId: "T0SANDBOX",
			},
			reason: "unused since 2025",
			status: "pending",
			requiredApprovals: 2,
			approvals: [],
			createdAt: CREATED,
			expiresAt: "2030-01-02T00:00:00.000Z",
			updatedAt: CREATED,
			version: 1,
			...overrides,
		},
	};
}

/** Slack markup the builders may emit: mentions, group mentions, channel links and dates. */
const ALLOWED_MARKUP =
	/<(@[UW][A-Z0-9]+|!subteam\^S[A-Z0-9]+|#[CGD][A-Z0-9]+|!date\^\d+\^\{date_short_pretty\} at \{time\}\|[0-9: -]+UTC)>/g;

function strayMarkup(message: SlackMessage): string[] {
	return allTexts(message).flatMap((text) =>
		[...text.replace(ALLOWED_MARKUP, "").matchAll(/[<>]/g)].map(
			(match) => `${match[0]} in ${text}`,
		),
	);
}

function placeholders(message: SlackMessage): string[] {
	return allTexts(message).flatMap(
		(text) =>
			text.replace(ALLOWED_MARKUP, "").match(/\{[A-Za-z0-9_]+\}/g) ?? [],
	);
}

function buttons(message: SlackMessage) {
	return message.blocks
		.filter((block) => block.type === "actions")
		.flatMap(
			(block) =>
				(block as unknown as { elements: Record<string, unknown>[] }).elements,
		);
}

describe("approvalCard", () => {
	test("pending card has two buttons", () => {
		const card = approvalCard({ request: pending(), approvers: ADMINS });

		expect(buttons(card)).toEqual([
			expect.objectContaining({
				action_id: APPROVE_ACTION_ID,
				value: "Zr3kq9Pq1xYw2VbN8mT0aA",
				style: "primary",
			}),
			expect.objectContaining({
				action_id: REJECT_ACTION_ID,
				value: "Zr3kq9Pq1xYw2VbN8mT0aA",
				style: "danger",
			}),
		]);
		const text = allTexts(card).join("\n");
		expect(text).toContain("<@U0HANAKO> asks for approval to:");
		expect(text).toContain(
			"Delete registry `demo` with all its images and users.",
		);
		expect(text).toContain("*Approvals:* 0 of 2");
		expect(text).toContain("Who may approve: workspace admins and owners");
		expect(text).toContain("<!date^1893542400^");
	});

	test("approvals are listed with dates", () => {
		const card = approvalCard({
			request: pending({
				approvals: [{ userId: "U0TARO", at: "2030-01-01T01:42:00.000Z" }],
			}),
			approvers: ADMINS,
		});

		expect(allTexts(card).join("\n")).toContain(
			"*Approvals:* 1 of 2: <@U0TARO> on <!date^1893462120^{date_short_pretty} at {time}|2030-01-01 01:42 UTC>",
		);
	});

	test.each([
		["succeeded", "Approved and done"],
		["failed", "failed on"],
		["rejected", "Rejected by <@U0ALEX>"],
		["cancelled", "Cancelled by the requester"],
		["expired", "before it had enough approvals"],
		["running", "Running now"],
	] as const)("%s card has no buttons", (status, shown) => {
		const card = approvalCard({
			request: pending({
				status,
				rejection: { userId: "U0ALEX", at: CREATED, reason: "" },
				result: { at: CREATED, errorCode: "registry_not_found" },
			}),
			approvers: ADMINS,
		});

		expect(buttons(card)).toEqual([]);
		expect(allTexts(card).join("\n")).toContain(shown);
	});

	test("failed card shows the error message", () => {
		const card = approvalCard({
			request: pending({ status: "failed", result: { at: CREATED } }),
			approvers: ADMINS,
			failure: "No registry named `demo`.",
		});

		expect(allTexts(card).join("\n")).toContain("No registry named `demo`.");
	});

	test("hostile reason and names stay escaped", () => {
		const request = pending({ reason: "<!channel> please & <@U0ALEX>" });
		request.operation = { kind: "registry.delete", registry: "<!here>" };
		const card = approvalCard({ request, approvers: ADMINS });

		expect(strayMarkup(card)).toEqual([]);
		expect(allTexts(card).join("\n")).toContain(
			"&lt;!channel&gt; please &amp; &lt;@U0ALEX&gt;",
		);
	});

	test("approvers name users and groups", () => {
		const card = approvalCard({
			request: pending(),
			approvers: {
				users: ["U0TARO"],
				groups: ["S0PLATFORM"],
				workspaceAdmins: false,
			},
		});

		expect(allTexts(card).join("\n")).toContain(
			"Who may approve: <@U0TARO> or <!subteam^S0PLATFORM>.",
		);
	});

	test("long reason fits Slack limits", () => {
		const card = approvalCard({
			request: pending({ reason: "r".repeat(500) }),
			approvers: ADMINS,
		});

		// The shared limit check covers no actions blocks, so buttons are checked here.
		const withoutButtons = {
			...card,
			blocks: card.blocks.filter((block) => block.type !== "actions"),
		};
		expect(limitViolations(withoutButtons)).toEqual([]);
		for (const button of buttons(card)) {
			const label = (button.text as { text: string }).text;
			expect(label.length).toBeLessThanOrEqual(75);
			expect(String(button.value).length).toBeLessThanOrEqual(2000);
		}
		expect(placeholders(card)).toEqual([]);
	});
});

describe("request replies", () => {
	test("submitted message has a cancel button", () => {
		const message = submittedMessage(pending(), ADMINS);

		expect(buttons(message)).toEqual([
			expect.objectContaining({
				action_id: CANCEL_ACTION_ID,
				value: "Zr3kq9Pq1xYw2VbN8mT0aA",
			}),
		]);
		expect(message.text).toContain(
			"It needs 2 approvals from workspace admins",
		);
		expect(placeholders(message)).toEqual([]);
	});

	test.each([
		[{ kind: "not_found" } as const, "This request no longer exists."],
		[
			{ kind: "refused", reason: "self", request: pending() } as const,
			"You cannot approve your own request.",
		],
		[
			{ kind: "refused", reason: "not_approver", request: pending() } as const,
			"You are not an approver for this request.",
		],
		[
			{ kind: "already", because: "expired", request: pending() } as const,
			"This request expired on",
		],
		[
			{
				kind: "already",
				because: "status",
				request: pending({
					status: "succeeded",
					approvals: [{ userId: "U0TARO", at: CREATED }],
				}),
			} as const,
			"Already approved by <@U0TARO> on",
		],
	])("click reply %#", (result, expected) => {
		const message = clickReply(result, "approve", "U0ALEX");

		expect(message?.text).toContain(expected);
	});

	test("changed request gets no click reply", () => {
		expect(
			clickReply({ kind: "recorded", request: pending() }, "approve", "U0TARO"),
		).toBeUndefined();
	});

	test("reject view carries only the id", () => {
		const view = rejectView(pending());

		expect(view.callback_id).toBe("request.reject");
		expect(view.private_metadata).toBe("Zr3kq9Pq1xYw2VbN8mT0aA");
		expect(view.title.text.length).toBeLessThanOrEqual(24);
	});
});

describe("slack markup", () => {
	test("date token has a UTC fallback", () => {
		expect(slackDate("2030-01-01T00:00:59.999Z").markup).toBe(
			"<!date^1893456059^{date_short_pretty} at {time}|2030-01-01 00:00 UTC>",
		);
	});

	test("invalid date is shown escaped", () => {
		expect(slackDate("<soon>").markup).toBe("&lt;soon&gt;");
	});

	test("plain params are escaped", () => {
		expect(renderText("request.card.reason", { reason: "a<b>&c" })).toBe(
			"*Reason*\na&lt;b&gt;&amp;c",
		);
	});
});
