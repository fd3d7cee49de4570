import { availableParallelism, cpus, loadavg } from "node:os";
import { type Sandbox, startSandbox } from "../../src/sandbox/start";
import { type ApprovalRoundResult, runApprovalRound } from "./load/approvals";
import { ResponseIndex } from "./load/replies";
import { renderApprovalTable, renderTrafficTable } from "./load/table";
import { type KindResult, runMixedTraffic } from "./load/traffic";

/** Recorded slash commands, spread over help, list and show. */
const COMMANDS = 1000;
/** Recorded Approve clicks on a finished request. */
const CLICKS = 1000;
/** Handler calls in flight at once during the mixed load. */
const CONCURRENCY = 100;
/** Unrecorded requests of the same mix sent first. */
const WARMUP_REQUESTS = 200;
/** Rounds of concurrent approvals, each of a fresh request. */
const APPROVAL_ROUNDS = 5;
/** Approve clicks sent at once in each round. */
const APPROVAL_CLICKS = 50;
/** A handler call that has not returned after this many milliseconds counts as lost. */
const LOST_AFTER_MS = 10_000;
/** The whole run is stopped with exit code 1 if it has not ended after this many milliseconds. */
const RUN_LIMIT_MS = 5 * 60_000;

/** Registry that the setup of the mixed load creates, and that list and show look for. */
const LOAD_REGISTRY = "load-images";

/**
 * Puts the Slack handler under concurrent load against the sandbox stand-ins on 127.0.0.1, in
 * one process: a mix of signed slash commands and Approve clicks, `CONCURRENCY` at a time, then
 * rounds of `APPROVAL_CLICKS` simultaneous approvals of one request. It prints a Markdown table of
 * each, and exits with code 1 when a request was lost or failed, or a round did not run its
 * request exactly once.
 *
 * NOTE: acks slower than Slack's 3-second deadline are counted in the table but do not fail the
 * run. Here one process serves all `CONCURRENCY` calls in flight, so they queue for the CPU, while Lambda
 * gives each concurrent request its own container.
 */
async function main(): Promise<void> {
	const watchdog = setTimeout(() => {
		console.error(`The load run did not end within ${RUN_LIMIT_MS} ms`);
		process.exit(1);
	}, RUN_LIMIT_MS);
	watchdog.unref();
	printMachine();

	let sandbox: Sandbox | undefined;
	try {
		// An empty environment keeps real SAKURA credentials out, so the emulator serves every call,
		// and leaves LOG_LEVEL unset, which the sandbox turns into SILENT.
		sandbox = await startSandbox({ env: {} });

		console.log(
			`Mixed load: ${WARMUP_REQUESTS} unrecorded, then ${COMMANDS} slash commands and ${CLICKS} clicks, ${CONCURRENCY} at a time…`,
		);
		const traffic = await runMixedTraffic(sandbox, {
			commands: COMMANDS,
			clicks: CLICKS,
			concurrency: CONCURRENCY,
			warmupRequests: WARMUP_REQUESTS,
			lostAfterMs: LOST_AFTER_MS,
			registryName: LOAD_REGISTRY,
		});

		console.log(
			`Concurrent approvals: ${APPROVAL_ROUNDS} rounds of ${APPROVAL_CLICKS} clicks on one request…`,
		);
		const rounds = await runApprovalRounds(sandbox);

		console.log("");
		console.log(renderTrafficTable(traffic));
		console.log("");
		console.log(renderApprovalTable(rounds));
		console.log("");
		printProblems(traffic, rounds);
		console.log(`Load average after the run: ${formatLoad()}`);

		const lostOrFailed = traffic.reduce(
			(sum, result) => sum + result.lost + result.failed,
			0,
		);
		const failedRounds = rounds.filter((round) => !round.passed).length;
		if (lostOrFailed > 0 || failedRounds > 0) {
			console.error(
				`FAILED: ${lostOrFailed} requests lost or failed, ${failedRounds} of ${rounds.length} approval rounds not exactly once`,
			);
			process.exitCode = 1;
		}
	} finally {
		await sandbox?.close();
		clearTimeout(watchdog);
	}
}

async function runApprovalRounds(
	sandbox: Sandbox,
): Promise<ApprovalRoundResult[]> {
	const replies = new ResponseIndex(sandbox.slack);
	const rounds: ApprovalRoundResult[] = [];
	try {
		for (let round = 1; round <= APPROVAL_ROUNDS; round += 1) {
			rounds.push(
				await runApprovalRound(sandbox, replies, `load-approvals-${round}`, {
					clicks: APPROVAL_CLICKS,
					lostAfterMs: LOST_AFTER_MS,
				}),
			);
		}
	} finally {
		replies.close();
	}
	return rounds;
}

function printProblems(
	traffic: readonly KindResult[],
	rounds: readonly ApprovalRoundResult[],
): void {
	for (const result of traffic) {
		for (const problem of result.problems) {
			console.log(`${result.name}: ${problem}`);
		}
	}
	rounds.forEach((round, index) => {
		for (const reply of round.otherReplies.slice(0, 3)) {
			console.log(`Approval round ${index + 1}: other reply: ${reply}`);
		}
	});
}

function printMachine(): void {
	const cpu = cpus()[0]?.model ?? "unknown CPU";
	console.log(`Date: ${new Date().toISOString()}`);
	console.log(
		`Machine: ${availableParallelism()} CPUs (${cpu}), Node ${process.version}`,
	);
	console.log(`Load average before the run: ${formatLoad()}`);
}

function formatLoad(): string {
	return loadavg()
		.map((value) => value.toFixed(2))
		.join(", ");
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
