import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ConfigError, parseSettings } from "../config";
import { inProcessWorker } from "../handlers/in-process-worker";
import {
	createJobFailedHandler,
	type FailedInvocationRecord,
} from "../handlers/job-failed";
import { createSlackHandler, type SlackHandler } from "../handlers/runtime";
import { createWorkerHandler } from "../handlers/worker";
import { createWorkerRuntime } from "../handlers/worker-runtime";
import type { Log } from "../logging";
import { loadPolicy, PolicyError } from "../operations/policy";
import type { SweepReport } from "../slack/grants/sweep";
import { createRequestsTable } from "../store";
import { type DynaliteServer, startDynalite } from "./dynalite";
import { type LambdaStandIn, startLambdaStandIn } from "./lambda-stand-in";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "./sakura-emulator";
import {
	type SecretsManagerStandIn,
	startSecretsManagerStandIn,
} from "./secrets-manager-stand-in";
import { type SlackStandIn, startSlackStandIn } from "./slack-stand-in";

/** Names of the Secrets Manager secrets the sandbox creates in its stand-in. */
export const SANDBOX_SLACK_SECRET_ID = "sakura-registry-bot/sandbox/slack";
export const SANDBOX_SAKURA_SECRET_ID = "sakura-registry-bot/sandbox/sakura";

/** DynamoDB table of access requests in the sandbox's dynalite. */
export const SANDBOX_REQUESTS_TABLE = "sakura-registry-bot-sandbox-requests";

/** Channel of the sandbox workspace that receives approval cards. */
export const SANDBOX_APPROVAL_CHANNEL = "C0APPROVALS";

export interface Sandbox {
	handler: SlackHandler;
	slack: SlackStandIn;
	/** Absent when real SAKURA credentials were found in the environment. */
	emulator?: SakuraEmulator;
	secrets: SecretsManagerStandIn;
	dynalite: DynaliteServer;
	/** Present with `lambdaWorker`. */
	lambda?: LambdaStandIn;
	signingSecret: string;
	/** Runs the sweeper once, against the same stand-ins and clock as the handler. */
	sweep(): Promise<SweepReport>;
	/** The sandbox's current time: the system clock plus every `advanceClock`. */
	now(): Date;
	/**
	 * Moves the sandbox's clock ahead, for trying reminders and expiry without waiting. It has no
	 * effect when `SandboxOptions.clock` was given.
	 */
	advanceClock(ms: number): void;
	close(): Promise<void>;
}

export interface SandboxOptions {
	/** Read for real SAKURA credentials and `SAKURACLOUD_API_ROOT_URL`. @default process.env */
	env?: NodeJS.ProcessEnv;
	/** @default the handler's JSON logger, at `LOG_LEVEL` (the sandbox sets SILENT unless given) */
	logger?: Log;
	/** Passed to the emulator, e.g. to keep a Debian registry's htpasswd in step. */
	htpasswdPath?: string;
	/** Controls "now" for approvals and expiry. @default the system clock */
	clock?: () => Date;
	/**
	 * Runs the worker behind a stand-in of the Lambda Invoke API, as deployed: the slack handler
	 * acks after handing each job over, and the result arrives afterwards.
	 * @default false: the worker runs in the handler's process and finishes before the ack
	 */
	lambdaWorker?: boolean;
	/**
	 * With `lambdaWorker`, holds each job until `lambda.runHeld()`, so that a benchmark times the
	 * slack handler alone, as on Lambda, where the worker runs in another container.
	 * @default false
	 */
	holdWorkerJobs?: boolean;
}

/**
 * Starts the local stand-ins on 127.0.0.1 and a Slack handler wired to them, exactly as Lambda
 * would run it: the credentials come from a Secrets Manager stand-in through the AWS SDK, Slack Web
 * API calls go to the Slack stand-in, and SAKURA calls go to the emulator. When the environment holds
 * real SAKURA credentials, the emulator is skipped and the real API is used instead.
 */
