import type { Registry, UserPermission } from "../../sakura/types";
import type { DeliveryReceipt, Requester } from "../types";

/**
 * Callbacks through which the operations update the grant book. Each call comes after SAKURA has done the change and the
 * credentials DM went out. A hook that fails is logged by its caller and does not undo the change.
 */
export interface GrantHooks {
	/** A new registry user exists, owned by `owner` until `expiresAt`. */
	issued(grant: {
		registry: Registry;
		username: string;
		permission: UserPermission;
		owner: Requester;
		issuedAt: Date;
		expiresAt: Date;
		credentialDm?: DeliveryReceipt;
	}): Promise<void>;
	/**
	 * A registry user got a new password, which went to `by`; the DM with the old one can be edited.
	 * Whoever holds the only working password owns the credential from now on.
	 */
	rotated(change: {
		registry: Registry;
		username: string;
		credentialDm?: DeliveryReceipt;
		by: Requester;
	}): Promise<void>;
	/**
	 * Moves an active grant's end. Returns false when the bot has no active grant for the user,
	 * which the extension reports as its failure.
	 */
	extended(change: {
		registry: Registry;
		username: string;
		expiresAt: Date;
	}): Promise<boolean>;
	/** Returns the names of a registry's users that have an active grant. */
	activeUsernames(registryId: string): Promise<ReadonlySet<string>>;
	/** A registry was deleted on SAKURA by `by`, and every user of it with it. */
	registryDeleted(change: { registry: Registry; by: string }): Promise<void>;
	/** A registry user was deleted on SAKURA by `by` (a Slack user id). */
	deleted(change: {
		registry: Registry;
		username: string;
		by: string;
	}): Promise<void>;
}
