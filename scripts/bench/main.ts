import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { type Sandbox, startSandbox } from "../../src/sandbox/start";
import { createBaselineHandler } from "./baseline-app";
import { bundleHandler, zipBundle } from "./bundle";
import {
	bundleColdChild,
	type ColdStartSample,
	measureColdStart,
} from "./cold-start";
import { baselineColdTarget, botColdTarget } from "./cold-targets";
import { bundleFunctions } from "./functions";
import { renderTable } from "./report";
import {
	expectStatus,
	finishedClickScenario,
	helpScenario,
	listScenario,
	slashCommandEvent,
	type WarmScenario,
} from "./scenarios";
import { measureWarm } from "./warm";

/** Requests per scenario before recording starts. */
const WARMUP_REQUESTS = 100;
/** Recorded requests per warm scenario. */
const WARM_SAMPLES = 1000;
/** Fresh processes per cold start target. */
const COLD_STARTS = 10;

/** Registry that the click scenario's setup creates on the emulator. */
const BENCH_REGISTRY = "bench-images";

const ROOT = join(__dirname, "..", "..");

/**
 * Measures the bot's Slack handler against a minimal Bolt app in one run: warm ack latency,
 * cold start of the bundled handler in a fresh `node` process, and bundle size. It also reports
 * the bundle sizes of the other Lambda functions whose entry files exist. Every server it
 * uses is a sandbox stand-in on 127.0.0.1, and it removes its temporary directory when done.
 */
async function main(): Promise<void> {
	printMachine();
	const workDir = await mkdtemp(join(tmpdir(), "registry-bot-bench-"));
	const onInterrupt = () => {
		rmSync(workDir, { recursive: true, force: true });
		process.exit(130);
	};
	process.once("SIGINT", onInterrupt);

	let sandbox: Sandbox | undefined;
	try {
		console.log("Bundling the Lambda functions with esbuild…");
		const [functions, baselineFile, childFile] = await Promise.all([
			bundleFunctions(ROOT, join(workDir, "functions")),
			// The baseline stays a plain Bolt build without the Lambda trimming: the reference a
			// minimal app gets from esbuild.
			bundleHandler(
				join(__dirname, "baseline-entry.ts"),
				join(workDir, "baseline"),
				"slack",
				"base",
			),
			bundleColdChild(join(workDir, "child")),
		]);
		const slack = functions.find((candidate) => candidate.name === "slack");
		if (slack === undefined) {
			throw new Error("LAMBDA_FUNCTIONS has no slack function");
		}
		if ("skipped" in slack) {
			throw new Error(
				`The slack function cannot be measured: ${slack.skipped}`,
			);
		}
		for (const skipped of functions) {
			if ("skipped" in skipped) {
				console.log(
					`Skipping the ${skipped.name} function: ${skipped.skipped}.`,
				);
			}
		}
		const bundle = slack.bundle;
		const botFile = bundle.file;
		const baselineBundle = await zipBundle(baselineFile);

		// An empty environment keeps real SAKURA credentials out, so the emulator serves every call.
		sandbox = await startSandbox({
			env: {},
			lambdaWorker: true,
			holdWorkerJobs: true,
		});
		// The click's setup creates the registry that every list request then finds.
		const click = await finishedClickScenario(sandbox, BENCH_REGISTRY);
		const scenarios: WarmScenario[] = [
			helpScenario(sandbox),
			listScenario(sandbox),
			click,
			baselineScenario(sandbox),
		];
		console.log(
			`Warm acks: ${WARMUP_REQUESTS} unrecorded, then ${WARM_SAMPLES} recorded requests per scenario…`,
		);
		const warm = await measureWarm(scenarios, {
			warmupRequests: WARMUP_REQUESTS,
			samples: WARM_SAMPLES,
		});
		const baselineWarm = warm.get(BASELINE_SCENARIO) ?? [];
		warm.delete(BASELINE_SCENARIO);

		console.log(`Cold starts: ${COLD_STARTS} fresh processes per handler…`);
		const botTarget = botColdTarget(sandbox, botFile);
		const baselineTarget = baselineColdTarget(sandbox, baselineFile);
		const coldStart: ColdStartSample[] = [];
		const baselineColdStart: ColdStartSample[] = [];
		// Alternating the two spreads the machine's noise over both.
		for (let run = 0; run < COLD_STARTS; run += 1) {
			coldStart.push(await measureColdStart(childFile, botTarget, workDir));
			baselineColdStart.push(
				await measureColdStart(childFile, baselineTarget, workDir),
			);
		}

		console.log("");
		console.log(
			renderTable({
				warm,
				baselineWarm,
				coldStart,
				baselineColdStart,
				bundle,
				baselineBundle,
				otherFunctions: functions.filter(
					(candidate) => candidate.name !== "slack",
				),
			}),
		);
		console.log("");
		console.log(`Load average after the run: ${formatLoad()}`);
	} finally {
		await sandbox?.close();
		await rm(workDir, { recursive: true, force: true });
		process.off("SIGINT", onInterrupt);
	}
}

const BASELINE_SCENARIO = "baseline";

/** Builds the scenario of the minimal Bolt app, in process, sent the same signed `/registry help`. */
function baselineScenario(sandbox: Sandbox): WarmScenario {
	const signingSecret = randomBytes(16).toString("hex");
	const handler = createBaselineHandler({
		signingSecret,
		botToken: sandbox.slack.botToken,
		slackApiUrl: sandbox.slack.apiUrl,
	});
	return {
		name: BASELINE_SCENARIO,
		handler,
		event: () => slashCommandEvent("help", signingSecret, sandbox.slack),
		check: (response) => {
			expectStatus(response, 200, "the baseline app");
			if (response.body !== "ok") {
				throw new Error(
					`The baseline app acked "${response.body}", expected "ok"`,
				);
			}
		},
	};
}

function printMachine(): void {
	const cpu = cpus()[0]?.model ?? "unknown CPU";
	const memoryGiB = (totalmem() / 1024 ** 3).toFixed(1);
	console.log(`Date: ${new Date().toISOString()}`);
	console.log(
		`Machine: ${cpus().length} CPUs (${cpu}), ${memoryGiB} GiB memory, Node ${process.version}`,
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
