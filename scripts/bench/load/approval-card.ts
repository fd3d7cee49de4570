import type { Pressable } from "../../../src/sandbox/interactions";
import type { RecordedCall } from "../../../src/sandbox/slack-stand-in";
import {
	SANDBOX_APPROVAL_CHANNEL,
	type Sandbox,
} from "../../../src/sandbox/start";
import { BENCH_LAMBDA_CONTEXT } from "../lambda-context";
import { expectStatus, slashCommandEvent } from "../scenarios";

/** `action_id` of the Approve button on an approval card. */
const APPROVE_ACTION_ID = "request.approve";

interface ActionsBlock {
	type: string;
	block_id?: string;
	elements?: { action_id?: string; value?: string; text?: { text?: string } }[];
}

/**
 * Sends `/registry <text>` as hanako, a requester who is not an approver, and returns the Approve
 * button of the approval card the bot posted to the approval channel.
 * @throws Error when the command is not acked with HTTP 200, or no single card was posted.
 */
export async function requestApprovalCard(
	sandbox: Sandbox,
	text: string,
): Promise<Pressable> {
	const firstCall = sandbox.slack.calls.length;
	const response = await sandbox.handler(
		slashCommandEvent(text, sandbox.signingSecret, sandbox.slack),
		BENCH_LAMBDA_CONTEXT,
	);
	expectStatus(response, 200, `/registry ${text}`);

	const cards = sandbox.slack.calls
		.slice(firstCall)
		.filter(
			(call) =>
				call.method === "chat.postMessage" &&
				call.ok &&
				call.body.channel === SANDBOX_APPROVAL_CHANNEL,
		);
	if (cards.length !== 1) {
		throw new Error(
			`/registry ${text} posted ${cards.length} approval cards, expected 1: ${String(response.body).slice(0, 300)}`,
		);
	}
	return approveButtonOf(cards[0]);
}

function approveButtonOf(card: RecordedCall): Pressable {
	const blocks = (card.body.blocks ?? []) as ActionsBlock[];
	for (const block of blocks) {
		const button = block.elements?.find(
			(element) => element.action_id === APPROVE_ACTION_ID,
		);
		if (block.type !== "actions" || button === undefined) {
			continue;
		}
		return {
			actionId: APPROVE_ACTION_ID,
			blockId: block.block_id ?? "",
			value: button.value,
			text: button.text?.text ?? "Approve",
			container: {
				type: "message",
				channelId: String(card.body.channel),
				ts: String(card.result?.ts),
				isEphemeral: false,
				message: { text: card.body.text, blocks: card.body.blocks },
			},
		};
	}
	throw new Error(`The approval card has no ${APPROVE_ACTION_ID} button`);
}
