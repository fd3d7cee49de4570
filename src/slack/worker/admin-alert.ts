import { createHash, randomBytes } from "node:crypto";
import type { webApi } from "@slack/bolt";
import { t, withLocale } from "../../i18n";
import type { Log } from "../../logging";
import type { ChangeLocks } from "../../operations/context";
import { section } from "../blocks/mrkdwn";
import type { LocaleResolver } from "../locale-resolver";
import { describeSlackError } from "../web-api-errors";

/** Alerts to the admin channel about problems that only an admin can fix. */
export interface AdminAlerts {
	/**
	 * Tells the admin channel that SAKURA rejected the bot's API key (HTTP 401 or 403), once per
	 * key and period however many requests fail. It never rejects: a failure is logged.
	 */
	sakuraUnauthorized(): Promise<void>;
}

/** How long one alert about a key covers; a key still rejected after that is announced again. */
export const ADMIN_ALERT_PERIOD_MS = 24 * 60 * 60 * 1000;

export interface AdminAlertOptions {
	/**
	 * Leases that record sent alerts across containers, `DynamoLocks` in AWS: an alert goes out
	 * only under a lease of the alert period.
	 */
	locks: ChangeLocks;
	client: webApi.WebClient;
	/** Channel (`C…` or `G…`) that gets the alerts; without one, the alert is a log line only. */
	channelId?: string;
	/** Short hash of the SAKURA access token, from `sakuraKeyHash`; the token itself is never stored. */
	keyHash: string;
	locales: LocaleResolver;
	log: Log;
	/** @default () => new Date() */
	clock?: () => Date;
	/** @default ADMIN_ALERT_PERIOD_MS */
	periodMs?: number;
}

/**
 * Returns the first 16 hex characters of the SHA-256 of a SAKURA access token: enough to tell two
 * keys apart in an alert key and a message, and not enough to recover the token.
 */
export function sakuraKeyHash(accessToken: string): string {
	return createHash("sha256").update(accessToken).digest("hex").slice(0, 16);
}

/**
 * Creates the admin alerts of one SAKURA key. The lease on the alert comes first, so of many
 * containers that fail at once, one posts. When the post fails, the claim is released and the
 * next failed request tries again.
 */
export function createAdminAlerts(options: AdminAlertOptions): AdminAlerts {
	const { locks, client, channelId, keyHash, locales, log } = options;
	const periodMs = options.periodMs ?? ADMIN_ALERT_PERIOD_MS;

	return {
		async sakuraUnauthorized() {
			const key = `alert:sakura_unauthorized:${keyHash}`;
			const ids = { alert: "sakura_unauthorized", keyHash, channel: channelId };
			const claimant = randomBytes(16).toString("base64url");
			const now = (options.clock ?? (() => new Date()))();

			let claimed: boolean;
			try {
				claimed = await locks.acquire(key, claimant, periodMs, now);
			} catch (error) {
				log.error("Recording an admin alert failed; the alert is not sent", {
					...ids,
					error: error instanceof Error ? error.name : typeof error,
				});
				return;
			}
			if (!claimed) {
				log.info("Admin alert already sent within its period", ids);
				return;
			}

			log.error("SAKURA rejected the bot's API key; alerting the admins", ids);
			if (channelId === undefined) {
				log.warn(
					"No admin channel: set ADMIN_CHANNEL_ID or APPROVAL_CHANNEL_ID to get alerts in Slack",
					ids,
				);
				return;
			}

			const text = withLocale(locales.forChannel(channelId), () =>
				t("admin.sakura_unauthorized", { keyHash }),
			);
			try {
				await client.chat.postMessage({
					channel: channelId,
					text,
					blocks: [section(text)],
				});
			} catch (error) {
				log.error("Posting the admin alert failed", {
					...ids,
					slackError: describeSlackError(error),
				});
				await locks.release(key, claimant).catch((releaseError: unknown) => {
					log.error("Releasing the admin alert claim failed", {
						...ids,
						error:
							releaseError instanceof Error
								? releaseError.name
								: typeof releaseError,
					});
				});
			}
		},
	};
}
