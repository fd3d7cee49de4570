import type { Context } from "aws-lambda";
import {
	createWorkerRuntime,
	type WorkerRuntime,
	type WorkerRuntimeOptions,
} from "./worker-runtime";

/**
 * The record Lambda sends to an on-failure destination after an asynchronous invocation's last
 * retry failed. Only the fields used here are typed.
 */
export interface FailedInvocationRecord {
	requestContext?: { condition?: string; approximateInvokeCount?: number };
	requestPayload?: unknown;
}

export type JobFailedHandler = (
	event: FailedInvocationRecord,
	context: Context,
) => Promise<void>;

/**
 * Creates the handler of the worker's on-failure destination. It marks the job's request failed and
 * tells the requester; see `reportFailedJob`. A record that names no run job is logged and dropped.
 */
export function createJobFailedHandler(
	options: WorkerRuntimeOptions | WorkerRuntime = {},
): JobFailedHandler {
	const runtime = "run" in options ? options : createWorkerRuntime(options);
	return async (event, context) => {
		runtime.addContext(context);
		const payload = (event.requestPayload ?? {}) as Record<string, unknown>;
		if (payload.type !== "run" || typeof payload.requestId !== "string") {
			runtime.log.error("Failed invocation record names no run job", {
				condition: event.requestContext?.condition,
			});
			return;
		}
		await runtime.reportFailed({ type: "run", requestId: payload.requestId });
	};
}

/** Lambda entry point of the worker's on-failure destination. */
export const handler = createJobFailedHandler();
