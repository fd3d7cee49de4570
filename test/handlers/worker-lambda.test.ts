import { setTimeout as sleep } from "node:timers/promises";
import { createJobFailedHandler } from "../../src/handlers/job-failed";
import { createSlackHandler } from "../../src/handlers/runtime";
import { createWorkerHandler } from "../../src/handlers/worker";
import { type DynaliteServer, startDynalite } from "../../src/sandbox/dynalite";
import {
	type LambdaStandIn,
	type StandInFunction,
	startLambdaStandIn,
} from "../../src/sandbox/lambda-stand-in";
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
import { createRequestsTable, DynamoRequestStore } from "../../src/store";
import { createCaptureLog } from "../helpers/capture-log";
import { slashCommandEvent } from "../helpers/slack-events";
import { makeClient } from "../store/store-fixture";
import {
	ENGLISH_SAMPLE_USERS,
	handlerEnvironment,
	LAMBDA_CONTEXT,
	REQUESTS_TABLE,
	SIGNING_SECRET,
} from "./slack-harness";

/**
 * The slack handler as deployed: it reaches the worker through the Lambda Invoke API, here a
 * stand-in on loopback that runs the real worker and jobFailed handlers, retries failed
 * asynchronous runs and calls the on-failure destination.
 */
let emulator: SakuraEmulator;
let standIn: SlackStandIn;
let dynalite: DynaliteServer;
let lambda: LambdaStandIn | undefined;
let env: NodeJS.ProcessEnv;
let store: DynamoRequestStore;
let savedEndpoint: string | undefined;

beforeAll(async () => {
	savedEndpoint = process.env.AWS_ENDPOINT_URL_LAMBDA;
});

afterAll(() => {
	if (savedEndpoint === undefined) {
		delete process.env.AWS_ENDPOINT_URL_LAMBDA;
	} else {
		process.env.AWS_ENDPOINT_URL_LAMBDA = savedEndpoint;
	}
});

beforeEach(async () => {
	emulator = await startSakuraEmulator();
	emulator.seedRegistry({ name: "team-images" });
	standIn = await startSlackStandIn({ users: ENGLISH_SAMPLE_USERS });
	dynalite = await startDynalite();
	const client = makeClient(dynalite.endpoint);
	await createRequestsTable(client, REQUESTS_TABLE);
	store = new DynamoRequestStore({ tableName: REQUESTS_TABLE, client });
	env = {
		...handlerEnvironment(emulator, standIn, {
			endpoint: dynalite.endpoint,
			tableName: REQUESTS_TABLE,
		}),
		SAKURA_TIMEOUT_MS: "15000",
		WORKER_FUNCTION_NAME: "worker",
	};
});

afterEach(async () => {
	await lambda?.idle();
	await lambda?.close();
	lambda = undefined;
	await standIn.close();
	await emulator.close();
	await dynalite.close();
});

/** Starts the Lambda stand-in with the real worker and jobFailed unless `worker` replaces it. */
async function startFunctions(
	options: { worker?: StandInFunction; deliveries?: number } = {},
) {
	const log = createCaptureLog();
	const worker = createWorkerHandler({ env, logger: log });
	lambda = await startLambdaStandIn({
		functions: {
			worker: options.worker ?? ((event, context) => worker(event, context)),
			jobFailed: (event, context) =>
				createJobFailedHandler({ env, logger: log })(
					event as Parameters<ReturnType<typeof createJobFailedHandler>>[0],
					context,
				),
		},
		onFailure: { worker: "jobFailed" },
		retryDelayMs: 50,
		deliveries: options.deliveries,
	});
	process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.endpoint;
	const handler = createSlackHandler({ env, logger: log });
	return { handler, log };
}

function command(text: string, responseUrl: string) {
	return slashCommandEvent({
		text,
		responseUrl,
		signingSecret: SIGNING_SECRET,
	});
}

