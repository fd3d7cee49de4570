import type { Context } from "aws-lambda";
import type { SweepReport } from "../slack/grants/sweep";
import {
	createWorkerRuntime,
	type WorkerRuntime,
	type WorkerRuntimeOptions,
} from "./worker-runtime";

export type SweeperHandler = (
	event: unknown,
	context: Context,
) => Promise<SweepReport>;

/**
 * Creates the handler that EventBridge runs every few minutes. Each run is a whole sweep; one that
 * stops halfway is finished by the next, and two at once do each thing once.
 */
export function createSweeperHandler(
	options: WorkerRuntimeOptions | WorkerRuntime = {},
): SweeperHandler {
	const runtime = "run" in options ? options : createWorkerRuntime(options);
	return async (_event, context) => {
		runtime.addContext(context);
		return runtime.sweep();
	};
}

/** Lambda entry point of the scheduled sweeper. */
export const handler = createSweeperHandler();
