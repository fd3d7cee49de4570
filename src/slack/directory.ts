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
	const admins = new Map<string, CacheEntry<boolean>>();
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
		isWorkspaceAdmin: (userId) =>
			cached(admins, userId, async () => {
				const result = await call("users.info", () =>
					client.users.info({ user: userId }),
				);
				const user = result.user;
				return (
					user?.is_admin === true ||
					user?.is_owner === true ||
					user?.is_primary_owner === true
				);
			}),
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
