import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Harness, shownText, startHarness } from "./slack-harness";

/** Requests here use the bundled policy and no APPROVAL_CHANNEL_ID, so cards go where asked. */
describe("approval cards without an approval channel", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({
			env: ({ POLICY_PATH: _bundledPolicyInstead, ...env }) => env,
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	test("card goes to the request's channel", async () => {
		const result = await harness.command("create here-images");

		const cards = result.calls.filter(
			(call) => call.method === "chat.postMessage",
		);
		expect(cards).toHaveLength(1);
		expect(cards[0].body.channel).toBe("C0PLATFORM");
		expect(shownText(result.ack)).toContain("Sent for approval");
	});

	test("channel without the bot cancels the request", async () => {
		const result = await harness.command("create outside-images", {
			channelId: "C0RANDOM",
		});

		expect(shownText(result.ack)).toContain("`not_in_channel`");
		expect(shownText(result.ack)).toContain("<#C0RANDOM>");
		const line = harness.log.lines.find((entry) =>
			entry.message.startsWith("Approval card could not be posted"),
		);
		const record = await harness.store.get(String(line?.extra?.requestId));
		expect(record?.status).toBe("cancelled");
	});

	test("request from a DM is cancelled", async () => {
		const result = await harness.command("create dm-images", {
			channelId: "D0HANAKO",
		});

		expect(shownText(result.ack)).toContain(
			"approvers cannot see a direct message",
		);
		expect(
			result.calls.filter((call) => call.method === "chat.postMessage"),
		).toEqual([]);
		const line = harness.log.lines.find(
			(entry) => entry.message === "Request needs approval but came from a DM",
		);
		const record = await harness.store.get(String(line?.extra?.requestId));
		expect(record?.status).toBe("cancelled");
	});

	test("list from a DM still runs", async () => {
		const result = await harness.command("list", { channelId: "D0HANAKO" });

		expect(result.ack).toBeUndefined();
		expect(result.posts).toHaveLength(1);
	});
});

describe("invalid policy file", () => {
	let harness: Harness;
	let directory: string;
	let policyPath: string;

	beforeAll(async () => {
		directory = await mkdtemp(join(tmpdir(), "registry-policy-"));
		policyPath = join(directory, "policy.json");
		writeFileSync(policyPath, '{"requestTtlHours": 24,');
		harness = await startHarness({
			env: (env) => ({ ...env, POLICY_PATH: policyPath }),
		});
	});

	afterAll(async () => {
		await harness.close();
		await rm(directory, { recursive: true, force: true });
	});

	test("answers misconfigured and names the file", async () => {
		const result = await harness.command("list");

		expect(shownText(result.ack)).toContain("The bot is misconfigured");
		expect(result.calls).toEqual([]);
		const line = harness.log.lines.find(
			(entry) => entry.message === "Slack handler's approval policy is invalid",
		);
		expect(line?.level).toBe("error");
		expect(line?.extra?.policyFile).toBe(policyPath);
		expect(JSON.stringify(line?.extra?.problems)).toContain("invalid JSON");
	});
});
