import type { App } from "@slack/bolt";
import { REGISTRY_SELECT_ACTION } from "../../blocks/modals";
import type { ModalListenerDependencies } from "../views/dependencies";
import { registryOptionsListener } from "./registries";

/** Registers the listeners that serve the options of `external_select` menus. */
export function register(
	app: App,
	dependencies: ModalListenerDependencies,
): void {
	app.options(
		{ action_id: REGISTRY_SELECT_ACTION, type: "block_suggestion" },
		registryOptionsListener(dependencies),
	);
}
