import type { LambdaInvoker } from "../aws/lambda-invoke";
import { type QueryAnswer, type Worker, WorkerQueryError } from "../slack/jobs";

/**
 * Reaches the worker function through Lambda: jobs as asynchronous invocations, which Lambda
 * retries and finally hands to the on-failure destination, and queries as synchronous ones with a
 * deadline inside Slack's 3-second window.
 */
export function createRemoteWorker(invoker: LambdaInvoker): Worker {
	return {
		runsInline: false,
		start: (job) => invoker.invokeAsync(job),
		async ask(query, deadlineMs) {
			let answer: unknown;
			try {
				answer = await invoker.invokeSync(query, deadlineMs);
			} catch (error) {
				const reason = (error as { reason?: unknown }).reason;
				throw new WorkerQueryError(
					query.type,
					typeof reason === "string" ? reason : "InvokeFailed",
					{ cause: error },
				);
			}
			if (!isAnswer(answer)) {
				throw new WorkerQueryError(query.type, "InvalidAnswer");
			}
			return answer;
		},
	};
}

function isAnswer(value: unknown): value is QueryAnswer {
	const type = (value as { type?: unknown } | null | undefined)?.type;
	if (type === "registries") {
		return Array.isArray((value as { registries?: unknown }).registries);
	}
	if (type === "precheck") {
		return typeof (value as { operation?: unknown }).operation === "object";
	}
	if (type === "refused") {
		return typeof (value as { code?: unknown }).code === "string";
	}
	return false;
}
