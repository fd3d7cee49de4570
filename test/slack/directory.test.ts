import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import {
	createSlackDirectory,
	createSlackUsers,
	DirectoryError,
} from "../../src/slack/directory";
import { createWebClient } from "../../src/slack/web-client";
import { createCaptureLog } from "../helpers/capture-log";

let standIn: SlackStandIn;
let nowMs = 0;

beforeEach(async () => {
	standIn = await startSlackStandIn();
	nowMs = 1_000_000;
});

afterEach(async () => {
	await standIn.close();
});

function directory(ttlMs = 60_000) {
	const client = createWebClient(standIn.botToken, {
		slackApiUrl: standIn.apiUrl,
		log: createCaptureLog(),
	});
	return createSlackDirectory(client, { ttlMs, now: () => nowMs });
}

function callsOf(method: string): number {
	return standIn.calls.filter((call) => call.method === method).length;
}

test("admin flag comes from users.info", async () => {
	const slack = directory();

	expect(await slack.isWorkspaceAdmin("U0TARO")).toBe(true);
	expect(await slack.isWorkspaceAdmin("U0HANAKO")).toBe(false);
});

test("group membership comes from usergroups.users.list", async () => {
	const slack = directory();

	expect(await slack.isInGroup("U0TARO", "S0PLATFORM")).toBe(true);
	expect(await slack.isInGroup("U0ALEX", "S0PLATFORM")).toBe(false);
	expect(callsOf("usergroups.users.list")).toBe(1);
});

test("answers are cached until the TTL", async () => {
	const slack = directory(60_000);

	await slack.isWorkspaceAdmin("U0TARO");
	await slack.isWorkspaceAdmin("U0TARO");
	expect(callsOf("users.info")).toBe(1);

	nowMs += 60_000;
	await slack.isWorkspaceAdmin("U0TARO");
	expect(callsOf("users.info")).toBe(2);
});

test("Slack error raises DirectoryError", async () => {
	const slack = directory();
	standIn.failNext("users.info", { error: "ratelimited" });

	const error = await slack.isWorkspaceAdmin("U0TARO").catch((e) => e);

	expect(error).toBeInstanceOf(DirectoryError);
	expect(error).toMatchObject({ method: "users.info", code: "ratelimited" });
});

test("failures are not cached", async () => {
	const slack = directory();
	standIn.failNext("usergroups.users.list", { httpStatus: 500 });

	await expect(slack.isInGroup("U0TARO", "S0PLATFORM")).rejects.toMatchObject({
		method: "usergroups.users.list",
		code: "http_500",
	});
	expect(await slack.isInGroup("U0TARO", "S0PLATFORM")).toBe(true);
});

test("unknown group raises its Slack error", async () => {
	const slack = directory();

	await expect(slack.isInGroup("U0TARO", "S0NOBODY")).rejects.toMatchObject({
		code: "no_such_subteam",
	});
});

describe("createSlackUsers in-flight lookups", () => {
	test("concurrent lookups of one user share a call", async () => {
		const client = createWebClient(standIn.botToken, {
			slackApiUrl: standIn.apiUrl,
			log: createCaptureLog(),
		});
		const users = createSlackUsers(client);

		const [first, second] = await Promise.all([
			users.get("U0TARO", 60_000),
			users.get("U0TARO", 60_000),
		]);

		expect(first).toEqual(second);
		expect(
			standIn.calls.filter((call) => call.method === "users.info"),
		).toHaveLength(1);
	});
});
