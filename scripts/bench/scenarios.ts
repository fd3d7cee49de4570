import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
} from "aws-lambda";
import type { SlackHandler } from "../../src/handlers/runtime";
import {
	blockActionsPayload,
	newTriggerId,
	type Pressable,
} from "../../src/sandbox/interactions";
import {
	buildSignedEvent,
	buildSignedInteractionEvent,
	encodeSlashCommand,
	SAMPLE_SLASH_COMMAND,
} from "../../src/sandbox/slack-request";
import {
	type RecordedCall,
	SAMPLE_USERS,
	type SlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import type { Sandbox } from "../../src/sandbox/start";
import { BENCH_LAMBDA_CONTEXT } from "./lambda-context";

/** One kind of request whose ack latency is measured, with a check of every response. */
export interface WarmScenario {
	name: string;
	handler: SlackHandler;
	/** Builds a freshly signed event; called outside the timed part. */
	event: () => APIGatewayProxyEventV2;
	/** Throws when a response is not the expected ack, so a broken path is never timed as fast. */
	check: (response: APIGatewayProxyStructuredResultV2) => void;
}

/** Sample user who types the commands: hanako, not an approver. */
const REQUESTER = SAMPLE_USERS[0];
/** Sample user who approves: alex, a workspace admin whose Slack locale is English. */
const APPROVER = SAMPLE_USERS[2];

/** Builds a signed `/registry <text>` slash command from the sandbox's sample command. */
export function slashCommandEvent(
	text: string,
	signingSecret: string,
	slack: SlackStandIn,
): APIGatewayProxyEventV2 {
	const body = encodeSlashCommand({
		...SAMPLE_SLASH_COMMAND,
		user_id: REQUESTER.id,
		user_name: REQUESTER.name,
		text,
		response_url: slack.newResponseUrl(),
		trigger_id: newTriggerId(),
	});
	return buildSignedEvent({ body, signingSecret });
}

/** `/registry help`: the help text is the ack body, with no SAKURA call. */
export function helpScenario(sandbox: Sandbox): WarmScenario {
	return {
		name: "/registry help",
		handler: sandbox.handler,
		event: () =>
			slashCommandEvent("help", sandbox.signingSecret, sandbox.slack),
		check: (response) => {
			expectStatus(response, 200, "/registry help");
			if (!String(response.body ?? "").includes("/registry")) {
				throw new Error(
					`/registry help acked without the help text: ${String(response.body).slice(0, 300)}`,
				);
			}
		},
	};
}

/**
 * `/registry list`: the policy runs it at once, so the slack handler records the request, hands it
 * to the worker through the Lambda Invoke stand-in and acks with a "listing" message, as deployed.
 * The worker's run happens after the ack and is not timed.
 */
export function listScenario(sandbox: Sandbox): WarmScenario {
	return {
		name: "/registry list",
		handler: sandbox.handler,
		event: () =>
			slashCommandEvent("list", sandbox.signingSecret, sandbox.slack),
		check: (response) => {
			expectStatus(response, 200, "/registry list");
			// The sample requester reads Japanese: 「レジストリの一覧を取得しています…」.
			if (!String(response.body).includes("レジストリの一覧を取得しています")) {
				throw new Error(
					`/registry list was not acked as handed over: ${String(response.body).slice(0, 300)}`,
				);
			}
		},
	};
}

/**
 * A click on Approve of a request that is already done. Setup requests registry `registryName`
 * as the requester, approves it once as an admin, which creates the registry on the emulator,
 * and clicks once more to check that the bot replies "already approved". Every measured click
 * then takes the same path: the stored request is read, and the clicker gets that reply through
 * a fresh response URL.
 */
export async function finishedClickScenario(
	sandbox: Sandbox,
	registryName: string,
): Promise<WarmScenario> {
	const button = await requestApproval(sandbox, registryName);
	let responseUrl = "";
	const click = () => {
		responseUrl = sandbox.slack.newResponseUrl();
		return clickEvent(sandbox, button, responseUrl);
	};

	const approval = await sandbox.handler(click(), BENCH_LAMBDA_CONTEXT);
	expectStatus(approval, 200, "the first approval");
	// The worker creates the registry after the ack, when its held job is run.
	await sandbox.lambda?.runHeld();
	const creations = sandbox.emulator?.requests.filter(
		(request) =>
			request.method === "POST" && request.path.includes("commonserviceitem"),
	);
	if (creations === undefined || creations.length === 0) {
		throw new Error("The approval did not create the registry on the emulator");
	}

	const check = (response: APIGatewayProxyStructuredResultV2) => {
		expectStatus(response, 200, "a click on a finished request");
		const reply = sandbox.slack.responses.at(-1);
		if (
			reply?.url !== responseUrl ||
			!/already/i.test(JSON.stringify(reply.body))
		) {
			throw new Error(
				`A click on a finished request got no "already" reply: ${JSON.stringify(reply?.body).slice(0, 300)}`,
			);
		}
	};
	check(await sandbox.handler(click(), BENCH_LAMBDA_CONTEXT));

	return {
		name: "Approve click, finished request",
		handler: sandbox.handler,
		event: click,
		check,
	};
}

/** Sends `/registry create` as the requester and returns the Approve button of the posted card. */
async function requestApproval(
	sandbox: Sandbox,
	registryName: string,
): Promise<Pressable> {
	const firstCall = sandbox.slack.calls.length;
	const response = await sandbox.handler(
		slashCommandEvent(
			`create ${registryName}`,
			sandbox.signingSecret,
			sandbox.slack,
		),
		BENCH_LAMBDA_CONTEXT,
	);
	expectStatus(response, 200, "/registry create");

	const card = sandbox.slack.calls
		.slice(firstCall)
		.find(
			(call) =>
				call.method === "chat.postMessage" && call.ok && hasApproveButton(call),
		);
	if (card === undefined) {
		throw new Error("/registry create posted no approval card");
	}
	return approveButtonOf(card);
}

function hasApproveButton(call: RecordedCall): boolean {
	return JSON.stringify(call.body.blocks ?? []).includes(APPROVE_ACTION_ID);
}

const APPROVE_ACTION_ID = "request.approve";

interface ButtonElement {
	action_id: string;
	value?: string;
	text?: { text?: string };
}

/** Returns the Approve button of a posted approval card, ready for `/press`-style clicks. */
export function approveButtonOf(card: RecordedCall): Pressable {
	const blocks = card.body.blocks as {
		type: string;
		block_id?: string;
		elements?: ButtonElement[];
	}[];
	for (const block of blocks) {
		const element = block.elements?.find(
			(candidate) => candidate.action_id === APPROVE_ACTION_ID,
		);
		if (block.type !== "actions" || element === undefined) {
			continue;
		}
		return {
			actionId: APPROVE_ACTION_ID,
			blockId: block.block_id ?? "",
			value: element.value,
			text: element.text?.text ?? "Approve",
			container: {
				type: "message",
				channelId: String(card.body.channel),
				ts: String(card.result?.ts),
				isEphemeral: false,
				message: { text: card.body.text, blocks: card.body.blocks },
			},
		};
	}
	throw new Error("The approval card has no Approve button");
}

function clickEvent(
	sandbox: Sandbox,
	button: Pressable,
	responseUrl: string,
): APIGatewayProxyEventV2 {
	const payload = blockActionsPayload(button, APPROVER, responseUrl, undefined);
	return buildSignedInteractionEvent({
		payload,
		signingSecret: sandbox.signingSecret,
	});
}

/** @throws Error naming the request when the status is not `expected`. */
export function expectStatus(
	response: APIGatewayProxyStructuredResultV2,
	expected: number,
	what: string,
): void {
	if (response.statusCode !== expected) {
		throw new Error(
			`${what} returned HTTP ${response.statusCode}, expected ${expected}: ${String(response.body).slice(0, 300)}`,
		);
	}
}
