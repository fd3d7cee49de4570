import { setTimeout as sleep } from "node:timers/promises";
import { createJobFailedHandler } from "../../src/handlers/job-failed";
import { createSlackHandler } from "../../src/handlers/runtime";
import { createWorkerHandler } from "../../src/handlers/worker";
import {
	type LambdaStandIn,
	startLambdaStandIn,
} from "../../src/sandbox/lambda-stand-in";
import {
	type SecretsManagerStandIn,
	startSecretsManagerStandIn,
} from "../../src/sandbox/secrets-manager-stand-in";
import {
	type DynamoFault,
	type DynamoFaultProxy,
	startDynamoFaultProxy,
} from "../helpers/dynamodb-fault-proxy";
import { slashCommandEvent } from "../helpers/slack-events";
import {
	credentialsFromDm,
	type Harness,
	LAMBDA_CONTEXT,
	SIGNING_SECRET,
	shownText,
	startHarness,
	writesOf,
} from "./slack-harness";

type WriteMatcher = Required<Pick<DynamoFault, "operation" | "matches">>;

/** The store's conditional write that creates a request; the replay guard's put is another. */
const CREATE: WriteMatcher = {
	operation: "PutItem",
	matches: (body) =>
		body.ConditionExpression === "attribute_not_exists(#id)" &&
		!String(
			(body.Item as { id?: { S?: string } } | undefined)?.id?.S ?? "",
		).startsWith("lock:replay:"),
};

/** The store's conditional write that claims an approved request for one run. */
const CLAIM: WriteMatcher = {
	operation: "UpdateItem",
	matches: (body) => body.ConditionExpression === "#status = :approved",
};

const MISCONFIGURED = "The bot is misconfigured";
const UNEXPECTED = "Something went wrong inside the bot";

/** Counts the proxied requests of one kind of write, and how many of them took a fault. */
function countOf(proxy: DynamoFaultProxy, write: WriteMatcher) {
	const matching = proxy.requests.filter(
		(request) =>
			request.operation === write.operation && write.matches(request.body),
	);
	return {
		sent: matching.length,
		faulted: matching.filter((request) => request.fault !== undefined).length,
	};
}

function credentialDms(harness: Harness) {
	return harness.standIn.calls.filter(
		(call) =>
			call.method === "chat.postMessage" &&
			shownText(call.body.blocks).includes("*Password*"),
	);
}

describe("Secrets Manager throttling in the slack function", () => {
	const secretId = "registry-bot/slack";
	let harness: Harness;
	let secrets: SecretsManagerStandIn;
	let savedEndpoint: string | undefined;

	beforeAll(async () => {
		harness = await startHarness({
			env: (env) => {
				const { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, ...rest } = env;
				return { ...rest, SLACK_SECRET_ID: secretId };
			},
		});
		secrets = await startSecretsManagerStandIn({
			secrets: {
				[secretId]: JSON.stringify({
					SLACK_SIGNING_SECRET: SIGNING_SECRET,
					SLACK_BOT_TOKEN: harness.standIn.botToken,
				}),
			},
		});
		// The AWS SDK reads its endpoint from process.env, not from the handler's env.
		savedEndpoint = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
	});

	afterAll(async () => {
		if (savedEndpoint === undefined) {
			delete process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		} else {
			process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = savedEndpoint;
		}
		await secrets.close();
		await harness.close();
	});

	test("throttled twice: misconfigured, then the next request works", async () => {
		for (let i = 0; i < 2; i++) {
			secrets.failNext({ type: "ThrottlingException", status: 400, secretId });
		}
		const before = secrets.requests.length;
		const linesBefore = harness.log.lines.length;

		const throttled = await harness.command("help");
		const next = await harness.command("help");

		expect(throttled.status).toBe(200);
		expect(shownText(throttled.ack)).toContain(MISCONFIGURED);
		// The client makes two attempts: the throttled read and the SDK's one retry.
		expect(secrets.requests.slice(before, before + 2)).toEqual([
			{ target: "secretsmanager.GetSecretValue", secretId },
			{ target: "secretsmanager.GetSecretValue", secretId },
		]);
		const line = harness.log.lines
			.slice(linesBefore)
			.find(
				(entry) => entry.message === "Slack handler could not read its secret",
			);
		expect(line?.extra).toEqual({ secretId, reason: "ThrottlingException" });
		expect(next.status).toBe(200);
		expect(shownText(next.ack)).toContain("/registry list");
		expect(secrets.requests).toHaveLength(before + 3);
	});

	test("throttled once: the SDK's retry gets the secret", async () => {
		secrets.failNext({ type: "ThrottlingException", status: 400, secretId });
		// The first harness keeps the secret it read, so a fresh one is needed to read it again.
		const fresh = await startHarness({
			env: (env) => {
				const { SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, ...rest } = env;
				return { ...rest, SLACK_SECRET_ID: secretId };
			},
		});
		try {
			const before = secrets.requests.length;

			const result = await fresh.command("help");

			expect(shownText(result.ack)).toContain("/registry list");
			expect(secrets.requests).toHaveLength(before + 2);
		} finally {
			await fresh.close();
		}
	});
});

