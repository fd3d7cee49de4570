import type { Pressable } from "../../../src/sandbox/interactions";
import {
	SANDBOX_APPROVAL_CHANNEL,
	type Sandbox,
} from "../../../src/sandbox/start";
import { BENCH_LAMBDA_CONTEXT } from "../lambda-context";
import { approveButtonOf, expectStatus, slashCommandEvent } from "../scenarios";

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
