import type { OperationContext } from "./context";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";

/**
 * Compares a registry's users on SAKURA with the bot's active credentials, and returns the users
 * the bot did not issue or whose credential has ended: drift that nobody will clean up.
 * Without the grant book every user counts as unmanaged.
 */
export async function auditUsers(
	registryRef: string,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		const users = await context.registries.listUsers(registry.id);
		const active =
			(await context.grants?.activeUsernames(registry.id)) ?? new Set<string>();
		const unmanaged = users
			.filter((user) => !active.has(user.username))
			.sort((a, b) => a.username.localeCompare(b.username));
		return {
			kind: "user.audit",
			registry,
			unmanaged,
			managed: users.length - unmanaged.length,
		};
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}
