import { isValidSlackRequest } from "@slack/bolt";
import {
	buildSignedEvent,
	decodeSlashCommand,
	encodeSlashCommand,
	SLASH_COMMAND_FIELDS,
	signSlackRequest,
} from "../../src/sandbox/slack-request";
import {
	SLASH_COMMAND_FIXTURE,
	slashCommandBody,
} from "../helpers/slack-events";

test("fixture round-trips byte for byte", () => {
	expect(encodeSlashCommand(decodeSlashCommand(SLASH_COMMAND_FIXTURE))).toBe(
		SLASH_COMMAND_FIXTURE,
	);
});

test("fields keep Slack's order", () => {
	const names = [
		...new URLSearchParams(slashCommandBody({ text: "list" })).keys(),
	];

	expect(names).toEqual([...SLASH_COMMAND_FIELDS]);
});

test("spaces and non-ASCII are form-encoded", () => {
	const body = slashCommandBody({
		text: 'create a --description "チーム images"',
	});

	expect(body).toContain(
		"text=create+a+--description+%22%E3%83%81%E3%83%BC%E3%83%A0+images%22",
	);
});

test("decoding a body without a field fails", () => {
	expect(() => decodeSlashCommand("token=x&team_id=T1")).toThrow(
		'no "team_domain" field',
	);
});

test("signature verifies with Bolt's checker", () => {
	const body = slashCommandBody({ text: "list" });
	const timestamp = Math.floor(Date.now() / 1000);

	const valid = isValidSlackRequest({
		signingSecret: "secret",
		body,
		headers: {
			"x-slack-signature": signSlackRequest("secret", timestamp, body),
			"x-slack-request-timestamp": timestamp,
		},
	});
	const wrongSecret = isValidSlackRequest({
		signingSecret: "other",
		body,
		headers: {
			"x-slack-signature": signSlackRequest("secret", timestamp, body),
			"x-slack-request-timestamp": timestamp,
		},
	});

	expect(valid).toBe(true);
	expect(wrongSecret).toBe(false);
});

test("signature matches a known vector", () => {
	// HMAC-SHA256 of "v0:1531420618:token=x" keyed with "8f742231b10e8888abcd99yyyzzz85a5", per openssl dgst.
	expect(
		signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", 1531420618, "token=x"),
	).toBe("v0=3eeaac3070533b0f5536145f88159d8e50277d9f01e4865f87e2d749f4789397");
});

test("event has API Gateway v2 shape", () => {
	const event = buildSignedEvent({
		body: "a=1",
		signingSecret: "s",
		timestampSeconds: 1_800_000_000,
	});

	expect(event).toMatchObject({
		version: "2.0",
		rawPath: "/slack/events",
		isBase64Encoded: false,
		body: "a=1",
		requestContext: { http: { method: "POST" } },
	});
	expect(event.headers["content-type"]).toBe(
		"application/x-www-form-urlencoded",
	);
	expect(event.headers["x-slack-request-timestamp"]).toBe("1800000000");
	expect(
		Object.keys(event.headers).every((name) => name === name.toLowerCase()),
	).toBe(true);
});

test("base64 event signs the decoded body", () => {
	const body = slashCommandBody({ text: "list" });

	const event = buildSignedEvent({
		body,
		signingSecret: "s",
		timestampSeconds: 1_800_000_000,
		base64: true,
	});

	expect(event.isBase64Encoded).toBe(true);
	expect(Buffer.from(event.body ?? "", "base64").toString("utf8")).toBe(body);
	expect(event.headers["x-slack-signature"]).toBe(
		signSlackRequest("s", 1_800_000_000, body),
	);
});
