import type { webApi } from "@slack/bolt";
import { type MessageKey, withLocale } from "../../i18n";
import type { Log } from "../../logging";
import type { DeliveryReceipt } from "../../operations/types";
import { message, section } from "../blocks/mrkdwn";
import { mention, renderText } from "../blocks/slack-markup";
import type { LocaleResolver } from "../locale-resolver";
import { describeSlackError } from "../web-api-errors";

/** Why the password in a credentials DM stopped working. */
export type PasswordEnd = "rotated" | "rotated_by" | "expired" | "revoked";

const PASSWORD_REMOVED = {
	rotated: "grant.password_removed_rotated",
	rotated_by: "grant.password_removed_rotated_by",
	expired: "grant.password_removed_expired",
	revoked: "grant.password_removed_revoked",
} as const satisfies Record<PasswordEnd, MessageKey>;

/**
 * Rewrites a credentials DM without its password, once that password no longer works, so the
 * conversation keeps no secret that looks valid. A failed edit is logged and not raised.
 */
export async function removePasswordFromDm(
	dm: DeliveryReceipt,
	end: PasswordEnd,
	context: {
		client: webApi.WebClient;
		locales: LocaleResolver;
		log: Log;
		ownerId: string;
		username: string;
		registryLabel: string;
		/** Slack id of the person who ended it, when that was not the owner. */
		by?: string;
	},
): Promise<void> {
	const locale = await context.locales.forUser(context.ownerId);
	const text = withLocale(locale, () =>
		renderText(PASSWORD_REMOVED[end], {
			username: context.username,
			registry: context.registryLabel,
			by: mention(context.by ?? context.ownerId),
		}),
	);
	const edited = message(text, [section(text)]);
	try {
		await context.client.chat.update({
			channel: dm.channelId,
			ts: dm.ts,
			text: edited.text,
			blocks: edited.blocks,
		});
	} catch (error) {
		context.log.warn("Removing a password from its DM failed", {
			owner: context.ownerId,
			channel: dm.channelId,
			ts: dm.ts,
			slackError: describeSlackError(error),
		});
	}
}
