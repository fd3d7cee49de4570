import { randomBytes } from "node:crypto";
import type { OperationContext } from "./context";
import { OperationError } from "./errors";

/**
 * How long a change to a registry user may hold its lease, in milliseconds. It covers the SAKURA
 * calls with their retries and the credentials DM; a holder that stops is overtaken after it.
 */
export const USER_LEASE_MS = 60_000;

/**
 * Runs `change` while holding the lease on one registry user, so two concurrent rotations (or an
 * add and a delete) cannot interleave and hand out a password that the other one replaced.
 * @throws OperationError `user_busy` when another change to the same user is running.
 */
export async function withUserLock<T>(
	context: OperationContext,
	registry: { id: string; name: string },
	username: string,
	change: () => Promise<T>,
): Promise<T> {
	const locks = context.locks;
	if (locks === undefined) {
		return change();
	}

	const key = `user:${registry.id}:${username}`;
	const owner = randomBytes(12).toString("base64url");
	const now = (context.clock ?? (() => new Date()))();
	if (!(await locks.acquire(key, owner, USER_LEASE_MS, now))) {
		throw new OperationError("user_busy", {
			registry: registry.name,
			username,
		});
	}
	try {
		return await change();
	} finally {
		await locks.release(key, owner).catch((error: unknown) => {
			context.log.warn(
				"Releasing a registry user's lease failed; it expires by itself",
				{
					registryId: registry.id,
					username,
					error: error instanceof Error ? error.name : typeof error,
				},
			);
		});
	}
}
