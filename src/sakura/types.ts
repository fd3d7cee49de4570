/**
 * Registry access level, stored on the wire as `Settings.ContainerRegistry.public`.
 * Since mid-2026 SAKURA accepts only `none` for new registries; `readonly` is deprecated and
 * `readwrite` was removed, but existing registries may still report either.
 */
export type AccessLevel = "none" | "readonly" | "readwrite";

/** Permission of a registry user: `readonly` pulls, `readwrite` also pushes, `all` also deletes. */
export type UserPermission = "all" | "readwrite" | "readonly";

export const USER_PERMISSIONS: readonly UserPermission[] = [
	"readonly",
	"readwrite",
	"all",
];

/** A container registry as the bot sees it, with SAKURA's wire names mapped once, here. */
export interface Registry {
	/** Decimal resource ID, always a string even when the API sent a JSON number. */
	id: string;
	name: string;
	description: string;
	tags: string[];
	/** `Status.registry_name`: the DNS label under `sakuracr.jp`, fixed at creation. */
	subdomainLabel: string;
	/** `Status.hostname`: `<subdomainLabel>.sakuracr.jp`. */
	fqdn: string;
	/** Empty when SAKURA returned no access level. */
	accessLevel: AccessLevel | "";
	/** Custom domain alias, or an empty string for none. */
	virtualDomain: string;
	availability: string;
	/** RFC 3339 with offset, as SAKURA sent it (JST, second precision). */
	createdAt: string;
	modifiedAt: string;
	settingsHash: string | null;
}

export interface RegistryUser {
	username: string;
	permission: UserPermission;
}

export interface CreateRegistryInput {
	/** Display name; the bot uses the subdomain label here, as savac does. */
	name: string;
	subdomainLabel: string;
	accessLevel: AccessLevel;
	virtualDomain?: string;
	description?: string;
	tags?: string[];
}

export interface AddUserInput {
	username: string;
	password: string;
	permission: UserPermission;
}

export interface UpdateUserInput {
	/** New password; SAKURA keeps the current one when this is empty. */
	password: string;
	permission: UserPermission;
}

/** The registry operations of the SAKURA Cloud API that the bot uses. */
export interface RegistryApi {
	listRegistries(): Promise<Registry[]>;
	getRegistry(id: string): Promise<Registry>;
	/** Returns the registry whose `Name` equals `name` exactly, or undefined. */
	findRegistryByName(name: string): Promise<Registry | undefined>;
	/**
	 * Resolves a decimal ID, a name or a subdomain label to a registry.
	 * @throws RegistryNotFoundError when nothing matches.
	 */
	resolveRegistry(nameOrId: string): Promise<Registry>;
	createRegistry(input: CreateRegistryInput): Promise<Registry>;
	deleteRegistry(id: string): Promise<void>;
	listUsers(registryId: string): Promise<RegistryUser[]>;
	addUser(registryId: string, input: AddUserInput): Promise<void>;
	updateUser(
		registryId: string,
		username: string,
		input: UpdateUserInput,
	): Promise<void>;
	deleteUser(registryId: string, username: string): Promise<void>;
}
