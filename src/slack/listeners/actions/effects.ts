import { randomBytes } from "node:crypto";
import type { BlockAction, ButtonAction } from "@slack/bolt";
import { withLocale } from "../../../i18n";
import {
	parseStoredOperation,
	type RequestView,
} from "../../../operations/approvals";
import type { Requester } from "../../../operations/types";
import { type SlackMessage, unexpectedErrorMessage } from "../../blocks";
import { approvalCard } from "../../blocks/approval-card";
import {
	expiredDm,
	permissionCheckFailedMessage,
} from "../../blocks/request-status";
import { DirectoryError } from "../../directory";
import { dmPerson } from "../../dm-person";
import { ResponseUrlError } from "../../errors";
import { approversFor, type RequestDependencies } from "../../requests";
import { postToResponseUrl } from "../../response-url";
import { describeSlackError } from "../../web-api-errors";

/** The payload of a button click on a message, as Bolt types it. */
export type ButtonClick = BlockAction<ButtonAction>;

/** What rewriting a card and DMing a requester need; the worker has these too. */
export type MessageDependencies = Pick<
	RequestDependencies,
	"approvals" | "client" | "locales" | "log"
>;

/** Location of the clicked message, used when the store has no card location. */
export interface MessageLocation {
	channelId: string;
	ts: string;
}

/**
 * Request ids are 22 base64url characters today; anything outside this shape cannot name a stored
 * request, so it is treated as not found without a lookup.
 */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Returns the button's value when it has the shape of a request id. */
export function requestIdOf(click: ButtonClick): string | undefined {
	const value = click.actions[0]?.value;
	return value !== undefined && REQUEST_ID.test(value) ? value : undefined;
}

/** Returns true when a string from a view's private_metadata has the shape of a request id. */
export function isRequestId(value: string): boolean {
	return REQUEST_ID.test(value);
}

/** Returns the clicked message's channel and ts, unless it is ephemeral and cannot be updated. */
export function clickedMessage(
	click: ButtonClick,
): MessageLocation | undefined {
	const container = click.container as
		| { channel_id?: string; message_ts?: string; is_ephemeral?: boolean }
		| undefined;
	if (
		container?.channel_id === undefined ||
		container.message_ts === undefined ||
		container.is_ephemeral === true
	) {
		return undefined;
	}
	return { channelId: container.channel_id, ts: container.message_ts };
}

/** Reads a request and checks its stored operation, or returns undefined when either fails. */
export async function loadView(
	id: string,
	dependencies: RequestDependencies,
): Promise<RequestView | undefined> {
	const record = await dependencies.approvals.store.get(id);
	if (record === undefined) {
		return undefined;
	}
	const operation = parseStoredOperation(record.operation);
	return operation === undefined ? undefined : { record, operation };
}

/** Returns the stored requester as the operations layer names it. */
export function requesterOf(request: RequestView): Requester {
	const { userId, userName, teamId } = request.record.requester;
	return { userId, userName, teamId };
}

/**
 * Marks a pending request expired when its time is up, before a click is judged. Only the caller
 * whose write changed the status rewrites the card and DMs the requester, so the DM goes out once
 * however many clicks arrive together; that caller gets true.
 * NOTE: the lifecycle reads the clock again when it judges the click. A click whose check here
 * runs just before `expiresAt` and whose decision runs at or after it is answered as expired, but
 * the lifecycle makes that change and nobody sends the DM.
 */
export async function expireIfDue(
	id: string,
	dependencies: MessageDependencies,
	fallback?: MessageLocation,
): Promise<boolean> {
	const record = await dependencies.approvals.store.get(id);
	const now = (dependencies.approvals.clock ?? (() => new Date()))();
	if (
		record === undefined ||
		record.status !== "pending" ||
		now.getTime() < Date.parse(record.expiresAt)
	) {
		return false;
	}

	const expired = await dependencies.approvals.store.expire(id, now);
	if (expired.kind !== "changed") {
		return false;
	}
	const operation = parseStoredOperation(expired.record.operation);
	if (operation === undefined) {
		return true;
	}
	const request = { record: expired.record, operation };
	dependencies.log.info("Request expired", {
		requestId: id,
		operation: request.record.kind,
	});
	await rewriteCard(request, dependencies, { fallback });
	await dmRequester(request, () => expiredDm(request), dependencies);
	return true;
}

