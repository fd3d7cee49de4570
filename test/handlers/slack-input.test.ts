import { buildSignedEvent } from "../../src/sandbox/slack-request";
import { buttonClickPayload, slashCommandBody } from "../helpers/slack-events";
import {
	type Harness,
	LAMBDA_CONTEXT,
	SIGNING_SECRET,
	shownText,
	startHarness,
	writesOf,
} from "./slack-harness";

let harness: Harness;

beforeAll(async () => {
	harness = await startHarness();
	harness.emulator.seedRegistry({ name: "team-images" });
});

afterAll(async () => {
	await harness.close();
});

describe("bad input", () => {
	const cases: { name: string; text: string; expected: string }[] = [
		{
			name: "unknown sub-command",
			text: "frobnicate team-images",
			expected: "Unknown command `frobnicate`",
		},
		{
			name: "unknown user sub-command",
			text: "user promote team-images",
			expected: "Unknown command `user promote`",
		},
		{ name: "missing name", text: "show", expected: "needs" },
		{
			name: "invalid label",
			text: "create team_images",
			expected: "not a valid registry name",
		},
		{
			name: "label as a flag",
			text: "create -team-",
			expected: "has no flag `-team-`",
		},
		{
			name: "uppercase label",
			text: "create TeamImages",
			expected: "Try `teamimages`",
		},
		{
			name: "unknown permission",
			text: "user add team-images --permission superuser",
			expected: "not a user permission",
		},
		{
			name: "removed access level",
			text: "create fresh --permission readwrite",
			expected: "removed the `readwrite` access level",
		},
		{
			name: "unknown flag",
			text: "create fresh --colour blue",
			expected: "has no flag `--colour`",
		},
		{
			name: "missing --user",
			text: "user rotate team-images",
			expected: "needs `--user`",
		},
		{
			name: "unbalanced quotes",
			text: 'create fresh --description "team images',
			expected: "is not closed",
		},
		{
			name: "3,000 characters",
			text: `create fresh --description "${"x".repeat(3000)}"`,
			expected: "the maximum is",
		},
		{
			name: "non-ASCII name",
			text: "create レジストリ",
			expected: "other than a-z",
		},
		{
			name: "full-width name",
			text: "create ｔｅａｍ",
			expected: "full-width characters",
		},
		{
			name: "non-ASCII user",
			text: "user add team-images --user はなこ",
			expected: "other than a-z",
		},
	];

	test.each(cases)("$name gets a usage message", async ({ text, expected }) => {
		const before = harness.emulator.requests.length;
		const result = await harness.command(text);

		expect(result.status).toBe(200);
		expect(result.ack).toMatchObject({ response_type: "ephemeral" });
		expect(shownText(result.ack)).toContain(expected);
		expect(result.posts).toHaveLength(0);
		// Only the requester's locale is looked up.
		expect(
			result.calls.filter((call) => call.method !== "users.info"),
		).toHaveLength(0);
		expect(harness.emulator.requests.length).toBe(before);
	});

	test("invalid commands are logged without their text", () => {
		const lines = harness.log.lines.filter(
			(line) => line.extra?.kind === "invalid",
		);

		expect(lines.length).toBe(cases.length);
		for (const { text } of cases) {
			expect(harness.log.text()).not.toContain(
				JSON.stringify(text).slice(1, -1),
			);
		}
	});

	test("nothing was written", () => {
		expect(writesOf(harness.emulator)).toEqual([]);
	});
});

