import { SakuraApiError } from "../sakura/errors";
import type { OperationContext } from "./context";
import { OperationError } from "./errors";
import { tellGrants } from "./grants/tell";
import { toOperationError } from "./sakura-errors";
import type { Outcome, Requester } from "./types";
import { withUserLock } from "./user-lock";

/** Deletes one registry user; its password stops working on SAKURA at once. */
export async function deleteUser(
	registryRef: string,
	username: string,
	requester: Requester,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		return await withUserLock(context, registry, username, async () => {
			const users = await context.registries.listUsers(registry.id);
			if (!users.some((user) => user.username === username)) {
				throw new OperationError("user_not_found", {
					registry: registry.name,
					username,
				});
			}

			try {
				await context.registries.deleteUser(registry.id, username);
			} catch (error) {
				// The user vanished between the list and the delete: someone else removed it.
				if (error instanceof SakuraApiError && error.status === 404) {
					throw new OperationError(
						"user_not_found",
						{ registry: registry.name, username },
						{ cause: error },
					);
				}
				throw error;
			}
			await tellGrants(context, "deleted", () =>
				context.grants?.deleted({ registry, username, by: requester.userId }),
			);
			return { kind: "user.delete", registry, username };
		});
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}
