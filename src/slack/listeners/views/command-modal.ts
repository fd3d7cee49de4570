import type { RespondArguments, SlashCommand, webApi } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { Log } from "../../../logging";
import { deriveUsername } from "../../../operations/username";
import { entryView, type FormKind, formView } from "../../blocks/modals";
import { render } from "../../blocks/mrkdwn";
import type { ParsedCommand } from "../../grammar";
import { encodeModalMetadata } from "./metadata";
import { openModal } from "./open";

/** The modal a command line opens: the entry modal, or one form. */
export type CommandModal = "entry" | FormKind;

/**
 * Returns the modal a `/registry` command line opens instead of running: the entry modal for an
 * empty line, and the create or user add form when that command lacks its required argument.
 * `help` and every other line get their usual reply.
 */
export function commandModalFor(
	text: string,
	parsed: ParsedCommand,
): CommandModal | undefined {
	if (text.trim() === "") {
		return "entry";
	}
	if (
		parsed.kind !== "invalid" ||
		parsed.failure.key !== "parse.missing_argument"
	) {
		return undefined;
	}
	if (parsed.failure.usage === "usage.create") {
		return "create";
	}
	if (parsed.failure.usage === "usage.user_add") {
		return "user_add";
	}
	return undefined;
}

/**
 * Opens a modal for a slash command with its `trigger_id`, remembering the command's channel in
 * `private_metadata`. Returns the ack body: empty when the modal opened, or an ephemeral message
 * with Slack's error code when it did not.
 */
export async function openCommandModal(
	command: SlashCommand,
	client: webApi.WebClient,
	target: CommandModal,
	log: Log,
): Promise<RespondArguments | undefined> {
	const privateMetadata = encodeModalMetadata({
		channelId: command.channel_id,
	});
	let view: ModalView;
	if (target === "entry") {
		view = entryView(privateMetadata);
	} else {
		view = formView(target, {
			privateMetadata,
			derivedUsername: deriveUsername(command.user_name, command.user_id),
		});
	}

	const opened = await openModal(client, command.trigger_id, view, log, {
		team: command.team_id,
		user: command.user_id,
		channel: command.channel_id,
	});
	if (opened.ok) {
		return undefined;
	}
	const text = render("modal.error.open_failed", { error: opened.error });
	return { response_type: "ephemeral", text };
}
