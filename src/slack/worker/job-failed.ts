import { t } from "../../i18n";
import { parseStoredOperation } from "../../operations/approvals";
import { OperationError } from "../../operations/errors";
import { operationErrorMessage } from "../blocks";
import { section } from "../blocks/mrkdwn";
import type { RunJob } from "../jobs";
import type { MessageDependencies } from "../listeners/actions/effects";
import { reportResult } from "./report";
import { JobInProgressError } from "./run-job";

/**
 * Records a job whose every delivery failed and tells the requester. The request is marked failed
 * with `job_failed` only while no run holds a live lease on it, so a finished request keeps its
 * outcome. While a run still holds the request it throws `JobInProgressError`, so that Lambda
 * delivers the report again after the lease has ended. The message says that the operation may be
 * half done and what to check, because a run may have stopped after SAKURA did the work.
 */
export async function reportFailedJob(
	job: RunJob,
	dependencies: MessageDependencies,
): Promise<void> {
	const { store, log } = dependencies.approvals;
	const now = (dependencies.approvals.clock ?? (() => new Date()))();
	const ids = { requestId: job.requestId };

	const result = await store.abandon(job.requestId, now, "job_failed");
	if (result.kind === "unchanged" && result.record.status === "running") {
		// The last delivery's run still holds its lease; this report is delivered again later.
		throw new JobInProgressError(
			job.requestId,
			result.record.leaseUntil ?? result.record.updatedAt,
		);
	}
	if (result.kind !== "changed") {
		log.info("Failed job needs no report: the request is not waiting", {
			...ids,
			result: result.kind,
			status: result.kind === "unchanged" ? result.record.status : undefined,
		});
		return;
	}
	log.error("Request failed: every delivery of its job failed", {
		...ids,
		operation: result.record.kind,
		requester: result.record.requester.userId,
	});

	const operation = parseStoredOperation(result.record.operation);
	if (operation === undefined) {
		return;
	}
	const error = new OperationError("job_failed");
	await reportResult(
		{ record: result.record, operation },
		{
			ok: false,
			errorCode: error.code,
			render: () => operationErrorMessage(error, operation),
		},
		dependencies,
	);
}

/**
 * Fails a job that cannot run until an admin fixes the bot's SAKURA secret, and tells the
 * requester that the bot is misconfigured. A request that a run already holds is left alone.
 */
export async function reportMisconfiguredJob(
	job: RunJob,
	dependencies: MessageDependencies,
): Promise<void> {
	const { store, log } = dependencies.approvals;
	const now = (dependencies.approvals.clock ?? (() => new Date()))();

	const result = await store.abandon(job.requestId, now, "misconfigured");
	if (result.kind !== "changed") {
		log.warn("Misconfigured worker left a request unchanged", {
			requestId: job.requestId,
			result: result.kind,
		});
		return;
	}
	const operation = parseStoredOperation(result.record.operation);
	if (operation === undefined) {
		return;
	}
	const render = () => {
		const text = t("app.misconfigured");
		return { text, blocks: [section(text)] };
	};
	await reportResult(
		{ record: result.record, operation },
		{ ok: false, errorCode: "misconfigured", render },
		dependencies,
	);
}
