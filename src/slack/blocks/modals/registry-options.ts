import type { PlainTextOption } from "@slack/types";
import { t } from "../../../i18n";
import type { Registry } from "../../../sakura/types";
import { MODAL_LIMITS, plainText } from "./elements";

/**
 * Builds the options of the registry picker for what the person typed: registries whose name,
 * host name or ID contains the query, ignoring case, at most 100 (Slack's limit per reply).
 * Each option's value is the registry's decimal ID, which names exactly one registry, because
 * SAKURA resolves a decimal reference by ID only, while names may repeat.
 */
export function registryOptions(
	registries: readonly Registry[],
	query: string,
): PlainTextOption[] {
	const needle = query.trim().toLowerCase();
	const matches = registries.filter(
		(registry) =>
			needle === "" ||
			registry.name.toLowerCase().includes(needle) ||
			registry.fqdn.toLowerCase().includes(needle) ||
			registry.id.includes(needle),
	);

	return matches.slice(0, MODAL_LIMITS.options).map((registry) => ({
		text: plainText(
			t("modal.option.registry", { name: registry.name, fqdn: registry.fqdn }),
			MODAL_LIMITS.optionText,
		),
		value: registry.id,
	}));
}
