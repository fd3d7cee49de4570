/** Outcome of one awaited call under a deadline. */
export type Deadlined<T> =
	| { settled: "resolved"; value: T; elapsedMs: number }
	| { settled: "rejected"; error: unknown; elapsedMs: number }
	| { settled: "timed out"; elapsedMs: number };

/**
 * Awaits `call()` for at most `deadlineMs` milliseconds and measures the wall time from the call
 * to its settlement. A call still pending at the deadline is reported as timed out and left
 * running, because a handler invocation cannot be cancelled from outside.
 */
export async function withDeadline<T>(
	call: () => Promise<T>,
	deadlineMs: number,
): Promise<Deadlined<T>> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<"timed out">((resolve) => {
		timer = setTimeout(() => resolve("timed out"), deadlineMs);
	});

	const started = performance.now();
	const outcome = await Promise.race([
		call().then(
			(value) => ({ settled: "resolved" as const, value }),
			(error: unknown) => ({ settled: "rejected" as const, error }),
		),
		timeout,
	]);
	const elapsedMs = performance.now() - started;
	clearTimeout(timer);

	if (outcome === "timed out") {
		return { settled: "timed out", elapsedMs };
	}
	return { ...outcome, elapsedMs };
}

/**
 * Runs `task(index)` for every index from 0 to `count - 1`, with at most `concurrency` tasks in
 * flight. Each of the `concurrency` workers takes the next index as soon as its previous task
 * ends. A task that throws stops its worker and rejects the whole run, so tasks record their own
 * failures instead of throwing.
 */
export async function runConcurrently(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<void>,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next;
			next += 1;
			await task(index);
		}
	};
	const workers = Math.min(concurrency, count);
	await Promise.all(Array.from({ length: workers }, worker));
}
