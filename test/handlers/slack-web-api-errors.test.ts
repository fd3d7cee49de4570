import type {
	RecordedCall,
	StandInFailure,
} from "../../src/sandbox/slack-stand-in";
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

/** Slack's failures as the stand-in sends them, and the code the bot logs for each. */
const FAILURES: Record<string, { failure: StandInFailure; code: string }> = {
	missing_scope: { failure: { error: "missing_scope" }, code: "missing_scope" },
	channel_not_found: {
		failure: { error: "channel_not_found" },
		code: "channel_not_found",
	},
	not_in_channel: {
		failure: { error: "not_in_channel" },
		code: "not_in_channel",
	},
	user_not_found: {
		failure: { error: "user_not_found" },
		code: "user_not_found",
	},
	cant_update_message: {
		failure: { error: "cant_update_message" },
		code: "cant_update_message",
	},
	http_500: { failure: { httpStatus: 500 }, code: "http_500" },
	http_503: { failure: { httpStatus: 503 }, code: "http_503" },
};

function dmCalls(calls: RecordedCall[]): RecordedCall[] {
	return calls.filter(
		(call) =>
			call.method === "chat.postMessage" && call.body.channel === HANAKO.id,
	);
}

function onlyPost(result: CommandResult): string {
	expect(result.posts).toHaveLength(1);
	return shownText(result.posts[0].body);
}

describe("credentials DM fails", () => {
	let harness: Harness;
	let registryId: string;

	beforeAll(async () => {
		harness = await startHarness();
		registryId = harness.emulator.seedRegistry({ name: "team-images" });
	});

	afterAll(async () => {
		await harness.close();
	});

	test.each([
		["missing_scope", "Ask an admin of this Slack app"],
		["channel_not_found", "Open the bot's Messages tab"],
		["not_in_channel", "Open the bot's Messages tab"],
		["user_not_found", "Open the bot's Messages tab"],
		["http_500", "Try again in a few minutes"],
		["http_503", "Try again in a few minutes"],
	])("%s deletes the new user", async (name, advice) => {
		const { failure, code } = FAILURES[name];
		const username = `new-${name.replace(/_/g, "-")}`;
		harness.standIn.failNext("chat.postMessage", failure);

		const result = await harness.command(
			`user add team-images --user ${username}`,
		);

		const dms = dmCalls(result.calls);
		expect(dms).toHaveLength(1);
		expect(dms[0].ok).toBe(false);
		const { password } = credentialsFromDm(dms[0]);
		expect(
			harness.emulator.users(registryId).map((user) => user.username),
		).not.toContain(username);
		expect(
			harness.emulator.verifyPassword(registryId, username, password),
		).toBe(false);

		const text = onlyPost(result);
		expect(text).toContain("could not send you a direct message");
		expect(text).toContain(advice);
		const stored = await lastRequest(harness);
		expect(stored.status).toBe("failed");
		expect(stored.result?.errorCode).toBe("credentials_undelivered");
		const line = harness.log.lines
			.filter((entry) => entry.message === "Credential DM failed")
			.at(-1);
		expect(line?.extra).toMatchObject({ username, error: code });
		expect(harness.log.text()).not.toContain(password);
	});

	test.each([
		"missing_scope",
		"channel_not_found",
		"user_not_found",
		"http_500",
	])("%s on rotate changes the password again", async (name) => {
		const { failure, code } = FAILURES[name];
		const username = `rot-${name.replace(/_/g, "-")}`;
		const added = await harness.command(
			`user add team-images --user ${username}`,
		);
		const old = credentialsFromDm(dmCalls(added.calls)[0]).password;
		harness.standIn.failNext("chat.postMessage", failure);

		const result = await harness.command(
			`user rotate team-images --user ${username}`,
		);

		const dms = dmCalls(result.calls);
		expect(dms).toHaveLength(1);
		const undelivered = credentialsFromDm(dms[0]).password;
		expect(undelivered).not.toBe(old);
		expect(harness.emulator.verifyPassword(registryId, username, old)).toBe(
			false,
		);
		expect(
			harness.emulator.verifyPassword(registryId, username, undelivered),
		).toBe(false);
		expect(harness.emulator.users(registryId)).toContainEqual({
			username,
			permission: "readonly",
		});
		expect(onlyPost(result)).toContain("could not send you a direct message");
		expect((await lastRequest(harness)).status).toBe("failed");
		const line = harness.log.lines
			.filter((entry) => entry.message === "Credential DM failed")
			.at(-1);
		expect(line?.extra).toMatchObject({ username, error: code });
		expect(harness.log.text()).not.toContain(old);
		expect(harness.log.text()).not.toContain(undelivered);
	});
});

describe("response_url post fails", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness();
		harness.emulator.seedRegistry({ name: "team-images" });
	});

	afterAll(async () => {
		await harness.close();
	});

	test.each([
		["HTTP 404", { httpStatus: 404 }, "http_404"],
		["HTTP 500", { httpStatus: 500 }, "http_500"],
	])("%s sends the result by DM", async (_case, failure, code) => {
		harness.standIn.failNext("response_url", failure);

		const result = await harness.command("list");

		expect(result.posts).toHaveLength(0);
		const dms = dmCalls(result.calls);
		expect(dms).toHaveLength(1);
		expect(dms[0].ok).toBe(true);
		expect(shownText(dms[0].body.blocks)).toContain("team-images");
		const line = harness.log.lines
			.filter((entry) => entry.message.startsWith("Posting the command result"))
			.at(-1);
		expect(line?.level).toBe("error");
		expect(line?.extra).toMatchObject({ user: HANAKO.id, error: code });
		expect((await lastRequest(harness)).status).toBe("succeeded");
	});

	test("failed fallback DM is logged", async () => {
		harness.standIn.failNext("response_url", { httpStatus: 500 });
		harness.standIn.failNext("chat.postMessage", { error: "user_not_found" });

		const result = await harness.command("list");

		expect(result.posts).toHaveLength(0);
		const line = harness.log.lines
			.filter((entry) => entry.message === "DM to the requester failed")
			.at(-1);
		expect(line?.extra).toMatchObject({
			requester: HANAKO.id,
			slackError: "user_not_found",
		});
	});
});

