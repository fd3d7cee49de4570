import type { OperationContext } from "../context";

/**
 * Runs one grant hook after SAKURA made the change. A failure is logged and not raised: the change
 * happened and the credentials reached the requester, so failing the operation would mislead.
 * NOTE: a registry user whose grant was not recorded has no expiry until someone removes it.
 */
export async function tellGrants(
	context: OperationContext,
	event: "issued" | "rotated" | "deleted" | "registry_deleted",
	hook: () => Promise<void> | undefined,
): Promise<void> {
	try {
		await hook();
	} catch (error) {
		context.log.error("Recording the grant failed", {
			event,
			error: error instanceof Error ? error.name : typeof error,
			errorMessage: error instanceof Error ? error.message : undefined,
		});
	}
}
