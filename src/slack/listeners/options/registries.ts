import type {
	AllMiddlewareArgs,
	BlockSuggestion,
	SlackOptionsMiddlewareArgs,
} from "@slack/bolt";
import type { Registry } from "../../../sakura/types";
import { registryOptions } from "../../blocks/modals";
import type { ModalListenerDependencies } from "../views/dependencies";
import { listRegistriesInTime } from "../views/registry-list";
import { interactionIds, interactionRequester } from "../views/requester";

type SuggestionArgs = SlackOptionsMiddlewareArgs<"block_suggestion"> &
	AllMiddlewareArgs;

/**
 * Creates the options listener of the registry picker, an `external_select`.
 *
 * The picker loads registries on demand instead of opening the modal with a loading state and
 * filling a static select later. The modal then opens at once from the trigger_id, and the list is
 * current each time the menu opens. An account with more than 100 registries, a static select's
 * maximum, also stays searchable. Each `block_suggestion` request lists the registries through the
 * operations layer and filters them by the typed text. When the list is not loaded within
 * `REGISTRY_LIST_DEADLINE_MS`, the reply is an empty list, because Slack discards a late one.
 */
export function registryOptionsListener(
	dependencies: ModalListenerDependencies,
) {
	return async ({ body, ack }: SuggestionArgs): Promise<void> => {
		const payload = body as BlockSuggestion;
		const requester = interactionRequester(payload);
		const ids = { ...interactionIds(requester), actionId: payload.action_id };

		let registries: Registry[] = [];
		try {
			registries = await listRegistriesInTime(dependencies, requester, ids, {
				checkPolicy: true,
			});
		} catch {
			// Logged by listRegistriesInTime. An empty menu is the only reply Slack accepts here.
		}
		await ack({ options: registryOptions(registries, payload.value ?? "") });
	};
}
