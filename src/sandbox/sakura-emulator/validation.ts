import { badRequest } from "./errors";
import type { ValidationRules } from "./options";
import type { NewRegistry, RegistryChanges } from "./store";
import { PROVIDER_CLASS } from "./wire";

/** Maximum `Name` length, as the Terraform providers enforce it (1 to 64 characters). */
const NAME_MAX_LENGTH = 64;
/** Maximum `Description` length, as usacloud, Terraform and iaas-service-go enforce it. */
const DESCRIPTION_MAX_LENGTH = 512;
/** SAKURA's generic tag rule as usacloud enforces it: at most 10 tags of at most 32 characters. */
const TAGS_MAX_COUNT = 10;
const TAG_MAX_LENGTH = 32;

/** Registry user permissions SAKURA has required on every user since February 2020. */
const USER_PERMISSIONS = new Set(["all", "readwrite", "readonly"]);

/** A fully qualified domain name for `virtual_domain`, as usacloud validates it. */
const FQDN_PATTERN =
	/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Passwords of printable ASCII, space included. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export interface UpdateRequest {
	changes: RegistryChanges;
	/** `SettingsHash` the client read earlier, when it sent one. */
	settingsHash: string | undefined;
}

/**
 * Parses a create body, `{"CommonServiceItem":{…}}`. The subdomain label arrives in
 * `Status.registry_name`, the access level in `Settings.ContainerRegistry.public`.
 * Label uniqueness is the caller's check, because it needs the store.
 * @throws EmulatorHttpError 400 on the first rule the body breaks.
 */
export function parseCreateRegistry(
	body: unknown,
	rules: ValidationRules,
): NewRegistry {
	const item = requireObject(
		requireObject(body, "body").CommonServiceItem,
		"CommonServiceItem",
	);

	const provider = requireObject(item.Provider, "Provider");
	if (provider.Class !== PROVIDER_CLASS) {
		throw badRequest(`Provider.Class must be ${PROVIDER_CLASS}`);
	}

	const status = requireObject(item.Status, "Status");
	const subdomainLabel = parseSubdomainLabel(status.registry_name, rules);
	const settings = parseSettings(item.Settings, rules, undefined);

	return {
		name: parseName(item.Name),
		description:
			item.Description === undefined ? "" : parseDescription(item.Description),
		tags: item.Tags === undefined ? [] : parseTags(item.Tags),
		iconId: parseIcon(item.Icon),
		subdomainLabel,
		...settings,
	};
}

/**
 * Parses an update body. Fields that are present replace the stored ones, and `Settings` replaces
 * both access level and virtual domain at once. `Status.registry_name` cannot change after create.
 * `currentAccessLevel` lets an existing `readonly` registry keep its level.
 * @throws EmulatorHttpError 400 on the first rule the body breaks.
 */
export function parseUpdateRegistry(
	body: unknown,
	rules: ValidationRules,
	current: { subdomainLabel: string; accessLevel: string },
): UpdateRequest {
	const item = requireObject(
		requireObject(body, "body").CommonServiceItem,
		"CommonServiceItem",
	);
	const changes: RegistryChanges = {};

	if (item.Name !== undefined) {
		changes.name = parseName(item.Name);
	}
	if (item.Description !== undefined) {
		changes.description = parseDescription(item.Description);
	}
	if (item.Tags !== undefined) {
		changes.tags = parseTags(item.Tags);
	}
	if (item.Icon !== undefined) {
		changes.iconId = parseIcon(item.Icon);
	}
	if (item.Settings !== undefined) {
		Object.assign(
			changes,
			parseSettings(item.Settings, rules, current.accessLevel),
		);
	}

	if (
		item.Provider !== undefined &&
		item.Provider !== null &&
		requireObject(item.Provider, "Provider").Class !== PROVIDER_CLASS
	) {
		throw badRequest(`Provider.Class must be ${PROVIDER_CLASS}`);
	}
	if (item.Status !== undefined && item.Status !== null) {
		const label = requireObject(item.Status, "Status").registry_name;
		if (label !== undefined && label !== current.subdomainLabel) {
			throw badRequest("Status.registry_name cannot change after create");
		}
	}

	let settingsHash: string | undefined;
	if (
		item.SettingsHash !== undefined &&
		item.SettingsHash !== null &&
		item.SettingsHash !== ""
	) {
		settingsHash = requireString(item.SettingsHash, "SettingsHash");
	}

	return { changes, settingsHash };
}

/**
 * Parses an add-user body, `{"ContainerRegistry":{"username","password","permission"}}`.
 * @throws EmulatorHttpError 400 on the first rule the body breaks.
 */
export function parseAddUser(
	body: unknown,
	rules: ValidationRules,
): { username: string; password: string; permission: string } {
	const user = requireObject(
		requireObject(body, "body").ContainerRegistry,
		"ContainerRegistry",
	);
	const username = requireString(user.username, "username");
	if (!rules.userNamePattern.test(username)) {
		throw badRequest(
			`username ${JSON.stringify(username)} does not match ${rules.userNamePattern}`,
		);
	}

	const password = requireString(user.password, "password");
	checkPassword(password, rules);

	return { username, password, permission: parsePermission(user.permission) };
}

/**
 * Parses an update-user body, `{"ContainerRegistry":{"password","permission"}}`. The user name comes
 * from the path. An empty or absent password keeps the current one, which is what every current
 * official client sends for a permission-only change. Permission is required, as SAKURA has
 * required it since February 2020.
 * @throws EmulatorHttpError 400 on the first rule the body breaks.
 */
