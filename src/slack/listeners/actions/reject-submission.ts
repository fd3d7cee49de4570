import { randomBytes } from "node:crypto";
import type {
	AllMiddlewareArgs,
	SlackViewMiddlewareArgs,
	ViewSubmitAction,
} from "@slack/bolt";
import { t } from "../../../i18n";
import {
	type DecisionResult,
	rejectRequest,
} from "../../../operations/approvals";
import {
	REJECT_REASON_ACTION_ID,
	REJECT_REASON_BLOCK_ID,
	REJECT_REASON_MAX_LENGTH,
	rejectResultView,
} from "../../blocks/reject-view";
import { clickReply, rejectedDm } from "../../blocks/request-status";
import { DirectoryError } from "../../directory";
import type { RequestDependencies } from "../../requests";
import { dmRequester, expireIfDue, isRequestId, rewriteCard } from "./effects";

type RejectSubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> &
	AllMiddlewareArgs;

/**
 * Creates the listener of the reject form's submission. The request id comes from the view's
 * `private_metadata`, and `rejectRequest` checks the stored request and the clicker again, because
 * anything may have changed since the form opened. A rejection closes the form, rewrites the card
 * and DMs the requester. A clicker who may not reject sees why under the reason input. When the
 * request was decided meanwhile, a note that states so replaces the form.
 */
export function rejectSubmissionListener(dependencies: RequestDependencies) {
	return async ({ ack, body, view }: RejectSubmitArgs): Promise<void> => {
		const id = view.private_metadata;
		const clickerId = body.user.id;
		const reason = (
			view.state.values[REJECT_REASON_BLOCK_ID]?.[REJECT_REASON_ACTION_ID]
				?.value ?? ""
		)
			.trim()
			.slice(0, REJECT_REASON_MAX_LENGTH);

		let result: DecisionResult = { kind: "not_found" };
		try {
			if (isRequestId(id)) {
				await expireIfDue(id, dependencies);
				result = await rejectRequest(
					id,
					clickerId,
					reason,
					dependencies.approvals,
				);
			}
		} catch (error) {
			await ack(errorsFor(submissionFailure(error, id, dependencies)));
			return;
		}
		dependencies.log.info("Reject form submitted", {
			requestId: id,
			user: clickerId,
			team: body.user.team_id,
			result: result.kind,
		});

		if (result.kind === "rejected") {
			await ack();
			await rewriteCard(result.request, dependencies);
			await dmRequester(
				result.request,
				() => rejectedDm(result.request),
				dependencies,
			);
			return;
		}
		if (result.kind === "refused") {
			await ack(
				errorsFor(
					t(
						result.reason === "self"
							? "request.click.self_reject"
							: "request.click.not_approver",
					),
				),
			);
			return;
		}
		const message = clickReply(result, "reject", clickerId);
		await ack({
			response_action: "update",
			view: rejectResultView(message?.text ?? t("request.click.not_found")),
		});
	};
}

/** Builds the ack that shows `text` under the reason input; Slack shows it as plain text. */
function errorsFor(text: string) {
	return {
		response_action: "errors" as const,
		errors: { [REJECT_REASON_BLOCK_ID]: text },
	};
}

function submissionFailure(
	error: unknown,
	id: string,
	dependencies: RequestDependencies,
): string {
	if (error instanceof DirectoryError) {
		dependencies.log.warn("Permission check failed", {
			requestId: id,
			method: error.method,
			error: error.code,
		});
		return t("request.permission_check_failed");
	}
	const reference = randomBytes(4).toString("hex");
	dependencies.log.error("Handling the reject form failed", {
		requestId: id,
		reference,
		error: error instanceof Error ? error.name : typeof error,
		errorMessage: error instanceof Error ? error.message : undefined,
	});
	return t("error.unexpected", { reference });
}
