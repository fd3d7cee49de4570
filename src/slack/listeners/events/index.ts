import type { App } from "@slack/bolt";
import type { RequestDependencies } from "../../requests";
import { appHomeListener } from "./app-home";

/** Registers the listeners of Events API callbacks: the Home tab. */
export function register(app: App, dependencies: RequestDependencies): void {
	app.event("app_home_opened", appHomeListener(dependencies));
}
