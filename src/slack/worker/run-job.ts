import { randomBytes } from "node:crypto";
import { withLocale } from "../../i18n";
import {
	finishRequest,
	parseStoredOperation,
	type RequestView,
} from "../../operations/approvals";
import type { RequestRecord } from "../../store/types";
import { unexpectedErrorMessage } from "../blocks";
import type { RunJob } from "../jobs";
import { requesterOf } from "../listeners/actions/effects";
import { runToMessage } from "../run-to-message";
import { describeSlackError } from "../web-api-errors";
import type { WorkerDependencies } from "./dependencies";
import { reportResult } from "./report";

/**
 * Another run holds the request under a lease that has not ended. The job is thrown back so that
 * Lambda delivers it again later: by then that run has finished, or its lease has ended and this
 * job takes the request over.
 */
export class JobInProgressError extends Error {
	constructor(
		readonly requestId: string,
		readonly leaseUntil: string,
	) {
		super(
			`Request ${requestId} is being run by another job until ${leaseUntil}`,
		);
		this.name = "JobInProgressError";
	}
}

/**
 * Time added to a Lambda invocation's remaining time, so a lease outlasts the run that holds it and
 * the 60-second change lease on a registry user that the run may have taken last. A retry that takes
 * the request over then never finds the user locked by the run it replaces.
 */
const LEASE_MARGIN_MS = 60_000;

export interface RunJobOptions {
	/** Milliseconds the invocation may still run, from Lambda's `getRemainingTimeInMillis`. */
	remainingMs?: number;
}

/**
 * Runs the stored request a job names, at most once however often the job is delivered.
 *
 * - An `approved` request is claimed with a conditional write; of two deliveries, one claims it
 *   and the other finds it running.
 * - A `running` request whose lease has ended belongs to a run that stopped (a crash or a
 *   timeout) without recording an outcome. This job takes it over and runs it in recovery mode,
 *   where a create first looks whether the earlier run already made what it asked for.
 * - A `running` request under a live lease throws `JobInProgressError`, so Lambda retries later.
 * - Any other status means the request is finished, cancelled or not approved: nothing runs.
 *
 * The outcome is recorded, then reported: on the approval card and in the requester's DM, or, for
 * a request that ran at once, to the command's response_url. When SAKURA rejected the bot's API
 * key, the admin channel is alerted too, once per key and day.
 */
export async function runJob(
	job: RunJob,
	dependencies: WorkerDependencies,
	options: RunJobOptions = {},
): Promise<void> {
	const { store, log } = dependencies.approvals;
	const ids = { requestId: job.requestId };

	const record = await store.get(job.requestId);
	if (record === undefined) {
		log.warn("Job names no stored request", ids);
		return;
	}
	const operation = parseStoredOperation(record.operation);
	if (operation === undefined) {
		await failInvalid(record, dependencies);
		return;
	}

	const claimed = await claim(record, dependencies, options);
	if (claimed === undefined) {
		return;
	}
	const request: RequestView = { record: claimed.record, operation };
	const requester = requesterOf(request);
	const runIds = {
		...ids,
		operation: record.kind,
		requester: requester.userId,
		team: requester.teamId,
		attempt: claimed.record.attempt,
	};

	const result = await runToMessage(
		operation,
		requester,
		dependencies,
		runIds,
		{
			recovering: claimed.recovering,
			grants: dependencies.grantBookFor?.(claimed.record),
		},
	);
	const finished = await finishRequest(
		record.id,
		result.ok ? { ok: true } : { ok: false, errorCode: result.errorCode },
		dependencies.approvals,
	).catch((error: unknown) => {
		log.error("Recording the outcome of a request failed", {
			...runIds,
			error: error instanceof Error ? error.name : typeof error,
		});
		return undefined;
	});

	const at = (dependencies.approvals.clock ?? (() => new Date()))();
	const latest: RequestView = {
		operation,
		record: finished ?? {
			...claimed.record,
			status: result.ok ? "succeeded" : "failed",
			result: result.ok
				? { at: at.toISOString() }
				: { at: at.toISOString(), errorCode: result.errorCode },
		},
	};
	await reportResult(latest, result, dependencies);
	if (!result.ok && result.errorCode === "sakura_unauthorized") {
		await dependencies.alerts?.sakuraUnauthorized();
	}
}

