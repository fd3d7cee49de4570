/** Action a fault takes on the request it hits. */
export type FaultAction =
	/** Responds with SAKURA's error body for `status`, and `Retry-After` in seconds when set. */
	| {
			kind: "status";
			status: number;
			retryAfterSeconds?: number;
			errorCode?: string;
	  }
	/** Never responds, and the emulator's `close()` ends the connection. */
	| { kind: "hang" }
	/** Destroys the socket, either before doing the work or after doing it and before responding. */
	| { kind: "reset"; afterApplying: boolean }
	/** Waits `ms` milliseconds, then handles the request normally. */
	| { kind: "delay"; ms: number };

/** A failure to apply to the next matching requests, for testing clients' retries and timeouts. */
export interface Fault {
	/** HTTP method to hit, any case. Omitted hits every method. */
	method?: string;
	/** Substring of the request path (without the query). Omitted hits every path. */
	pathIncludes?: string;
	/** How many matching requests the fault hits. @default 1 */
	times?: number;
	action: FaultAction;
}

interface PendingFault {
	fault: Fault;
	remaining: number;
}

/** Faults waiting for requests, consumed in the order they were injected. */
export class FaultQueue {
	private pending: PendingFault[] = [];

	add(fault: Fault): void {
		const times = fault.times ?? 1;
		if (!Number.isInteger(times) || times < 1) {
			throw new RangeError(
				`fault times must be a positive integer, got ${times}`,
			);
		}
		this.pending.push({ fault, remaining: times });
	}

	clear(): void {
		this.pending = [];
	}

	/** Returns the action of the first fault that matches the request, using up one of its times. */
	take(method: string, path: string): FaultAction | undefined {
		const entry = this.pending.find(({ fault }) =>
			matches(fault, method, path),
		);
		if (entry === undefined) {
			return undefined;
		}

		entry.remaining -= 1;
		if (entry.remaining === 0) {
			this.pending = this.pending.filter((pending) => pending !== entry);
		}
		return entry.fault.action;
	}
}

function matches(fault: Fault, method: string, path: string): boolean {
	if (
		fault.method !== undefined &&
		fault.method.toUpperCase() !== method.toUpperCase()
	) {
		return false;
	}
	if (fault.pathIncludes !== undefined && !path.includes(fault.pathIncludes)) {
		return false;
	}
	return true;
}
