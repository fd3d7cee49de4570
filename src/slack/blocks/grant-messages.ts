import type { ActionsBlock, KnownBlock } from "@slack/types";
import { type MessageKey, t } from "../../i18n";
import type { GrantRecord } from "../../store/grants";
import { message, type SlackMessage, section } from "./mrkdwn";
import { mention, renderText, slackDate } from "./slack-markup";

/** Action ids of the buttons on a grant; each button's value is the grant id and nothing else. */
export const GRANT_EXTEND_ACTION_ID = "grant.extend";
export const GRANT_ROTATE_ACTION_ID = "grant.rotate";
export const GRANT_REVOKE_ACTION_ID = "grant.revoke";

/** Grant ids: `grant:<registry id>:<user name>`, nothing else. */
export const GRANT_ID = /^grant:[0-9]{1,20}:[a-z0-9][a-z0-9_.-]{0,63}$/;

/**
 * Builds the DM that reminds an owner that their credential ends soon, with buttons to extend it,
 * rotate its password or revoke it now.
 */
export function grantReminderMessage(grant: GrantRecord): SlackMessage {
	const text = renderText("grant.reminder", {
		username: grant.username,
		registry: grant.registryLabel,
		at: slackDate(grant.expiresAt),
	});
	return message(text, [section(text), grantButtons(grant.id)]);
}

/** Builds the DM that informs an owner that their credential ended and its user was deleted. */
export function grantExpiredMessage(grant: GrantRecord): SlackMessage {
	return textMessage("grant.expired", {
		username: grant.username,
		registry: grant.registryLabel,
	});
}

/** Builds the Extend, Rotate and Revoke buttons of an active grant. */
export function grantButtons(id: string): ActionsBlock {
	return {
		type: "actions",
		elements: [
			{
				type: "button",
				action_id: GRANT_EXTEND_ACTION_ID,
				text: { type: "plain_text", text: t("grant.button.extend") },
				style: "primary",
				value: id,
			},
			{
				type: "button",
				action_id: GRANT_ROTATE_ACTION_ID,
				text: { type: "plain_text", text: t("grant.button.rotate") },
				value: id,
			},
			{
				type: "button",
				action_id: GRANT_REVOKE_ACTION_ID,
				text: { type: "plain_text", text: t("grant.button.revoke") },
				style: "danger",
				value: id,
			},
		],
	};
}

/** Builds one line about a grant, for lists: registry, user, permission and its end. */
export function grantLine(grant: GrantRecord): KnownBlock {
	const key =
		grant.status === "active" ? "grant.line_active" : "grant.line_ended";
	return section(
		renderText(key, {
			username: grant.username,
			registry: grant.registryLabel,
			permission: grant.permission,
			at: slackDate(grant.revokedAt ?? grant.expiresAt),
		}),
	);
}

/**
 * Builds the reply to `/registry mine`: each credential the person owns, newest first, with the
 * buttons of the active ones. Ended ones are listed too, so a credential never vanishes unseen.
 */
export function myGrantsMessage(grants: readonly GrantRecord[]): SlackMessage {
	if (grants.length === 0) {
		return textMessage("grant.none");
	}
	const shown = grants.slice(0, MAX_LISTED_GRANTS);
	const blocks: KnownBlock[] = [section(renderText("grant.mine_heading"))];
	for (const grant of shown) {
		blocks.push(grantLine(grant));
		if (grant.status === "active") {
			blocks.push(grantButtons(grant.id));
		}
	}
	if (grants.length > shown.length) {
		blocks.push(
			section(
				renderText("grant.more", { count: grants.length - shown.length }),
			),
		);
	}
	return message(renderText("grant.mine_heading"), blocks);
}

/** Grants one list shows: two blocks each stay within Slack's 50 blocks per message. */
const MAX_LISTED_GRANTS = 20;

/** Builds the reply to a revocation of a user that has no active credential from the bot. */
export function noGrantMessage(
	registry: string,
	username: string,
): SlackMessage {
	return textMessage("grant.not_found", { registry, username });
}

/** Builds the reply to someone who may not revoke another person's credential. */
export function revokeRefusedMessage(ownerId: string): SlackMessage {
	return textMessage("grant.revoke_refused", { owner: mention(ownerId) });
}

/** Builds the reply to a grant button whose grant has ended or no longer exists. */
export function grantGoneMessage(): SlackMessage {
	return textMessage("grant.gone");
}

/** Builds the reply to someone who clicked Extend or Rotate on another person's credential. */
export function ownerOnlyMessage(ownerId: string): SlackMessage {
	return textMessage("grant.owner_only", { owner: mention(ownerId) });
}

/** Builds the DM that informs an owner that someone else ended their credential. */
export function grantRevokedByMessage(
	grant: GrantRecord,
	by: string,
): SlackMessage {
	return textMessage("grant.revoked_by", {
		username: grant.username,
		registry: grant.registryLabel,
		by: mention(by),
	});
}

/** Builds the DM that informs an owner that someone else changed the password and now owns the user. */
export function grantRotatedByMessage(
	grant: GrantRecord,
	by: string,
): SlackMessage {
	return textMessage("grant.rotated_by", {
		username: grant.username,
		registry: grant.registryLabel,
		by: mention(by),
	});
}

/** Builds a message of one section with the rendered text. */
function textMessage(
	key: MessageKey,
	params: Parameters<typeof renderText>[1] = {},
): SlackMessage {
	const text = renderText(key, params);
	return message(text, [section(text)]);
}
