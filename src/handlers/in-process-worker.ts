import type { Settings } from "../config";
import type { Log } from "../logging";
import { type Worker, WorkerQueryError } from "../slack/jobs";
import {
	createWorkerRuntime,
	type WorkerRuntime,
	type WorkerRuntimeOptions,
} from "./worker-runtime";

/**
 * Runs the worker in the slack handler's own process, as the sandbox and most tests do. Jobs run
 * before `start` resolves, and a failed job is logged, since no Lambda retries it here.
 */
export function createInProcessWorker(
	runtime: WorkerRuntime,
	log: Log,
): Worker {
	return {
		runsInline: true,
		async start(job) {
			try {
				await runtime.run(job);
			} catch (error) {
				log.error("Job failed in the in-process worker", {
					requestId: job.requestId,
					error: error instanceof Error ? error.name : typeof error,
					errorMessage: error instanceof Error ? error.message : undefined,
				});
			}
		},
		async ask(query, deadlineMs) {
			let timer: NodeJS.Timeout | undefined;
			const deadline = new Promise<never>((_, reject) => {
				timer = setTimeout(
					() => reject(new WorkerQueryError(query.type, "Timeout")),
					deadlineMs,
				);
			});
			const answer = runtime.answer(query);
			// An answer that comes after the deadline is dropped, so it must not reject unhandled.
			answer.catch(() => undefined);
			try {
				return await Promise.race([answer, deadline]);
			} finally {
				clearTimeout(timer);
			}
		},
	};
}

/**
 * Returns the `worker` option of `createSlackHandler` for a worker in the same process, built from
 * the same environment. The runtime is created when the slack handler first needs its worker.
 */
export function inProcessWorker(
	options: WorkerRuntimeOptions,
): (settings: Settings, log: Log) => Worker {
	return (_settings, log) =>
		createInProcessWorker(
			createWorkerRuntime({ ...options, logger: options.logger ?? log }),
			log,
		);
}
