import type {
	AllMiddlewareArgs,
	GlobalShortcut,
	SlackShortcutMiddlewareArgs,
} from "@slack/bolt";
import type { Log } from "../../../logging";
import { entryView } from "../../blocks/modals";
import { encodeModalMetadata } from "../views/metadata";
import { openModal } from "../views/open";
import { interactionIds, interactionRequester } from "../views/requester";

/** Callback id of the global shortcut, as declared under `features.shortcuts` in the manifest. */
export const REGISTRY_SHORTCUT_CALLBACK_ID = "registry_open";

type ShortcutArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> &
	AllMiddlewareArgs;

/**
 * Creates the global shortcut listener, which opens the same entry modal as `/registry` without
 * arguments. A global shortcut belongs to no channel, so the modal's metadata names none and the
 * request's replies go to the requester's DM. Slack offers no reply channel for a global shortcut,
 * so a modal that failed to open is only logged.
 */
export function registryShortcutListener(log: Log) {
	return async ({ shortcut, ack, client }: ShortcutArgs): Promise<void> => {
		const requester = interactionRequester(shortcut);
		await openModal(
			client,
			shortcut.trigger_id,
			entryView(encodeModalMetadata({})),
			log,
			{ ...interactionIds(requester), shortcut: shortcut.callback_id },
		);
		await ack();
	};
}