export async function startSandbox(
	options: SandboxOptions = {},
): Promise<Sandbox> {
	const env = options.env ?? process.env;
	const realSakura = realSakuraCredentials(env);
	const signingSecret = randomBytes(16).toString("hex");

	// The AWS SDK reads these from the process environment, as it does on Lambda.
	process.env.AWS_REGION ??= "ap-northeast-1";
	process.env.AWS_ACCESS_KEY_ID ??= "AKIDSANDBOX";
	process.env.AWS_SECRET_ACCESS_KEY ??= "sandbox-secret-access-key";
	process.env.AWS_EC2_METADATA_DISABLED = "true";
	process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

	const emulator = realSakura
		? undefined
		: await startSakuraEmulator({ htpasswdPath: options.htpasswdPath });
	const slack = await startSlackStandIn();
	const dynalite = await startDynalite();
	const dynamo = new DynamoDBClient({
		endpoint: dynalite.endpoint,
		region: "ap-northeast-1",
		credentials: {
			accessKeyId: "AKIDSANDBOX",
			secretAccessKey: "sandbox-secret-access-key",
		},
	});
	await createRequestsTable(dynamo, SANDBOX_REQUESTS_TABLE);
	dynamo.destroy();
	const sakura = realSakura ?? SANDBOX_CREDENTIALS;
	const secrets = await startSecretsManagerStandIn({
		secrets: {
			[SANDBOX_SLACK_SECRET_ID]: JSON.stringify({
				SLACK_SIGNING_SECRET: signingSecret,
				SLACK_BOT_TOKEN: slack.botToken,
			}),
			[SANDBOX_SAKURA_SECRET_ID]: JSON.stringify({
				SAKURACLOUD_ACCESS_TOKEN: sakura.accessToken,
				SAKURACLOUD_ACCESS_TOKEN_SECRET: sakura.accessTokenSecret,
			}),
		},
	});

	process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = secrets.endpoint;
	const handlerEnv: NodeJS.ProcessEnv = {
		SLACK_SECRET_ID: SANDBOX_SLACK_SECRET_ID,
		SAKURA_SECRET_ID: SANDBOX_SAKURA_SECRET_ID,
		SLACK_API_URL: slack.apiUrl,
		LOG_LEVEL: env.LOG_LEVEL ?? "SILENT",
		SAKURACLOUD_API_ROOT_URL: emulator?.rootUrl ?? env.SAKURACLOUD_API_ROOT_URL,
		SAKURACLOUD_DEFAULT_ZONE: env.SAKURACLOUD_DEFAULT_ZONE,
		SAKURA_TIMEOUT_MS: env.SAKURA_TIMEOUT_MS,
		REQUESTS_TABLE: SANDBOX_REQUESTS_TABLE,
		AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
		APPROVAL_CHANNEL_ID: SANDBOX_APPROVAL_CHANNEL,
		POLICY_PATH: env.POLICY_PATH,
		DEFAULT_LOCALE: env.DEFAULT_LOCALE,
		CHANNEL_LOCALES: env.CHANNEL_LOCALES,
		GRANT_REMINDERS: env.GRANT_REMINDERS,
	};
	process.env.LOG_LEVEL = handlerEnv.LOG_LEVEL;
	let offsetMs = 0;
	const clock = options.clock ?? (() => new Date(Date.now() + offsetMs));
	const sweeper = createWorkerRuntime({
		env: handlerEnv,
		logger: options.logger,
		clock,
	});
	let lambda: LambdaStandIn | undefined;
	let handler: SlackHandler;
	if (options.lambdaWorker === true) {
		const workerOptions = {
			env: handlerEnv,
			logger: options.logger,
			clock: clock,
		};
		const worker = createWorkerHandler(workerOptions);
		const jobFailed = createJobFailedHandler(workerOptions);
		lambda = await startLambdaStandIn({
			functions: {
				worker: (event, context) => worker(event, context),
				jobFailed: (event, context) =>
					jobFailed(event as FailedInvocationRecord, context),
			},
			onFailure: { worker: "jobFailed" },
			retryDelayMs: 1_000,
			holdAsync: options.holdWorkerJobs,
		});
		process.env.AWS_ENDPOINT_URL_LAMBDA = lambda.endpoint;
		handler = createSlackHandler({
			env: { ...handlerEnv, WORKER_FUNCTION_NAME: "worker" },
			logger: options.logger,
			clock: clock,
		});
	} else {
		// The worker runs in this process; on Lambda it is its own function.
		handler = createSlackHandler({
			env: handlerEnv,
			logger: options.logger,
			clock: clock,
			worker: inProcessWorker({
				env: handlerEnv,
				logger: options.logger,
				clock: clock,
			}),
		});
	}

	return {
		handler,
		slack,
		emulator,
		secrets,
		dynalite,
		lambda,
		signingSecret,
		sweep: () => sweeper.sweep(),
		now: clock,
		advanceClock(ms) {
			offsetMs += ms;
		},
		async close() {
			await sweeper.close();
			await lambda?.runHeld();
			await Promise.all([
				lambda?.close(),
				slack.close(),
				secrets.close(),
				dynalite.close(),
				emulator?.close(),
			]);
		},
	};
}

