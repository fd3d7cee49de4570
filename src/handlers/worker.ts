import type { Context } from "aws-lambda";
import { parseStoredOperation } from "../operations/approvals";
import type { QueryAnswer, WorkerEvent } from "../slack/jobs";
import {
	createWorkerRuntime,
	type WorkerRuntime,
	type WorkerRuntimeOptions,
} from "./worker-runtime";

export type WorkerHandler = (
	event: unknown,
	context: Context,
) => Promise<QueryAnswer | undefined>;

/**
 * Creates the worker's Lambda handler. A `run` job arrives as an asynchronous invocation: it
 * returns nothing, and a thrown error makes Lambda deliver the job again. A query arrives as a
 * synchronous invocation from the slack function and returns the answer.
 * @throws Error for an event of no known shape, which no caller of ours sends.
 */
export function createWorkerHandler(
	options: WorkerRuntimeOptions | WorkerRuntime = {},
): WorkerHandler {
	const runtime = "run" in options ? options : createWorkerRuntime(options);
	return async (event, context) => {
		runtime.addContext(context);
		const parsed = parseWorkerEvent(event);
		if (parsed.type === "run") {
			await runtime.run(parsed, context.getRemainingTimeInMillis());
			return undefined;
		}
		return runtime.answer(parsed);
	};
}

/**
 * Checks the shape of an event before anything acts on it.
 * @throws Error naming the problem; the event itself is not quoted.
 */
export function parseWorkerEvent(event: unknown): WorkerEvent {
	const fields = (event ?? {}) as Record<string, unknown>;
	if (fields.type === "run" && typeof fields.requestId === "string") {
		return { type: "run", requestId: fields.requestId };
	}
	if (fields.type === "registries") {
		return { type: "registries" };
	}
	if (fields.type === "precheck" && typeof fields.operation === "object") {
		const operation = parseStoredOperation(
			fields.operation as Record<string, unknown>,
		);
		if (operation !== undefined) {
			return { type: "precheck", operation };
		}
	}
	throw new Error(
		`The worker got an event it does not accept (type ${JSON.stringify(String(fields.type)).slice(0, 40)})`,
	);
}

/** Lambda entry point of the worker function. */
export const handler = createWorkerHandler();
