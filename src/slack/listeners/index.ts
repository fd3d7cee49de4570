import type { App } from "@slack/bolt";
import * as commands from "./commands";
import type { CommandListenerDependencies } from "./commands/registry";

export type ListenerDependencies = CommandListenerDependencies;

/** Registers the listeners of every Slack surface the app serves. */
export function registerListeners(
	app: App,
	dependencies: ListenerDependencies,
): void {
	commands.register(app, dependencies);
}
