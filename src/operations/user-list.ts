import type { OperationContext } from "./context";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";

/** Lists the users of one registry, sorted by name. SAKURA never returns their passwords. */
export async function listUsers(
	registryRef: string,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		const users = await context.registries.listUsers(registry.id);
		users.sort((a, b) => a.username.localeCompare(b.username));
		return { kind: "user.list", registry, users };
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}
