import { randomBytes } from "node:crypto";
import type { webApi } from "@slack/bolt";
import { withLocale } from "../i18n";
import type { Log } from "../logging";
import { OperationError } from "../operations/errors";
import type {
	CredentialDelivery,
	Operation,
	Outcome,
	Requester,
} from "../operations/types";
import {
	operationErrorMessage,
	outcomeMessage,
	type SlackMessage,
	unexpectedErrorMessage,
} from "./blocks";
import { createDmDelivery } from "./dm";
import { ResponseUrlError } from "./errors";
import type { CommandJob, Dispatcher } from "./jobs";
import { type LocaleResolver, userLocale } from "./locale-resolver";
import { postToResponseUrl } from "./response-url";

/** Runs one operation with the given credential delivery, as `runOperation` does with a full context. */
export type RunOperation = (
	operation: Operation,
	requester: Requester,
	delivery: CredentialDelivery,
) => Promise<Outcome>;

export interface JobRunnerDependencies {
	run: RunOperation;
	/** Web API client with the bot token, used for the credential DM. */
	client: webApi.WebClient;
	/**
	 * Chooses the requester's language for the job's result and the credential DM. When absent,
	 * they are written in the current locale (see `withLocale`).
	 */
	locales?: LocaleResolver;
	log: Log;
}

/**
 * Runs a command job and posts the result to the job's `response_url` as an ephemeral message:
 * the outcome, the explained `OperationError`, or a generic message with a reference id that is
 * also in the error log line. It never rejects, so a failure here cannot turn the ack into an
 * HTTP 500; a failed post is logged with the Slack ids.
 */
export async function runCommandJob(
	job: CommandJob,
	dependencies: JobRunnerDependencies,
): Promise<void> {
	const locale = await userLocale(dependencies.locales, job.requester.userId);
	const message = await withLocale(locale, () =>
		resultMessage(job, dependencies),
	);

	try {
		await postToResponseUrl(job.responseUrl, message);
	} catch (error) {
		const code = error instanceof ResponseUrlError ? error.code : String(error);
		dependencies.log.error(
			"Posting the command result to response_url failed",
			{
				...jobIds(job),
				error: code,
			},
		);
	}
}

/** Creates a dispatcher that runs each job at once, inside the HTTP request that carried it. */
export function createInlineDispatcher(
	dependencies: JobRunnerDependencies,
): Dispatcher {
	return {
		runsInline: true,
		dispatch: (job) => runCommandJob(job, dependencies),
	};
}

/**
 * The result of one operation run, as the message that reports it. `message` is written in the
 * locale that was current when the run ended; `render` writes the same report again in the
 * current locale, for a reader of another language.
 */
export type RunResult = (
	| { ok: true; outcome: Outcome }
	| {
			ok: false;
			/** The OperationError code, or `unexpected` for any other error. */
			errorCode: string;
	  }
) & { message: SlackMessage; render(): SlackMessage };

/**
 * Runs an operation for `requester`, whose DM gets any generated credentials, and builds the
 * message that reports the outcome or the explained error. It never rejects. An unexpected error
 * is logged with `logFields` and a reference id that the message also shows.
 */
export async function runToMessage(
	operation: Operation,
	requester: Requester,
	dependencies: JobRunnerDependencies,
	logFields: Record<string, unknown>,
): Promise<RunResult> {
	const delivery = createDmDelivery(
		dependencies.client,
		dependencies.log,
		dependencies.locales,
	);

	try {
		const outcome = await dependencies.run(operation, requester, delivery);
		return { ok: true, outcome, ...rendered(() => outcomeMessage(outcome)) };
	} catch (error) {
		if (error instanceof OperationError) {
			return {
				ok: false,
				errorCode: error.code,
				...rendered(() => operationErrorMessage(error, operation)),
			};
		}

		const reference = newReference();
		dependencies.log.error("Command failed unexpectedly", {
			...logFields,
			reference,
			error: error instanceof Error ? error.name : typeof error,
			errorMessage: error instanceof Error ? error.message : undefined,
			stack: error instanceof Error ? error.stack : undefined,
		});
		return {
			ok: false,
			errorCode: "unexpected",
			...rendered(() => unexpectedErrorMessage(reference)),
		};
	}
}

/** Returns the message built now, and the builder to build it again in another locale. */
function rendered(build: () => SlackMessage): {
	message: SlackMessage;
	render(): SlackMessage;
} {
	return { message: build(), render: build };
}

async function resultMessage(
	job: CommandJob,
	dependencies: JobRunnerDependencies,
): Promise<SlackMessage> {
	const result = await runToMessage(
		job.operation,
		job.requester,
		dependencies,
		jobIds(job),
	);
	return result.message;
}

/** Returns 8 hex characters that a requester can quote to find the log line. */
function newReference(): string {
	return randomBytes(4).toString("hex");
}

function jobIds(job: CommandJob): Record<string, string> {
	return {
		team: job.requester.teamId,
		user: job.requester.userId,
		channel: job.channelId,
		operation: job.operation.kind,
	};
}
