import { randomBytes } from "node:crypto";
import type { webApi } from "@slack/bolt";
import { withLocale } from "../i18n";
import type { Log } from "../logging";
import {
	type ApprovalContext,
	cancelRequest,
	type RequestOrigin,
	type RequestView,
	recordRunNow,
	submitRequest,
} from "../operations/approvals";
import { OperationError } from "../operations/errors";
import { formatDuration } from "../operations/grants/lifetime";
import type { ApproverSet } from "../operations/policy";
import { checkApprover } from "../operations/policy";
import { findRule } from "../operations/policy/match";
import type { Operation, Requester } from "../operations/types";
import type { DynamoGrantStore } from "../store/grants";
import {
	invalidCommandMessage,
	operationErrorMessage,
	type SlackMessage,
	unexpectedErrorMessage,
} from "./blocks";
import { approvalCard } from "./blocks/approval-card";
import { noGrantMessage, revokeRefusedMessage } from "./blocks/grant-messages";
import {
	cardFailedMessage,
	forbiddenMessage,
	noApprovalChannelMessage,
	permissionCheckFailedMessage,
	submittedMessage,
} from "./blocks/request-status";
import { parseLifetime } from "./command-values";
import { DirectoryError } from "./directory";
import type { Worker } from "./jobs";
import type { LocaleResolver } from "./locale-resolver";
import { describeSlackError } from "./web-api-errors";

/** Dependencies of every request path: the lifecycle, Slack, and the runner for operations. */
export interface RequestDependencies {
	approvals: ApprovalContext;
	/** Web API client with the bot token: cards, card updates and DMs. */
	client: webApi.WebClient;
	/** Runs operations and replies to queries that only the SAKURA token can read. */
	worker: Worker;
	/** Channel for every approval card; when absent, the channel the request was made in. */
	approvalChannelId?: string;
	/** Chooses the language of cards, replies and DMs. */
	locales: LocaleResolver;
	/** The credentials the bot issued; absent where no table is configured for them. */
	grants?: DynamoGrantStore;
	log: Log;
}

export interface StartRequestInput {
	operation: Operation;
	requester: Requester;
	/** The requester's reason, or an empty string when they gave none. */
	reason: string;
	origin: RequestOrigin;
}

/**
 * Result of starting a request. `dispatched` means the worker got the job and reports the result
 * itself: to the origin's response_url, or by DM when there is none. `reply` is the message for the
 * requester alone: a command acks with it, and a form DMs it.
 */
export type StartResult =
	| {
			kind: "dispatched";
			/** Copied from the worker: an inline job has already reported its result. */
			runsInline: boolean;
	  }
	| { kind: "reply"; message: SlackMessage };

/**
 * Starts a request from a command or a form, the one path every request takes. The policy decides:
 * a forbidden request gets a reply that states it; one that may run now is stored as approved and
 * handed to the worker; one that needs approval is stored, its card is posted and the reply says
 * whom it waits for.
 *
 * A card that cannot be posted cancels the request, so nothing waits where no approver can see it.
 * It never rejects: an unexpected error becomes a reply with a reference id that the log also has.
 */
export async function startRequest(
	input: StartRequestInput,
	dependencies: RequestDependencies,
): Promise<StartResult> {
	const ids = requestIds(input);

	const overCap = lifetimeOverCap(
		input.operation,
		dependencies.approvals.policy,
	);
	if (overCap !== undefined) {
		dependencies.log.info("Request asks for more than the lifetime cap", ids);
		return reply(overCap);
	}

	try {
		if (input.operation.kind === "user.delete" && input.operation.revoke) {
			return await startRevocation(
				{ ...input, operation: input.operation },
				dependencies,
			);
		}
		const submitted = await submitRequest(input, dependencies.approvals);
		switch (submitted.kind) {
			case "forbidden":
				dependencies.log.info("Request forbidden by the policy", ids);
				return reply(forbiddenMessage(input.operation, input.requester.userId));
			case "run":
				return await runNow(input, dependencies);
			case "pending":
				return await postCard(submitted.request, input, dependencies);
		}
	} catch (error) {
		if (error instanceof OperationError) {
			dependencies.log.info("Request failed its check before approval", {
				...ids,
				code: error.code,
			});
			return reply(operationErrorMessage(error, input.operation));
		}
		if (error instanceof DirectoryError) {
			dependencies.log.warn("Permission check failed", {
				...ids,
				method: error.method,
				error: error.code,
			});
			return reply(permissionCheckFailedMessage());
		}
		const reference = randomBytes(4).toString("hex");
		dependencies.log.error("Starting a request failed", {
			...ids,
			reference,
			error: error instanceof Error ? error.name : typeof error,
			errorMessage: error instanceof Error ? error.message : undefined,
		});
		return reply(unexpectedErrorMessage(reference));
	}
}

/**
 * Returns who may approve an operation under the policy rule that matches it now. The card and the
 * refusal replies name them.
 */
export function approversFor(
	context: ApprovalContext,
	request: { operation: Operation; requester: Requester },
): ApproverSet {
	const { rule } = findRule(
		context.policy,
		request.operation,
		request.requester,
	);
	return rule.approvers ?? context.policy.approvers;
}

/**
 * Ends a credential the bot issued, before its expiry. Its owner and anyone the policy lists as an
 * approver of deleting it may do so at once; the deletion then runs like any run-now request, and
 * the worker marks the grant revoked. Anyone else is told whom to ask.
 */
