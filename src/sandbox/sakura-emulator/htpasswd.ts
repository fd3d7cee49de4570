import { chmodSync, renameSync, writeFileSync } from "node:fs";
import type { RegistryRecord } from "./store";

let temporaryFileCounter = 0;

/**
 * Writes the users of the chosen registries as a bcrypt htpasswd file, the format Debian's
 * `docker-registry` (distribution 2.8) reads. That registry re-reads the file when its mtime
 * changes, so users added, changed or deleted here take effect on its next request.
 *
 * The file is written to a temporary name in the same folder and renamed over the old one, so a
 * reader never sees half a file. Hashes are bcryptjs output with the `$2b$` prefix changed to
 * `$2y$`, the form `htpasswd -B` writes. Distribution 2.8.2 accepts `$2a$`, `$2b$` and `$2y$`.
 *
 * @param subdomainLabel the registry whose users are written, or undefined for every registry.
 */
export function writeHtpasswd(
	path: string,
	registries: readonly RegistryRecord[],
	subdomainLabel: string | undefined,
): void {
	const lines: string[] = [];
	const written = new Set<string>();

	for (const registry of registries) {
		if (
			subdomainLabel !== undefined &&
			registry.subdomainLabel !== subdomainLabel
		) {
			continue;
		}
		for (const user of registry.users) {
			// NOTE: one file cannot hold two passwords for one name, so when registries share a user
			// name, the registry with the lowest ID wins.
			if (written.has(user.username)) {
				continue;
			}
			written.add(user.username);
			lines.push(
				`${user.username}:${user.passwordHash.replace(/^\$2[ab]\$/, "$2y$")}\n`,
			);
		}
	}

	temporaryFileCounter += 1;
	const temporaryPath = `${path}.${process.pid}.${temporaryFileCounter}.tmp`;
	writeFileSync(temporaryPath, lines.join(""), { mode: 0o600 });
	chmodSync(temporaryPath, 0o600);
	renameSync(temporaryPath, path);
}
