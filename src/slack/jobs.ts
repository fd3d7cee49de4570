import type { Operation } from "../operations/types";
import type { Registry } from "../sakura/types";

/**
 * A job for the worker: run the stored request with this id. It carries nothing else, because the
 * stored request says what to run and for whom; a job delivered twice names the same request, and
 * the request's conditional claim lets only one delivery run it.
 */
export interface RunJob {
	type: "run";
	requestId: string;
}

/**
 * A question that only the worker can answer, because only the worker has the SAKURA token:
 * the registry list for the registry picker, and the check before a request waits for approvers.
 */
export type WorkerQuery =
	| { type: "registries" }
	| { type: "precheck"; operation: Operation };

/** The worker's reply to a `WorkerQuery`, as plain JSON. */
export type QueryAnswer =
	| { type: "registries"; registries: Registry[] }
	| { type: "precheck"; operation: Operation }
	/** The check refused the operation with an OperationError code and its message parameters. */
	| { type: "refused"; code: string; params: Record<string, string> };

/** Every event the worker function accepts. */
export type WorkerEvent = RunJob | WorkerQuery;

/** The slack function's connection to the worker. */
export interface Worker {
	/**
	 * True when `start` resolves only after the job has run, as in the sandbox. Bolt's
	 * AwsLambdaReceiver sends the ack body only after the listener returns, so an inline job's
	 * result would reach Slack before a "working" ack. The listener therefore acks empty.
	 */
	readonly runsInline: boolean;
	/**
	 * Hands a job to the worker. A remote worker resolves once the job is accepted and rejects when
	 * it was not. An inline one runs it and reports its failures to the requester itself.
	 */
	start(job: RunJob): Promise<void>;
	/**
	 * Sends the worker a query and waits at most `deadlineMs` for its reply.
	 * @throws WorkerQueryError when no reply came in time or the worker failed.
	 */
	ask(query: WorkerQuery, deadlineMs: number): Promise<QueryAnswer>;
}

/** The worker did not reply to a query in time, or failed while replying. */
export class WorkerQueryError extends Error {
	constructor(
		readonly query: WorkerQuery["type"],
		/** `timeout`, or the failure's name. */
		readonly reason: string,
		options?: { cause?: unknown },
	) {
		super(`The worker did not answer the ${query} query: ${reason}`, options);
		this.name = "WorkerQueryError";
	}
}
