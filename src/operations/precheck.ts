import { RegistryNotFoundError } from "../sakura/errors";
import type { RegistryApi } from "../sakura/types";
import { OperationError } from "./errors";
import { toOperationError } from "./sakura-errors";
import type { Operation } from "./types";

/**
 * Checks what SAKURA can tell before an operation waits for approvers, so nobody is asked to approve
 * a request that cannot succeed: the registry it names must exist, and a new registry's label must
 * be free. The operation itself checks again when it runs, because approval can take hours.
 * @returns the operation with its registry named by subdomain label, which is unique and readable on
 *   the approval card even when the request named the registry by ID (as the forms do).
 * @throws OperationError such as `registry_not_found` or `registry_label_taken`.
 */
export async function precheckOperation(
	operation: Operation,
	registries: RegistryApi,
): Promise<Operation> {
	if (operation.kind === "registry.list") {
		return operation;
	}

	if (operation.kind === "registry.create") {
		try {
			await registries.resolveRegistry(operation.name);
		} catch (error) {
			if (error instanceof RegistryNotFoundError) {
				return operation;
			}
			throw toOperationError(error);
		}
		throw new OperationError("registry_label_taken", { label: operation.name });
	}

	try {
		const registry = await registries.resolveRegistry(operation.registry);
		return { ...operation, registry: registry.subdomainLabel };
	} catch (error) {
		throw toOperationError(error, operation.registry);
	}
}
