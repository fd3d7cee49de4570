import type { OperationContext } from "./context";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";
import { markUncertain } from "./uncertain-write";

/** Deletes a registry and, with it on SAKURA, all of its users. */
export async function deleteRegistry(
	registryRef: string,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		try {
			await context.registries.deleteRegistry(registry.id);
		} catch (error) {
			throw markUncertain(error);
		}
		return { kind: "registry.delete", registry };
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}
