import type { NakedRegistry } from "./schemas";
import type {
	AddUserInput,
	CreateRegistryInput,
	Registry,
	UpdateUserInput,
} from "./types";

/** `Provider.Class` of every container registry; other CommonServiceItems share the same path. */
export const REGISTRY_PROVIDER_CLASS = "containerregistry";

/** Domain under which SAKURA publishes each registry as `<subdomainLabel>.sakuracr.jp`. */
const REGISTRY_DOMAIN = "sakuracr.jp";

/** Maps SAKURA's wire names (`public`, `registry_name`, ...) to the bot's `Registry`. */
export function toRegistry(naked: NakedRegistry): Registry {
	const settings = naked.Settings?.ContainerRegistry;
	const subdomainLabel = naked.Status?.registry_name ?? "";

	// SAKURA derives the hostname from the label, so a missing hostname is rebuilt the same way.
	let fqdn = naked.Status?.hostname ?? "";
	if (fqdn === "" && subdomainLabel !== "") {
		fqdn = `${subdomainLabel}.${REGISTRY_DOMAIN}`;
	}

	return {
		id: naked.ID,
		name: naked.Name,
		description: naked.Description,
		tags: naked.Tags,
		subdomainLabel,
		fqdn,
		accessLevel: settings?.public ?? "",
		virtualDomain: settings?.virtual_domain ?? "",
		availability: naked.Availability,
		createdAt: naked.CreatedAt,
		modifiedAt: naked.ModifiedAt,
		settingsHash: naked.SettingsHash ?? null,
	};
}

/**
 * Tells whether a find result is a container registry. Find filters on `Provider.Class` already;
 * this check keeps other CommonServiceItems out if a server ignores the filter. An item without a
 * `Provider` is kept, because SAKURA does not document that every response carries it.
 */
export function isRegistryItem(naked: NakedRegistry): boolean {
	const providerClass = naked.Provider?.Class;
	return (
		providerClass === undefined ||
		providerClass === null ||
		providerClass === REGISTRY_PROVIDER_CLASS
	);
}

/**
 * Builds the create request in the shape SAKURA's official Go client sends. The subdomain label goes
 * in `Status.registry_name`, the only `Status` field a client may write, and only at creation.
 * `Icon` with ID 0 means no icon. Tags are sorted, as the Go client does.
 */
export function createRegistryBody(input: CreateRegistryInput): unknown {
	const tags = [...(input.tags ?? [])].sort();

	return {
		CommonServiceItem: {
			Name: input.name,
			Description: input.description ?? "",
			Tags: tags,
			Icon: { ID: 0, Tags: [] },
			Provider: { Class: REGISTRY_PROVIDER_CLASS },
			Settings: {
				ContainerRegistry: {
					public: input.accessLevel,
					virtual_domain: input.virtualDomain ?? "",
				},
			},
			Status: { registry_name: input.subdomainLabel },
		},
	};
}

/** Builds the add-user request. Its password must not be logged. */
export function addUserBody(input: AddUserInput): unknown {
	return {
		ContainerRegistry: {
			username: input.username,
			password: input.password,
			permission: input.permission,
		},
	};
}

/**
 * Builds the update-user request. `password` is always present, as in SAKURA's Go client since
 * iaas-api-go v1.17.4. An empty string requests that SAKURA keep the current password.
 */
export function updateUserBody(input: UpdateUserInput): unknown {
	// NOTE: SAKURA does not document that an empty password keeps the current one; SAKURA's Go tools rely on it.
	return {
		ContainerRegistry: {
			password: input.password,
			permission: input.permission,
		},
	};
}
