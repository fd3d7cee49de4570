import { t, withLocale } from "../../i18n";
import type { RequestView } from "../../operations/approvals";
import type { SlackMessage } from "../blocks";
import { approvedOutcomeDm } from "../blocks/request-status";
import { ResponseUrlError } from "../errors";
import {
	dmRequester,
	type MessageDependencies,
	rewriteCard,
} from "../listeners/actions/effects";
import { postToResponseUrl } from "../response-url";
import type { RunResult } from "../run-to-message";

/** The report of a finished run: whether it succeeded, its code when not, and its message. */
export type RunReport = Pick<RunResult, "render"> &
	({ ok: true } | { ok: false; errorCode: string });

/**
 * Tells people how a run ended. A request that waited for approvers gets its card rewritten and a
 * DM to the requester. A request that ran at once answers where it was asked: the command's
 * response_url, or a DM when it came from a form, which has none. When the response_url post fails
 * (the URL expired after 30 minutes or 5 uses, or Slack failed), the same message goes by DM
 * instead. Failures to post are logged and not raised, because the outcome is already recorded.
 */
export async function reportResult(
	request: RequestView,
	result: RunReport,
	dependencies: MessageDependencies,
): Promise<void> {
	if (request.record.requiredApprovals > 0) {
		await rewriteCard(request, dependencies, {
			failure: result.ok ? undefined : () => cardFailure(result),
		});
		await dmRequester(
			request,
			() => approvedOutcomeDm(request, result.ok, result.render()),
			dependencies,
		);
		return;
	}

	const responseUrl = request.record.origin?.responseUrl;
	if (responseUrl === undefined) {
		await dmRequester(request, result.render, dependencies);
		return;
	}
	const locale = await dependencies.locales.forUser(
		request.record.requester.userId,
	);
	const message: SlackMessage = withLocale(locale, result.render);
	try {
		await postToResponseUrl(responseUrl, message);
	} catch (error) {
		dependencies.log.error(
			"Posting the command result to response_url failed; sending it by DM",
			{
				requestId: request.record.id,
				team: request.record.requester.teamId,
				user: request.record.requester.userId,
				channel: request.record.origin?.channelId,
				operation: request.record.kind,
				error: error instanceof ResponseUrlError ? error.code : String(error),
			},
		);
		// NOTE: a post that timed out may still have arrived, so the requester may see it twice.
		await dmRequester(request, result.render, dependencies);
	}
}

/**
 * Returns the failure line for the approval card, which approvers read, in the current locale. A
 * failed credentials DM is explained to the requester in their own DM, so the card states what
 * happened in the third person.
 */
function cardFailure(result: RunReport & { ok: false }): string {
	if (result.errorCode === "credentials_undelivered") {
		return t("request.card_credentials_undelivered");
	}
	return result.render().text;
}
