import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { bundleHandler } from "./bundle";
import { type ColdStartReport, RESULT_PREFIX } from "./cold-report";

/** A child that has not printed its report after this long is ended, and the run fails. */
const CHILD_TIMEOUT_MS = 30_000;

/** One handler to start cold: its bundle, its environment and the request it gets. */
export interface ColdStartTarget {
	/** Name used in file names and errors, such as `bot` or `baseline`. */
	name: string;
	handlerFile: string;
	/** The child's whole environment; nothing of the parent's environment is passed on. */
	env: NodeJS.ProcessEnv;
	/** Builds the signed event just before the spawn, so its timestamp is fresh. */
	event: () => APIGatewayProxyEventV2;
	/** Throws when the response is not the expected ack, so a failing handler is never reported as timed. */
	check: (report: ColdStartReport) => void;
}

export interface ColdStartSample {
	/** From just before `spawn` to the moment the child's response was ready. */
	totalMs: number;
	report: ColdStartReport;
}

/** Bundles the child program that loads a handler and sends it one request. */
export function bundleColdChild(outDir: string): Promise<string> {
	return bundleHandler(
		join(__dirname, "cold-child.ts"),
		outDir,
		"cold-child",
		"base",
	);
}

/**
 * Starts one fresh `node` process that loads `target.handlerFile` and sends it its first request,
 * and returns the time from spawn to the response. The event is written to `workDir` first, so
 * reading it costs the child a small file read.
 * @throws Error when the child fails, prints no report, or runs longer than 30 seconds.
 */
export async function measureColdStart(
	childFile: string,
	target: ColdStartTarget,
	workDir: string,
): Promise<ColdStartSample> {
	const eventFile = join(workDir, `${target.name}-event.json`);
	await writeFile(eventFile, JSON.stringify(target.event()));

	const spawnedAt = performance.timeOrigin + performance.now();
	const output = await runChild(
		process.execPath,
		[childFile, target.handlerFile, eventFile],
		target.env,
	);

	const line = output.stdout
		.split("\n")
		.find((candidate) => candidate.startsWith(RESULT_PREFIX));
	if (line === undefined) {
		throw new Error(
			`The ${target.name} cold start child printed no result (exit code ${output.code}): ${output.stderr.slice(0, 2000)}`,
		);
	}
	const report = JSON.parse(
		line.slice(RESULT_PREFIX.length),
	) as ColdStartReport;
	target.check(report);
	return { totalMs: report.answeredAtMs - spawnedAt, report };
}

interface ChildOutput {
	code: number | null;
	stdout: string;
	stderr: string;
}

function runChild(
	command: string,
	args: string[],
	env: NodeJS.ProcessEnv,
): Promise<ChildOutput> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			env,
			stdio: ["ignore", "pipe", "pipe"],
		});
		let stdout = "";
		let stderr = "";
		child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
			stdout += chunk;
		});
		child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
			stderr += chunk;
		});

		const timer = setTimeout(() => {
			child.kill("SIGKILL");
			reject(
				new Error(
					`A cold start child ran longer than ${CHILD_TIMEOUT_MS} ms and was ended`,
				),
			);
		}, CHILD_TIMEOUT_MS);
		child.once("error", (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once("close", (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr });
		});
	});
}
