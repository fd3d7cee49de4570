import { formatMs, percentile } from "../stats";
import type { ApprovalRoundResult } from "./approvals";
import type { KindResult } from "./traffic";

/** Slack shows the user an error when a request is not acked within 3 seconds. */
export const SLACK_ACK_DEADLINE_MS = 3000;

/** Renders the mixed load as a Markdown table, one row per kind of request and one for all. */
export function renderTrafficTable(results: readonly KindResult[]): string {
	const rows = [
		[
			"request",
			"sent",
			"acked",
			"failed",
			"lost",
			"p50",
			"p99",
			"max",
			"> 3 s",
		],
	];
	const all: KindResult = {
		name: "all",
		sent: 0,
		ackedMs: [],
		failed: 0,
		lost: 0,
		problems: [],
	};
	for (const result of results) {
		rows.push(trafficRow(result));
		all.sent += result.sent;
		all.ackedMs.push(...result.ackedMs);
		all.failed += result.failed;
		all.lost += result.lost;
	}
	rows.push(trafficRow(all));
	return markdownTable(rows);
}

function trafficRow(result: KindResult): string[] {
	const samples = result.ackedMs;
	const latency = (percent: number) =>
		samples.length === 0 ? "–" : formatMs(percentile(samples, percent));
	return [
		result.name,
		String(result.sent),
		String(samples.length),
		String(result.failed),
		String(result.lost),
		latency(50),
		latency(99),
		latency(100),
		String(samples.filter((ms) => ms > SLACK_ACK_DEADLINE_MS).length),
	];
}

/** Renders the rounds of concurrent approvals as a Markdown table, one row per round. */
export function renderApprovalTable(
	rounds: readonly ApprovalRoundResult[],
): string {
	const rows = [
		[
			"round",
			"clicks",
			"acked",
			"lost",
			'"already" replies',
			"no reply",
			"other replies",
			"POST /users",
			"SAKURA writes",
			"credential DMs",
			"elsewhere",
			"all settled in",
			"exactly once",
		],
	];
	rounds.forEach((round, index) => {
		rows.push([
			String(index + 1),
			String(round.clicks),
			String(round.acked),
			String(round.lost),
			String(round.alreadyReplies),
			String(round.silent),
			String(round.otherReplies.length),
			String(round.userPosts),
			String(round.sakuraWrites),
			String(round.credentialDms),
			String(round.credentialPostsElsewhere),
			formatMs(round.elapsedMs),
			round.passed ? "yes" : "NO",
		]);
	});
	return markdownTable(rows);
}

function markdownTable(rows: readonly string[][]): string {
	const widths = rows[0].map((_, column) =>
		Math.max(...rows.map((row) => row[column].length)),
	);
	const line = (row: readonly string[]) =>
		`| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
	const separator = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
	return [line(rows[0]), separator, ...rows.slice(1).map(line)].join("\n");
}
