import type {
	AllMiddlewareArgs,
	BlockAction,
	ButtonAction,
	SlackActionMiddlewareArgs,
} from "@slack/bolt";
import { deriveUsername } from "../../../operations/username";
import {
	CHOOSE_FORM_ACTION_PREFIX,
	formKindOf,
	formView,
} from "../../blocks/modals";
import { describeSlackError } from "../../web-api-errors";
import type { ModalListenerDependencies } from "./dependencies";
import { encodeModalMetadata, parseModalMetadata } from "./metadata";
import { interactionIds, interactionRequester } from "./requester";

type ChooseArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> &
	AllMiddlewareArgs;

/**
 * Creates the listener of the entry modal's buttons. It replaces the entry modal with the chosen
 * form through `views.update`, passing the view's `hash` so that Slack rejects the update with
 * `hash_conflict` when the view changed in the meantime. The form gets the entry modal's metadata,
 * decoded and encoded again so that only known fields travel on.
 */
export function chooseFormListener(dependencies: ModalListenerDependencies) {
	return async ({ body, action, ack, client }: ChooseArgs): Promise<void> => {
		await ack();
		const log = dependencies.log;
		const requester = interactionRequester(body);
		const ids = { ...interactionIds(requester), actionId: action.action_id };

		const kind = formKindOf(action.action_id, CHOOSE_FORM_ACTION_PREFIX);
		if (kind === undefined || body.view === undefined) {
			log.warn("Ignored an entry modal action without a form or view", ids);
			return;
		}

		const metadata = parseModalMetadata(body.view.private_metadata, log, ids);
		const view = formView(kind, {
			privateMetadata: encodeModalMetadata(metadata),
			derivedUsername: deriveUsername(requester.userName, requester.userId),
		});
		try {
			await client.views.update({
				view_id: body.view.id,
				hash: body.view.hash,
				view,
			});
		} catch (error) {
			log.warn("Showing the chosen form failed", {
				...ids,
				viewId: body.view.id,
				error: describeSlackError(error),
			});
			return;
		}
		log.info("Form shown", { ...ids, form: kind });
	};
}
