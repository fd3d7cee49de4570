import type { Registry, UserPermission } from "../sakura/types";
import type { OperationContext } from "./context";
import { OperationError } from "./errors";
import { generatePassword } from "./password";
import type { DeliveryReceipt, Requester } from "./types";
import { isUncertain } from "./uncertain-write";

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
		expiresAt?: string;
	},
	context: OperationContext,
	revoke: () => Promise<void>,
): Promise<DeliveryReceipt | undefined> {
	try {
		return await context.delivery.deliver(requester, credentials);
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

		const revoked = await tryRevoke(revoke, ids, context);
		throw new OperationError(
			"credentials_undelivered",
			{
				registry: credentials.registry.name,
				username: credentials.username,
				revoked: String(revoked),
				deliveryError: errorCode(deliveryError),
			},
			{ cause: deliveryError },
		);
	}
}

/**
 * Runs `revoke`, once more after a timeout or lost connection because revoking twice is harmless.
 * Returns false when the undelivered password may still work.
 */
async function tryRevoke(
	revoke: () => Promise<void>,
	ids: Record<string, string>,
	context: OperationContext,
): Promise<boolean> {
	for (let attempt = 1; attempt <= 2; attempt++) {
		try {
			await revoke();
			return true;
		} catch (revokeError) {
			const retry = attempt === 1 && isUncertain(revokeError);
			context.log.error(
				retry
					? "Revoking an undelivered password timed out; trying once more"
					: "Revoking an undelivered password failed; the registry user needs manual cleanup",
				{ ...ids, error: describe(revokeError) },
			);
			if (!retry) {
				return false;
			}
		}
	}
	return false;
}

/** Returns the error's code (for Slack, the Web API error such as `channel_not_found`), or its name. */
function errorCode(error: unknown): string {
	const code = (error as { code?: unknown } | undefined)?.code;
	if (typeof code === "string") {
		return code;
	}
	return error instanceof Error ? error.name : "unknown";
}

/** Names an error without its message body, which for Slack errors may echo request fields. */
function describe(error: unknown): string {
	if (error instanceof Error) {
		const code = (error as { code?: unknown }).code;
		return typeof code === "string" ? `${error.name} ${code}` : error.name;
	}
	return typeof error;
}
