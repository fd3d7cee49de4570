import type { ActionsBlock, KnownBlock } from "@slack/types";
import { t } from "../../i18n";
import type { Outcome } from "../../operations/types";
import { message, type SlackMessage, section } from "./mrkdwn";
import { renderText } from "./slack-markup";

/** Action id of the Remove button of an audited user; its value names the registry and the user. */
export const AUDIT_REMOVE_ACTION_ID = "audit.remove";

/** The button value of a user to remove: `<registry id>:<user name>`. */
export const AUDIT_REMOVE_VALUE = /^([0-9]{1,20}):([a-z0-9][a-z0-9._-]{0,63})$/;

/** Users one message lists; two blocks each stay within Slack's 50 blocks per message. */
const MAX_LISTED = 20;

/**
 * Builds the result of `/registry audit`: the registry's users with no active credential from
 * the bot, each with a Remove button that asks to delete it through the approval policy.
 */
export function auditMessage(
	outcome: Extract<Outcome, { kind: "user.audit" }>,
): SlackMessage {
	const registry = outcome.registry.subdomainLabel;
	if (outcome.unmanaged.length === 0) {
		const text = renderText("audit.clean", {
			registry,
			managed: outcome.managed,
		});
		return message(text, [section(text)]);
	}

	const heading = renderText("audit.heading", {
		registry,
		count: outcome.unmanaged.length,
		managed: outcome.managed,
	});
	const blocks: KnownBlock[] = [section(heading)];
	for (const user of outcome.unmanaged.slice(0, MAX_LISTED)) {
		blocks.push(
			section(
				renderText("audit.user", {
					username: user.username,
					permission: user.permission,
				}),
			),
			removeButton(outcome.registry.id, user.username),
		);
	}
	if (outcome.unmanaged.length > MAX_LISTED) {
		blocks.push(
			section(
				renderText("audit.more", {
					count: outcome.unmanaged.length - MAX_LISTED,
					reference: registry,
				}),
			),
		);
	}
	return message(heading, blocks);
}

function removeButton(registryId: string, username: string): ActionsBlock {
	return {
		type: "actions",
		elements: [
			{
				type: "button",
				action_id: AUDIT_REMOVE_ACTION_ID,
				text: { type: "plain_text", text: t("audit.button.remove") },
				style: "danger",
				value: `${registryId}:${username}`,
			},
		],
	};
}