/**
 * Rewrites the approval card to show the request's current state, in the card channel's locale,
 * because everyone in the channel reads it. `failure` builds the failure line in that locale. A
 * failed update is logged and not raised, because the decision itself is already stored.
 */
export async function rewriteCard(
	request: RequestView,
	dependencies: MessageDependencies,
	options: { failure?: () => string; fallback?: MessageLocation } = {},
): Promise<void> {
	const location = request.record.card ?? options.fallback;
	const ids = { requestId: request.record.id, status: request.record.status };
	if (location === undefined) {
		dependencies.log.warn("Approval card location unknown, not rewritten", ids);
		return;
	}

	const approvers = approversFor(dependencies.approvals, {
		operation: request.operation,
		requester: requesterOf(request),
	});
	const card = withLocale(
		dependencies.locales.forChannel(location.channelId),
		() => approvalCard({ request, approvers, failure: options.failure?.() }),
	);
	try {
		await dependencies.client.chat.update({
			channel: location.channelId,
			ts: location.ts,
			text: card.text,
			blocks: card.blocks,
		});
	} catch (error) {
		dependencies.log.warn("Rewriting the approval card failed", {
			...ids,
			channel: location.channelId,
			ts: location.ts,
			slackError: describeSlackError(error),
		});
	}
}

/**
 * Sends the requester a DM about their request, built by `build` in the requester's locale. A
 * failure is logged and not raised.
 */
export function dmRequester(
	request: RequestView,
	build: () => SlackMessage,
	dependencies: MessageDependencies,
): Promise<void> {
	return dmPerson(
		request.record.requester.userId,
		build,
		dependencies,
		{
			requestId: request.record.id,
			requester: request.record.requester.userId,
		},
		"DM to the requester failed",
	);
}

/**
 * Replies to the clicker alone through the click's response_url. By default the reply is added below
 * the clicked message; with `replaceOriginal` it replaces the clicked ephemeral message. A click in
 * the Home tab carries no response_url, and its reply goes to the clicker's DM instead.
 */
export async function replyToClicker(
	click: ButtonClick,
	message: SlackMessage,
	dependencies: RequestDependencies,
	replaceOriginal = false,
): Promise<void> {
	// A click in the Home tab has no response_url, so the reply goes to the clicker's DM.
	if (typeof click.response_url !== "string" || click.response_url === "") {
		try {
			await dependencies.client.chat.postMessage({
				channel: click.user.id,
				text: message.text,
				blocks: message.blocks,
			});
		} catch (error) {
			dependencies.log.warn("Replying to the clicker by DM failed", {
				user: click.user.id,
				action: click.actions[0]?.action_id,
				slackError: describeSlackError(error),
			});
		}
		return;
	}
	try {
		await postToResponseUrl(click.response_url, {
			text: message.text,
			blocks: message.blocks,
			replace_original: replaceOriginal,
		});
	} catch (error) {
		dependencies.log.warn("Replying to the clicker failed", {
			user: click.user.id,
			action: click.actions[0]?.action_id,
			error: error instanceof ResponseUrlError ? error.code : String(error),
		});
	}
}

/**
 * Replies to a click whose handling threw: a failed permission lookup gets "try again", anything else
 * a reference id that the error log line also carries.
 */
export async function replyToFailure(
	click: ButtonClick,
	error: unknown,
	dependencies: RequestDependencies,
): Promise<void> {
	if (error instanceof DirectoryError) {
		dependencies.log.warn("Permission check failed", {
			user: click.user.id,
			method: error.method,
			error: error.code,
		});
		await replyToClicker(click, permissionCheckFailedMessage(), dependencies);
		return;
	}
	const reference = randomBytes(4).toString("hex");
	logClickError(click, error, reference, dependencies);
	await replyToClicker(click, unexpectedErrorMessage(reference), dependencies);
}

function logClickError(
	click: ButtonClick,
	error: unknown,
	reference: string,
	dependencies: RequestDependencies,
): void {
	dependencies.log.error("Handling a click failed", {
		user: click.user.id,
		team: click.user.team_id,
		action: click.actions[0]?.action_id,
		requestId: click.actions[0]?.value,
		reference,
		error: error instanceof Error ? error.name : typeof error,
		errorMessage: error instanceof Error ? error.message : undefined,
	});
}