describe("DynamoDB faults on the request path", () => {
	let harness: Harness;
	let proxy: DynamoFaultProxy;

	beforeEach(async () => {
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
		await harness.close();
		await proxy.close();
	});

	test("create throttled twice is retried and runs once", async () => {
		for (let i = 0; i < 2; i++) {
			proxy.failNext({ ...CREATE, answer: "throttle" });
		}

		const result = await harness.command("user add team-images --user ci");

		expect(result.status).toBe(200);
		expect(countOf(proxy, CREATE)).toEqual({ sent: 3, faulted: 2 });
		expect(writesOf(harness.emulator)).toHaveLength(1);
		expect(credentialDms(harness)).toHaveLength(1);
		const dm = credentialDms(harness)[0];
		const { password } = credentialsFromDm(dm);
		const [registry] = harness.emulator.registries();
		expect(harness.emulator.verifyPassword(registry.id, "ci", password)).toBe(
			true,
		);
	});

	test("create throttled on every attempt gets a reference", async () => {
		for (let i = 0; i < 10; i++) {
			proxy.failNext({ ...CREATE, answer: "throttle" });
		}

		const result = await harness.command("user add team-images --user ci");

		expect(result.status).toBe(200);
		// The DynamoDB client's default retry strategy makes 4 attempts.
		expect(countOf(proxy, CREATE)).toEqual({ sent: 4, faulted: 4 });
		const line = harness.log.lines.find(
			(entry) => entry.message === "Starting a request failed",
		);
		expect(line?.extra).toMatchObject({
			error: "ProvisionedThroughputExceededException",
		});
		const reference = String(line?.extra?.reference);
		expect(reference).toMatch(/^[0-9a-f]{8}$/);
		expect(shownText(result.ack)).toContain(UNEXPECTED);
		expect(shownText(result.ack)).toContain(reference);
		expect(harness.emulator.requests).toEqual([]);
		expect(credentialDms(harness)).toEqual([]);
	});

	test("create whose id is taken gets a reference", async () => {
		proxy.failNext({ ...CREATE, answer: "conditional-failure" });

		const result = await harness.command("user add team-images --user ci");

		const line = harness.log.lines.find(
			(entry) => entry.message === "Starting a request failed",
		);
		expect(line?.extra).toMatchObject({ error: "RequestExistsError" });
		expect(shownText(result.ack)).toContain(String(line?.extra?.reference));
		expect(harness.emulator.requests).toEqual([]);
		expect(credentialDms(harness)).toEqual([]);
	});

	test("create whose response was lost runs once", async () => {
		proxy.failNext({ ...CREATE, answer: "lost-response" });

		const result = await harness.command("user add team-images --user ci");

		expect(result.status).toBe(200);
		// The retry finds the item the first attempt wrote, fails its condition and counts as done.
		expect(countOf(proxy, CREATE)).toEqual({ sent: 2, faulted: 1 });
		expect(result.ack).toBeUndefined();
		expect(writesOf(harness.emulator)).toHaveLength(1);
		expect(credentialDms(harness)).toHaveLength(1);
	});

	test("claim throttled twice is retried and runs once", async () => {
		for (let i = 0; i < 2; i++) {
			proxy.failNext({ ...CLAIM, answer: "throttle" });
		}

		const result = await harness.command("user add team-images --user ci");

		expect(result.status).toBe(200);
		expect(countOf(proxy, CLAIM)).toEqual({ sent: 3, faulted: 2 });
		expect(writesOf(harness.emulator)).toHaveLength(1);
		expect(credentialDms(harness)).toHaveLength(1);
	});

	test("claim whose response was lost runs once", async () => {
		proxy.failNext({ ...CLAIM, answer: "lost-response" });

		await harness.command("user add team-images --user ci");

		// The retry fails its condition, and the store reads that the first attempt claimed it.
		expect(countOf(proxy, CLAIM)).toEqual({ sent: 2, faulted: 1 });
		expect(writesOf(harness.emulator)).toHaveLength(1);
		expect(credentialDms(harness)).toHaveLength(1);
	});

	test("claim lost to another run does nothing on SAKURA", async () => {
		proxy.failNext({
			...CLAIM,
			answer: "forward",
			// Another delivery of the job claims the request between this run's read and its write.
			before: async (body) => {
				const key = body.Key as { id?: { S?: string } } | undefined;
				const id = String(key?.id?.S);
				const now = new Date();
				await harness.store.claim(
					id,
					now,
					"another-run",
					new Date(now.getTime() + 60_000),
				);
			},
		});

		await harness.command("user add team-images --user ci");

		expect(harness.emulator.requests).toEqual([]);
		expect(credentialDms(harness)).toEqual([]);
		const line = harness.log.lines.find(
			(entry) => entry.message === "Job failed in the in-process worker",
		);
		expect(line?.extra).toMatchObject({ error: "JobInProgressError" });
	});
});

