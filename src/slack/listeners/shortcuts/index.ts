import type { App } from "@slack/bolt";
import type { Log } from "../../../logging";
import {
	REGISTRY_SHORTCUT_CALLBACK_ID,
	registryShortcutListener,
} from "./registry-open";

/** Registers every global shortcut. */
export function register(app: App, dependencies: { log: Log }): void {
	app.shortcut(
		{ callback_id: REGISTRY_SHORTCUT_CALLBACK_ID, type: "shortcut" },
		registryShortcutListener(dependencies.log),
	);
}
