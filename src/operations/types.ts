import type {
	AccessLevel,
	Registry,
	RegistryUser,
	UserPermission,
} from "../sakura/types";

/** The Slack user who asked for an operation. Slack ids only; no Slack types leak in here. */
export interface Requester {
	userId: string;
	/** Slack's `user_name`, used to derive a registry user name when none is given. */
	userName: string;
	teamId: string;
}

/** A validated request for one registry operation. Registry references are names, labels or IDs. */
export type Operation =
	| { kind: "registry.list" }
	| { kind: "registry.show"; registry: string }
	| {
			kind: "registry.create";
			/** Used as both the display name and the subdomain label. */
			name: string;
			accessLevel: AccessLevel;
			virtualDomain?: string;
			description?: string;
	  }
	| { kind: "registry.delete"; registry: string }
	| {
			kind: "user.add";
			registry: string;
			username: string;
			permission: UserPermission;
			/** How long the credential lives; at most, and by default, its permission's cap. */
			lifetimeSeconds?: number;
	  }
	| { kind: "user.list"; registry: string }
	/** Lists the registry users the bot did not issue, or whose credential has ended. */
	| { kind: "user.audit"; registry: string }
	| {
			kind: "user.delete";
			registry: string;
			username: string;
			/**
			 * True for `/registry revoke` and the Revoke button: the deletion ends a credential the
			 * bot issued, which its owner and its approvers may do without waiting for approval.
			 */
			revoke?: true;
	  }
	| { kind: "user.rotate"; registry: string; username: string }
	| {
			kind: "user.extend";
			registry: string;
			username: string;
			/** How long from now the credential lives; at most, and by default, its permission's cap. */
			lifetimeSeconds?: number;
	  };

export type OperationKind = Operation["kind"];

/** Result of an operation. It never carries a password, because credentials travel only through `CredentialDelivery`. */
export type Outcome =
	| { kind: "registry.list"; registries: Registry[] }
	| { kind: "registry.show"; registry: Registry; users: RegistryUser[] }
	| { kind: "registry.create"; registry: Registry }
	| { kind: "registry.delete"; registry: Registry }
	| {
			kind: "user.add";
			registry: Registry;
			username: string;
			permission: UserPermission;
			/** When the bot deletes the user. ISO 8601 UTC. */
			expiresAt?: string;
	  }
	| { kind: "user.list"; registry: Registry; users: RegistryUser[] }
	| {
			kind: "user.audit";
			registry: Registry;
			/** Users without an active credential from the bot, by name. */
			unmanaged: RegistryUser[];
			/** How many users do have one. */
			managed: number;
	  }
	| { kind: "user.delete"; registry: Registry; username: string }
	| {
			kind: "user.rotate";
			registry: Registry;
			username: string;
			permission: UserPermission;
	  }
	| {
			kind: "user.extend";
			registry: Registry;
			username: string;
			/** The credential's new end. ISO 8601 UTC. */
			expiresAt: string;
	  };

/** A freshly generated registry credential, on its way to the requester's DM. */
export interface Credentials {
	registry: Registry;
	username: string;
	password: string;
	permission: UserPermission;
	/** True when an existing user got a new password, false for a new user. */
	rotated: boolean;
	/** When the bot deletes the user, for a credential with an end. ISO 8601 UTC. */
	expiresAt?: string;
}

/** Where the message with a password went, so it can be edited once the password stops working. */
export interface DeliveryReceipt {
	channelId: string;
	ts: string;
}

/**
 * Sends credentials to the requester privately. Implementations must put the password in one
 * direct message to the requester and nowhere else, and throw when the message was not delivered.
 */
export interface CredentialDelivery {
	deliver(
		requester: Requester,
		credentials: Credentials,
	): Promise<DeliveryReceipt | undefined>;
}
