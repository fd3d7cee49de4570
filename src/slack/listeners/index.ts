import type { App } from "@slack/bolt";
import * as actions from "./actions";
import * as commands from "./commands";
import type { CommandListenerDependencies } from "./commands/registry";
import * as events from "./events";
import * as options from "./options";
import * as shortcuts from "./shortcuts";
import * as views from "./views";

export type ListenerDependencies = CommandListenerDependencies;

/** Registers the listeners of every Slack surface the app serves. */
export function registerListeners(
	app: App,
	dependencies: ListenerDependencies,
): void {
	commands.register(app, dependencies);
	actions.register(app, dependencies);
	views.register(app, dependencies);
	shortcuts.register(app, dependencies);
	options.register(app, dependencies);
	events.register(app, dependencies);
}
