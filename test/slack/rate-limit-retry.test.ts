import { webApi } from "@slack/bolt";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import {
	createWorkerWebClient,
	type RateLimitRetry,
	WORKER_RATE_LIMIT_RETRY,
	withRateLimitBudget,
} from "../../src/slack/rate-limit-retry";
import { createWebClient } from "../../src/slack/web-client";
import { createCaptureLog } from "../helpers/capture-log";

let standIn: SlackStandIn;
let log: ReturnType<typeof createCaptureLog>;

beforeEach(async () => {
	standIn = await startSlackStandIn();
	log = createCaptureLog();
});

afterEach(async () => {
	await standIn.close();
});

function workerClient(retry: RateLimitRetry = WORKER_RATE_LIMIT_RETRY) {
	return createWorkerWebClient(
		standIn.botToken,
		{ slackApiUrl: standIn.apiUrl, log },
		retry,
	);
}

function postMessage(client: webApi.WebClient) {
	return client.chat.postMessage({ channel: "U0HANAKO", text: "hello" });
}

function postCalls(): { ok: boolean; error?: string }[] {
	return standIn.calls
		.filter((call) => call.method === "chat.postMessage")
		.map((call) => ({ ok: call.ok, error: call.error }));
}

describe("worker Web API client", () => {
	test("waits Retry-After, then succeeds", async () => {
		standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 1,
		});

		const started = performance.now();
		const result = await postMessage(workerClient());
		const elapsedMs = performance.now() - started;

		expect(result.ok).toBe(true);
		expect(elapsedMs).toBeGreaterThanOrEqual(950);
		expect(elapsedMs).toBeLessThan(5_000);
		expect(postCalls()).toEqual([
			{ ok: false, error: "http_429" },
			{ ok: true, error: undefined },
		]);
		const retry = log.lines.find((line) =>
			line.message.startsWith("Slack rate-limited a Web API call"),
		);
		expect(retry?.level).toBe("warn");
		expect(retry?.extra).toMatchObject({
			method: "chat.postMessage",
			attempt: 1,
			retryAfterSeconds: 1,
		});
	});

	test("stops after the last attempt", async () => {
		for (let i = 0; i < 4; i++) {
			standIn.failNext("chat.postMessage", {
				httpStatus: 429,
				retryAfterSeconds: 0,
			});
		}

		const call = postMessage(workerClient());

		await expect(call).rejects.toBeInstanceOf(webApi.WebAPIRateLimitedError);
		expect(postCalls()).toHaveLength(WORKER_RATE_LIMIT_RETRY.maxAttempts);
		const gaveUp = log.lines.find((line) =>
			line.message.startsWith("Slack rate limit outlasted"),
		);
		expect(gaveUp?.extra).toMatchObject({ method: "chat.postMessage" });
		expect(gaveUp?.extra?.attempt).toBe(3);
	});

	test("Retry-After beyond the budget fails at once", async () => {
		standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 30,
		});

		const started = performance.now();
		const call = postMessage(workerClient());

		await expect(call).rejects.toMatchObject({ retryAfter: 30 });
		expect(performance.now() - started).toBeLessThan(1_000);
		expect(postCalls()).toHaveLength(1);
	});

	test("one job's calls share one budget", async () => {
		const client = workerClient({ maxAttempts: 3, maxWaitMs: 10_000 });
		standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 1,
		});
		standIn.failNext("chat.update", { httpStatus: 429, retryAfterSeconds: 1 });

		const started = performance.now();
		const outcome = await withRateLimitBudget(1_500, async () => {
			const first = await postMessage(client);
			const second = await client.chat
				.update({ channel: "C0APPROVALS", ts: "1.000001", text: "x" })
				.catch((error: unknown) => error);
			return { first, second };
		});

		expect(outcome.first.ok).toBe(true);
		expect(outcome.second).toBeInstanceOf(webApi.WebAPIRateLimitedError);
		expect(performance.now() - started).toBeLessThan(1_900);
		expect(
			standIn.calls.filter((call) => call.method === "chat.update"),
		).toHaveLength(1);
	});

	test.each([
		["ok:false error", { error: "channel_not_found" }],
		["HTTP 503", { httpStatus: 503 }],
	])("%s is not retried", async (_case, failure) => {
		standIn.failNext("chat.postMessage", failure);

		await expect(postMessage(workerClient())).rejects.toBeInstanceOf(Error);

		expect(postCalls()).toHaveLength(1);
	});

	test("token stays out of the retry log", async () => {
		standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 0,
		});

		await postMessage(workerClient());

		expect(log.lines.length).toBeGreaterThan(0);
		expect(log.text()).not.toContain(standIn.botToken);
	});
});

describe("HTTP path Web API client", () => {
	test("429 fails at once", async () => {
		standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 1,
		});
		const client = createWebClient(standIn.botToken, {
			slackApiUrl: standIn.apiUrl,
			log,
		});

		const started = performance.now();
		const call = postMessage(client);

		await expect(call).rejects.toBeInstanceOf(webApi.WebAPIRateLimitedError);
		expect(performance.now() - started).toBeLessThan(900);
		expect(postCalls()).toHaveLength(1);
	});
});
