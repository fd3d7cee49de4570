import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import type { RecordedCall } from "../../src/sandbox/slack-stand-in";
import { sakuraKeyHash } from "../../src/slack/worker/admin-alert";
import { scanTable } from "./request-records";
import {
	type CommandResult,
	type Harness,
	shownText,
	startHarness,
} from "./slack-harness";

const ADMIN_CHANNEL = "C0ADMINS";
const APPROVAL_CHANNEL = "C0APPROVALS";
const DAY_MS = 24 * 60 * 60 * 1000;
const REVOKED_TOKEN = "11111111-5a4d-4b0c-8000-000000000001";
const OTHER_REVOKED_TOKEN = "22222222-5a4d-4b0c-8000-000000000002";

function onlyPost(result: CommandResult): string {
	expect(result.posts).toHaveLength(1);
	return shownText(result.posts[0].body);
}

function postsTo(harness: Harness, channel: string): RecordedCall[] {
	return harness.standIn.calls.filter(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === channel &&
			call.ok,
	);
}

describe("revoked SAKURA key", () => {
	let harness: Harness;
	let now = new Date();

	beforeAll(async () => {
		harness = await startHarness({
			clock: () => now,
			env: (env) => ({
				...env,
				SAKURA_ACCESS_TOKEN: REVOKED_TOKEN,
				APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
				ADMIN_CHANNEL_ID: ADMIN_CHANNEL,
			}),
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	test("three requests alert the admins once", async () => {
		const results: CommandResult[] = [];
		for (let i = 0; i < 3; i++) {
			results.push(await harness.command("list"));
		}

		for (const result of results) {
			expect(onlyPost(result)).toContain("API key is invalid");
		}
		const alerts = postsTo(harness, ADMIN_CHANNEL);
		expect(alerts).toHaveLength(1);
		const text = shownText(alerts[0].body.blocks);
		expect(text).toContain("SAKURA Cloud rejects the bot's API key");
		expect(text).toContain(sakuraKeyHash(REVOKED_TOKEN));
		expect(text).not.toContain(REVOKED_TOKEN);
		expect(postsTo(harness, APPROVAL_CHANNEL)).toHaveLength(0);
	});

	test("alert record holds a hash, not the key", async () => {
		const items = await scanTable(harness);
		const alerts = items.filter((item) =>
			String(item.id).startsWith("lock:alert:"),
		);

		expect(alerts.map((item) => item.id)).toEqual([
			`lock:alert:sakura_unauthorized:${sakuraKeyHash(REVOKED_TOKEN)}`,
		]);
		expect(JSON.stringify(alerts)).not.toContain(REVOKED_TOKEN);
		expect(JSON.stringify(alerts)).not.toContain(
			SANDBOX_CREDENTIALS.accessTokenSecret,
		);
		const ttl = Number(alerts[0].ttl);
		// A lease item is kept an hour past the lease's end before DynamoDB may delete it.
		const keptMs = DAY_MS + 3_600_000;
		expect(ttl * 1000 - now.getTime()).toBeGreaterThan(keptMs - 60_000);
		expect(ttl * 1000 - now.getTime()).toBeLessThanOrEqual(keptMs + 1_000);
	});

	test("changed key that is revoked too alerts once more", async () => {
		harness.env.SAKURA_ACCESS_TOKEN = OTHER_REVOKED_TOKEN;

		const first = await harness.command("list");
		const second = await harness.command("list");

		expect(onlyPost(first)).toContain("API key is invalid");
		expect(onlyPost(second)).toContain("API key is invalid");
		const alerts = postsTo(harness, ADMIN_CHANNEL);
		expect(alerts).toHaveLength(2);
		expect(shownText(alerts[1].body.blocks)).toContain(
			sakuraKeyHash(OTHER_REVOKED_TOKEN),
		);
	});

	test("key still revoked a day later alerts again", async () => {
		now = new Date(now.getTime() + DAY_MS + 60_000);

		await harness.command("list");
		await harness.command("list");

		expect(postsTo(harness, ADMIN_CHANNEL)).toHaveLength(3);
	});

	test("failed alert post is tried again", async () => {
		now = new Date(now.getTime() + DAY_MS + 60_000);
		harness.standIn.failNext("chat.postMessage", { error: "not_in_channel" });

		await harness.command("list");
		const failure = harness.log.lines.find(
			(line) => line.message === "Posting the admin alert failed",
		);
		await harness.command("list");

		expect(failure?.extra).toMatchObject({
			channel: ADMIN_CHANNEL,
			slackError: "not_in_channel",
		});
		expect(postsTo(harness, ADMIN_CHANNEL)).toHaveLength(4);
	});

	test("key stays out of logs", () => {
		expect(harness.log.text()).not.toContain(REVOKED_TOKEN);
		expect(harness.log.text()).not.toContain(OTHER_REVOKED_TOKEN);
		expect(harness.log.text()).not.toContain(
			SANDBOX_CREDENTIALS.accessTokenSecret,
		);
	});
});

describe("revoked SAKURA key before approval", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({
			env: (env) => {
				const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
				return {
					...rest,
					SAKURA_ACCESS_TOKEN: REVOKED_TOKEN,
					APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
				};
			},
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	test("refused checks alert the approval channel once", async () => {
		const first = await harness.command("create alpha-images");
		const second = await harness.command("create beta-images");

		expect(shownText(first.ack)).toContain("API key is invalid");
		expect(shownText(second.ack)).toContain("API key is invalid");
		const alerts = postsTo(harness, APPROVAL_CHANNEL);
		expect(alerts).toHaveLength(1);
		expect(shownText(alerts[0].body.blocks)).toContain(
			"SAKURA Cloud rejects the bot's API key",
		);
	});
});