/** Waits until `check` returns a value, for at most `timeoutMs`. */
async function waitFor<T>(
	check: () => T | undefined,
	timeoutMs: number,
): Promise<T> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const value = check();
		if (value !== undefined) {
			return value;
		}
		await sleep(50);
	}
	throw new Error(`Nothing arrived within ${timeoutMs} ms`);
}

function postsTo(url: string): string[] {
	return standIn.responses
		.filter((post) => post.url === url)
		.map((post) => JSON.stringify(post.body));
}

test("a SAKURA that takes 10 s still gets the command acked at once", async () => {
	const { handler } = await startFunctions();
	emulator.injectFault({
		method: "GET",
		pathIncludes: "commonserviceitem",
		action: { kind: "delay", ms: 10_000 },
	});
	const responseUrl = standIn.newResponseUrl();

	const started = performance.now();
	const response = await handler(command("list", responseUrl), LAMBDA_CONTEXT);
	const ackMs = performance.now() - started;

	expect(response.statusCode).toBe(200);
	expect(ackMs).toBeLessThan(1_500);
	expect(response.body).toContain("Listing registries");
	expect(postsTo(responseUrl)).toEqual([]);

	const result = await waitFor(() => postsTo(responseUrl)[0], 20_000);
	expect(result).toContain("team-images");
}, 30_000);

test("a job delivered twice runs once", async () => {
	const { handler } = await startFunctions({ deliveries: 2 });
	const responseUrl = standIn.newResponseUrl();

	const response = await handler(
		command("user add team-images --user ci", responseUrl),
		LAMBDA_CONTEXT,
	);
	expect(response.statusCode).toBe(200);
	await lambda?.idle();

	const adds = emulator.requests.filter(
		(entry) => entry.method === "POST" && entry.path.endsWith("/users"),
	);
	expect(adds).toHaveLength(1);
	const passwordDms = standIn.calls.filter(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === "U0HANAKO" &&
			JSON.stringify(call.body.blocks).includes("*Password*"),
	);
	expect(passwordDms).toHaveLength(1);
	expect(postsTo(responseUrl)).toHaveLength(1);

	const runs = lambda?.invocations.filter(
		(entry) => entry.functionName === "worker",
	);
	// Both deliveries ran; the one that found the request claimed was retried and then stopped.
	expect(runs?.length).toBeGreaterThanOrEqual(2);
	expect(
		lambda?.invocations.filter((entry) => entry.functionName === "jobFailed"),
	).toHaveLength(0);
}, 30_000);

test("a job whose every run crashes is reported to the requester", async () => {
	const { handler } = await startFunctions({
		worker: async () => {
			throw new Error("the worker crashed");
		},
	});
	const responseUrl = standIn.newResponseUrl();

	await handler(
		command("user add team-images --user ci", responseUrl),
		LAMBDA_CONTEXT,
	);
	await lambda?.idle();

	expect(
		lambda?.invocations
			.filter((entry) => entry.functionName === "worker")
			.map((entry) => entry.attempt),
	).toEqual([1, 2, 3]);
	const report = await waitFor(() => postsTo(responseUrl)[0], 5_000);
	expect(report).toContain("stopped before it finished");
	expect(report).toContain("/registry user list team-images");

	const first = lambda?.invocations[0]?.payload as
		| { requestId?: string }
		| undefined;
	const stored = await store.get(String(first?.requestId));
	expect(stored).toMatchObject({
		status: "failed",
		result: { errorCode: "job_failed" },
	});
}, 30_000);

test("a worker that cannot be reached gets a reference in the ack", async () => {
	const { handler, log } = await startFunctions();
	env.WORKER_FUNCTION_NAME = "no-such-worker";
	const other = createSlackHandler({ env, logger: log });
	const responseUrl = standIn.newResponseUrl();

	const response = await other(command("list", responseUrl), LAMBDA_CONTEXT);

	expect(response.statusCode).toBe(200);
	const line = log.lines.find(
		(entry) => entry.message === "Handing the request to the worker failed",
	);
	expect(line?.extra).toMatchObject({ error: "LambdaInvokeError" });
	expect(response.body).toContain(String(line?.extra?.reference));
	expect(emulator.requests).toHaveLength(0);
	void handler;
}, 30_000);