describe("Slack errors around approvals", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({
			env: (env) => {
				const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
				return { ...rest, APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL };
			},
		});
		harness.emulator.seedRegistry({ name: "team-images" });
	});

	afterAll(async () => {
		await harness.close();
	});

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

	test.each([
		["missing_scope", "Slack token is invalid or lacks a permission"],
		["channel_not_found", "invite the bot"],
		["not_in_channel", "invite the bot"],
		["http_500", "Run the command again in a few minutes"],
	])("%s on the card post cancels the request", async (name, advice) => {
		const { failure, code } = FAILURES[name];
		harness.standIn.failNext("chat.postMessage", failure);
		const writesBefore = writesOf(harness.emulator).length;

		const started = performance.now();
		const registry = `card-${name.replace(/_/g, "-")}`;
		const result = await harness.command(`create ${registry}`, {
			userId: HANAKO.id,
			userName: HANAKO.name,
		});

		expect(performance.now() - started).toBeLessThan(1_500);
		const text = shownText(result.ack);
		expect(text).toContain("was cancelled");
		expect(text).toContain(`\`${code}\``);
		expect(text).toContain(advice);
		expect((await lastRequest(harness)).status).toBe("cancelled");
		expect(writesOf(harness.emulator)).toHaveLength(writesBefore);
		const line = harness.log.lines
			.filter((entry) =>
				entry.message.startsWith("Approval card could not be posted"),
			)
			.at(-1);
		expect(line?.extra).toMatchObject({
			channel: APPROVAL_CHANNEL,
			slackError: code,
		});
	});

	test.each([
		"cant_update_message",
		"channel_not_found",
		"not_in_channel",
		"missing_scope",
	])("%s on the card rewrite still tells the requester", async (name) => {
		const { failure, code } = FAILURES[name];
		const registry = `rewrite-${name.replace(/_/g, "-")}`.slice(0, 30);
		const requested = await request(`create ${registry}`);
		harness.standIn.failNext("chat.update", failure);

		const result = await approve(requested);

		expect(harness.emulator.registries().map((r) => r.name)).toContain(
			registry,
		);
		expect((await lastRequest(harness)).status).toBe("succeeded");
		const dms = dmCalls(result.calls);
		expect(dms).toHaveLength(1);
		expect(shownText(dms[0].body.blocks)).toContain(
			"Your request was approved by",
		);
		const line = harness.log.lines
			.filter((entry) =>
				entry.message.startsWith("Rewriting the approval card failed"),
			)
			.at(-1);
		expect(line?.extra).toMatchObject({
			requestId: requested.id,
			slackError: code,
		});
	});

	test.each([
		"user_not_found",
		"channel_not_found",
		"missing_scope",
		"http_500",
	])("%s on the outcome DM leaves the card", async (name) => {
		const { failure, code } = FAILURES[name];
		const registry = `outcome-${name.replace(/_/g, "-")}`.slice(0, 30);
		const requested = await request(`create ${registry}`);
		harness.standIn.failNext("chat.postMessage", failure);

		const result = await approve(requested);

		expect(harness.emulator.registries().map((r) => r.name)).toContain(
			registry,
		);
		const updates = result.calls.filter(
			(call) => call.method === "chat.update" && call.ok,
		);
		expect(shownText(updates.at(-1)?.body.blocks)).toContain(
			"Approved and done",
		);
		const line = harness.log.lines
			.filter((entry) => entry.message === "DM to the requester failed")
			.at(-1);
		expect(line?.extra).toMatchObject({
			requestId: requested.id,
			slackError: code,
		});
	});

	test.each(["user_not_found", "missing_scope", "http_503"])(
		"%s on an approved password DM revokes it",
		async (name) => {
			const { failure, code } = FAILURES[name];
			const username = `apr-${name.replace(/_/g, "-")}`;
			const registryId = String(
				harness.emulator.registries().find((r) => r.name === "team-images")?.id,
			);
			const requested = await request(
				`user add team-images --user ${username} --permission readwrite`,
			);
			harness.standIn.failNext("chat.postMessage", failure);

			const result = await approve(requested);

			const dms = dmCalls(result.calls);
			const { password } = credentialsFromDm(dms[0]);
			expect(dms[0].ok).toBe(false);
			expect(
				harness.emulator.users(registryId).map((user) => user.username),
			).not.toContain(username);
			expect(
				harness.emulator.verifyPassword(registryId, username, password),
			).toBe(false);
			expect((await lastRequest(harness)).status).toBe("failed");
			// The outcome DM, the next call, reaches the requester with what to do.
			expect(dms).toHaveLength(2);
			expect(shownText(dms[1].body.blocks)).toContain(
				"could not send you a direct message",
			);
			const card = result.calls.filter((call) => call.method === "chat.update");
			expect(shownText(card.at(-1)?.body.blocks)).toContain(
				"could not deliver the credentials to the requester",
			);
			const line = harness.log.lines
				.filter((entry) => entry.message === "Credential DM failed")
				.at(-1);
			expect(line?.extra).toMatchObject({ username, error: code });
			expect(harness.log.text()).not.toContain(password);
		},
	);
});
