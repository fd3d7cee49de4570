import type { StandInRecord } from "../src/sandbox/slack-stand-in";
import { type OfflineStack, startOffline } from "./offline/start";

/**
 * `npm run offline`: runs the three functions of serverless.yml under `serverless offline`, built
 * by serverless-esbuild as for a deploy, against local stand-ins of Slack, SAKURA Cloud, DynamoDB
 * and Secrets Manager. It prints the Slack events URL and the signing secret to sign requests with,
 * then every call the bot makes to the Slack stand-in. Ctrl-C or SIGTERM ends everything it started.
 *
 * `POLICY_PATH` picks another policy file and `LOG_LEVEL` the functions' log level.
 */
async function main(): Promise<void> {
	// This process's own DynamoDB client, which creates the table, runs on Node 20 too.
	process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
	const stack = await startOffline({
		policyPath: process.env.POLICY_PATH || undefined,
		logLevel: process.env.LOG_LEVEL || "INFO",
		onOutput: (chunk) => process.stdout.write(chunk),
	});

	let stopping = false;
	const stop = (signal: NodeJS.Signals) => {
		if (stopping) {
			return;
		}
		stopping = true;
		console.log(
			`\n${signal} received; stopping serverless offline and the stand-ins.`,
		);
		stack.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error("Stopping failed:", error);
				process.exit(1);
			},
		);
	};
	process.on("SIGINT", stop);
	process.on("SIGTERM", stop);

	stack.standIns.slack.onRecord(printRecord);
	printInstructions(stack);
}

function printInstructions(stack: OfflineStack): void {
	const { slack, emulator } = stack.standIns;
	// The signing secret is random for this run and valid only against these stand-ins.
	console.log(
		[
			"",
			"serverless offline is ready.",
			`  Slack events URL:     POST ${stack.eventsUrl}`,
			`  Signing secret:       ${stack.standIns.signingSecret}`,
			`  A response_url:       ${slack.newResponseUrl()} (accepts 5 posts)`,
			`  Slack Web API:        ${slack.apiUrl}`,
			`  SAKURA API emulator:  ${emulator.rootUrl}`,
			`  Lambda Invoke API:    ${stack.lambdaEndpoint}`,
			"Sign each request as Slack does: X-Slack-Request-Timestamp, and X-Slack-Signature",
			"v0=HMAC-SHA256(secret, `v0:<timestamp>:<raw body>`) in hex, with Content-Type exactly",
			"application/x-www-form-urlencoded (see signSlackRequest in src/sandbox/slack-request.ts).",
			"Press Ctrl-C to stop.",
			"",
		].join("\n"),
	);
}

/**
 * Prints one line per Slack Web API call and per response_url post. DMs can carry a generated
 * password, so no call's arguments are printed, only its method and channel.
 */
function printRecord(record: StandInRecord): void {
	if (record.type === "call") {
		const { call } = record;
		const channel =
			typeof call.body.channel === "string" ? ` ${call.body.channel}` : "";
		const failure = call.ok ? "" : ` failed: ${call.error}`;
		console.log(`[slack stand-in] ${call.method}${channel}${failure}`);
		return;
	}
	const body = record.response.body as { text?: unknown } | undefined;
	const text = typeof body?.text === "string" ? body.text : "(no text)";
	console.log(`[slack stand-in] response_url post: ${text}`);
}

main().catch((error: unknown) => {
	console.error("serverless offline could not start:", error);
	process.exitCode = 1;
});
