import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Credentials, Requester } from "../../src/operations/types";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import { createDmDelivery } from "../../src/slack/dm";
import { DmDeliveryError } from "../../src/slack/errors";
import { createWebClient } from "../../src/slack/web-client";
import { createCaptureLog } from "../helpers/capture-log";

const requester: Requester = {
	userId: "U0HANAKO",
	userName: "hanako",
	teamId: "T0SANDBOX",
};
const password = "Q7pLx2VmR9sKd4TnW8yB3cHf6jZa1uEo";
const credentials: Credentials = {
	registry: {
		id: "113700000001",
		name: "team-images",
		description: "",
		tags: [],
		subdomainLabel: "team-images",
		fqdn: "team-images.sakuracr.jp",
		accessLevel: "none",
		virtualDomain: "",
		availability: "available",
		createdAt: "2026-12-01T10:00:00+09:00",
		modifiedAt: "2026-12-01T10:00:00+09:00",
		settingsHash: null,
	},
	username: "hanako",
	password,
	permission: "readonly",
	rotated: false,
};

let standIn: SlackStandIn;

beforeEach(async () => {
	standIn = await startSlackStandIn();
});

afterEach(async () => {
	await standIn.close();
});

function delivery(
	log = createCaptureLog(),
	slackApiUrl = standIn.apiUrl,
	token = standIn.botToken,
) {
	return createDmDelivery(createWebClient(token, { slackApiUrl, log }), log);
}

test("sends the password to the requester's DM", async () => {
	const log = createCaptureLog();

	await delivery(log).deliver(requester, credentials);

	expect(standIn.calls).toHaveLength(1);
	expect(standIn.calls[0]).toMatchObject({
		method: "chat.postMessage",
		ok: true,
		body: { channel: "U0HANAKO" },
	});
	expect(JSON.stringify(standIn.calls[0].body.blocks)).toContain(password);
	expect(standIn.calls[0].body.text).not.toContain(password);
	expect(log.lines).toEqual([
		expect.objectContaining({
			message: "Credential DM sent",
			extra: expect.objectContaining({ dmChannel: "D0HANAKO" }),
		}),
	]);
	expect(log.text()).not.toContain(password);
});

test("throws when Slack answers ok false", async () => {
	standIn.failNext("chat.postMessage", { error: "channel_not_found" });
	const log = createCaptureLog();

	const failure = delivery(log).deliver(requester, credentials);

	await expect(failure).rejects.toBeInstanceOf(DmDeliveryError);
	await expect(failure).rejects.toMatchObject({
		code: "channel_not_found",
		userId: "U0HANAKO",
	});
	expect(log.text()).not.toContain(password);
});

test("throws on an HTTP error without retrying", async () => {
	standIn.failNext("chat.postMessage", { httpStatus: 503 });

	await expect(
		delivery().deliver(requester, credentials),
	).rejects.toMatchObject({ code: "http_503" });
	expect(standIn.calls).toHaveLength(1);
});

test("throws on a wrong token", async () => {
	await expect(
		delivery(createCaptureLog(), standIn.apiUrl, "xoxb-revoked").deliver(
			requester,
			credentials,
		),
	).rejects.toMatchObject({
		code: "invalid_auth",
	});
});

describe("silent Slack", () => {
	let silent: Server;
	let url: string;

	beforeAll(async () => {
		silent = createServer(() => {
			// Sends no response, so the client's timeout must end the call.
		});
		await new Promise<void>((resolve) =>
			silent.listen(0, "127.0.0.1", resolve),
		);
		url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`;
	});

	afterAll(async () => {
		silent.closeAllConnections();
		await new Promise((resolve) => silent.close(resolve));
	});

	test("throws after the timeout", async () => {
		const started = Date.now();

		await expect(
			delivery(createCaptureLog(), url).deliver(requester, credentials),
		).rejects.toMatchObject({
			code: "timeout",
		});
		expect(Date.now() - started).toBeLessThan(4_000);
	});
});
