import type { OperationContext } from "./context";
import { tellGrants } from "./grants/tell";
import { toOperationError } from "./sakura-errors";
import type { Outcome, Requester } from "./types";
import { markUncertain } from "./uncertain-write";

/**
 * Deletes a registry and, with it on SAKURA, all of its users; their credentials end with it.
 */
export async function deleteRegistry(
	registryRef: string,
	requester: Requester,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		try {
			await context.registries.deleteRegistry(registry.id);
		} catch (error) {
			throw markUncertain(error);
		}
		await tellGrants(context, "registry_deleted", () =>
			context.grants?.registryDeleted({ registry, by: requester.userId }),
		);
		return { kind: "registry.delete", registry };
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}
