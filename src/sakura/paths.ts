import { RegistryNotFoundError } from "./errors";

export const REGISTRIES_PATH = "/commonserviceitem";

/**
 * Path of one registry. SAKURA resource IDs are decimal, so anything else cannot name a registry.
 * @throws RegistryNotFoundError when `id` is not a decimal number.
 */
export function registryPath(id: string): string {
	if (!/^\d+$/.test(id)) {
		throw new RegistryNotFoundError(id);
	}
	return `${REGISTRIES_PATH}/${id}`;
}

export function usersPath(registryId: string): string {
	return `${registryPath(registryId)}/containerregistry/users`;
}

/**
 * Path of one registry user. The name is percent-encoded although SAKURA's Go client inserts it
 * unescaped, so a name with `/` or `?` cannot reach another path.
 * @throws RangeError when the name is empty, `.` or `..`, which would address a different path.
 */
export function userPath(registryId: string, username: string): string {
	if (username === "" || username === "." || username === "..") {
		throw new RangeError(`Invalid registry user name "${username}"`);
	}
	return `${usersPath(registryId)}/${encodeURIComponent(username)}`;
}
