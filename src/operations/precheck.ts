import { RegistryNotFoundError } from "../sakura/errors";
import type { RegistryApi } from "../sakura/types";
import { OperationError } from "./errors";
import { toOperationError } from "./sakura-errors";
import type { Operation } from "./types";

/**
 * Checks what SAKURA can tell before an operation waits for approvers, so nobody is asked to approve
 * a request that cannot succeed: the registry it names must exist, and a new registry's label must
 * be free. The operation itself checks again when it runs, because approval can take hours.
 * @throws OperationError such as `registry_not_found` or `registry_label_taken`.
 */
export async function precheckOperation(
	operation: Operation,
	registries: RegistryApi,
): Promise<void> {
	if (operation.kind === "registry.list") {
		return;
	}

	if (operation.kind === "registry.create") {
		try {
			await registries.resolveRegistry(operation.name);
		} catch (error) {
			if (error instanceof RegistryNotFoundError) {
				return;
			}
			throw toOperationError(error);
		}
		throw new OperationError("registry_label_taken", { label: operation.name });
	}

	try {
		await registries.resolveRegistry(operation.registry);
	} catch (error) {
		throw toOperationError(error, operation.registry);
	}
}
