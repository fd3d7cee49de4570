import { inProcessWorker } from "../../src/handlers/in-process-worker";
import { createSlackHandler } from "../../src/handlers/runtime";
import { handler as lambdaHandler } from "../../src/handlers/slack";
import type { Log } from "../../src/logging";
import { type DynaliteServer, startDynalite } from "../../src/sandbox/dynalite";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../src/sandbox/sakura-emulator";
import {
	type SecretsManagerStandIn,
	startSecretsManagerStandIn,
} from "../../src/sandbox/secrets-manager-stand-in";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import { createRequestsTable } from "../../src/store";
import { createCaptureLog } from "../helpers/capture-log";
import { slashCommandEvent } from "../helpers/slack-events";
import { makeClient } from "../store/store-fixture";
import {
	ENGLISH_SAMPLE_USERS,
	handlerEnvironment,
	LAMBDA_CONTEXT,
	REQUESTS_TABLE,
	SIGNING_SECRET,
	shownText,
} from "./slack-harness";

const MISCONFIGURED = "The bot is misconfigured";

let emulator: SakuraEmulator;
let standIn: SlackStandIn;
let dynalite: DynaliteServer;
let table: { endpoint: string; tableName: string };

beforeAll(async () => {
	emulator = await startSakuraEmulator();
	standIn = await startSlackStandIn({ users: ENGLISH_SAMPLE_USERS });
	dynalite = await startDynalite();
	const client = makeClient(dynalite.endpoint);
	await createRequestsTable(client, REQUESTS_TABLE);
	client.destroy();
	table = { endpoint: dynalite.endpoint, tableName: REQUESTS_TABLE };
});

afterAll(async () => {
	await standIn.close();
	await emulator.close();
	await dynalite.close();
});

function event(text: string) {
	return slashCommandEvent({
		text,
		responseUrl: standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
	});
}

function parse(body: string | undefined): unknown {
	return JSON.parse(body ?? "");
}

test("Lambda handler takes two parameters", () => {
	// Lambda's nodejs24.x runtime rejects handlers that declare a third, callback parameter.
	expect(lambdaHandler.length).toBe(2);
});

describe("configuration from the environment", () => {
	test("missing secret gets the misconfigured message", async () => {
		const env = handlerEnvironment(emulator, standIn, table);
		delete env.SLACK_SIGNING_SECRET;
		const log = createCaptureLog();
		const handler = handlerFor(env, log);

		const response = await handler(event("list"), LAMBDA_CONTEXT);

		expect(response.statusCode).toBe(200);
		expect(response.headers).toMatchObject({
			"Content-Type": "application/json",
		});
		const body = parse(response.body);
		expect(body).toMatchObject({ response_type: "ephemeral" });
		expect(shownText(body)).toContain(MISCONFIGURED);
		expect(response.body).not.toContain("at ");
		expect(log.lines).toHaveLength(1);
		expect(log.lines[0]).toMatchObject({
			level: "error",
			extra: { problems: [expect.stringContaining("SLACK_SIGNING_SECRET")] },
		});
		expect(emulator.requests).toHaveLength(0);
	});

	test("next request builds again", async () => {
		const env = handlerEnvironment(emulator, standIn, table);
		delete env.SLACK_BOT_TOKEN;
		const handler = handlerFor(env, createCaptureLog());
		const first = await handler(event("help"), LAMBDA_CONTEXT);

		env.SLACK_BOT_TOKEN = standIn.botToken;
		const second = await handler(event("help"), LAMBDA_CONTEXT);

		expect(shownText(parse(first.body))).toContain(MISCONFIGURED);
		expect(second.statusCode).toBe(200);
		expect(shownText(parse(second.body))).toContain("/registry list");
	});

	test("invalid setting names the variable", async () => {
		const env = {
			...handlerEnvironment(emulator, standIn, table),
			SAKURACLOUD_DEFAULT_ZONE: "mars1",
		};
		const log = createCaptureLog();
		const handler = handlerFor(env, log);

		const response = await handler(event("list"), LAMBDA_CONTEXT);

		expect(shownText(parse(response.body))).toContain(MISCONFIGURED);
		expect(JSON.stringify(log.lines[0].extra)).toContain(
			"SAKURACLOUD_DEFAULT_ZONE",
		);
	});
});

