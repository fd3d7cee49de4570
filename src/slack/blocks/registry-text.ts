import type { KnownBlock } from "@slack/types";
import { t } from "../../i18n";
import type { Registry, RegistryUser } from "../../sakura/types";
import {
	chunkLines,
	commandArgument,
	context,
	inline,
	render,
	section,
} from "./mrkdwn";

/** Maximum number of users listed in one message. Users beyond it are counted in one line. */
export const USERS_SHOWN_MAX = 100;

/**
 * Returns the word a user types to refer to `registry` in a command. The subdomain label is
 * unique and needs no quoting, so hints prefer it over the display name.
 */
export function registryArgument(registry: Registry): string {
	return inline(
		commandArgument(registry.subdomainLabel || registry.name || registry.id),
	);
}

/** Returns the access level for display, or "not reported" when SAKURA sent none. */
export function accessLevelText(registry: Registry): string {
	return registry.accessLevel === ""
		? t("value.not_reported")
		: registry.accessLevel;
}

/**
 * Builds the user list of a registry: a heading with the count and one line per user, split into
 * sections that fit Slack's limits, or a hint on how to add the first user.
 */
export function userBlocks(
	registry: Registry,
	users: readonly RegistryUser[],
): KnownBlock[] {
	const name = inline(registry.name);
	const reference = registryArgument(registry);
	if (users.length === 0) {
		return [section(render("user.none", { registry: name, reference }))];
	}

	const listed = users.slice(0, USERS_SHOWN_MAX);
	const lines = [
		render("user.heading", { registry: name, count: users.length }),
		...listed.map((user) =>
			render("user.item", {
				username: inline(user.username),
				permission: user.permission,
			}),
		),
	];
	const blocks: KnownBlock[] = chunkLines(lines).map(section);

	if (users.length > listed.length) {
		blocks.push(
			context(
				render("user.more", { count: users.length - listed.length, reference }),
			),
		);
	}
	return blocks;
}
