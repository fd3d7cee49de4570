import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import {
	CHOOSE_FORM_ACTION_PATTERN,
	FORM_CALLBACK_PATTERN,
} from "../../blocks/modals";
import type { ModalListenerDependencies } from "./dependencies";
import { chooseFormListener } from "./navigation";
import { formSubmissionListener } from "./submission";

export {
	type CommandModal,
	commandModalFor,
	openCommandModal,
} from "./command-modal";
export type { ModalListenerDependencies } from "./dependencies";

/** Registers the form submissions and the entry modal's buttons. */
export function register(
	app: App,
	dependencies: ModalListenerDependencies,
): void {
	app.view(
		{ callback_id: FORM_CALLBACK_PATTERN, type: "view_submission" },
		formSubmissionListener(dependencies),
	);
	app.action<BlockAction<ButtonAction>>(
		{ type: "block_actions", action_id: CHOOSE_FORM_ACTION_PATTERN },
		chooseFormListener(dependencies),
	);
}
