import { App, AwsLambdaReceiver, type CodedError } from "@slack/bolt";
import type { Log } from "../logging";
import { createBoltLogger } from "./bolt-logger";
import { registerListeners } from "./listeners";
import { actorLocaleMiddleware } from "./locale-resolver";
import type { RequestDependencies } from "./requests";
import { describeSlackError } from "./web-api-errors";
import { webClientOptions } from "./web-client";

export interface SlackAppOptions {
	/** Slack's signing secret; Bolt rejects an empty one. */
	signingSecret: string;
	/** Bot token (`xoxb-…`) of the one workspace the app is installed in. */
	botToken: string;
	/** Web API base URL; only the sandbox and tests set it. @default Slack's `https://slack.com/api/` */
	slackApiUrl?: string;
	/** Dependencies of the listeners that start, decide and run requests. */
	requests: RequestDependencies;
	log: Log;
}

export interface SlackApp {
	app: App;
	receiver: AwsLambdaReceiver;
}

/**
 * Builds the Bolt app behind API Gateway, with every listener registered.
 *
 * Given a `token`, Bolt 5.1 calls `auth.test` when the app is constructed, or on every request with
 * `tokenVerificationEnabled: false`, unless `botId` and `botUserId` are also given. The app takes an
 * `authorize` function that returns the bot token instead, so a cold start makes no Slack call.
 * NOTE: Bolt's context therefore has no bot ids, and the built-in `ignoreSelf` middleware cannot
 * drop events the bot caused itself. Commands and interactions are served today, which it never
 * filters.
 *
 * An `app.error` handler logs and swallows listener errors, because Bolt's default handler
 * re-throws and AwsLambdaReceiver then returns HTTP 500 even after `ack()`.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
	const boltLogger = createBoltLogger(options.log);
	const receiver = new AwsLambdaReceiver({
		signingSecret: options.signingSecret,
		logger: boltLogger,
		invalidRequestSignatureHandler: ({ ts }) => {
			const ageSeconds = Number.isFinite(ts)
				? Math.floor(Date.now() / 1000) - ts
				: undefined;
			options.log.warn("Rejected a request with an invalid Slack signature", {
				// Powertools reserves the key `timestamp` and would drop it.
				requestTimestamp: ts,
				ageSeconds,
			});
		},
	});

	const botToken = options.botToken;
	const app = new App({
		receiver,
		authorize: async (source) => ({
			botToken,
			teamId: source.teamId,
			enterpriseId: source.enterpriseId,
		}),
		clientOptions: webClientOptions({
			slackApiUrl: options.slackApiUrl,
			log: options.log,
		}),
		logger: boltLogger,
		extendedErrorHandler: true,
	});

	app.error(async ({ error, body }: { error: CodedError; body: unknown }) => {
		options.log.error("Slack listener failed", {
			...slackIds(body),
			error: error.name,
			code: error.code,
			slackError: describeSlackError(error),
			errorMessage: error.message,
		});
	});

	app.use(actorLocaleMiddleware(options.requests.locales));
	registerListeners(app, options.requests);
	return { app, receiver };
}

/** Picks the team, user and channel ids from a command body or an interaction payload. */
function slackIds(body: unknown): Record<string, unknown> {
	if (typeof body !== "object" || body === null) {
		return {};
	}
	const fields = body as Record<string, unknown>;
	const nested = (key: string) =>
		(fields[key] as { id?: unknown } | undefined)?.id;
	return {
		team: fields.team_id ?? nested("team"),
		user: fields.user_id ?? nested("user"),
		channel: fields.channel_id ?? nested("channel"),
	};
}
