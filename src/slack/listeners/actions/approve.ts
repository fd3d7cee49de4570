import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import { t } from "../../../i18n";
import {
	approveRequest,
	type DecisionResult,
	finishRequest,
	type RequestView,
} from "../../../operations/approvals";
import { approvedOutcomeDm, clickReply } from "../../blocks/request-status";
import { type RunResult, runToMessage } from "../../job-runner";
import { approversFor, type RequestDependencies } from "../../requests";
import {
	type ButtonClick,
	clickedMessage,
	dmRequester,
	expireIfDue,
	type MessageLocation,
	replyToClicker,
	replyToFailure,
	requesterOf,
	requestIdOf,
	rewriteCard,
} from "./effects";

type ApproveArgs = SlackActionMiddlewareArgs<ButtonClick> & AllMiddlewareArgs;

/**
 * Creates the listener of the card's Approve button. It acks at once, then records the approval.
 * The click that completes the approvals claims the request and runs the stored operation exactly
 * once, for the requester: generated credentials go to the requester's DM, never the approver's.
 * Every other outcome is answered to the clicker alone.
 */
export function approveListener(dependencies: RequestDependencies) {
	return async ({ ack, body }: ApproveArgs): Promise<void> => {
		await ack();

		const clickerId = body.user.id;
		const id = requestIdOf(body);
		const fallback = clickedMessage(body);
		if (id === undefined) {
			await reply(body, { kind: "not_found" }, dependencies);
			return;
		}

		let result: DecisionResult;
		try {
			await expireIfDue(id, dependencies, fallback);
			result = await approveRequest(id, clickerId, dependencies.approvals);
		} catch (error) {
			await replyToFailure(body, error, dependencies);
			return;
		}
		dependencies.log.info("Approve click handled", {
			requestId: id,
			user: clickerId,
			team: body.user.team_id,
			result: result.kind,
		});

		if (result.kind === "recorded") {
			await rewriteCard(result.request, dependencies, { fallback });
			return;
		}
		if (result.kind === "approved") {
			await runApproved(result.request, dependencies, fallback);
			return;
		}
		if (
			result.kind === "already" &&
			result.because === "duplicate" &&
			result.request.record.status === "pending"
		) {
			// The first click's approval may have been stored with its response lost before the card
			// was rewritten; rewriting again is harmless and shows the approval.
			await rewriteCard(result.request, dependencies, { fallback });
		}
		await reply(body, result, dependencies);
	};
}

/**
 * Runs an approved request, records how it ended, rewrites the card with the outcome and DMs the
 * requester. The run's own errors become the failure shown on the card and in the DM.
 */
async function runApproved(
	request: RequestView,
	dependencies: RequestDependencies,
	fallback: MessageLocation | undefined,
): Promise<void> {
	const { record, operation } = request;
	const requester = requesterOf(request);
	const ids = {
		requestId: record.id,
		operation: record.kind,
		requester: requester.userId,
		team: requester.teamId,
	};

	const result = await runToMessage(
		operation,
		requester,
		dependencies.runner,
		ids,
	);
	const finished = await finishRequest(
		record.id,
		result.ok ? { ok: true } : { ok: false, errorCode: result.errorCode },
		dependencies.approvals,
	).catch((error: unknown) => {
		dependencies.log.error("Recording the outcome of a request failed", {
			...ids,
			error: error instanceof Error ? error.name : typeof error,
		});
		return undefined;
	});

	const at = (dependencies.approvals.clock ?? (() => new Date()))();
	const latest: RequestView = {
		operation,
		record: finished ?? {
			...record,
			status: result.ok ? "succeeded" : "failed",
			result: result.ok
				? { at: at.toISOString() }
				: { at: at.toISOString(), errorCode: result.errorCode },
		},
	};
	await rewriteCard(latest, dependencies, {
		fallback,
		failure: result.ok ? undefined : () => cardFailure(result),
	});
	await dmRequester(
		latest,
		() => approvedOutcomeDm(latest, result.ok, result.render()),
		dependencies,
	);
}

async function reply(
	click: ButtonClick,
	result: DecisionResult,
	dependencies: RequestDependencies,
): Promise<void> {
	const approvers =
		result.kind === "refused"
			? approversFor(dependencies.approvals, {
					operation: result.request.operation,
					requester: requesterOf(result.request),
				})
			: undefined;
	const message = clickReply(result, "approve", click.user.id, approvers);
	if (message !== undefined) {
		await replyToClicker(click, message, dependencies);
	}
}

/**
 * Returns the failure line for the approval card, which approvers read, in the current locale. A
 * failed credentials DM is explained to the requester in their own DM, so the card states what
 * happened in the third person.
 */
function cardFailure(result: RunResult & { ok: false }): string {
	if (result.errorCode === "credentials_undelivered") {
		return t("request.card_credentials_undelivered");
	}
	return result.render().text;
}
