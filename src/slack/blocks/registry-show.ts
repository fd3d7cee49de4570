import { t } from "../../i18n";
import type { Registry, RegistryUser } from "../../sakura/types";
import {
	fieldsSection,
	header,
	inline,
	message,
	render,
	type SlackMessage,
} from "./mrkdwn";
import { accessLevelText, userBlocks } from "./registry-text";
import { renderText, slackDay } from "./slack-markup";

/**
 * Builds the `/registry show` result: the name as header, the registry's details as fields, and
 * its users with their permissions.
 */
export function registryShowMessage(
	registry: Registry,
	users: readonly RegistryUser[],
): SlackMessage {
	const none = t("value.none");
	const fields = [
		render("registry.field_fqdn", { fqdn: inline(registry.fqdn) }),
		render("registry.field_access_level", {
			accessLevel: accessLevelText(registry),
		}),
		render("registry.field_virtual_domain", {
			virtualDomain:
				registry.virtualDomain === "" ? none : inline(registry.virtualDomain),
		}),
		renderText("registry.field_created", {
			created: slackDay(registry.createdAt),
		}),
		render("registry.field_id", { id: inline(registry.id) }),
		// The description keeps its line breaks, so it does not go through inline().
		render("registry.field_description", {
			description: registry.description || none,
		}),
	];

	return message(
		render("registry.show_fallback", {
			name: inline(registry.name),
			fqdn: inline(registry.fqdn),
		}),
		[
			header(inline(registry.name)),
			fieldsSection(fields),
			...userBlocks(registry, users),
		],
	);
}
