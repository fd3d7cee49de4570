import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import {
	cancelRequest,
	type DecisionResult,
} from "../../../operations/approvals";
import { cancelledMessage, clickReply } from "../../blocks/request-status";
import type { RequestDependencies } from "../../requests";
import {
	type ButtonClick,
	expireIfDue,
	replyToClicker,
	replyToFailure,
	requestIdOf,
	rewriteCard,
} from "./effects";

type CancelArgs = SlackActionMiddlewareArgs<ButtonClick> & AllMiddlewareArgs;

/**
 * Creates the listener of the Cancel button on the requester's "sent for approval" message. Only
 * the requester can cancel, and only before the request runs. A cancelled request gets its card
 * rewritten and the requester's message replaced by a note that it was cancelled.
 */
export function cancelListener(dependencies: RequestDependencies) {
	return async ({ ack, body }: CancelArgs): Promise<void> => {
		await ack();

		const id = requestIdOf(body);
		let result: DecisionResult = { kind: "not_found" };
		if (id !== undefined) {
			try {
				await expireIfDue(id, dependencies);
				result = await cancelRequest(id, body.user.id, dependencies.approvals);
			} catch (error) {
				await replyToFailure(body, error, dependencies);
				return;
			}
		}
		dependencies.log.info("Cancel click handled", {
			requestId: id,
			user: body.user.id,
			team: body.user.team_id,
			result: result.kind,
		});

		if (result.kind === "cancelled") {
			await rewriteCard(result.request, dependencies);
			await replyToClicker(
				body,
				cancelledMessage(result.request),
				dependencies,
				true,
			);
			return;
		}
		const message = clickReply(result, "cancel", body.user.id);
		if (message !== undefined) {
			await replyToClicker(body, message, dependencies);
		}
	};
}
