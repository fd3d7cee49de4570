import { createWorkerRuntime } from "../../src/handlers/worker-runtime";
import type { RunJob } from "../../src/slack/jobs";

/**
 * Runs one worker job in its own process, with settings and secrets from this process's
 * environment and the job as JSON in `argv[2]`. A test ends the process with SIGKILL to stand for
 * a Lambda container that dies mid-run.
 */
async function main(): Promise<void> {
	const job = JSON.parse(process.argv[2] ?? "{}") as RunJob;
	const runtime = createWorkerRuntime({ env: process.env });
	await runtime.run(job, 60_000);
	await runtime.close();
}

void main();
