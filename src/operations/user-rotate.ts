import type { UpdateUserInput } from "../sakura/types";
import type { OperationContext } from "./context";
import { deliverOrRevoke, newPassword } from "./credentials";
import { OperationError } from "./errors";
import { tellGrants } from "./grants/tell";
import { toOperationError } from "./sakura-errors";
import type { Outcome, Requester } from "./types";
import { isUncertain, markUncertain } from "./uncertain-write";
import { withUserLock } from "./user-lock";

/**
 * Gives an existing registry user a new generated password, keeping its permission, and DMs it to
 * the requester. The old password stops working at once. If the DM fails, the password is replaced
 * again by an unknown one, so the user stays locked until someone rotates it again.
 */
export async function rotateUser(
	registryRef: string,
	username: string,
	requester: Requester,
	context: OperationContext,
): Promise<Outcome> {
	try {
		const registry = await context.registries.resolveRegistry(registryRef);
		return await withUserLock(context, registry, username, async () => {
			const users = await context.registries.listUsers(registry.id);
			const user = users.find((candidate) => candidate.username === username);
			if (user === undefined) {
				throw new OperationError("user_not_found", {
					registry: registry.name,
					username,
				});
			}

			const password = newPassword(context);
			await setPassword(
				registry.id,
				username,
				{ password, permission: user.permission },
				context,
			);

			const credentials = {
				registry,
				username,
				password,
				permission: user.permission,
				rotated: true,
			};
			const credentialDm = await deliverOrRevoke(
				requester,
				credentials,
				context,
				() =>
					context.registries.updateUser(registry.id, username, {
						password: newPassword(context),
						permission: user.permission,
					}),
			);
			await tellGrants(context, "rotated", () =>
				context.grants?.rotated({
					registry,
					username,
					credentialDm,
					by: requester,
				}),
			);
			return {
				kind: "user.rotate",
				registry,
				username,
				permission: user.permission,
			};
		});
	} catch (error) {
		throw toOperationError(error, registryRef);
	}
}

/**
 * Sets a user's password. Setting the same password twice is harmless, so a request that timed out
 * or lost its connection is sent once more before the outcome is reported as unknown.
 */
async function setPassword(
	registryId: string,
	username: string,
	input: UpdateUserInput,
	context: OperationContext,
): Promise<void> {
	try {
		await context.registries.updateUser(registryId, username, input);
		return;
	} catch (error) {
		if (!isUncertain(error)) {
			throw error;
		}
		context.log.warn("Password update timed out; sending it once more", {
			registryId,
			username,
		});
	}

	try {
		await context.registries.updateUser(registryId, username, input);
	} catch (error) {
		throw markUncertain(error);
	}
}
