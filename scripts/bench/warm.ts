import { BENCH_LAMBDA_CONTEXT } from "./lambda-context";
import type { WarmScenario } from "./scenarios";

export interface WarmOptions {
	/** Requests per scenario sent first and not recorded, so JIT and caches settle. */
	warmupRequests: number;
	/** Recorded requests per scenario. */
	samples: number;
}

/**
 * Sends each scenario's requests through its handler, one at a time and in rotation (one request
 * of each scenario, then the next round), so a noisy moment on the machine falls on all of them
 * alike. Each sample is the wall time around one `handler(event, context)` call. Building and
 * signing the event happen before the clock starts, and the check runs after it stops.
 * @returns the samples in milliseconds, by scenario name.
 * @throws Error from a scenario's check when a response is wrong.
 */
export async function measureWarm(
	scenarios: readonly WarmScenario[],
	options: WarmOptions,
): Promise<Map<string, number[]>> {
	const samples = new Map<string, number[]>(
		scenarios.map((scenario) => [scenario.name, []]),
	);
	const rounds = options.warmupRequests + options.samples;

	for (let round = 0; round < rounds; round += 1) {
		for (const scenario of scenarios) {
			const event = scenario.event();
			const started = performance.now();
			const response = await scenario.handler(event, BENCH_LAMBDA_CONTEXT);
			const elapsed = performance.now() - started;

			scenario.check(response);
			if (round >= options.warmupRequests) {
				samples.get(scenario.name)?.push(elapsed);
			}
		}
	}
	return samples;
}
