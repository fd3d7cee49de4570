/**
 * Time the registry picker and the submission check wait for the registry list, in milliseconds.
 * Slack waits 3 seconds for the reply, and Bolt's AwsLambdaReceiver replies only after the listener
 * returns, so the rest of the 3 seconds is left for Lambda, Bolt and the network.
 */
export const REGISTRY_LIST_DEADLINE_MS = 2_000;

/** The deadline passed before the promise settled. */
export class DeadlineExceededError extends Error {
	constructor(readonly deadlineMs: number) {
		super(`No result within ${deadlineMs} ms`);
		this.name = "DeadlineExceededError";
	}
}

/**
 * Resolves like `promise`, or rejects with `DeadlineExceededError` once `deadlineMs` pass first.
 * NOTE: the underlying work is not cancelled, and the SAKURA client's own timeout ends it later.
 */
export async function withDeadline<T>(
	promise: Promise<T>,
	deadlineMs: number,
): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const expired = new Promise<never>((_, reject) => {
		timer = setTimeout(
			() => reject(new DeadlineExceededError(deadlineMs)),
			deadlineMs,
		);
	});
	try {
		return await Promise.race([promise, expired]);
	} finally {
		clearTimeout(timer);
	}
}
