import type { Registry, RegistryUser } from "../../../src/sakura/types";

/** A registry as the SAKURA client returns it, with overrides. */
export function sampleRegistry(overrides: Partial<Registry> = {}): Registry {
	return {
		id: "113701684393",
		name: "demo",
		description: "Team images",
		tags: [],
		subdomainLabel: "demo",
		fqdn: "demo.sakuracr.jp",
		accessLevel: "none",
		virtualDomain: "",
		availability: "available",
		createdAt: "2025-06-18T01:11:42+09:00",
		modifiedAt: "2025-06-18T01:11:42+09:00",
		settingsHash: "563b0c1f0d8b4d6c9c0e4b1d2a3f4e5d",
		...overrides,
	};
}

export function sampleRegistries(count: number): Registry[] {
	return Array.from({ length: count }, (_, index) =>
		sampleRegistry({
			id: String(113701684393 + index),
			name: `registry-${index}`,
			subdomainLabel: `registry-${index}`,
			fqdn: `registry-${index}.sakuracr.jp`,
		}),
	);
}

export function sampleUsers(count: number): RegistryUser[] {
	const permissions = ["readonly", "readwrite", "all"] as const;
	return Array.from({ length: count }, (_, index) => ({
		username: `user-${index}`,
		permission: permissions[index % permissions.length],
	}));
}

/** A value that would notify a channel and add a link if it reached Slack unescaped. */
export const HOSTILE = "<!channel> & <https://evil.example|click>";
