import { randomBytes } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { Log } from "../logging";
import { OperationError } from "../operations/errors";
import type { GrantHooks } from "../operations/grants/hooks";
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
import type { LocaleResolver } from "./locale-resolver";

/** How a run differs from a plain first run. */
export interface RunOptions {
	/**
	 * True when an earlier run of the same request stopped without recording an outcome, so SAKURA
	 * may already have done part of the work: a create looks before it creates again.
	 */
	recovering?: boolean;
	/** Records the credentials the run issues, rotates and deletes. */
	grants?: GrantHooks;
}

/** Runs one operation with the given credential delivery, as `runOperation` does with a full context. */
export type RunOperation = (
	operation: Operation,
	requester: Requester,
	delivery: CredentialDelivery,
	options?: RunOptions,
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
	options: RunOptions = {},
): Promise<RunResult> {
	const delivery = createDmDelivery(
		dependencies.client,
		dependencies.log,
		dependencies.locales,
	);

	try {
		const outcome = await dependencies.run(
			operation,
			requester,
			delivery,
			options,
		);
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

/** Returns 8 hex characters that a requester can quote to find the log line. */
function newReference(): string {
	return randomBytes(4).toString("hex");
}
