import { randomBytes } from "node:crypto";
import type {
	AllMiddlewareArgs,
	RespondArguments,
	SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import type { Log } from "../../../logging";
import type { Operation, Requester } from "../../../operations/types";
import {
	helpMessage,
	invalidCommandMessage,
	type SlackMessage,
	unexpectedErrorMessage,
	workingMessage,
} from "../../blocks";
import { parseRegistryCommand } from "../../grammar";
import type { CommandJob, Dispatcher } from "../../jobs";
import { postToResponseUrl } from "../../response-url";

/** The slash command this listener serves, as declared in the app manifest. */
export const REGISTRY_COMMAND = "/registry";

export interface CommandListenerDependencies {
	dispatcher: Dispatcher;
	log: Log;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Creates the `/registry` listener. Help and invalid input get their reply in the ack body, which
 * Slack shows only to the requester. An operation becomes a `CommandJob` for the dispatcher.
 *
 * Bolt's AwsLambdaReceiver sends the ack body only when the listener returns. With an inline
 * dispatcher the job therefore runs first and the ack is empty, because a "working" ack would
 * reach Slack after the result. With a queued dispatcher the ack says the command is running.
 */
export function registryCommandListener(
	dependencies: CommandListenerDependencies,
) {
	return async ({ command, ack }: CommandArgs): Promise<void> => {
		const requester: Requester = {
			userId: command.user_id,
			userName: command.user_name,
			teamId: command.team_id,
		};
		const ids = {
			team: command.team_id,
			user: command.user_id,
			channel: command.channel_id,
		};
		const parsed = parseRegistryCommand(command.text, requester);

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

		const operation = parsed.operation;
		dependencies.log.info("Slash command received", {
			...ids,
			kind: operation.kind,
			registry: registryOf(operation),
		});
		const job: CommandJob = {
			operation,
			requester,
			channelId: command.channel_id,
			responseUrl: command.response_url,
		};

		if (dependencies.dispatcher.runsInline) {
			await dispatchInline(job, ack, dependencies);
		} else {
			await dispatchQueued(job, ack, dependencies);
		}
	};
}

async function dispatchInline(
	job: CommandJob,
	ack: CommandArgs["ack"],
	dependencies: CommandListenerDependencies,
): Promise<void> {
	try {
		await dependencies.dispatcher.dispatch(job);
	} catch (error) {
		const reference = logDispatchFailure(job, error, dependencies.log);
		await ack(ephemeral(unexpectedErrorMessage(reference)));
		return;
	}
	await ack();
}

async function dispatchQueued(
	job: CommandJob,
	ack: CommandArgs["ack"],
	dependencies: CommandListenerDependencies,
): Promise<void> {
	await ack(ephemeral(workingMessage(job.operation)));

	try {
		await dependencies.dispatcher.dispatch(job);
	} catch (error) {
		// The "working" ack is already stored, so the failure goes to the response_url instead.
		const reference = logDispatchFailure(job, error, dependencies.log);
		await postToResponseUrl(
			job.responseUrl,
			unexpectedErrorMessage(reference),
		).catch((postError: unknown) => {
			dependencies.log.error(
				"Posting the dispatch failure to response_url failed",
				{
					team: job.requester.teamId,
					user: job.requester.userId,
					reference,
					error:
						postError instanceof Error ? postError.message : String(postError),
				},
			);
		});
	}
}

/** Logs a failed dispatch and returns the reference id shown to the requester. */
function logDispatchFailure(job: CommandJob, error: unknown, log: Log): string {
	const reference = randomBytes(4).toString("hex");
	log.error("Dispatching the command failed", {
		team: job.requester.teamId,
		user: job.requester.userId,
		channel: job.channelId,
		kind: job.operation.kind,
		reference,
		error: error instanceof Error ? error.name : typeof error,
		errorMessage: error instanceof Error ? error.message : undefined,
	});
	return reference;
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
