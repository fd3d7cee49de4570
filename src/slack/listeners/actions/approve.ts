import { randomBytes } from "node:crypto";
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import {
	approveRequest,
	type DecisionResult,
	type RequestView,
} from "../../../operations/approvals";
import { clickReply, startFailedMessage } from "../../blocks/request-status";
import { approversFor, type RequestDependencies } from "../../requests";
import {
	type ButtonClick,
	clickedMessage,
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
 * The click that completes the approvals hands the request to the worker, which runs the stored
 * operation exactly once, for the requester: generated credentials go to the requester's DM, never
 * the approver's. Every other outcome is answered to the clicker alone.
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
			await startApproved(body, result.request, dependencies, fallback);
			return;
		}
		if (isStalled(result, dependencies)) {
			// No run has claimed the request since its approvals completed: handing it over failed,
			// or its job was lost. This click hands it over again.
			await startApproved(body, result.request, dependencies, fallback);
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
 * Shows the approval on the card and hands the request to the worker, which claims it, runs it
 * once, and reports the outcome on the card and in the requester's DM. When the hand-over fails the
 * request stays approved, and the clicker is asked to click again, which hands it over again.
 */
async function startApproved(
	click: ButtonClick,
	request: RequestView,
	dependencies: RequestDependencies,
	fallback: MessageLocation | undefined,
): Promise<void> {
	const ids = {
		requestId: request.record.id,
		operation: request.record.kind,
		requester: request.record.requester.userId,
	};
	if (!dependencies.worker.runsInline) {
		await rewriteCard(request, dependencies, { fallback });
	}
	try {
		await dependencies.worker.start({
			type: "run",
			requestId: request.record.id,
		});
	} catch (error) {
		const reference = randomBytes(4).toString("hex");
		dependencies.log.error(
			"Handing the approved request to the worker failed",
			{
				...ids,
				reference,
				error: error instanceof Error ? error.name : typeof error,
				errorMessage: error instanceof Error ? error.message : undefined,
			},
		);
		await replyToClicker(click, startFailedMessage(reference), dependencies);
	}
}

/**
 * How long an approved request may wait for its run to claim it before a click hands it to the
 * worker again. A queued job normally starts within seconds.
 */
const STALLED_AFTER_MS = 30_000;

/** Returns true for a click on an approved request that no run has claimed for a while. */
function isStalled(
	result: DecisionResult,
	dependencies: RequestDependencies,
): result is Extract<DecisionResult, { kind: "already" }> {
	if (
		result.kind !== "already" ||
		result.request.record.status !== "approved"
	) {
		return false;
	}
	const now = (dependencies.approvals.clock ?? (() => new Date()))();
	return (
		now.getTime() - Date.parse(result.request.record.updatedAt) >=
		STALLED_AFTER_MS
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
