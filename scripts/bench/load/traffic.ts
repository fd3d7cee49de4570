import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { Sandbox } from "../../../src/sandbox/start";
import { BENCH_LAMBDA_CONTEXT } from "../lambda-context";
import { type Deadlined, runConcurrently, withDeadline } from "./pool";
import { ResponseIndex } from "./replies";
import { type TrafficKind, trafficKinds } from "./traffic-kinds";

export interface TrafficOptions {
	/** Slash commands to record, spread evenly over help, list and show. */
	commands: number;
	/** Approve clicks on a finished request to record. */
	clicks: number;
	/** Handler calls in flight at once. */
	concurrency: number;
	/** Requests of the same mix sent first and not recorded, so JIT and caches settle. */
	warmupRequests: number;
	/** Milliseconds after which a handler call that has not returned counts as lost. */
	lostAfterMs: number;
	/** Registry that list and show look for. The setup creates it through an approved `/registry create`. */
	registryName: string;
}

/** Counts and ack latencies of one kind of request. */
export interface KindResult {
	name: string;
	sent: number;
	/** Wall time of each handler call that returned HTTP 200 with the expected reply, in milliseconds. */
	ackedMs: number[];
	/** Handler calls that returned, or threw, with anything but the expected ack and reply. */
	failed: number;
	/** Handler calls still pending after `lostAfterMs`. */
	lost: number;
	/** The first few problems, for the report. */
	problems: string[];
}

/** Problems kept per kind of request for the report. The counts include every problem. */
const PROBLEMS_KEPT = 3;

/**
 * Sends a mix of signed slash commands (`/registry help`, `/registry list`,
 * `/registry show <registry>`) and Approve clicks on a finished request through the sandbox
 * handler, `concurrency` at a time, and checks each ack and each reply posted to its response URL.
 * Commands and clicks alternate, and commands rotate through the three texts.
 * @returns one result per kind of request, in the order help, list, show, click.
 */
export async function runMixedTraffic(
	sandbox: Sandbox,
	options: TrafficOptions,
): Promise<KindResult[]> {
	const replies = new ResponseIndex(sandbox.slack);
	try {
		const kinds = await trafficKinds(sandbox, replies, options.registryName);
		const schedule = interleave(kinds, options);
		const results = new Map(
			kinds.map((kind) => [kind.name, emptyResult(kind.name)]),
		);

		const send = async (kind: TrafficKind, result: KindResult | undefined) => {
			const { event, responseUrl } = kind.build();
			const outcome = await withDeadline(
				() => sandbox.handler(event, BENCH_LAMBDA_CONTEXT),
				options.lostAfterMs,
			);
			if (result !== undefined) {
				record(result, outcome, kind, responseUrl, options.lostAfterMs);
			}
		};

		await runConcurrently(
			options.warmupRequests,
			options.concurrency,
			(index) => send(schedule[index % schedule.length], undefined),
		);
		await runConcurrently(schedule.length, options.concurrency, (index) =>
			send(schedule[index], results.get(schedule[index].name)),
		);
		return kinds.map(
			(kind) => results.get(kind.name) ?? emptyResult(kind.name),
		);
	} finally {
		replies.close();
	}
}

/** Lays out the requests to send, a command then a click while both last, with commands in rotation. */
function interleave(
	kinds: readonly TrafficKind[],
	options: TrafficOptions,
): TrafficKind[] {
	const commandKinds = kinds.slice(0, 3);
	const click = kinds[3];
	const schedule: TrafficKind[] = [];
	const rounds = Math.max(options.commands, options.clicks);
	for (let round = 0; round < rounds; round += 1) {
		if (round < options.commands) {
			schedule.push(commandKinds[round % commandKinds.length]);
		}
		if (round < options.clicks) {
			schedule.push(click);
		}
	}
	return schedule;
}

function record(
	result: KindResult,
	outcome: Deadlined<APIGatewayProxyStructuredResultV2>,
	kind: TrafficKind,
	responseUrl: string,
	lostAfterMs: number,
): void {
	result.sent += 1;
	if (outcome.settled === "timed out") {
		result.lost += 1;
		keepProblem(result, `no ack within ${lostAfterMs} ms`);
		return;
	}

	const problem =
		outcome.settled === "rejected"
			? `the handler threw ${String(outcome.error)}`
			: kind.problem(outcome.value, responseUrl);
	if (problem !== undefined) {
		result.failed += 1;
		keepProblem(result, problem);
		return;
	}
	result.ackedMs.push(outcome.elapsedMs);
}

function emptyResult(name: string): KindResult {
	return { name, sent: 0, ackedMs: [], failed: 0, lost: 0, problems: [] };
}

function keepProblem(result: KindResult, problem: string): void {
	if (result.problems.length < PROBLEMS_KEPT) {
		result.problems.push(problem);
	}
}
