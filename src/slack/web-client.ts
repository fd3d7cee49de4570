import { webApi } from "@slack/bolt";
import type { Log } from "../logging";
import { createBoltLogger } from "./bolt-logger";

/**
 * Time limit of one Web API call in milliseconds. Bolt's AwsLambdaReceiver responds to Slack
 * only after the listener returns, and Slack waits 3 seconds for that response.
 */
export const WEB_API_TIMEOUT_MS = 2_500;

export interface WebClientSettings {
	/** Web API base URL such as `http://127.0.0.1:PORT/api/`. @default Slack's `https://slack.com/api/` */
	slackApiUrl?: string;
	log: Log;
}

/**
 * Builds the Web API client options used in the HTTP path. Retries are off, because the default
 * policy retries for about 30 minutes. A rate-limited call fails at once instead of sleeping for
 * `Retry-After`, and each call times out after `WEB_API_TIMEOUT_MS`.
 */
export function webClientOptions(
	settings: WebClientSettings,
): webApi.WebClientOptions {
	return {
		slackApiUrl: settings.slackApiUrl,
		retryConfig: { retries: 0 },
		rejectRateLimitedCalls: true,
		timeout: WEB_API_TIMEOUT_MS,
		logger: createBoltLogger(settings.log),
	};
}

/** Creates a Web API client with the bot token and the HTTP path's options. */
export function createWebClient(
	botToken: string,
	settings: WebClientSettings,
): webApi.WebClient {
	return new webApi.WebClient(botToken, webClientOptions(settings));
}
