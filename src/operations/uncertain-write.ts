import { SakuraNetworkError, SakuraTimeoutError } from "../sakura/errors";
import { OperationError } from "./errors";

/**
 * Returns true for failures after which SAKURA may or may not have done the work: the request
 * timed out or lost its connection before a response arrived.
 */
export function isUncertain(error: unknown): boolean {
	return (
		error instanceof SakuraTimeoutError || error instanceof SakuraNetworkError
	);
}

/**
 * Turns an uncertain failure of a write into an OperationError marked `uncertain`, so the message
 * asks the requester to check before trying again. Other errors pass through unchanged.
 */
export function markUncertain(error: unknown): unknown {
	if (!isUncertain(error)) {
		return error;
	}
	const code =
		error instanceof SakuraTimeoutError
			? "sakura_timeout"
			: "sakura_unavailable";
	return new OperationError(code, { uncertain: "true" }, { cause: error });
}
