import type { Registry, UserPermission } from "../sakura/types";
import type { OperationContext } from "./context";
import { OperationError } from "./errors";
import { generatePassword } from "./password";
import type { Requester } from "./types";

/** Returns a new password from the context's generator, or the CSPRNG one. */
export function newPassword(context: OperationContext): string {
	return (context.generatePassword ?? generatePassword)();
}

/**
 * DMs a freshly set password to the requester. When the DM fails, `revoke` runs so the password
 * that nobody received stops working, and the requester is told to ask again.
 */
export async function deliverOrRevoke(
	requester: Requester,
	credentials: {
		registry: Registry;
		username: string;
		password: string;
		permission: UserPermission;
		rotated: boolean;
	},
	context: OperationContext,
	revoke: () => Promise<void>,
): Promise<void> {
	try {
		await context.delivery.deliver(requester, credentials);
		return;
	} catch (deliveryError) {
		const ids = {
			registryId: credentials.registry.id,
			username: credentials.username,
			requester: requester.userId,
		};
		context.log.error(
			"Credential DM failed; revoking the undelivered password",
			{
				...ids,
				error: describe(deliveryError),
			},
		);

		try {
			await revoke();
		} catch (revokeError) {
			context.log.error(
				"Revoking an undelivered password failed; the registry user needs manual cleanup",
				{
					...ids,
					error: describe(revokeError),
				},
			);
		}
		throw new OperationError(
			"credentials_undelivered",
			{ registry: credentials.registry.name, username: credentials.username },
			{ cause: deliveryError },
		);
	}
}

/** Names an error without its message body, which for Slack errors may echo request fields. */
function describe(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return typeof code === "string" ? `${error.name} ${code}` : error.name;
	}
	return typeof error;
}
