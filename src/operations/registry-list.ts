import type { OperationContext } from "./context";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";

/** Lists every container registry of the account, sorted by name. */
export async function listRegistries(
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registries = await context.registries.listRegistries();
		registries.sort((a, b) => a.name.localeCompare(b.name));
		return { kind: "registry.list", registries };
	} catch (error) {
		throw toOperationError(error);
	}
}
