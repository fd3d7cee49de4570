import type { webApi } from "@slack/bolt";
import { withLocale } from "../i18n";
import type { Log } from "../logging";
import type { SlackMessage } from "./blocks";
import type { LocaleResolver } from "./locale-resolver";
import { describeSlackError } from "./web-api-errors";

/**
 * Sends one person a DM built by `build` in their own locale. A failure is logged as
 * `failureMessage` with `logFields` and the Slack error, and not raised, because the DM only
 * reports something that has already happened.
 */
export async function dmPerson(
	userId: string,
	build: () => SlackMessage,
	dependencies: {
		client: webApi.WebClient;
		locales: LocaleResolver;
		log: Log;
	},
	logFields: Record<string, unknown> = {},
	failureMessage = "DM failed",
): Promise<void> {
	const locale = await dependencies.locales.forUser(userId);
	const message = withLocale(locale, build);
	try {
		await dependencies.client.chat.postMessage({
			channel: userId,
			text: message.text,
			blocks: message.blocks,
		});
	} catch (error) {
		dependencies.log.warn(failureMessage, {
			...logFields,
			user: userId,
			slackError: describeSlackError(error),
		});
	}
}
