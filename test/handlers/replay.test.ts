import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
	type DynamoFaultProxy,
	startDynamoFaultProxy,
} from "../helpers/dynamodb-fault-proxy";
import { slashCommandEvent } from "../helpers/slack-events";
import {
	type Harness,
	LAMBDA_CONTEXT,
	SIGNING_SECRET,
	startHarness,
	writesOf,
} from "./slack-harness";

let harness: Harness;

beforeEach(async () => {
	harness = await startHarness();
	harness.emulator.seedRegistry({ name: "team-images" });
});

afterEach(async () => {
	await harness.close();
});

test("a replayed signed command gets 401 and runs nothing", async () => {
	const event = slashCommandEvent({
		text: "user add team-images --user ci",
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
	});

	const first = await harness.handler(event, LAMBDA_CONTEXT);
	const writes = writesOf(harness.emulator).length;
	const dms = harness.standIn.calls.length;
	const replayed = await harness.handler(
		structuredClone(event),
		LAMBDA_CONTEXT,
	);

	expect(first.statusCode).toBe(200);
	expect(writes).toBe(1);
	expect(replayed.statusCode).toBe(401);
	expect(writesOf(harness.emulator)).toHaveLength(writes);
	expect(harness.standIn.calls).toHaveLength(dms);
	expect(harness.log.text()).toContain("Rejected a replayed request");
});

test("the same command signed anew is not a replay", async () => {
	const responseUrl = harness.standIn.newResponseUrl();
	const first = slashCommandEvent({
		text: "list",
		responseUrl,
		signingSecret: SIGNING_SECRET,
		timestampSeconds: Math.floor(Date.now() / 1000) - 1,
	});
	const second = slashCommandEvent({
		text: "list",
		responseUrl,
		signingSecret: SIGNING_SECRET,
	});

	expect((await harness.handler(first, LAMBDA_CONTEXT)).statusCode).toBe(200);
	expect((await harness.handler(second, LAMBDA_CONTEXT)).statusCode).toBe(200);
});

test("a request with a wrong signature is left to Bolt's 401 and recorded nowhere", async () => {
	const event = slashCommandEvent({
		text: "list",
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: "not-the-signing-secret",
	});

	const response = await harness.handler(event, LAMBDA_CONTEXT);

	expect(response.statusCode).toBe(401);
	expect(harness.log.text()).not.toContain("Rejected a replayed request");
});

test("help, which changes nothing, is served again without a table write", async () => {
	const event = slashCommandEvent({
		text: "help",
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
	});

	const first = await harness.handler(event, LAMBDA_CONTEXT);
	const again = await harness.handler(structuredClone(event), LAMBDA_CONTEXT);

	expect(first.statusCode).toBe(200);
	expect(again.statusCode).toBe(200);
	expect(again.body).toBe(first.body);
});

describe("spellings Bolt accepts for the same signed request", () => {
	function variants(): [string, (event: APIGatewayProxyEventV2) => void][] {
		return [
			[
				"a timestamp written with a decimal point",
				(event) => {
					event.headers["x-slack-request-timestamp"] =
						`${event.headers["x-slack-request-timestamp"]}.0`;
				},
			],
			[
				"a timestamp with a leading zero",
				(event) => {
					event.headers["x-slack-request-timestamp"] =
						`0${event.headers["x-slack-request-timestamp"]}`;
				},
			],
			[
				"text after a second = in the signature",
				(event) => {
					event.headers["x-slack-signature"] =
						`${event.headers["x-slack-signature"]}=x`;
				},
			],
			[
				"a header name in another case",
				(event) => {
					const signature = event.headers["x-slack-signature"];
					delete event.headers["x-slack-signature"];
					event.headers["X-Slack-Signature"] = signature;
				},
			],
		];
	}

	test.each(variants())("%s is still a replay", async (_case, alter) => {
		const event = slashCommandEvent({
			text: "user add team-images --user ci",
			responseUrl: harness.standIn.newResponseUrl(),
			signingSecret: SIGNING_SECRET,
		});
		await harness.handler(event, LAMBDA_CONTEXT);
		const writes = writesOf(harness.emulator).length;
		const replay = structuredClone(event);
		alter(replay);

		const response = await harness.handler(replay, LAMBDA_CONTEXT);

		expect(response.statusCode).toBe(401);
		expect(writesOf(harness.emulator)).toHaveLength(writes);
	});
});

describe("the replay check's own DynamoDB write", () => {
	let proxy: DynamoFaultProxy;

	beforeEach(async () => {
		await harness.close();
		proxy = await startDynamoFaultProxy();
		harness = await startHarness({
			env: (env) => {
				proxy.upstream = env.AWS_ENDPOINT_URL_DYNAMODB;
				return { ...env, AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint };
			},
		});
		harness.emulator.seedRegistry({ name: "team-images" });
	});

	afterEach(async () => {
		await proxy.close();
	});

	const REPLAY_PUT = {
		operation: "PutItem",
		matches: (body: Record<string, unknown>) =>
			String(
				(body.Item as { id?: { S?: string } } | undefined)?.id?.S ?? "",
			).startsWith("lock:replay:"),
	};

	test("a lost response is recognised as this request's own write", async () => {
		proxy.failNext({ ...REPLAY_PUT, answer: "lost-response" });

		const result = await harness.command("user add team-images --user ci");

		expect(result.status).toBe(200);
		expect(writesOf(harness.emulator)).toHaveLength(1);
	});

	test("throttling does not hold the request past Slack's deadline", async () => {
		for (let i = 0; i < 10; i++) {
			proxy.failNext({ ...REPLAY_PUT, answer: "throttle" });
		}

		const started = performance.now();
		const result = await harness.command("list");

		expect(result.status).toBe(200);
		expect(performance.now() - started).toBeLessThan(2_000);
		expect(harness.log.text()).toContain(
			"Checking for a replayed request failed",
		);
	});
});