describe("DynamoDB throttling in the deployed worker", () => {
	let harness: Harness;
	let proxy: DynamoFaultProxy;
	let lambda: LambdaStandIn;
	let savedEndpoint: string | undefined;

	beforeEach(async () => {
		proxy = await startDynamoFaultProxy();
		harness = await startHarness({
			env: (env) => {
				proxy.upstream = env.AWS_ENDPOINT_URL_DYNAMODB;
				return {
					...env,
					AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint,
					WORKER_FUNCTION_NAME: "worker",
				};
			},
		});
		harness.emulator.seedRegistry({ name: "team-images" });
		const { env, log } = harness;
		const worker = createWorkerHandler({ env, logger: log });
		const jobFailed = createJobFailedHandler({ env, logger: log });
		lambda = await startLambdaStandIn({
			functions: {
				worker: (event, context) => worker(event, context),
				jobFailed: (event, context) =>
					jobFailed(event as Parameters<typeof jobFailed>[0], context),
			},
			onFailure: { worker: "jobFailed" },
			retryDelayMs: 50,
		});
		savedEndpoint = process.env.AWS_ENDPOINT_URL_LAMBDA;
		process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.endpoint;
	});

	afterEach(async () => {
		await lambda.idle();
		await lambda.close();
		if (savedEndpoint === undefined) {
			delete process.env.AWS_ENDPOINT_URL_LAMBDA;
		} else {
			process.env.AWS_ENDPOINT_URL_LAMBDA = savedEndpoint;
		}
		await harness.close();
		await proxy.close();
	});

	test("claim throttled on every run is reported and nothing runs", async () => {
		// Three runs (the first and Lambda's two retries) of 4 SDK attempts each.
		for (let i = 0; i < 12; i++) {
			proxy.failNext({ ...CLAIM, answer: "throttle" });
		}
		const handler = createSlackHandler({
			env: harness.env,
			logger: harness.log,
		});
		const responseUrl = harness.standIn.newResponseUrl();

		const response = await handler(
			slashCommandEvent({
				text: "user add team-images --user ci",
				responseUrl,
				signingSecret: SIGNING_SECRET,
			}),
			LAMBDA_CONTEXT,
		);
		await lambda.idle();

		expect(response.statusCode).toBe(200);
		const runs = lambda.invocations.filter(
			(entry) => entry.functionName === "worker",
		);
		expect(runs.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
		expect(runs.map((entry) => entry.error)).toEqual([
			"ProvisionedThroughputExceededException",
			"ProvisionedThroughputExceededException",
			"ProvisionedThroughputExceededException",
		]);
		expect(countOf(proxy, CLAIM)).toEqual({ sent: 12, faulted: 12 });
		const report = await waitForPost(harness, responseUrl);
		expect(report).toContain("stopped before it finished");
		expect(harness.emulator.requests).toEqual([]);
		expect(credentialDms(harness)).toEqual([]);
		const requestId = String(
			(runs[0]?.payload as { requestId?: string } | undefined)?.requestId,
		);
		expect(await harness.store.get(requestId)).toMatchObject({
			status: "failed",
			result: { errorCode: "job_failed" },
		});
	}, 60_000);
});

/** Waits up to 5 s for the first post to a response URL and returns what it shows. */
async function waitForPost(harness: Harness, url: string): Promise<string> {
	const end = Date.now() + 5_000;
	while (Date.now() < end) {
		const post = harness.standIn.responses.find((entry) => entry.url === url);
		if (post !== undefined) {
			return shownText(post.body);
		}
		await sleep(50);
	}
	throw new Error(`No post to ${url} within 5 s`);
}
