import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import {
	parseStoredOperation,
	type RequestView,
} from "../../../operations/approvals";
import { checkApprover } from "../../../operations/policy";
import type { RequestRecord } from "../../../store/types";
import { appHomeView } from "../../blocks/app-home";
import type { RequestDependencies } from "../../requests";
import { describeSlackError } from "../../web-api-errors";

type HomeOpenedArgs = SlackEventMiddlewareArgs<"app_home_opened"> &
	AllMiddlewareArgs;

/** Requests of one person the Home tab reads, newest first. */
const RECENT_REQUESTS = 10;

/**
 * Creates the listener that publishes a person's Home tab each time they open it: their
 * credentials, their recent requests, and the requests waiting for their approval. Who may approve
 * is checked against the current policy, as a click on the card would be.
 */
export function appHomeListener(dependencies: RequestDependencies) {
	return async ({ event, client }: HomeOpenedArgs): Promise<void> => {
		if (event.tab !== "home") {
			return;
		}
		const userId = event.user;
		const { store } = dependencies.approvals;

		try {
			const [grants, mine, pending] = await Promise.all([
				dependencies.grants?.listByOwner(userId) ?? [],
				store.listByRequester(userId, RECENT_REQUESTS),
				store.listPending(),
			]);
			const waiting = await waitingFor(userId, pending, dependencies);
			const now = (dependencies.approvals.clock ?? (() => new Date()))();
			await client.views.publish({
				user_id: userId,
				view: appHomeView({
					grants,
					requests: views(mine),
					waiting,
					now,
				}),
			});
		} catch (error) {
			dependencies.log.error("Publishing the Home tab failed", {
				user: userId,
				error: error instanceof Error ? error.name : typeof error,
				slackError: describeSlackError(error),
			});
		}
	};
}

/** Returns the pending requests `userId` may approve now and has not approved yet. */
async function waitingFor(
	userId: string,
	pending: readonly RequestRecord[],
	dependencies: RequestDependencies,
): Promise<RequestView[]> {
	const waiting: RequestView[] = [];
	for (const request of views(pending)) {
		const { record } = request;
		if (
			record.requester.userId === userId ||
			record.approvals.some((approval) => approval.userId === userId)
		) {
			continue;
		}
		const check = await checkApprover(
			dependencies.approvals.policy,
			request.operation,
			record.requester,
			userId,
			dependencies.approvals.directory,
		);
		if (check.allowed && check.counts) {
			waiting.push(request);
		}
	}
	return waiting;
}

/** Pairs records with their checked operations, leaving out any with an invalid stored one. */
function views(records: readonly RequestRecord[]): RequestView[] {
	const result: RequestView[] = [];
	for (const record of records) {
		const operation = parseStoredOperation(record.operation);
		if (operation !== undefined) {
			result.push({ record, operation });
		}
	}
	return result;
}
