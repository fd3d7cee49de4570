import type { OperationContext } from "./context";
import { OperationError } from "./errors";
import { grantLifetimeSeconds } from "./grants/lifetime";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";

export interface ExtendUserRequest {
	registry: string;
	username: string;
	/** How long from now the credential lives; at most, and by default, its permission's cap. */
	lifetimeSeconds?: number;
}

/**
 * Moves a credential's end: its full lifetime again, counted from now, within its permission's cap.
 * SAKURA is only read, to check that the user still exists; the password does not change. The
 * grant book records the new end, and refuses when the bot holds no active credential for the user.
 * @throws OperationError `user_not_found` or `grant_not_found`.
 */
export async function extendUser(
	request: ExtendUserRequest,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(request.registry);
		const users = await context.registries.listUsers(registry.id);
		const user = users.find(
			(candidate) => candidate.username === request.username,
		);
		const params = { registry: registry.name, username: request.username };
		if (user === undefined) {
			throw new OperationError("user_not_found", params);
		}

		const now = (context.clock ?? (() => new Date()))();
		const expiresAt = new Date(
			now.getTime() +
				grantLifetimeSeconds(
					user.permission,
					request.lifetimeSeconds,
					context.lifetimeCapsHours,
				) *
					1000,
		);
		const extended =
			(await context.grants?.extended({
				registry,
				username: request.username,
				expiresAt,
			})) ?? false;
		if (!extended) {
			throw new OperationError("grant_not_found", params);
		}
		return {
			kind: "user.extend",
			registry,
			username: request.username,
			expiresAt: expiresAt.toISOString(),
		};
	} catch (error) {
		throw toOperationError(error, request.registry);
	}
}
