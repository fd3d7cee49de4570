import { SakuraApiError } from "../sakura/errors";
import type { Registry, UserPermission } from "../sakura/types";
import type { OperationContext } from "./context";
import { deliverOrRevoke, newPassword } from "./credentials";
import { OperationError } from "./errors";
import { grantLifetimeSeconds } from "./grants/lifetime";
import { tellGrants } from "./grants/tell";
import { toOperationError } from "./sakura-errors";
import type { Outcome, Requester } from "./types";
import { isUncertain, markUncertain } from "./uncertain-write";
import { withUserLock } from "./user-lock";

export interface AddUserRequest {
	registry: string;
	username: string;
	permission: UserPermission;
	/** How long the credential lives; at most, and by default, its permission's cap. */
	lifetimeSeconds?: number;
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
		return await withUserLock(context, registry, request.username, async () => {
			const users = await context.registries.listUsers(registry.id);
			const exists = users.some((user) => user.username === request.username);
			if (exists && context.recovering !== true) {
				throw new OperationError("user_exists", {
					registry: registry.name,
					username: request.username,
				});
			}

			const password = newPassword(context);
			if (exists) {
				// An earlier run of this request added the user and stopped before its DM went out, so
				// nobody knows that password. A new one is set and delivered instead.
				context.log.warn(
					"User exists from an earlier run of this request; setting a new password",
					{ registryId: registry.id, username: request.username },
				);
				await context.registries.updateUser(registry.id, request.username, {
					password,
					permission: request.permission,
				});
			} else {
				await createUser(registry, request, password, context);
			}

			const issuedAt = (context.clock ?? (() => new Date()))();
			const expiresAt = new Date(
				issuedAt.getTime() +
					grantLifetimeSeconds(
						request.permission,
						request.lifetimeSeconds,
						context.lifetimeCapsHours,
					) *
						1000,
			);
			const credentials = {
				registry,
				username: request.username,
				password,
				permission: request.permission,
				rotated: false,
				expiresAt: expiresAt.toISOString(),
			};
			const credentialDm = await deliverOrRevoke(
				requester,
				credentials,
				context,
				() => deleteIfPresent(registry.id, request.username, context),
			);
			await tellGrants(context, "issued", () =>
				context.grants?.issued({
					registry,
					username: request.username,
					permission: request.permission,
					owner: requester,
					issuedAt,
					expiresAt,
					credentialDm,
				}),
			);
			return {
				kind: "user.add",
				registry,
				username: request.username,
				permission: request.permission,
				expiresAt: expiresAt.toISOString(),
			};
		});
	} catch (error) {
		throw toOperationError(error, request.registry);
	}
}

/**
 * Adds a user that did not exist. After a timeout or lost connection it looks again: the user did
 * not exist before, so if it exists now it has the password just sent.
 */
async function createUser(
	registry: Registry,
	request: AddUserRequest,
	password: string,
	context: OperationContext,
): Promise<void> {
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
		// The user did not exist before, so if it exists now it has the password just sent.
		if (
			!isUncertain(error) ||
			!(await userExists(registry.id, request.username, context))
		) {
			throw error;
		}
		context.log.warn(
			"User add timed out but the user exists; delivering its password",
			{
				registryId: registry.id,
				username: request.username,
			},
		);
	}
}

/**
 * Looks the user up after an uncertain add. A failed lookup leaves the outcome unknown, which is
 * reported to the requester with the advice to check the user list before trying again.
 */
async function userExists(
	registryId: string,
	username: string,
	context: OperationContext,
): Promise<boolean> {
	try {
		const users = await context.registries.listUsers(registryId);
		return users.some((user) => user.username === username);
	} catch (error) {
		throw markUncertain(error);
	}
}

/** Deletes a user; a 404 means an earlier attempt already deleted it. */
async function deleteIfPresent(
	registryId: string,
	username: string,
	context: OperationContext,
): Promise<void> {
	try {
		await context.registries.deleteUser(registryId, username);
	} catch (error) {
		if (error instanceof SakuraApiError && error.status === 404) {
			return;
		}
		throw error;
	}
}