async function startRevocation(
	input: StartRequestInput & {
		operation: Extract<Operation, { kind: "user.delete" }>;
	},
	dependencies: RequestDependencies,
): Promise<StartResult> {
	const { registry, username } = input.operation;
	const open = (await dependencies.grants?.listOpen()) ?? [];
	const grant = open.find(
		(candidate) =>
			candidate.username === username &&
			(candidate.registryLabel === registry ||
				candidate.registryId === registry),
	);
	if (grant === undefined) {
		return reply(noGrantMessage(registry, username));
	}

	const owner: Requester = {
		userId: grant.owner.userId,
		userName: "",
		teamId: grant.owner.teamId,
	};
	// The grant's registry id, not its label: a registry created again under the same label is
	// another registry, whose users this grant does not cover.
	const deletion: Operation = {
		kind: "user.delete",
		registry: grant.registryId,
		username,
		revoke: true,
	};
	const isOwner = input.requester.userId === grant.owner.userId;
	const check = isOwner
		? undefined
		: await checkApprover(
				dependencies.approvals.policy,
				deletion,
				owner,
				input.requester.userId,
				dependencies.approvals.directory,
			);
	if (!isOwner && check?.allowed !== true) {
		dependencies.log.info("Revocation rejected", {
			...requestIds(input),
			grantId: grant.id,
		});
		return reply(revokeRefusedMessage(grant.owner.userId));
	}
	return runNow({ ...input, operation: deletion }, dependencies);
}

async function runNow(
	input: StartRequestInput,
	dependencies: RequestDependencies,
): Promise<StartResult> {
	const request = await recordRunNow(input, dependencies.approvals);

	// A remote worker rejects when the job could not be handed over; an inline one never rejects.
	// AwsLambdaReceiver sends the ack only after the listener returns, so the failure goes in the ack.
	try {
		await dependencies.worker.start({
			type: "run",
			requestId: request.record.id,
		});
	} catch (error) {
		const reference = randomBytes(4).toString("hex");
		await cancelUnseen(request.record.id, input, dependencies);
		dependencies.log.error("Handing the request to the worker failed", {
			...requestIds(input),
			requestId: request.record.id,
			reference,
			error: error instanceof Error ? error.name : typeof error,
			errorMessage: error instanceof Error ? error.message : undefined,
		});
		return reply(unexpectedErrorMessage(reference));
	}
	return {
		kind: "dispatched",
		runsInline: dependencies.worker.runsInline,
	};
}

async function postCard(
	request: RequestView,
	input: StartRequestInput,
	dependencies: RequestDependencies,
): Promise<StartResult> {
	const { record } = request;
	const approvers = approversFor(dependencies.approvals, input);
	const channel = dependencies.approvalChannelId ?? input.origin.channelId;
	const ids = { ...requestIds(input), requestId: record.id, channel };

	// A DM with the bot has no other members, so no approver could see a card there.
	if (channel.startsWith("D")) {
		await cancelUnseen(record.id, input, dependencies);
		dependencies.log.warn("Request needs approval but came from a DM", ids);
		return reply(noApprovalChannelMessage());
	}

	// Everyone in the channel reads the card, so its language is the channel's, not the requester's.
	const card = withLocale(dependencies.locales.forChannel(channel), () =>
		approvalCard({ request, approvers }),
	);
	let posted: { channel: string; ts: string };
	try {
		const result = await dependencies.client.chat.postMessage({
			channel,
			text: card.text,
			blocks: card.blocks,
		});
		if (result.channel === undefined || result.ts === undefined) {
			throw new Error("chat.postMessage returned no channel and ts");
		}
		posted = { channel: result.channel, ts: result.ts };
	} catch (error) {
		const slackError = describeSlackError(error);
		await cancelUnseen(record.id, input, dependencies);
		dependencies.log.error(
			"Approval card could not be posted, so the request was cancelled",
			{ ...ids, slackError },
		);
		return reply(cardFailedMessage(channel, slackError));
	}

	try {
		await dependencies.approvals.store.setCard(record.id, {
			channelId: posted.channel,
			ts: posted.ts,
		});
	} catch (error) {
		// The card works without it: clicks rewrite the message they came from.
		dependencies.log.error("Storing where the approval card is failed", {
			...ids,
			ts: posted.ts,
			error: error instanceof Error ? error.name : typeof error,
		});
	}
	dependencies.log.info("Approval card posted", { ...ids, ts: posted.ts });
	return reply(submittedMessage(request, approvers));
}

/** Cancels a request that no approver or worker will act on, on behalf of its requester. */
async function cancelUnseen(
	id: string,
	input: StartRequestInput,
	dependencies: RequestDependencies,
): Promise<void> {
	const result = await cancelRequest(
		id,
		input.requester.userId,
		dependencies.approvals,
	);
	if (result.kind !== "cancelled") {
		dependencies.log.error("Cancelling an unseen request failed", {
			...requestIds(input),
			requestId: id,
			result: result.kind,
		});
	}
}

/**
 * Returns the rejection of a user add whose requested lifetime exceeds the policy's cap for its
 * permission, or undefined when it fits.
 */
function lifetimeOverCap(
	operation: Operation,
	policy: ApprovalContext["policy"],
): SlackMessage | undefined {
	if (
		operation.kind !== "user.add" ||
		operation.lifetimeSeconds === undefined
	) {
		return undefined;
	}
	const checked = parseLifetime(
		formatDuration(operation.lifetimeSeconds),
		operation.permission,
		policy.maxLifetimeHours,
	);
	return checked.ok ? undefined : invalidCommandMessage(checked.failure);
}

function reply(message: SlackMessage): StartResult {
	return { kind: "reply", message };
}

function requestIds(input: StartRequestInput): Record<string, string> {
	return {
		team: input.requester.teamId,
		user: input.requester.userId,
		channel: input.origin.channelId,
		operation: input.operation.kind,
	};
}
