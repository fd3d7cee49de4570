import { SakuraApiError } from "../sakura/errors";
import type { UserPermission } from "../sakura/types";
import type { OperationContext } from "./context";
import { deliverOrRevoke, newPassword } from "./credentials";
import { OperationError } from "./errors";
import { toOperationError } from "./sakura-errors";
import type { Outcome, Requester } from "./types";

export interface AddUserRequest {
	registry: string;
	username: string;
	permission: UserPermission;
}

/**
 * Creates a registry user with a generated password and DMs the credentials to the requester. If
 * the DM cannot be delivered, the user is deleted again so no unknown working password remains.
 */
export async function addUser(
	request: AddUserRequest,
	requester: Requester,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(request.registry);
		const users = await context.registries.listUsers(registry.id);
		if (users.some((user) => user.username === request.username)) {
			throw new OperationError("user_exists", {
				registry: registry.name,
				username: request.username,
			});
		}

		const password = newPassword(context);
		try {
			await context.registries.addUser(registry.id, {
				username: request.username,
				password,
				permission: request.permission,
			});
		} catch (error) {
			if (error instanceof SakuraApiError && error.status === 409) {
				throw new OperationError(
					"user_exists",
					{ registry: registry.name, username: request.username },
					{ cause: error },
				);
			}
			throw error;
		}

		const credentials = {
			registry,
			username: request.username,
			password,
			permission: request.permission,
			rotated: false,
		};
		await deliverOrRevoke(requester, credentials, context, () =>
			context.registries.deleteUser(registry.id, request.username),
		);
		return {
			kind: "user.add",
			registry,
			username: request.username,
			permission: request.permission,
		};
	} catch (error) {
		throw toOperationError(error, request.registry);
	}
}
