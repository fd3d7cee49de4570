import type { webApi } from "@slack/bolt";
import type { Directory } from "../operations/policy";
import { describeSlackError } from "./web-api-errors";

/** How long a looked-up admin flag or group member list is reused, in milliseconds. */
export const DIRECTORY_CACHE_TTL_MS = 60_000;

/** A Web API lookup for the policy failed, so nobody's permission could be decided. */
export class DirectoryError extends Error {
	constructor(
		/** `users.info` or `usergroups.users.list`. */
		readonly method: string,
		/** Slack's error code, `timeout`, `rate_limited (…)`, `http_<status>` or `request_failed`. */
		readonly code: string,
		options?: { cause?: unknown },
	) {
		super(`Slack ${method} failed: ${code}`, options);
		this.name = "DirectoryError";
	}
}

export interface SlackDirectoryOptions {
	/** @default DIRECTORY_CACHE_TTL_MS */
	ttlMs?: number;
	/** @default () => Date.now() */
	now?: () => number;
	/**
	 * Cache of `users.info` results to share with other readers, such as the locale resolver, so
	 * one call serves them all. @default a cache of this directory's own
	 */
	users?: SlackUsers;
}

/** The fields of a Slack user that the bot reads from `users.info`. */
export interface SlackUser {
	/** True for workspace admins, owners and primary owners. */
	isWorkspaceAdmin: boolean;
	/** BCP 47 locale such as `ja-JP`; absent when Slack did not return one. */
	locale?: string;
}

/** A `users.info` client that reuses each user's latest result while it is fresh enough. */
export interface SlackUsers {
	/**
	 * Returns the user, fetched again when the cached result is `maxAgeMs` milliseconds old or older.
	 * @throws DirectoryError when Slack's call fails.
	 */
	get(userId: string, maxAgeMs: number): Promise<SlackUser>;
}

/**
 * Creates a `users.info` cache that lives as long as the Lambda container. Each call requests the user's
 * locale too (`include_locale`), so the same result serves permission checks and the choice
 * of language. Failures are not cached.
 */
export function createSlackUsers(
	client: webApi.WebClient,
	options: { now?: () => number } = {},
): SlackUsers {
	const now = options.now ?? (() => Date.now());
	const users = new Map<string, { user: SlackUser; fetchedAt: number }>();
	// Lookups in flight, so a second caller in the same request (the locale lookup gave up, then the
	// permission check calls) waits for the same call instead of starting another full timeout.
	const pending = new Map<string, Promise<SlackUser>>();

	const fetchUser = async (userId: string): Promise<SlackUser> => {
		const result = await call("users.info", () =>
			client.users.info({ user: userId, include_locale: true }),
		);
		const user: SlackUser = {
			isWorkspaceAdmin:
				result.user?.is_admin === true ||
				result.user?.is_owner === true ||
				result.user?.is_primary_owner === true,
			locale: result.user?.locale,
		};
		users.set(userId, { user, fetchedAt: now() });
		return user;
	};

	return {
		async get(userId, maxAgeMs) {
			const entry = users.get(userId);
			if (entry !== undefined && now() - entry.fetchedAt < maxAgeMs) {
				return entry.user;
			}

			let lookup = pending.get(userId);
			if (lookup === undefined) {
				lookup = fetchUser(userId).finally(() => pending.delete(userId));
				pending.set(userId, lookup);
			}
			return lookup;
		},
	};
}

interface CacheEntry<T> {
	value: T;
	expiresAt: number;
}

/**
 * Creates the policy's `Directory` over the Slack Web API. A user counts as a workspace admin when
 * `users.info` reports `is_admin`, `is_owner` or `is_primary_owner`. Group members come from
 * `usergroups.users.list`, which needs the `usergroups:read` scope.
 *
 * Results are cached for `ttlMs` in this object, which lives as long as the Lambda container, so a
 * removed admin keeps approving for at most that long. Failures are not cached.
 * @throws DirectoryError from either method when Slack's call fails.
 */
export function createSlackDirectory(
	client: webApi.WebClient,
	options: SlackDirectoryOptions = {},
): Directory {
	const ttlMs = options.ttlMs ?? DIRECTORY_CACHE_TTL_MS;
	const now = options.now ?? (() => Date.now());
	const users = options.users ?? createSlackUsers(client, { now });
	const groups = new Map<string, CacheEntry<ReadonlySet<string>>>();

	async function cached<T>(
		cache: Map<string, CacheEntry<T>>,
		key: string,
		load: () => Promise<T>,
	): Promise<T> {
		const entry = cache.get(key);
		if (entry !== undefined && entry.expiresAt > now()) {
			return entry.value;
		}
		const value = await load();
		cache.set(key, { value, expiresAt: now() + ttlMs });
		return value;
	}

	return {
		isWorkspaceAdmin: async (userId) =>
			(await users.get(userId, ttlMs)).isWorkspaceAdmin,
		isInGroup: async (userId, groupId) => {
			const members = await cached(groups, groupId, async () => {
				const result = await call("usergroups.users.list", () =>
					client.usergroups.users.list({ usergroup: groupId }),
				);
				return new Set(result.users ?? []);
			});
			return members.has(userId);
		},
	};
}

async function call<T extends { ok?: boolean; error?: string }>(
	method: string,
	request: () => Promise<T>,
): Promise<T> {
	let result: T;
	try {
		result = await request();
	} catch (error) {
		throw new DirectoryError(method, describeSlackError(error), {
			cause: error,
		});
	}
	if (result.ok !== true) {
		throw new DirectoryError(method, result.error ?? "unconfirmed");
	}
	return result;
}
