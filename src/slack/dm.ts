import type { webApi } from "@slack/bolt";
import { withLocale } from "../i18n";
import type { Log } from "../logging";
import type {
	CredentialDelivery,
	Credentials,
	DeliveryReceipt,
	Requester,
} from "../operations/types";
import { credentialsMessage } from "./blocks";
import { DmDeliveryError } from "./errors";
import { type LocaleResolver, userLocale } from "./locale-resolver";
import { describeSlackError } from "./web-api-errors";

/**
 * Creates the credential delivery that DMs a generated password to the requester with
 * `chat.postMessage({ channel: userId })`, which Slack posts into the bot's DM with that user.
 * The DM is written in the requester's locale from `locales`, or in the current locale without it.
 * The client's timeout and retry settings bound how long a delivery waits.
 *
 * The password goes into the message blocks and nowhere else: the log line carries the DM channel
 * and `ts` only, and the thrown error carries Slack's error code only.
 */
export function createDmDelivery(
	client: webApi.WebClient,
	log: Log,
	locales?: LocaleResolver,
): CredentialDelivery {
	return {
		async deliver(
			requester: Requester,
			credentials: Credentials,
		): Promise<DeliveryReceipt> {
			const locale = await userLocale(locales, requester.userId);
			const message = withLocale(locale, () => credentialsMessage(credentials));
			const ids = {
				requester: requester.userId,
				team: requester.teamId,
				registryId: credentials.registry.id,
				username: credentials.username,
			};

			let result: webApi.ChatPostMessageResponse;
			try {
				result = await client.chat.postMessage({
					channel: requester.userId,
					text: message.text,
					blocks: message.blocks,
				});
			} catch (error) {
				const code = describeSlackError(error);
				log.warn("Credential DM failed", { ...ids, error: code });
				throw new DmDeliveryError(code, requester.userId, { cause: error });
			}

			// A response without a channel and ts is not a confirmed delivery.
			if (
				result.ok !== true ||
				result.channel === undefined ||
				result.ts === undefined
			) {
				const code = result.error ?? "unconfirmed";
				log.warn("Credential DM not confirmed", { ...ids, error: code });
				throw new DmDeliveryError(code, requester.userId);
			}
			log.info("Credential DM sent", {
				...ids,
				dmChannel: result.channel,
				ts: result.ts,
			});
			return { channelId: result.channel, ts: result.ts };
		},
	};
}
