import type { Log } from "../logging";
import type { RegistryApi, UserPermission } from "../sakura/types";
import type { GrantHooks } from "./grants/hooks";
import type { CredentialDelivery } from "./types";

/**
 * Leases that keep two changes to one registry user from running at once, across Lambda
 * containers. `acquire` returns false while another owner holds an unexpired lease.
 */
export interface ChangeLocks {
	acquire(
		key: string,
		owner: string,
		leaseMs: number,
		now: Date,
	): Promise<boolean>;
	release(key: string, owner: string): Promise<void>;
}

/** Dependencies of every operation: the SAKURA API, credential delivery and logging. */
export interface OperationContext {
	registries: RegistryApi;
	delivery: CredentialDelivery;
	log: Log;
	/** Password source; tests may pass a fixed one, production uses `generatePassword`. */
	generatePassword?: () => string;
	/** Time source of change leases. Tests set it. @default () => new Date() */
	clock?: () => Date;
	/** Serialises changes to one registry user; without it, concurrent changes are not guarded. */
	locks?: ChangeLocks;
	/**
	 * True when an earlier run of the same request stopped without recording an outcome, so SAKURA
	 * may already hold what it created: a registry create takes an existing registry with its label
	 * as its own, and a user add gives an existing user a new password instead of failing.
	 */
	recovering?: boolean;
	/** The policy's longest lifetime per permission, in hours. @default the built-in caps */
	lifetimeCapsHours?: Readonly<Record<UserPermission, number>>;
	/** Records the credentials the bot issues, rotates and deletes; absent, nothing is recorded. */
	grants?: GrantHooks;
}