/** Returns the SAKURA API key from the environment, under either of SAKURA's variable names. */
/**
 * Checks the sandbox's own environment before anything starts: the settings it passes to the
 * handler, the policy file, and SAKURA credentials given only halfway.
 * @returns problems to print, each naming the variable; empty when the sandbox can start.
 */
export function checkSandboxEnvironment(env: NodeJS.ProcessEnv): string[] {
	const problems: string[] = [];
	try {
		parseSettings({
			LOG_LEVEL: env.LOG_LEVEL,
			SAKURA_TIMEOUT_MS: env.SAKURA_TIMEOUT_MS,
			SAKURACLOUD_DEFAULT_ZONE: env.SAKURACLOUD_DEFAULT_ZONE,
			SAKURACLOUD_API_ROOT_URL: env.SAKURACLOUD_API_ROOT_URL,
			POLICY_PATH: env.POLICY_PATH,
			DEFAULT_LOCALE: env.DEFAULT_LOCALE,
			CHANNEL_LOCALES: env.CHANNEL_LOCALES,
			GRANT_REMINDERS: env.GRANT_REMINDERS,
			REQUESTS_TABLE: SANDBOX_REQUESTS_TABLE,
		});
	} catch (error) {
		if (!(error instanceof ConfigError)) {
			throw error;
		}
		problems.push(...error.problems);
	}
	try {
		loadPolicy(env.POLICY_PATH || undefined);
	} catch (error) {
		if (!(error instanceof PolicyError)) {
			throw error;
		}
		problems.push(error.message);
	}

	const token = env.SAKURA_ACCESS_TOKEN || env.SAKURACLOUD_ACCESS_TOKEN;
	const secret =
		env.SAKURA_ACCESS_TOKEN_SECRET || env.SAKURACLOUD_ACCESS_TOKEN_SECRET;
	if (Boolean(token) !== Boolean(secret)) {
		const missing = token
			? "SAKURACLOUD_ACCESS_TOKEN_SECRET"
			: "SAKURACLOUD_ACCESS_TOKEN";
		problems.push(
			`${missing} is missing: set both parts of the SAKURA API key, or neither to use the emulator`,
		);
	}
	return problems;
}

function realSakuraCredentials(
	env: NodeJS.ProcessEnv,
): { accessToken: string; accessTokenSecret: string } | undefined {
	const accessToken = env.SAKURA_ACCESS_TOKEN || env.SAKURACLOUD_ACCESS_TOKEN;
	const accessTokenSecret =
		env.SAKURA_ACCESS_TOKEN_SECRET || env.SAKURACLOUD_ACCESS_TOKEN_SECRET;
	if (!accessToken || !accessTokenSecret) {
		return undefined;
	}
	return { accessToken, accessTokenSecret };
}
