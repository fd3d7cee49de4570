import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import { currentLocale, type Locale, withLocale } from "../i18n";
import { chooseLocale } from "../i18n/locale";
import type { Log } from "../logging";
import { DirectoryError, type SlackUsers } from "./directory";

/** How long a user's Slack locale is reused before `users.info` is asked again, in milliseconds. */
export const LOCALE_CACHE_TTL_MS = 10 * 60_000;

/** Chooses the language of each message from its reader. */
export interface LocaleResolver {
	/** Locale for readers whose own locale is unknown, from `DEFAULT_LOCALE`. */
	readonly workspaceDefault: Locale;
	/**
	 * Returns the locale of a message that one user reads: an ack, a modal, an ephemeral reply or a
	 * DM. It never rejects: a failed lookup returns the workspace default.
	 */
	forUser(userId: string): Promise<Locale>;
	/**
	 * Returns the locale of a message that everyone in a channel reads, such as an approval card:
	 * the channel's entry in `CHANNEL_LOCALES`, else the workspace default.
	 */
	forChannel(channelId: string): Locale;
}

export interface LocaleResolverOptions {
	/** The `users.info` cache, shared with the policy's directory. */
	users: SlackUsers;
	workspaceDefault: Locale;
	/** Locale overrides by channel ID. */
	channels: ReadonlyMap<string, Locale>;
	log: Log;
	/** @default LOCALE_CACHE_TTL_MS */
	ttlMs?: number;
}

/**
 * Time a locale lookup may take before the workspace default is used, in milliseconds. It shares
 * Slack's 3-second window with the permission check and the work itself, so it stays short.
 */
export const LOCALE_LOOKUP_DEADLINE_MS = 1_000;

/** Resolves like `lookup`, or rejects once the lookup deadline passes. */
async function withinLookupDeadline<T>(lookup: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(
			() =>
				reject(
					new Error(`users.info took over ${LOCALE_LOOKUP_DEADLINE_MS} ms`),
				),
			LOCALE_LOOKUP_DEADLINE_MS,
		);
	});
	lookup.catch(() => undefined);
	try {
		return await Promise.race([lookup, deadline]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Creates the resolver over Slack's `users.info` with `include_locale`, which needs the
 * `users:read` scope. The lookup runs inside Slack's 3-second window, so it is bounded by the Web
 * API client's timeout, and its result is cached for `ttlMs` per user.
 */
export function createLocaleResolver(
	options: LocaleResolverOptions,
): LocaleResolver {
	const ttlMs = options.ttlMs ?? LOCALE_CACHE_TTL_MS;
	const workspaceDefault = options.workspaceDefault;

	return {
		workspaceDefault,
		async forUser(userId) {
			try {
				const user = await withinLookupDeadline(
					options.users.get(userId, ttlMs),
				);
				return chooseLocale({ slackLocale: user.locale, workspaceDefault });
			} catch (error) {
				options.log.warn(
					"Looking up a user's locale failed, so the workspace default is used",
					{
						user: userId,
						locale: workspaceDefault,
						error: describeFailure(error),
					},
				);
				return workspaceDefault;
			}
		},
		forChannel(channelId) {
			return chooseLocale({
				channelOverride: options.channels.get(channelId),
				workspaceDefault,
			});
		},
	};
}

/** Returns Slack's error code for a failed call, or the error's name for anything else. */
function describeFailure(error: unknown): string {
	if (error instanceof DirectoryError) {
		return error.code;
	}
	return error instanceof Error ? error.name : typeof error;
}

/**
 * Returns the user's locale from `locales`, or the current locale (see `withLocale`) when no
 * resolver is given. It never rejects.
 */
export async function userLocale(
	locales: LocaleResolver | undefined,
	userId: string,
): Promise<Locale> {
	if (locales === undefined) {
		return currentLocale();
	}
	return locales.forUser(userId);
}

/**
 * Creates the global Bolt middleware that makes the locale of the person who acted current for
 * every listener, so acks, modals and replies to that person need no locale of their own. Messages
 * with other readers (approval cards, DMs to a requester) set theirs with `withLocale` where they
 * are built. A request that names no user uses the workspace default.
 */
export function actorLocaleMiddleware(
	locales: LocaleResolver,
): Middleware<AnyMiddlewareArgs> {
	return async ({ body, next }) => {
		const userId = actorOf(body);
		const locale =
			userId === undefined
				? locales.workspaceDefault
				: await locales.forUser(userId);
		await withLocale(locale, next);
	};
}

/**
 * Returns the user who sent a request: `user_id` of a slash command, `user.id` of an interaction
 * payload (block actions, view submissions, shortcuts, options), or `event.user` of an event.
 */
function actorOf(body: unknown): string | undefined {
	if (typeof body !== "object" || body === null) {
		return undefined;
	}
	const fields = body as {
		user_id?: unknown;
		user?: { id?: unknown };
		event?: { user?: unknown };
	};
	const candidates = [fields.user_id, fields.user?.id, fields.event?.user];
	return candidates.find(
		(value): value is string => typeof value === "string" && value !== "",
	);
}
