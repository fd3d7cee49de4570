import type { Bundle } from "./bundle";
import type { ColdStartSample } from "./cold-start";
import type { FunctionBundle } from "./functions";
import { formatBytes, formatMs, median, percentile } from "./stats";

/** Targets for later work, as multiples of the baseline or in milliseconds. */
export const TARGETS = {
	/** Every warm ack p99 of the bot, in milliseconds. */
	warmAckP99Ms: 20,
	/** Median cold start of the bot, as a multiple of the baseline's. */
	coldStartRatio: 1.3,
	/** Zipped bundle of the bot, as a multiple of the baseline's. */
	zipRatio: 1.3,
} as const;

export interface BenchResults {
	/** Ack samples of the bot in milliseconds, by scenario name. */
	warm: Map<string, number[]>;
	/** Ack samples of the baseline's trivial command in milliseconds. */
	baselineWarm: number[];
	coldStart: ColdStartSample[];
	baselineColdStart: ColdStartSample[];
	/** The slack function's bundle, built with the options serverless-esbuild deploys with. */
	bundle: Bundle;
	baselineBundle: Bundle;
	/** The other Lambda functions, reported by size only, or skipped with a reason. */
	otherFunctions: readonly FunctionBundle[];
}

type Row = [string, string, string, string, string, string];

/** Renders every figure as a Markdown table: bot, baseline, their ratio, the target and whether it is met. */
export function renderTable(results: BenchResults): string {
	const rows: Row[] = [
		["figure", "bot", "baseline", "bot ÷ baseline", "target", "met"],
	];
	const baselineP50 = percentile(results.baselineWarm, 50);
	const baselineP99 = percentile(results.baselineWarm, 99);

	for (const [name, samples] of results.warm) {
		const p50 = percentile(samples, 50);
		const p99 = percentile(samples, 99);
		const count = samples.length;
		rows.push([
			`warm ack p50, ${name} (n=${count})`,
			formatMs(p50),
			formatMs(baselineP50),
			ratio(p50, baselineP50),
			"",
			"",
		]);
		rows.push([
			`warm ack p99, ${name} (n=${count})`,
			formatMs(p99),
			formatMs(baselineP99),
			ratio(p99, baselineP99),
			`< ${TARGETS.warmAckP99Ms} ms`,
			met(p99 < TARGETS.warmAckP99Ms),
		]);
	}

	const cold = coldSummary(results.coldStart);
	const baselineCold = coldSummary(results.baselineColdStart);
	rows.push([
		`cold start, median of ${results.coldStart.length} (min–max)`,
		`${formatMs(cold.total)} (${formatMs(cold.min)}–${formatMs(cold.max)})`,
		`${formatMs(baselineCold.total)} (${formatMs(baselineCold.min)}–${formatMs(baselineCold.max)})`,
		ratio(cold.total, baselineCold.total),
		`≤ ${TARGETS.coldStartRatio}×`,
		met(cold.total <= TARGETS.coldStartRatio * baselineCold.total),
	]);
	rows.push([
		"cold start part: Node start, median",
		formatMs(cold.nodeStart),
		formatMs(baselineCold.nodeStart),
		ratio(cold.nodeStart, baselineCold.nodeStart),
		"",
		"",
	]);
	rows.push([
		"cold start part: require of the bundle, median",
		formatMs(cold.load),
		formatMs(baselineCold.load),
		ratio(cold.load, baselineCold.load),
		"",
		"",
	]);
	rows.push([
		"cold start part: first request, median",
		formatMs(cold.firstRequest),
		formatMs(baselineCold.firstRequest),
		ratio(cold.firstRequest, baselineCold.firstRequest),
		"",
		"",
	]);

	rows.push([
		"slack bundle, minified",
		formatBytes(results.bundle.bytes),
		formatBytes(results.baselineBundle.bytes),
		ratio(results.bundle.bytes, results.baselineBundle.bytes),
		"",
		"",
	]);
	rows.push([
		"slack bundle, zipped (zip -9)",
		formatBytes(results.bundle.zippedBytes),
		formatBytes(results.baselineBundle.zippedBytes),
		ratio(results.bundle.zippedBytes, results.baselineBundle.zippedBytes),
		`≤ ${TARGETS.zipRatio}×`,
		met(
			results.bundle.zippedBytes <=
				TARGETS.zipRatio * results.baselineBundle.zippedBytes,
		),
	]);
	rows.push(...otherFunctionRows(results.otherFunctions));
	return markdownTable(rows);
}

/** Builds the size rows of functions that have no baseline, with only the bot column filled. */
function otherFunctionRows(functions: readonly FunctionBundle[]): Row[] {
	const rows: Row[] = [];
	for (const lambdaFunction of functions) {
		if ("skipped" in lambdaFunction) {
			rows.push([
				`${lambdaFunction.name} bundle`,
				`not built: ${lambdaFunction.skipped}`,
				"",
				"",
				"",
				"",
			]);
			continue;
		}
		rows.push([
			`${lambdaFunction.name} bundle, minified`,
			formatBytes(lambdaFunction.bundle.bytes),
			"",
			"",
			"",
			"",
		]);
		rows.push([
			`${lambdaFunction.name} bundle, zipped (zip -9)`,
			formatBytes(lambdaFunction.bundle.zippedBytes),
			"",
			"",
			"",
			"",
		]);
	}
	return rows;
}

interface ColdSummary {
	total: number;
	min: number;
	max: number;
	nodeStart: number;
	load: number;
	firstRequest: number;
}

/** Takes the median of each part separately, so the parts need not add up to the total. */
function coldSummary(samples: readonly ColdStartSample[]): ColdSummary {
	const totals = samples.map((sample) => sample.totalMs);
	return {
		total: median(totals),
		min: Math.min(...totals),
		max: Math.max(...totals),
		nodeStart: median(samples.map((sample) => sample.report.nodeStartMs)),
		load: median(samples.map((sample) => sample.report.loadMs)),
		firstRequest: median(samples.map((sample) => sample.report.firstRequestMs)),
	};
}

function ratio(value: number, baseline: number): string {
	return `${(value / baseline).toFixed(2)}×`;
}

function met(condition: boolean): string {
	return condition ? "yes" : "no";
}

function markdownTable(rows: readonly Row[]): string {
	const widths = rows[0].map((_, column) =>
		Math.max(...rows.map((row) => row[column].length)),
	);
	const line = (row: readonly string[]) =>
		`| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
	const separator = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
	return [line(rows[0]), separator, ...rows.slice(1).map(line)].join("\n");
}
