import type { RecordedCall } from "../../src/sandbox/slack-stand-in";
import { lastRequest } from "./request-records";
import {
	type CommandResult,
	credentialsFromDm,
	type Harness,
	shownText,
	startHarness,
	writesOf,
} from "./slack-harness";

const HANAKO = { id: "U0HANAKO", name: "hanako" };
const TARO = { id: "U0TARO", name: "taro" };
const APPROVAL_CHANNEL = "C0APPROVALS";

/** Calls of chat.postMessage into hanako's DM, failed ones included. */
function dmCalls(calls: RecordedCall[]): RecordedCall[] {
	return calls.filter(
		(call) =>
			call.method === "chat.postMessage" && call.body.channel === HANAKO.id,
	);
}

function isPasswordDm(call: RecordedCall): boolean {
	return shownText(call.body.blocks).includes("*Password*");
}

function onlyPost(result: CommandResult): string {
	expect(result.posts).toHaveLength(1);
	return shownText(result.posts[0].body);
}

describe("429 on the credentials DM", () => {
	let harness: Harness;
	let registryId: string;

	beforeAll(async () => {
		harness = await startHarness();
		registryId = harness.emulator.seedRegistry({ name: "team-images" });
	});

	afterAll(async () => {
		await harness.close();
	});

	test("worker waits and delivers once", async () => {
		harness.standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 1,
		});

		const started = performance.now();
		const result = await harness.command("user add team-images --user ci");
		const elapsedMs = performance.now() - started;

		expect(elapsedMs).toBeGreaterThanOrEqual(950);
		const dms = dmCalls(result.calls);
		expect(dms.map((call) => [call.ok, call.error])).toEqual([
			[false, "http_429"],
			[true, undefined],
		]);
		expect(dms.filter((call) => call.ok && isPasswordDm(call))).toHaveLength(1);
		const { password } = credentialsFromDm(dms[1]);
		expect(harness.emulator.verifyPassword(registryId, "ci", password)).toBe(
			true,
		);
		expect(onlyPost(result)).toContain("`ci`");
		expect((await lastRequest(harness)).status).toBe("succeeded");
		expect(harness.log.text()).not.toContain(password);
	}, 15_000);

	test("lasting 429 revokes the password", async () => {
		for (let i = 0; i < 3; i++) {
			harness.standIn.failNext("chat.postMessage", {
				httpStatus: 429,
				retryAfterSeconds: 1,
			});
		}

		const started = performance.now();
		const result = await harness.command("user add team-images --user limited");
		const elapsedMs = performance.now() - started;

		// Three attempts with two waits of 1 s between them, then the delivery gives up.
		expect(elapsedMs).toBeGreaterThanOrEqual(1_900);
		expect(elapsedMs).toBeLessThan(10_000);
		const dms = dmCalls(result.calls);
		expect(dms.map((call) => call.error)).toEqual([
			"http_429",
			"http_429",
			"http_429",
		]);
		const { password } = credentialsFromDm(dms[0]);
		expect(
			harness.emulator.users(registryId).map((user) => user.username),
		).not.toContain("limited");
		expect(
			harness.emulator.verifyPassword(registryId, "limited", password),
		).toBe(false);

		const text = onlyPost(result);
		expect(text).toContain("could not send you a direct message");
		expect(text).toContain("Try again in a few minutes");
		const stored = await lastRequest(harness);
		expect(stored.status).toBe("failed");
		expect(stored.result?.errorCode).toBe("credentials_undelivered");
		const failure = harness.log.lines
			.filter((line) => line.message === "Credential DM failed")
			.at(-1);
		expect(failure?.extra?.error).toBe("rate_limited (retry after 1 s)");
		expect(harness.log.text()).not.toContain(password);
	}, 15_000);
});

describe("429 around approvals", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({
			env: (env) => {
				const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
				return { ...rest, APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL };
			},
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	/** Requests `text` as hanako and returns the stored request with its card. */
	async function request(text: string) {
		const result = await harness.command(text, {
			userId: HANAKO.id,
			userName: HANAKO.name,
		});
		expect(shownText(result.ack)).toContain("Sent for approval");
		const record = await lastRequest(harness);
		if (record.card === undefined) {
			throw new Error("The request has no card");
		}
		return { id: record.id, card: record.card };
	}

	function approve(requested: Awaited<ReturnType<typeof request>>) {
		return harness.click({
			actionId: "request.approve",
			value: requested.id,
			user: TARO,
			message: { channelId: APPROVAL_CHANNEL, ts: requested.card.ts },
		});
	}

	test("card rewrite waits and succeeds", async () => {
		const requested = await request("create waited-images");
		harness.standIn.failNext("chat.update", {
			httpStatus: 429,
			retryAfterSeconds: 1,
		});

		const result = await approve(requested);

		const updates = result.calls.filter(
			(call) =>
				call.method === "chat.update" && call.body.ts === requested.card.ts,
		);
		expect(updates.map((call) => call.error)).toEqual(["http_429", undefined]);
		expect(shownText(updates[1].body.blocks)).toContain("Approved and done");
		expect(harness.emulator.registries().map((r) => r.name)).toContain(
			"waited-images",
		);
		expect(dmCalls(result.calls).filter((call) => call.ok)).toHaveLength(1);
	}, 15_000);

	test("outcome DM waits and is sent once", async () => {
		const requested = await request("create dm-waited-images");
		harness.standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 1,
		});

		const result = await approve(requested);

		const dms = dmCalls(result.calls);
		expect(dms.map((call) => call.error)).toEqual(["http_429", undefined]);
		expect(shownText(dms[1].body.blocks)).toContain(
			"Your request was approved by",
		);
		expect((await lastRequest(harness)).status).toBe("succeeded");
	}, 15_000);

	test("429 on the card post acks at once", async () => {
		harness.standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 30,
		});
		const writesBefore = writesOf(harness.emulator).length;

		const started = performance.now();
		const result = await harness.command("create limited-images", {
			userId: HANAKO.id,
			userName: HANAKO.name,
		});
		const ackMs = performance.now() - started;

		expect(result.status).toBe(200);
		expect(ackMs).toBeLessThan(1_500);
		const text = shownText(result.ack);
		expect(text).toContain("was cancelled");
		expect(text).toContain("rate_limited (retry after 30 s)");
		expect(text).toContain("Run the command again in a few minutes");
		expect(text).not.toContain("invite the bot");
		expect((await lastRequest(harness)).status).toBe("cancelled");
		expect(writesOf(harness.emulator)).toHaveLength(writesBefore);
		const line = harness.log.lines.find((entry) =>
			entry.message.startsWith("Approval card could not be posted"),
		);
		expect(line?.extra?.slackError).toBe("rate_limited (retry after 30 s)");
	});
});
