import type { OperationContext } from "./context";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";

/** Reads one registry, by ID, name or subdomain label, with its users. */
export async function showRegistry(
	registryRef: string,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		const users = await context.registries.listUsers(registry.id);
		users.sort((a, b) => a.username.localeCompare(b.username));
		return { kind: "registry.show", registry, users };
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}
