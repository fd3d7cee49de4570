import {
	OFFLINE_STAGE,
	type OfflineStack,
	startOffline,
} from "../../scripts/offline/start";
import type {
	RecordedCall,
	RecordedResponse,
} from "../../src/sandbox/slack-stand-in";
import { credentialsFromDm } from "../handlers/slack-harness";
import { signSlackRequest, slashCommandBody } from "../helpers/slack-events";

/** A sample user whose Slack locale is English, so the DM reads as credentialsFromDm expects. */
const REQUESTER = { userId: "U0ALEX", userName: "alex" };
const REGISTRY = "offline-images";
/** The worker's deployed name, under which serverless-offline also registers it. */
const WORKER_FUNCTION = `sakura-registry-bot-${OFFLINE_STAGE}-worker`;

/** Slack shows an error to the user when a request gets no response within 3 seconds. */
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
	/** The HTTP response body: the ack. */
	body: string;
	elapsedMs: number;
	responseUrl: string;
	/** Length of serverless's output when the request was sent. */
	outputStart: number;
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
	const outputStart = output.length;

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
	return {
		status: response.status,
		body: await response.text(),
		elapsedMs: performance.now() - started,
		responseUrl,
		outputStart,
	};
}

/**
 * Polls `find` until it returns a value, for at most RESULT_TIMEOUT_MS. A function's ERROR log
 * line after `outputStart`, such as a failed hand-off to the worker, ends the wait at once.
 * @throws Error with the description of what was awaited, with serverless's output since `outputStart`.
 */
async function waitFor<T>(
	description: string,
	outputStart: number,
	find: () => T | undefined,
): Promise<T> {
	const deadline = Date.now() + RESULT_TIMEOUT_MS;
	for (;;) {
		const found = find();
		if (found !== undefined) {
			return found;
		}
		const failed = logLines(outputStart).some((line) => line.level === "ERROR");
		if (failed || Date.now() > deadline) {
			const reason = failed
				? "a function logged an error"
				: `timed out after ${RESULT_TIMEOUT_MS} ms`;
			throw new Error(
				`No ${description}: ${reason}.\n--- serverless output ---\n${output.slice(outputStart).slice(-6_000)}`,
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
			(call) =>
				call.method === "chat.postMessage" && call.body.channel === userId,
		);
}

/** Parses the functions' Powertools log lines in serverless's output from `start` on. */
function logLines(start = 0): Record<string, unknown>[] {
	return output
		.slice(start)
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

/**
 * Checks the HTTP status of a sent command. A mismatch shows the ack body and serverless's output,
 * which name the cause, such as a bundle that failed to load.
 */
function expectStatus(sent: SentCommand, status: number): void {
	if (sent.status !== status) {
		throw new Error(
			`Expected HTTP ${status}, got ${sent.status} with body ${JSON.stringify(sent.body.slice(0, 500))}.\n--- serverless output ---\n${output.slice(sent.outputStart).slice(-6_000)}`,
		);
	}
}

/** Returns the worker's log line that ends a run of `operation`, once serverless has printed it. */
function finishedLine(
	start: number,
	operation: string,
): Record<string, unknown> | undefined {
	return logLines(start).find(
		(line) =>
			line.message === "Operation finished" && line.operation === operation,
	);
}

test("list acks then posts the result", async () => {
	const sent = await sendCommand("list");

	expectStatus(sent, 200);
	expect(sent.elapsedMs).toBeLessThan(ACK_DEADLINE_MS);
	const result = await waitFor(
		"list at the response_url",
		sent.outputStart,
		() => responseTo(sent.responseUrl),
	);
	expect(JSON.stringify(result.body)).toContain(`${REGISTRY}.sakuracr.jp`);
	const finished = await waitFor("worker log line", sent.outputStart, () =>
		finishedLine(sent.outputStart, "registry.list"),
	);
	expect(finished.function_name).toBe(WORKER_FUNCTION);
}, 70_000);

test("user add DMs the credentials", async () => {
	const callsBefore = stack.standIns.slack.calls.length;
	const sent = await sendCommand(`user add ${REGISTRY}`);

	expectStatus(sent, 200);
	expect(sent.elapsedMs).toBeLessThan(ACK_DEADLINE_MS);
	const dm = await waitFor("credentials DM", sent.outputStart, () =>
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

	const result = await waitFor(
		"user add result at the response_url",
		sent.outputStart,
		() => responseTo(sent.responseUrl),
	);
	expect(JSON.stringify(result.body)).not.toContain(credentials.password);
	const finished = await waitFor("worker log line", sent.outputStart, () =>
		finishedLine(sent.outputStart, "user.add"),
	);
	expect(finished.function_name).toBe(WORKER_FUNCTION);
	expect(output).not.toContain(credentials.password);
}, 70_000);

test("wrong signature runs nothing", async () => {
	const requestsBefore = stack.standIns.emulator.requests.length;
	const sent = await sendCommand("list", "0".repeat(32));

	expectStatus(sent, 401);
	// An accepted command hands its job to the worker before the ack, so one second is plenty.
	await new Promise((resolve) => setTimeout(resolve, 1_000));
	expect(responseTo(sent.responseUrl)).toBeUndefined();
	expect(stack.standIns.emulator.requests.length).toBe(requestsBefore);
}, 10_000);
