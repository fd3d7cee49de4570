import { createHash } from "node:crypto";
import type { RegistryRecord } from "./store";

/** `Provider.Class` of every container registry, the only class this emulator serves. */
export const PROVIDER_CLASS = "containerregistry";

/** Suffix of a registry's hostname: `<subdomain label>.sakuracr.jp`. */
export const HOSTNAME_SUFFIX = ".sakuracr.jp";

// NOTE: SAKURA's real Provider ID, Provider name and service classes for registries are not
// published. These values only fill the fields with the right types.
const PROVIDER_ID = "900000000001";
const PROVIDER_NAME = "containerregistry";
const SERVICE_CLASS = "cloud/containerregistry/1";

/** A bigint field: a decimal string, or a JSON number when the client sent `X-Sakura-Bigint-As-Int: 1`. */
export type WireId = string | number;

export interface RegistrySettings {
	ContainerRegistry: { public: string; virtual_domain: string };
}

/** A registry as SAKURA's cloud API sends it, PascalCase outside and snake_case inside. */
export interface NakedRegistry {
	ID: WireId;
	Name: string;
	Description: string;
	Tags: string[];
	Icon: { ID: WireId } | null;
	Availability: string;
	CreatedAt: string;
	ModifiedAt: string;
	Provider: { ID: WireId; Class: string; Name: string; ServiceClass: string };
	ServiceClass: string;
	Settings: RegistrySettings;
	SettingsHash: string;
	Status: { registry_name: string; hostname: string };
}

/** Converts a stored registry to the wire shape, with IDs as numbers when `bigintAsInt` is set. */
export function toNakedRegistry(
	registry: RegistryRecord,
	bigintAsInt: boolean,
): NakedRegistry {
	const settings = settingsOf(registry);
	return {
		ID: wireId(registry.id, bigintAsInt),
		Name: registry.name,
		Description: registry.description,
		Tags: [...registry.tags],
		Icon:
			registry.iconId === null
				? null
				: { ID: wireId(registry.iconId, bigintAsInt) },
		Availability: registry.availability,
		CreatedAt: formatJst(registry.createdAt),
		ModifiedAt: formatJst(registry.modifiedAt),
		Provider: {
			ID: wireId(PROVIDER_ID, bigintAsInt),
			Class: PROVIDER_CLASS,
			Name: PROVIDER_NAME,
			ServiceClass: SERVICE_CLASS,
		},
		ServiceClass: SERVICE_CLASS,
		Settings: settings,
		SettingsHash: settingsHash(settings),
		Status: {
			registry_name: registry.subdomainLabel,
			hostname: `${registry.subdomainLabel}${HOSTNAME_SUFFIX}`,
		},
	};
}

export function settingsOf(registry: RegistryRecord): RegistrySettings {
	return {
		ContainerRegistry: {
			public: registry.accessLevel,
			virtual_domain: registry.virtualDomain,
		},
	};
}

/**
 * Hashes settings to 32 hex characters (the first 16 bytes of SHA-256 over JSON with sorted keys).
 * SAKURA's algorithm is not published, and clients treat the value as opaque.
 */
export function settingsHash(settings: RegistrySettings): string {
	return createHash("sha256")
		.update(canonicalJson(settings))
		.digest("hex")
		.slice(0, 32);
}

/** Formats a time as SAKURA does: RFC 3339 in JST, second precision, e.g. `2025-06-18T12:11:42+09:00`. */
export function formatJst(date: Date): string {
	const jstMilliseconds = date.getTime() + 9 * 60 * 60 * 1000;
	return `${new Date(jstMilliseconds).toISOString().slice(0, 19)}+09:00`;
}

function wireId(id: string, bigintAsInt: boolean): WireId {
	return bigintAsInt ? Number(id) : id;
}

function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) {
		return `[${value.map(canonicalJson).join(",")}]`;
	}
	if (value !== null && typeof value === "object") {
		const entries = Object.entries(value).sort(([a], [b]) => compareKeys(a, b));
		return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
	}
	return JSON.stringify(value);
}

function compareKeys(a: string, b: string): number {
	if (a < b) {
		return -1;
	}
	if (a > b) {
		return 1;
	}
	return 0;
}
