import { join, resolve } from "node:path";
import {
	findFreePort,
	type ServerlessOffline,
	startServerlessOffline,
} from "./serverless-process";
import {
	FAKE_AWS_CREDENTIALS,
	type OfflineStandIns,
	startOfflineStandIns,
} from "./stand-ins";

/** The project's root: serverless.yml, package.json and node_modules. */
export const PROJECT_ROOT = join(__dirname, "..", "..");

/**
 * Stage of the offline run. serverless-offline registers each function under its deployed name,
 * `<service>-<stage>-<key>`, which is also the `WORKER_FUNCTION_NAME` serverless.yml gives the
 * slack function, so the slack function's Invoke calls reach the offline worker.
 */
export const OFFLINE_STAGE = "offline";

/** Approval cards go to this channel of the Slack stand-in's workspace. */
export const OFFLINE_APPROVAL_CHANNEL = "C0APPROVALS";

/** Variables of the caller's environment that the serverless process keeps. */
const INHERITED_VARIABLES = ["PATH", "HOME", "TMPDIR", "LANG"] as const;

export interface OfflineOptions {
	/** Policy file for both functions, relative to the project root or absolute. @default policy.json */
	policyPath?: string;
	/** Powertools log level of the functions. @default "INFO" */
	logLevel?: string;
	/** How long serverless may take to bundle and listen, in milliseconds. @default 60_000 */
	readyTimeoutMs?: number;
	/** Receives serverless's output, the functions' log lines included, as it arrives. */
	onOutput?: (chunk: string) => void;
}

/** A running `serverless offline` with every stand-in it talks to. */
export interface OfflineStack {
	/** URL of the Slack events route: `http://127.0.0.1:<httpPort>/slack/events`. */
	eventsUrl: string;
	/** Endpoint of serverless-offline's Lambda Invoke API, which `AWS_ENDPOINT_URL_LAMBDA` names. */
	lambdaEndpoint: string;
	standIns: OfflineStandIns;
	serverless: ServerlessOffline;
	/** Ends serverless's process group, then closes the stand-ins. */
	close(): Promise<void>;
}

/**
 * Starts the stand-ins, then `serverless offline` with an environment that points the slack,
 * worker and jobFailed functions at them, so nothing the functions call leaves 127.0.0.1. Slack
 * Web API calls go to the Slack stand-in, SAKURA calls to the emulator and DynamoDB calls to
 * dynalite. Secrets come from the Secrets Manager stand-in. The slack function's Invoke calls go
 * to serverless-offline's own Lambda port.
 * @throws ServerlessOfflineError when serverless exits or does not listen within `readyTimeoutMs`;
 * everything started is ended first.
 */
export async function startOffline(
	options: OfflineOptions = {},
): Promise<OfflineStack> {
	const standIns = await startOfflineStandIns();
	try {
		const httpPort = await findFreePort();
		const lambdaPort = await findFreePort();
		const lambdaEndpoint = `http://127.0.0.1:${lambdaPort}`;

		const serverless = await startServerlessOffline({
			projectRoot: PROJECT_ROOT,
			httpPort,
			lambdaPort,
			stage: OFFLINE_STAGE,
			params: {
				requestsTable: standIns.requestsTable,
				slackSecretName: standIns.slackSecretId,
				sakuraSecretName: standIns.sakuraSecretId,
				approvalChannelId: OFFLINE_APPROVAL_CHANNEL,
			},
			env: offlineEnvironment(standIns, lambdaEndpoint, options),
			readyTimeoutMs: options.readyTimeoutMs ?? 60_000,
			onOutput: options.onOutput,
		});

		return {
			eventsUrl: `http://127.0.0.1:${httpPort}/slack/events`,
			lambdaEndpoint,
			standIns,
			serverless,
			async close() {
				await serverless.stop();
				await standIns.close();
			},
		};
	} catch (error) {
		await standIns.close();
		throw error;
	}
}

/**
 * Builds the serverless process's environment. serverless-offline 14.8 gives each function the
 * `AWS_*` variables of this environment and, with `--localEnvironment`, the others too, but the
 * values serverless.yml sets win. So the table, secret names and approval channel go in as
 * `--param` values, and only settings serverless.yml leaves unset are here. The caller's own AWS
 * credentials, profile and endpoints are left out, so no SDK call can reach AWS.
 */
export function offlineEnvironment(
	standIns: OfflineStandIns,
	lambdaEndpoint: string,
	options: Pick<OfflineOptions, "policyPath" | "logLevel"> = {},
): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const name of INHERITED_VARIABLES) {
		if (process.env[name] !== undefined) {
			env[name] = process.env[name];
		}
	}

	Object.assign(env, {
		SLS_TELEMETRY_DISABLED: "1",
		SLS_NOTIFICATIONS_MODE: "off",
		AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
		AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
		AWS_EC2_METADATA_DISABLED: "true",
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
		AWS_ENDPOINT_URL_DYNAMODB: standIns.dynalite.endpoint,
		AWS_ENDPOINT_URL_SECRETS_MANAGER: standIns.secrets.endpoint,
		AWS_ENDPOINT_URL_LAMBDA: lambdaEndpoint,
		SLACK_API_URL: standIns.slack.apiUrl,
		SAKURACLOUD_API_ROOT_URL: standIns.emulator.rootUrl,
		LOG_LEVEL: options.logLevel ?? "INFO",
	});
	if (options.policyPath !== undefined) {
		// Worker threads run in the serverless process, so the path is made independent of its cwd.
		env.POLICY_PATH = resolve(PROJECT_ROOT, options.policyPath);
	}
	return env;
}