describe("the worker's SAKURA secret", () => {
	let secrets: SecretsManagerStandIn;
	let savedSecretsEndpoint: string | undefined;

	beforeEach(async () => {
		secrets = await startSecretsManagerStandIn({
			secrets: {
				"registry-bot/slack": JSON.stringify({
					SLACK_SIGNING_SECRET: SIGNING_SECRET,
					SLACK_BOT_TOKEN: standIn.botToken,
				}),
				"registry-bot/sakura-partial": JSON.stringify({
					SAKURA_ACCESS_TOKEN: "only-half-of-the-key",
				}),
			},
		});
		savedSecretsEndpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
		for (const name of [
			"SLACK_SIGNING_SECRET",
			"SLACK_BOT_TOKEN",
			"SAKURA_ACCESS_TOKEN",
			"SAKURA_ACCESS_TOKEN_SECRET",
		]) {
			delete env[name];
		}
		env.SLACK_SECRET_ID = "registry-bot/slack";
	});

	afterEach(async () => {
		if (savedSecretsEndpoint === undefined) {
			delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		} else {
			process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = savedSecretsEndpoint;
		}
		await secrets.close();
	});

	test.each([
		[
			"a missing secret",
			"registry-bot/no-such-secret",
			"ResourceNotFoundException",
		],
		[
			"a secret without its keys",
			"registry-bot/sakura-partial",
			"SAKURA_ACCESS_TOKEN_SECRET or SAKURACLOUD_ACCESS_TOKEN_SECRET is missing",
		],
	])(
		"%s tells the requester the bot is misconfigured",
		async (_case, secretId, logged) => {
			env.SAKURA_SECRET_ID = secretId;
			const { handler, log } = await startFunctions();
			const responseUrl = standIn.newResponseUrl();

			const response = await handler(
				command("user add team-images --user ci", responseUrl),
				LAMBDA_CONTEXT,
			);
			await lambda?.idle();

			expect(response.statusCode).toBe(200);
			const report = await waitFor(() => postsTo(responseUrl)[0], 5_000);
			expect(report).toContain("The bot is misconfigured");
			expect(report).not.toMatch(/at .*\.ts:\d+|Error:/);
			const line = log.lines.find(
				(entry) =>
					entry.message === "Worker could not read its secret" ||
					entry.message === "Worker is misconfigured",
			);
			expect(JSON.stringify(line?.extra)).toContain(logged);
			if (logged === "ResourceNotFoundException") {
				expect(line?.extra).toMatchObject({ secretId });
			}
			expect(log.text()).not.toContain("only-half-of-the-key");
			expect(emulator.requests).toHaveLength(0);
			// The job failed for good at once; Lambda did not retry it.
			expect(
				lambda?.invocations.filter((entry) => entry.functionName === "worker"),
			).toHaveLength(1);
		},
		30_000,
	);

	test("a throttled read is retried by Lambda and then runs", async () => {
		env.SAKURA_SECRET_ID = "registry-bot/sakura-partial";
		secrets.setSecret(
			"registry-bot/sakura-partial",
			JSON.stringify({
				SAKURA_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
				SAKURA_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
			}),
		);
		const { handler } = await startFunctions();
		const responseUrl = standIn.newResponseUrl();
		// The SDK makes two attempts per read; both are throttled on the first run.
		for (let i = 0; i < 2; i++) {
			secrets.failNext({
				type: "ThrottlingException",
				status: 400,
				secretId: "registry-bot/sakura-partial",
			});
		}

		await handler(command("list", responseUrl), LAMBDA_CONTEXT);
		await lambda?.idle();

		const runs = lambda?.invocations.filter(
			(entry) => entry.functionName === "worker",
		);
		expect(runs?.map((entry) => entry.attempt)).toEqual([1, 2]);
		expect(postsTo(responseUrl).at(-1)).toContain("team-images");
	}, 30_000);
});