export function parseUpdateUser(
	body: unknown,
	rules: ValidationRules,
): { password: string; permission: string } {
	const user = requireObject(
		requireObject(body, "body").ContainerRegistry,
		"ContainerRegistry",
	);
	const password =
		user.password === undefined || user.password === null
			? ""
			: requireString(user.password, "password");
	if (password !== "") {
		checkPassword(password, rules);
	}
	return { password, permission: parsePermission(user.permission) };
}

function parseName(value: unknown): string {
	const name = requireString(value, "Name");
	const length = [...name].length;
	if (length < 1 || length > NAME_MAX_LENGTH) {
		throw badRequest(
			`Name must be 1 to ${NAME_MAX_LENGTH} characters, got ${length}`,
		);
	}
	return name;
}

function parseDescription(value: unknown): string {
	const description = requireString(value, "Description");
	if ([...description].length > DESCRIPTION_MAX_LENGTH) {
		throw badRequest(
			`Description must be at most ${DESCRIPTION_MAX_LENGTH} characters`,
		);
	}
	return description;
}

function parseTags(value: unknown): string[] {
	if (value === null) {
		return [];
	}
	if (!Array.isArray(value)) {
		throw badRequest("Tags must be an array of strings");
	}
	if (value.length > TAGS_MAX_COUNT) {
		throw badRequest(
			`Tags must have at most ${TAGS_MAX_COUNT} entries, got ${value.length}`,
		);
	}
	return value.map((tag) => {
		const text = requireString(tag, "tag");
		const length = [...text].length;
		if (length < 1 || length > TAG_MAX_LENGTH) {
			throw badRequest(
				`each tag must be 1 to ${TAG_MAX_LENGTH} characters, got ${length}`,
			);
		}
		return text;
	});
}

/** Official clients send `{"ID":0}` for no icon, so 0, "0", "", a missing ID and null all mean none. */
function parseIcon(value: unknown): string | null {
	if (value === undefined || value === null) {
		return null;
	}
	const id = requireObject(value, "Icon").ID;
	if (id === undefined || id === null || id === 0 || id === "0" || id === "") {
		return null;
	}
	const text = String(id);
	if (
		(typeof id !== "string" && typeof id !== "number") ||
		!/^[1-9][0-9]{0,18}$/.test(text)
	) {
		throw badRequest("Icon.ID must be a decimal resource ID");
	}
	// NOTE: the emulator has no icons, so it stores any well-formed icon ID without checking it exists.
	return text;
}

function parseSubdomainLabel(value: unknown, rules: ValidationRules): string {
	const label = requireString(value, "Status.registry_name");
	if (label.length < 1 || label.length > rules.labelMaxLength) {
		throw badRequest(
			`Status.registry_name must be 1 to ${rules.labelMaxLength} characters, got ${label.length}`,
		);
	}
	if (!rules.labelPattern.test(label)) {
		throw badRequest(
			`Status.registry_name ${JSON.stringify(label)} does not match ${rules.labelPattern}`,
		);
	}
	return label;
}

function parseSettings(
	value: unknown,
	rules: ValidationRules,
	currentAccessLevel: string | undefined,
): { accessLevel: string; virtualDomain: string } {
	const registrySettings = requireObject(
		requireObject(value, "Settings").ContainerRegistry,
		"Settings.ContainerRegistry",
	);
	const accessLevel = parseAccessLevel(
		registrySettings.public,
		rules,
		currentAccessLevel,
	);

	const domain = registrySettings.virtual_domain;
	const virtualDomain =
		domain === undefined || domain === null
			? ""
			: requireString(domain, "virtual_domain");
	if (virtualDomain !== "" && !FQDN_PATTERN.test(virtualDomain)) {
		throw badRequest(
			`virtual_domain ${JSON.stringify(virtualDomain)} is not a fully qualified domain name`,
		);
	}

	return { accessLevel, virtualDomain };
}

/**
 * SAKURA accepts only `none` for new registries since mid-2026. `readonly` is deprecated: it is
 * accepted in legacy mode, or when the registry already has it. `readwrite` was removed in 2026.
 */
function parseAccessLevel(
	value: unknown,
	rules: ValidationRules,
	currentAccessLevel: string | undefined,
): string {
	if (value === "none") {
		return value;
	}
	if (
		value === "readonly" &&
		(rules.legacyReadonly || currentAccessLevel === "readonly")
	) {
		return value;
	}
	throw badRequest(`access level ${JSON.stringify(value)} is not accepted`);
}

function parsePermission(value: unknown): string {
	if (typeof value !== "string" || !USER_PERMISSIONS.has(value)) {
		throw badRequest(
			`permission ${JSON.stringify(value)} must be one of all, readwrite, readonly`,
		);
	}
	return value;
}

function checkPassword(password: string, rules: ValidationRules): void {
	if (
		password.length < rules.passwordMinLength ||
		password.length > rules.passwordMaxLength
	) {
		throw badRequest(
			`password must be ${rules.passwordMinLength} to ${rules.passwordMaxLength} characters`,
		);
	}
	if (!PRINTABLE_ASCII.test(password)) {
		throw badRequest("password must be printable ASCII");
	}
}

function requireObject(value: unknown, name: string): Record<string, unknown> {
	if (value === null || typeof value !== "object" || Array.isArray(value)) {
		throw badRequest(`${name} must be a JSON object`);
	}
	return value as Record<string, unknown>;
}

function requireString(value: unknown, name: string): string {
	if (typeof value !== "string") {
		throw badRequest(`${name} must be a string`);
	}
	return value;
}
