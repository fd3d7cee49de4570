import bcrypt from "bcryptjs";
import { conflict, notFound } from "./errors";

/**
 * bcrypt cost for stored registry user passwords. Cost 4 (16 rounds) is the lowest bcrypt allows
 * and keeps tests fast, because the emulator guards no real secret.
 */
const BCRYPT_COST = 4;

/** The lowest ID the emulator hands out. IDs in the 9xxxxxxxxxxx band cannot name a real resource. */
const ID_BAND_START = 900_000_000_000;

export interface UserRecord {
	username: string;
	permission: string;
	/** bcrypt hash of the password. The plain password is never kept. */
	passwordHash: string;
}

export interface RegistryRecord {
	/** 12-digit decimal ID. */
	id: string;
	name: string;
	description: string;
	tags: string[];
	/** Icon resource ID, or null for none. */
	iconId: string | null;
	subdomainLabel: string;
	accessLevel: string;
	virtualDomain: string;
	availability: string;
	/** Whole seconds, so that the wire form round-trips. */
	createdAt: Date;
	modifiedAt: Date;
	users: UserRecord[];
}

export interface NewRegistry {
	name: string;
	description: string;
	tags: string[];
	iconId: string | null;
	subdomainLabel: string;
	accessLevel: string;
	virtualDomain: string;
}

/** Fields an update may change. Absent fields stay as they are. */
export type RegistryChanges = Partial<
	Pick<
		NewRegistry,
		"name" | "description" | "tags" | "iconId" | "accessLevel" | "virtualDomain"
	>
>;

/**
 * The global in-memory set of container registries and their users. Registries are global on
 * SAKURA Cloud, so every zone's endpoint reads and writes this one store.
 */
export class RegistryStore {
	private readonly registries = new Map<string, RegistryRecord>();
	private lastId = ID_BAND_START + Math.floor(Math.random() * 1_000_000_000);

	/** Called after every change to a user list, including deleting a registry with users. */
	onUsersChanged: () => void = () => {};

	/** Returns every registry in ID order. */
	list(): RegistryRecord[] {
		return [...this.registries.values()].sort((a, b) =>
			a.id.localeCompare(b.id),
		);
	}

	/** @throws EmulatorHttpError 404 when no registry has the ID. */
	get(id: string): RegistryRecord {
		const registry = this.registries.get(id);
		if (registry === undefined) {
			throw notFound(`registry ${id} not found`);
		}
		return registry;
	}

	/** Returns the registry that uses a subdomain label, if any. */
	findByLabel(subdomainLabel: string): RegistryRecord | undefined {
		return [...this.registries.values()].find(
			(registry) => registry.subdomainLabel === subdomainLabel,
		);
	}

	create(input: NewRegistry): RegistryRecord {
		this.lastId += 1;
		const now = wholeSeconds(new Date());
		const registry: RegistryRecord = {
			id: String(this.lastId),
			...input,
			tags: [...input.tags],
			availability: "available",
			createdAt: now,
			modifiedAt: now,
			users: [],
		};
		this.registries.set(registry.id, registry);
		return registry;
	}

	/**
	 * Applies changes and moves `modifiedAt` forward by at least one second, so that every update
	 * shows a later timestamp at SAKURA's second precision.
	 */
	update(id: string, changes: RegistryChanges): RegistryRecord {
		const registry = this.get(id);
		for (const [key, value] of Object.entries(changes)) {
			if (value !== undefined) {
				Object.assign(registry, { [key]: value });
			}
		}
		registry.modifiedAt = laterOf(
			wholeSeconds(new Date()),
			registry.modifiedAt,
		);
		return registry;
	}

	/** Removes a registry with its users and returns it. */
	delete(id: string): RegistryRecord {
		const registry = this.get(id);
		this.registries.delete(id);
		if (registry.users.length > 0) {
			this.onUsersChanged();
		}
		return registry;
	}

	/**
	 * Adds a user, hashing the password with bcrypt before storing it.
	 * @throws EmulatorHttpError 409 when the registry already has a user of that name.
	 */
	addUser(
		registryId: string,
		user: { username: string; password: string; permission: string },
	): void {
		const registry = this.get(registryId);
		if (
			registry.users.some((existing) => existing.username === user.username)
		) {
			throw conflict(
				`user ${user.username} already exists in registry ${registryId}`,
			);
		}

		registry.users.push({
			username: user.username,
			permission: user.permission,
			passwordHash: bcrypt.hashSync(user.password, BCRYPT_COST),
		});
		this.onUsersChanged();
	}

	/**
	 * Changes a user's permission, and the password unless `password` is empty.
	 * @throws EmulatorHttpError 404 when the registry or the user does not exist.
	 */
	updateUser(
		registryId: string,
		username: string,
		change: { password: string; permission: string },
	): void {
		const user = this.getUser(registryId, username);
		user.permission = change.permission;
		if (change.password !== "") {
			user.passwordHash = bcrypt.hashSync(change.password, BCRYPT_COST);
		}
		this.onUsersChanged();
	}

	/** @throws EmulatorHttpError 404 when the registry or the user does not exist. */
	deleteUser(registryId: string, username: string): void {
		const registry = this.get(registryId);
		const user = this.getUser(registryId, username);
		registry.users = registry.users.filter((existing) => existing !== user);
		this.onUsersChanged();
	}

	/** True when the user exists and the password matches its stored hash. */
	verifyPassword(
		registryId: string,
		username: string,
		password: string,
	): boolean {
		const user = this.registries
			.get(registryId)
			?.users.find((existing) => existing.username === username);
		if (user === undefined) {
			return false;
		}
		return bcrypt.compareSync(password, user.passwordHash);
	}

	private getUser(registryId: string, username: string): UserRecord {
		const user = this.get(registryId).users.find(
			(existing) => existing.username === username,
		);
		if (user === undefined) {
			throw notFound(`user ${username} not found in registry ${registryId}`);
		}
		return user;
	}
}

function wholeSeconds(date: Date): Date {
	return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

function laterOf(now: Date, previous: Date): Date {
	if (now.getTime() > previous.getTime()) {
		return now;
	}
	return new Date(previous.getTime() + 1000);
}
