import { randomBytes } from "node:crypto";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import { SANDBOX_REQUESTS_TABLE, type Sandbox } from "../../src/sandbox/start";
import type { ColdStartReport } from "./cold-report";
import type { ColdStartTarget } from "./cold-start";
import { slashCommandEvent } from "./scenarios";

/**
 * Settings of every cold start child: fake AWS credentials and region, so the AWS SDK neither looks
 * for real ones nor calls an instance metadata address, and silent logs.
 */
const COMMON_CHILD_ENV: NodeJS.ProcessEnv = {
	AWS_REGION: "ap-northeast-1",
	AWS_ACCESS_KEY_ID: "AKIDBENCH",
	AWS_SECRET_ACCESS_KEY: "bench-secret-access-key",
	AWS_EC2_METADATA_DISABLED: "true",
	AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
	LOG_LEVEL: "SILENT",
};

/**
 * Describes the bot's bundled Slack handler as a cold start target. Its secrets come from the
 * environment, and every endpoint is a stand-in the benchmark process serves on 127.0.0.1.
 */
export function botColdTarget(
	sandbox: Sandbox,
	handlerFile: string,
): ColdStartTarget {
	const emulator = sandbox.emulator;
	if (emulator === undefined) {
		throw new Error("The sandbox started without its SAKURA emulator");
	}
	const signingSecret = randomBytes(16).toString("hex");

	return {
		name: "bot",
		handlerFile,
		env: {
			...COMMON_CHILD_ENV,
			SLACK_SIGNING_SECRET: signingSecret,
			SLACK_BOT_TOKEN: sandbox.slack.botToken,
			SLACK_API_URL: sandbox.slack.apiUrl,
			SAKURACLOUD_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
			SAKURACLOUD_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
			SAKURACLOUD_API_ROOT_URL: emulator.rootUrl,
			REQUESTS_TABLE: SANDBOX_REQUESTS_TABLE,
			AWS_ENDPOINT_URL_DYNAMODB: sandbox.dynalite.endpoint,
			// `/registry help` invokes no worker, but the handler requires a worker name. Port 9
			// (discard) on loopback has no listener, so a stray invocation fails at once.
			WORKER_FUNCTION_NAME: "bench-worker",
			AWS_ENDPOINT_URL_LAMBDA: "http://127.0.0.1:9",
		},
		event: () => slashCommandEvent("help", signingSecret, sandbox.slack),
		check: (report) => expectAnswer(report, "bot", "/registry"),
	};
}

/** Describes the bundled baseline app as a cold start target, sent the same `/registry help`. */
export function baselineColdTarget(
	sandbox: Sandbox,
	handlerFile: string,
): ColdStartTarget {
	const signingSecret = randomBytes(16).toString("hex");
	return {
		name: "baseline",
		handlerFile,
		env: {
			...COMMON_CHILD_ENV,
			SLACK_SIGNING_SECRET: signingSecret,
			SLACK_BOT_TOKEN: sandbox.slack.botToken,
			SLACK_API_URL: sandbox.slack.apiUrl,
		},
		event: () => slashCommandEvent("help", signingSecret, sandbox.slack),
		check: (report) => expectAnswer(report, "baseline", "ok"),
	};
}

function expectAnswer(
	report: ColdStartReport,
	name: string,
	expectedText: string,
): void {
	if (report.statusCode !== 200 || !report.body?.includes(expectedText)) {
		throw new Error(
			`The ${name} cold start returned HTTP ${report.statusCode} without "${expectedText}": ${String(report.body).slice(0, 300)}`,
		);
	}
}
