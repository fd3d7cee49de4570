import type { App } from "@slack/bolt";
import {
	type CommandListenerDependencies,
	REGISTRY_COMMAND,
	registryCommandListener,
} from "./registry";

/** Registers every slash command listener. */
export function register(
	app: App,
	dependencies: CommandListenerDependencies,
): void {
	app.command(REGISTRY_COMMAND, registryCommandListener(dependencies));
}