/**
 * Claims the request for this job, or returns undefined when this job must not run it.
 * @throws JobInProgressError while another run's lease lasts.
 */
async function claim(
	record: RequestRecord,
	dependencies: WorkerDependencies,
	options: RunJobOptions,
): Promise<{ record: RequestRecord; recovering: boolean } | undefined> {
	const { store, log } = dependencies.approvals;
	const now = (dependencies.approvals.clock ?? (() => new Date()))();
	const leaseMs =
		options.remainingMs === undefined
			? dependencies.defaultLeaseMs
			: options.remainingMs + LEASE_MARGIN_MS;
	const leaseUntil = new Date(now.getTime() + leaseMs);
	const claimant = (dependencies.newClaimant ?? newClaimant)();
	const ids = { requestId: record.id, status: record.status };

	if (record.status === "approved") {
		const result = await store.claim(record.id, now, claimant, leaseUntil);
		if (result.kind === "changed") {
			return { record: result.record, recovering: false };
		}
		if (result.kind === "not_found") {
			return undefined;
		}
		// Another delivery claimed it between the read and the write.
		return claimRunning(result.record, dependencies, now, {
			claimant,
			leaseUntil,
		});
	}
	if (record.status === "running") {
		return claimRunning(record, dependencies, now, { claimant, leaseUntil });
	}

	log.info("Job skipped: the request is not waiting to run", ids);
	return undefined;
}

async function claimRunning(
	record: RequestRecord,
	dependencies: WorkerDependencies,
	now: Date,
	next: { claimant: string; leaseUntil: Date },
): Promise<{ record: RequestRecord; recovering: boolean } | undefined> {
	const { store, log } = dependencies.approvals;
	const ids = { requestId: record.id, status: record.status };
	if (record.status !== "running") {
		log.info("Job skipped: the request is not waiting to run", ids);
		return undefined;
	}

	const leaseUntil = record.leaseUntil ?? record.updatedAt;
	if (record.claimant === undefined || now.getTime() < Date.parse(leaseUntil)) {
		throw new JobInProgressError(record.id, leaseUntil);
	}

	const result = await store.takeOver(
		record.id,
		now,
		record.claimant,
		next.claimant,
		next.leaseUntil,
	);
	if (result.kind !== "changed") {
		// Another retry took it over first, or it finished in between.
		log.info("Job skipped: another run took the request over", ids);
		return undefined;
	}
	log.warn("Taking over a request whose earlier run stopped", {
		...ids,
		attempt: result.record.attempt,
	});
	return { record: result.record, recovering: true };
}

/**
 * Fails a request whose stored operation no longer parses, which no run can carry out, and tells
 * the requester with a reference that the log line also has. Nothing is sent to SAKURA.
 */
async function failInvalid(
	record: RequestRecord,
	dependencies: WorkerDependencies,
): Promise<void> {
	const { store, log } = dependencies.approvals;
	const now = (dependencies.approvals.clock ?? (() => new Date()))();
	const reference = randomBytes(4).toString("hex");
	log.error("Stored request has an invalid operation", {
		requestId: record.id,
		kind: record.kind,
		reference,
	});
	const failed = await store.abandon(record.id, now, "invalid_request");
	if (failed.kind !== "changed") {
		return;
	}
	const locale = await dependencies.locales.forUser(record.requester.userId);
	const message = withLocale(locale, () => unexpectedErrorMessage(reference));
	try {
		await dependencies.client.chat.postMessage({
			channel: record.requester.userId,
			text: message.text,
			blocks: message.blocks,
		});
	} catch (error) {
		log.warn("DM to the requester failed", {
			requestId: record.id,
			slackError: describeSlackError(error),
		});
	}
}

/** 128 random bits, so one run's claim cannot be mistaken for another's. */
function newClaimant(): string {
	return randomBytes(16).toString("base64url");
}
