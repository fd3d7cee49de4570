import { type OfflineStack, startOffline } from "../../scripts/offline/start";
import type {
	RecordedCall,
	RecordedResponse,
} from "../../src/sandbox/slack-stand-in";
import { credentialsFromDm } from "../handlers/slack-harness";
import { signSlackRequest, slashCommandBody } from "../helpers/slack-events";

/** A sample user whose Slack locale is English, so the DM reads as credentialsFromDm expects. */
const REQUESTER = { userId: "U0ALEX", userName: "alex" };
const REGISTRY = "offline-images";
const WORKER_FUNCTION = "sakura-registry-bot-offline-worker";

/** Slack shows an error to the user when a request gets no answer within 3 seconds. */
const ACK_DEADLINE_MS = 3_000;
/** Bound on waiting for the worker's result after the ack. */
const RESULT_TIMEOUT_MS = 60_000;

let stack: OfflineStack;
let output = "";
let registryId: string;

beforeAll(async () => {
	stack = await startOffline({
		policyPath: "test/fixtures/policy-run-all.json",
		logLevel: "INFO",
		readyTimeoutMs: 60_000,
		onOutput: (chunk) => {
			output += chunk;
		},
	});
	registryId = stack.standIns.emulator.seedRegistry({ name: REGISTRY });
}, 90_000);

afterAll(async () => {
	await stack?.close();
}, 30_000);

interface SentCommand {
	status: number;
	elapsedMs: number;
	responseUrl: string;
}

/** Sends a `/registry` slash command as Slack does, signed with `signingSecret`. */
async function sendCommand(
	text: string,
	signingSecret = stack.standIns.signingSecret,
): Promise<SentCommand> {
	const responseUrl = stack.standIns.slack.newResponseUrl();
	const body = slashCommandBody({
		text,
		response_url: responseUrl,
		user_id: REQUESTER.userId,
		user_name: REQUESTER.userName,
	});
	const timestamp = Math.floor(Date.now() / 1000);

	const started = performance.now();
	const response = await fetch(stack.eventsUrl, {
		method: "POST",
		headers: {
			"Content-Type": "application/x-www-form-urlencoded",
			"User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
			"X-Slack-Request-Timestamp": String(timestamp),
			"X-Slack-Signature": signSlackRequest(signingSecret, timestamp, body),
		},
		body,
		signal: AbortSignal.timeout(RESULT_TIMEOUT_MS),
	});
	await response.arrayBuffer();
	return {
		status: response.status,
		elapsedMs: performance.now() - started,
		responseUrl,
	};
}

/**
 * Polls `find` until it returns a value, for at most RESULT_TIMEOUT_MS.
 * @throws Error naming what was awaited, with the end of serverless's output.
 */
async function waitFor<T>(
	what: string,
	find: () => T | undefined,
	timeoutMs = RESULT_TIMEOUT_MS,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const found = find();
		if (found !== undefined) {
			return found;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`Timed out after ${timeoutMs} ms waiting for ${what}.\n--- serverless output ---\n${output.slice(-6_000)}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

function responseTo(url: string): RecordedResponse | undefined {
	return stack.standIns.slack.responses.find(
		(response) => response.url === url,
	);
}

function dmTo(userId: string, after: number): RecordedCall | undefined {
	return stack.standIns.slack.calls
		.slice(after)
		.find(
			(call) => call.method === "chat.postMessage" && call.body.channel === userId,
		);
}

/** The functions' Powertools log lines in serverless's output, parsed. */
function logLines(): Record<string, unknown>[] {
	return output
		.split("\n")
		.filter((line) => line.startsWith("{"))
		.flatMap((line) => {
			try {
				return [JSON.parse(line) as Record<string, unknown>];
			} catch {
				return [];
			}
		});
}

test("list acks in time and the worker posts the result", async () => {
	const sent = await sendCommand("list");

	expect(sent.status).toBe(200);
	expect(sent.elapsedMs).toBeLessThan(ACK_DEADLINE_MS);
	const result = await waitFor("the list at the response_url", () =>
		responseTo(sent.responseUrl),
	);
	expect(JSON.stringify(result.body)).toContain(`${REGISTRY}.sakuracr.jp`);
	const finished = logLines().find(
		(line) =>
			line.message === "Operation finished" &&
			line.operation === "registry.list",
	);
	expect(finished?.function_name).toBe(WORKER_FUNCTION);
}, 70_000);

test("user add DMs the credentials to the requester", async () => {
	const callsBefore = stack.standIns.slack.calls.length;
	const sent = await sendCommand(`user add ${REGISTRY}`);

	expect(sent.status).toBe(200);
	expect(sent.elapsedMs).toBeLessThan(ACK_DEADLINE_MS);
	const dm = await waitFor("the credentials DM", () =>
		dmTo(REQUESTER.userId, callsBefore),
	);
	expect(dm.ok).toBe(true);
	const credentials = credentialsFromDm(dm);
	expect(credentials.username).toBe(REQUESTER.userName);
	expect(
		stack.standIns.emulator.verifyPassword(
			registryId,
			credentials.username,
			credentials.password,
		),
	).toBe(true);

	const result = await waitFor("the user add result at the response_url", () =>
		responseTo(sent.responseUrl),
	);
	expect(JSON.stringify(result.body)).not.toContain(credentials.password);
	expect(output).not.toContain(credentials.password);
}, 70_000);

test("wrong signature is rejected and runs nothing", async () => {
	const requestsBefore = stack.standIns.emulator.requests.length;
	const sent = await sendCommand("list", "0".repeat(32));

	expect(sent.status).toBe(401);
	// An accepted command hands its job to the worker before the ack, so one second is plenty.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	expect(responseTo(sent.responseUrl)).toBeUndefined();
	expect(stack.standIns.emulator.requests.length).toBe(requestsBefore);
}, 10_000);