describe("signature", () => {
	const now = () => Math.floor(Date.now() / 1000);

	const rejected: {
		name: string;
		options: Parameters<Harness["command"]>[1];
	}[] = [
		{
			name: "wrong secret",
			options: { signingSecret: "not-the-signing-secret" },
		},
		{
			name: "timestamp over five minutes old",
			options: { timestampSeconds: now() - 301 },
		},
		{
			name: "body changed after signing",
			options: {
				alter: (event) => {
					event.body = event.body?.replace(
						"text=create+victim",
						"text=delete+team-images",
					);
				},
			},
		},
		{
			name: "base64 body changed after signing",
			options: {
				base64: true,
				alter: (event) => {
					const body = Buffer.from(event.body ?? "", "base64").toString("utf8");
					event.body = Buffer.from(
						body.replace("text=create+victim", "text=delete+team-images"),
					).toString("base64");
				},
			},
		},
		{
			name: "missing signature header",
			options: {
				alter: (event) => {
					delete event.headers["x-slack-signature"];
				},
			},
		},
		{
			name: "missing timestamp header",
			options: {
				alter: (event) => {
					delete event.headers["x-slack-request-timestamp"];
				},
			},
		},
	];

	test.each(rejected)("$name gets 401 and no effect", async ({ options }) => {
		const before = harness.emulator.requests.length;
		const result = await harness.command("create victim", options);

		expect(result.status).toBe(401);
		expect(result.response.body).toBe("");
		expect(result.posts).toHaveLength(0);
		expect(result.calls).toHaveLength(0);
		expect(harness.emulator.requests.length).toBe(before);
		expect(
			harness.emulator.registries().map((registry) => registry.name),
		).toEqual(["team-images"]);
	});

	test("tampered body is the one that was checked", async () => {
		// The same alteration without re-signing must fail, so the test above cannot pass by accident.
		const result = await harness.command("create victim", {
			alter: (event) => {
				expect(event.body).toContain("text=create+victim");
			},
		});

		expect(result.status).toBe(200);
		expect(
			harness.emulator.registries().map((registry) => registry.name),
		).toContain("victim");
	});

	test("rejections are logged without the body", () => {
		const lines = harness.log.lines.filter((line) =>
			line.message.includes("invalid Slack signature"),
		);

		expect(lines.length).toBe(rejected.length);
		expect(harness.log.text()).not.toContain("delete+team-images");
	});

	test("charset in content-type gets 400", async () => {
		const before = harness.emulator.requests.length;
		const result = await harness.command("create other", {
			alter: (event) => {
				event.headers["content-type"] =
					"application/x-www-form-urlencoded; charset=utf-8";
			},
		});

		expect(result.status).toBe(400);
		expect(result.posts).toHaveLength(0);
		expect(harness.emulator.requests.length).toBe(before);
	});
});

describe("repeated form fields", () => {
	test("a second text field is ignored", async () => {
		const body = `${slashCommandBody({ text: "help", response_url: harness.standIn.newResponseUrl() })}&text=list`;

		const response = await harness.handler(
			buildSignedEvent({ body, signingSecret: SIGNING_SECRET }),
			LAMBDA_CONTEXT,
		);

		expect(response.statusCode).toBe(200);
		expect(shownText(JSON.parse(response.body ?? "{}"))).toContain(
			"/registry list",
		);
	});
});

describe("requests no listener handles", () => {
	test("unknown button gets an empty 200", async () => {
		const writesBefore = writesOf(harness.emulator).length;

		const result = await harness.click({
			actionId: "request.renamed_long_ago",
			value: "anything",
			user: { id: "U0TARO", name: "taro" },
		});

		expect(result.status).toBe(200);
		expect(result.response.body).toBe("");
		expect(writesOf(harness.emulator)).toHaveLength(writesBefore);
	});
});

describe("malformed signed interactions", () => {
	test("non-string user id gets an empty 200", async () => {
		const payload = buttonClickPayload({
			actionId: "request.approve",
			value: "no-such-request",
			user: { id: "U0TARO", name: "taro" },
			responseUrl: harness.standIn.newResponseUrl(),
		});
		payload.user = { id: 5, name: null };

		const result = await harness.interact(payload);

		expect(result.status).toBe(200);
		expect(result.response.body).toBe("");
	});
});
