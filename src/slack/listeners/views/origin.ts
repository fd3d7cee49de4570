import type { webApi } from "@slack/bolt";
import type { Log } from "../../../logging";
import type { Requester } from "../../../operations/types";
import { describeSlackError } from "../../web-api-errors";
import type { ModalMetadata } from "./metadata";

/**
 * Returns the channel a form's request comes from: the channel of the command that opened the
 * modal, or else the requester's DM with the bot. A modal opened by the global shortcut names no
 * channel, so `conversations.open` finds the `D…` id of that DM, which marks the request as made
 * in a DM. When that call fails, the requester's user id is used instead, because
 * `chat.postMessage` also accepts it as the DM.
 */
export async function originChannel(
	metadata: ModalMetadata,
	requester: Requester,
	client: webApi.WebClient,
	log: Log,
): Promise<string> {
	if (metadata.channelId !== undefined) {
		return metadata.channelId;
	}

	try {
		const opened = await client.conversations.open({ users: requester.userId });
		if (opened.channel?.id !== undefined) {
			return opened.channel.id;
		}
		log.warn("conversations.open returned no channel id", {
			user: requester.userId,
		});
	} catch (error) {
		log.warn("Opening the requester's DM failed", {
			user: requester.userId,
			error: describeSlackError(error),
		});
	}
	return requester.userId;
}
