import type { KnownBlock } from "@slack/types";
import { t } from "../../i18n";
import type { Registry } from "../../sakura/types";
import {
	context,
	header,
	inline,
	message,
	render,
	type SlackMessage,
	section,
} from "./mrkdwn";
import { accessLevelText } from "./registry-text";
import { renderText, slackDay } from "./slack-markup";

/**
 * Maximum number of registries listed in one message. With the count header and the "and N more" line the
 * message stays under Slack's 50-block limit.
 */
export const REGISTRIES_SHOWN_MAX = 45;

/**
 * Builds the `/registry list` result: a count header, then one short section per registry with
 * its name, host name, access level and creation date, which reads well on a phone.
 */
export function registryListMessage(
	registries: readonly Registry[],
): SlackMessage {
	if (registries.length === 0) {
		const empty = render("registry.list_empty");
		return message(empty, [section(empty)]);
	}

	const count =
		registries.length === 1
			? t("registry.count_one")
			: t("registry.count_other", { count: registries.length });
	const listed = registries.slice(0, REGISTRIES_SHOWN_MAX);

	const blocks: KnownBlock[] = [header(count)];
	for (const registry of listed) {
		blocks.push(
			section(
				renderText("registry.list_item", {
					name: inline(registry.name),
					fqdn: inline(registry.fqdn),
					accessLevel: accessLevelText(registry),
					created: slackDay(registry.createdAt),
				}),
			),
		);
	}
	if (registries.length > listed.length) {
		blocks.push(
			context(
				render("registry.list_more", {
					count: registries.length - listed.length,
				}),
			),
		);
	}

	return message(count, blocks);
}
