import { randomBytes } from "node:crypto";
import type {
	AllMiddlewareArgs,
	RespondArguments,
	SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import type { Operation, Requester } from "../../../operations/types";
import {
	helpMessage,
	invalidCommandMessage,
	type SlackMessage,
	unexpectedErrorMessage,
	workingMessage,
} from "../../blocks";
import { myGrantsMessage } from "../../blocks/grant-messages";
import { parseRegistryCommand } from "../../grammar";
import { type RequestDependencies, startRequest } from "../../requests";
import { commandModalFor, openCommandModal } from "../views";

/** The slash command this listener serves, as declared in the app manifest. */
export const REGISTRY_COMMAND = "/registry";

export type CommandListenerDependencies = RequestDependencies;

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Creates the `/registry` listener. Help and invalid input get their reply in the ack body, which
 * Slack shows only to the requester. An operation goes through `startRequest`, and its reply (a
 * refusal, or "sent for approval") is the ack body too.
 *
 * Bolt's AwsLambdaReceiver sends the ack body only when the listener returns. With an inline
 * dispatcher the job therefore runs first and the ack is empty, because a "working" ack would
 * reach Slack after the result. With a queued dispatcher the ack reports that the command is running.
 */
export function registryCommandListener(
	dependencies: CommandListenerDependencies,
) {
	return async ({ command, ack, client }: CommandArgs): Promise<void> => {
		const requester: Requester = {
			userId: command.user_id,
			userName: firstString(command.user_name),
			teamId: command.team_id,
		};
		const ids = {
			team: command.team_id,
			user: command.user_id,
			channel: command.channel_id,
		};
		// A form body may repeat a field, which querystring parsing turns into an array.
		const text = firstString(command.text);
		const parsed = parseRegistryCommand(text, requester);

		const modal = commandModalFor(text, parsed);
		if (modal !== undefined) {
			dependencies.log.info("Slash command received", {
				...ids,
				kind: "modal",
				modal,
			});
			await ack(
				await openCommandModal(command, client, modal, dependencies.log),
			);
			return;
		}

		if (parsed.kind === "help") {
			dependencies.log.info("Slash command received", { ...ids, kind: "help" });
			await ack(ephemeral(helpMessage()));
			return;
		}
		if (parsed.kind === "invalid") {
			dependencies.log.info("Slash command received", {
				...ids,
				kind: "invalid",
				reason: parsed.failure.key,
			});
			await ack(ephemeral(invalidCommandMessage(parsed.failure)));
			return;
		}

		if (parsed.kind === "mine") {
			dependencies.log.info("Slash command received", { ...ids, kind: "mine" });
			await ack(ephemeral(await ownGrantsMessage(requester, dependencies)));
			return;
		}

		const operation = parsed.operation;
		dependencies.log.info("Slash command received", {
			...ids,
			kind: operation.kind,
			registry: registryOf(operation),
		});

		const started = await startRequest(
			{
				operation,
				requester,
				reason: parsed.reason ?? "",
				origin: {
					channelId: command.channel_id,
					responseUrl: command.response_url,
				},
			},
			dependencies,
		);
		if (started.kind === "reply") {
			await ack(ephemeral(started.message));
		} else if (started.runsInline) {
			await ack();
		} else {
			await ack(ephemeral(workingMessage(operation)));
		}
	};
}

/** Lists the requester's own credentials, or says why they could not be read. */
async function ownGrantsMessage(
	requester: Requester,
	dependencies: CommandListenerDependencies,
): Promise<SlackMessage> {
	if (dependencies.grants === undefined) {
		return myGrantsMessage([]);
	}
	try {
		return myGrantsMessage(
			await dependencies.grants.listByOwner(requester.userId),
		);
	} catch (error) {
		const reference = randomBytes(4).toString("hex");
		dependencies.log.error("Listing a person's grants failed", {
			user: requester.userId,
			reference,
			error: error instanceof Error ? error.name : typeof error,
		});
		return unexpectedErrorMessage(reference);
	}
}

function ephemeral(message: SlackMessage): RespondArguments {
	return {
		response_type: "ephemeral",
		text: message.text,
		blocks: message.blocks,
	};
}

/** Returns the registry an operation names, for the log line, which never carries the command text. */
function registryOf(operation: Operation): string | undefined {
	if ("registry" in operation) {
		return operation.registry;
	}
	if ("name" in operation) {
		return operation.name;
	}
	return undefined;
}

/** Returns the value, or its first element when a repeated form field made it an array. */
function firstString(value: unknown): string {
	if (Array.isArray(value)) {
		return firstString(value[0]);
	}
	return typeof value === "string" ? value : "";
}
