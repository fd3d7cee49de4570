import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import { checkApprover } from "../../../operations/policy";
import { rejectView } from "../../blocks/reject-view";
import { clickReply } from "../../blocks/request-status";
import { approversFor, type RequestDependencies } from "../../requests";
import { describeSlackError } from "../../web-api-errors";
import {
	type ButtonClick,
	clickedMessage,
	expireIfDue,
	loadView,
	replyToClicker,
	replyToFailure,
	requesterOf,
	requestIdOf,
} from "./effects";

type RejectArgs = SlackActionMiddlewareArgs<ButtonClick> & AllMiddlewareArgs;

/**
 * Creates the listener of the card's Reject button. When the request is pending and the clicker
 * may decide it, it opens a modal that requests a reason, and the rejection itself happens on the
 * modal's submission, which checks everything again. Otherwise the clicker gets the reason why
 * not, ephemerally.
 */
export function rejectListener(dependencies: RequestDependencies) {
	return async ({ ack, body }: RejectArgs): Promise<void> => {
		await ack();

		const clickerId = body.user.id;
		const id = requestIdOf(body);
		try {
			if (id !== undefined) {
				await expireIfDue(id, dependencies, clickedMessage(body));
			}
			const request =
				id === undefined ? undefined : await loadView(id, dependencies);
			if (request === undefined) {
				await answer(body, { kind: "not_found" }, dependencies);
				return;
			}
			if (request.record.status !== "pending") {
				await answer(
					body,
					{ kind: "already", because: "status", request },
					dependencies,
				);
				return;
			}

			const check = await checkApprover(
				dependencies.approvals.policy,
				request.operation,
				requesterOf(request),
				clickerId,
				dependencies.approvals.directory,
			);
			if (!check.allowed || !check.counts) {
				const reason = check.reason === "self" ? "self" : "not_approver";
				await answer(body, { kind: "refused", reason, request }, dependencies);
				return;
			}

			await dependencies.client.views
				.open({ trigger_id: body.trigger_id, view: rejectView(request) })
				.catch((error: unknown) => {
					dependencies.log.warn("Opening the reject form failed", {
						requestId: request.record.id,
						user: clickerId,
						slackError: describeSlackError(error),
					});
				});
		} catch (error) {
			await replyToFailure(body, error, dependencies);
		}
	};
}

async function answer(
	click: ButtonClick,
	result: Parameters<typeof clickReply>[0],
	dependencies: RequestDependencies,
): Promise<void> {
	const approvers =
		result.kind === "refused"
			? approversFor(dependencies.approvals, {
					operation: result.request.operation,
					requester: requesterOf(result.request),
				})
			: undefined;
	const message = clickReply(result, "reject", click.user.id, approvers);
	if (message !== undefined) {
		await replyToClicker(click, message, dependencies);
	}
}