describe("configuration from Secrets Manager", () => {
	const secretId = "registry-bot/slack";
	let secretsManager: SecretsManagerStandIn;
	let savedEndpoint: string | undefined;

	beforeAll(async () => {
		const secrets = {
			SLACK_SIGNING_SECRET: SIGNING_SECRET,
			SLACK_BOT_TOKEN: standIn.botToken,
			SAKURA_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
			SAKURA_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
		};
		secretsManager = await startSecretsManagerStandIn({
			secrets: {
				[secretId]: JSON.stringify(secrets),
				"registry-bot/partial": JSON.stringify({
					...secrets,
					SLACK_BOT_TOKEN: undefined,
				}),
			},
		});
		// The AWS SDK reads its endpoint from process.env; the test setup already set fake
		// credentials and a region there.
		savedEndpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secretsManager.endpoint;
	});

	afterAll(async () => {
		if (savedEndpoint === undefined) {
			delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		} else {
			process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = savedEndpoint;
		}
		await secretsManager.close();
	});

	/** The environment of a deployed function: settings only, and the secret's name. */
	function secretEnvironment(id: string): NodeJS.ProcessEnv {
		const settings = handlerEnvironment(emulator, standIn, table);
		return {
			SLACK_SECRET_ID: id,
			SAKURA_SECRET_ID: id,
			SAKURACLOUD_API_ROOT_URL: emulator.rootUrl,
			SLACK_API_URL: standIn.apiUrl,
			REQUESTS_TABLE: settings.REQUESTS_TABLE,
			AWS_ENDPOINT_URL_DYNAMODB: settings.AWS_ENDPOINT_URL_DYNAMODB,
			POLICY_PATH: settings.POLICY_PATH,
		};
	}

	test("handler reads the secret once", async () => {
		const log = createCaptureLog();
		const handler = handlerFor(secretEnvironment(secretId), log);
		const before = secretsManager.requests.length;

		const list = await handler(event("list"), LAMBDA_CONTEXT);
		const help = await handler(event("help"), LAMBDA_CONTEXT);

		expect(list.statusCode).toBe(200);
		expect(shownText(parse(help.body))).toContain("/registry list");
		// The slack handler reads its Slack secret; the in-process worker reads the Slack and the
		// SAKURA secret, which are one secret here. The help request reads nothing again.
		expect(secretsManager.requests.slice(before)).toEqual([
			{ target: "secretsmanager.GetSecretValue", secretId },
			{ target: "secretsmanager.GetSecretValue", secretId },
			{ target: "secretsmanager.GetSecretValue", secretId },
		]);
		expect(emulator.requests.at(-1)).toMatchObject({
			method: "GET",
			status: 200,
		});
		expect(log.text()).not.toContain(SANDBOX_CREDENTIALS.accessTokenSecret);
		expect(log.text()).not.toContain(standIn.botToken);
	});

	test("unknown secret names the id and AWS error", async () => {
		const log = createCaptureLog();
		const handler = handlerFor(secretEnvironment("registry-bot/missing"), log);

		const response = await handler(event("list"), LAMBDA_CONTEXT);

		expect(response.statusCode).toBe(200);
		expect(shownText(parse(response.body))).toContain(MISCONFIGURED);
		expect(log.lines).toEqual([
			expect.objectContaining({
				level: "error",
				extra: {
					secretId: "registry-bot/missing",
					reason: "ResourceNotFoundException",
				},
			}),
		]);
	});

	test("secret without a key names the key", async () => {
		const log = createCaptureLog();
		const handler = handlerFor(secretEnvironment("registry-bot/partial"), log);

		const response = await handler(event("list"), LAMBDA_CONTEXT);

		expect(shownText(parse(response.body))).toContain(MISCONFIGURED);
		expect(JSON.stringify(log.lines[0].extra)).toContain(
			"SLACK_BOT_TOKEN is missing from secret registry-bot/partial",
		);
		expect(log.text()).not.toContain(SIGNING_SECRET);
	});

	test("failed read is retried on the next request", async () => {
		secretsManager.failNext({ type: "AccessDeniedException" });
		const handler = handlerFor(secretEnvironment(secretId), createCaptureLog());

		const first = await handler(event("help"), LAMBDA_CONTEXT);
		const second = await handler(event("help"), LAMBDA_CONTEXT);

		expect(shownText(parse(first.body))).toContain(MISCONFIGURED);
		expect(shownText(parse(second.body))).toContain("/registry list");
	});

	test("rotated secret takes effect after the TTL", async () => {
		const rotatingId = "registry-bot/rotating";
		const original = {
			SLACK_SIGNING_SECRET: SIGNING_SECRET,
			SLACK_BOT_TOKEN: standIn.botToken,
			SAKURA_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
			SAKURA_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
		};
		const rotated = {
			...original,
			SLACK_SIGNING_SECRET: "rotated-signing-secret",
		};
		secretsManager.setSecret(rotatingId, JSON.stringify(original));
		const handler = handlerFor(
			{ ...secretEnvironment(rotatingId), SECRET_CACHE_TTL_SECONDS: "0" },
			createCaptureLog(),
		);

		const before = await handler(event("help"), LAMBDA_CONTEXT);
		secretsManager.setSecret(rotatingId, JSON.stringify(rotated));
		const oldSignature = await handler(event("help"), LAMBDA_CONTEXT);
		const newSignature = await handler(
			slashCommandEvent({
				text: "help",
				responseUrl: standIn.newResponseUrl(),
				signingSecret: rotated.SLACK_SIGNING_SECRET,
			}),
			LAMBDA_CONTEXT,
		);

		expect(before.statusCode).toBe(200);
		expect(oldSignature.statusCode).toBe(401);
		expect(newSignature.statusCode).toBe(200);
		expect(shownText(parse(newSignature.body))).toContain("/registry list");
	});
});

describe("request timestamps", () => {
	test("future timestamp is rejected", async () => {
		const env = handlerEnvironment(emulator, standIn, table);
		const handler = handlerFor(env, createCaptureLog());
		const inTenMinutes = Math.floor(Date.now() / 1000) + 600;

		const response = await handler(
			slashCommandEvent({
				text: "help",
				responseUrl: standIn.newResponseUrl(),
				signingSecret: SIGNING_SECRET,
				timestampSeconds: inTenMinutes,
			}),
			LAMBDA_CONTEXT,
		);

		expect(response.statusCode).toBe(401);
	});

	test("small clock difference is accepted", async () => {
		const env = handlerEnvironment(emulator, standIn, table);
		const handler = handlerFor(env, createCaptureLog());
		const inOneMinute = Math.floor(Date.now() / 1000) + 60;

		const response = await handler(
			slashCommandEvent({
				text: "help",
				responseUrl: standIn.newResponseUrl(),
				signingSecret: SIGNING_SECRET,
				timestampSeconds: inOneMinute,
			}),
			LAMBDA_CONTEXT,
		);

		expect(response.statusCode).toBe(200);
	});
});

/** A slack handler with its worker in the same process, both reading `env`. */
function handlerFor(env: NodeJS.ProcessEnv, logger: Log) {
	return createSlackHandler({
		env,
		logger,
		worker: inProcessWorker({ env, logger }),
	});
}
