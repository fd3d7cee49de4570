import {
	SAMPLE_CHANNELS,
	SAMPLE_GROUPS,
	type SampleUser,
	userInfo,
} from "./users";
import { ViewStore } from "./views";

/** The stand-in's reply to one Web API call: a JSON body Slack would send with HTTP 200. */
export type MethodResult =
	| { ok: true; [field: string]: unknown }
	| { ok: false; error: string };

interface StoredMessage {
	channel: string;
	ts: string;
	text: string;
	blocks: unknown;
}

/** The bot user of the sandbox app, as `auth.test` returns it. */
export const SANDBOX_BOT = Object.freeze({
	userId: "U0REGBOT",
	botId: "B0REGBOT",
	name: "registry-bot",
});

/**
 * The state behind the Web API methods the stand-in serves: its users, the DM conversation of each
 * user with the bot, and every message posted.
 */
export class Workspace {
	private readonly users: Map<string, SampleUser>;
	private readonly messages = new Map<string, StoredMessage>();
	/** Modal views opened through `views.open` and `views.push`. */
	readonly views = new ViewStore();
	private lastTs = 0;

	constructor(
		users: readonly SampleUser[],
		private readonly teamId: string,
	) {
		this.users = new Map(users.map((user) => [user.id, user]));
	}

	/** Runs one Web API method on already-parsed arguments. */
	call(method: string, args: Record<string, unknown>): MethodResult {
		switch (method) {
			case "auth.test":
				return this.authTest();
			case "chat.postMessage":
				return this.postMessage(args);
			case "chat.postEphemeral":
				return this.postEphemeral(args);
			case "chat.update":
				return this.update(args);
			case "conversations.open":
				return this.openConversation(args);
			case "users.info":
				return this.userInfo(args);
			case "usergroups.users.list":
				return this.groupMembers(args);
			case "views.open":
				return this.views.open(args);
			case "views.update":
				return this.views.update(args);
			case "views.push":
				return this.views.push(args);
			case "views.publish":
				return this.publishHome(args);
			default:
				return { ok: false, error: "unknown_method" };
		}
	}

	/** The Home tab last published for each user, by user id. */
	readonly homeViews = new Map<string, Record<string, unknown>>();

	/**
	 * Publishes a user's Home tab, as `views.publish` does: the user must exist, and the view must be
	 * of type `home` with at most 100 blocks.
	 */
	private publishHome(args: Record<string, unknown>): MethodResult {
		const userId = args.user_id;
		if (typeof userId !== "string" || !this.users.has(userId)) {
			return { ok: false, error: "user_not_found" };
		}
		const view = args.view as { type?: unknown; blocks?: unknown } | undefined;
		if (
			view?.type !== "home" ||
			!Array.isArray(view.blocks) ||
			view.blocks.length > 100
		) {
			return { ok: false, error: "invalid_arguments" };
		}
		this.homeViews.set(userId, view as Record<string, unknown>);
		return { ok: true, view: { ...view, id: `V0HOME${userId.slice(1)}` } };
	}

	private authTest(): MethodResult {
		return {
			ok: true,
			url: "https://sakura-sandbox.slack.com/",
			team: "SAKURA sandbox",
			user: SANDBOX_BOT.name,
			team_id: this.teamId,
			user_id: SANDBOX_BOT.userId,
			bot_id: SANDBOX_BOT.botId,
			is_enterprise_install: false,
		};
	}

	/** Posts a message. A `U…` channel means the bot's DM with that user, whose id starts with `D`. */
	private postMessage(args: Record<string, unknown>): MethodResult {
		const channel = this.resolveChannel(args.channel);
		if (channel === undefined) {
			return { ok: false, error: "channel_not_found" };
		}
		if (!this.botIsMemberOf(channel)) {
			return { ok: false, error: "not_in_channel" };
		}
		if (!hasContent(args)) {
			return { ok: false, error: "no_text" };
		}

		const message = this.store(channel, args);
		return {
			ok: true,
			channel,
			ts: message.ts,
			message: {
				type: "message",
				user: SANDBOX_BOT.userId,
				bot_id: SANDBOX_BOT.botId,
				...message,
			},
		};
	}

	private postEphemeral(args: Record<string, unknown>): MethodResult {
		const channel = this.resolveChannel(args.channel);
		if (channel === undefined) {
			return { ok: false, error: "channel_not_found" };
		}
		if (typeof args.user !== "string" || !this.users.has(args.user)) {
			return { ok: false, error: "user_not_found" };
		}
		if (!hasContent(args)) {
			return { ok: false, error: "no_text" };
		}
		return { ok: true, message_ts: this.nextTs() };
	}

	/** Slack requires the `D…` id to update a DM; a `U…` id is `channel_not_found`. */
	private update(args: Record<string, unknown>): MethodResult {
		if (typeof args.channel !== "string" || /^[UW]/.test(args.channel)) {
			return { ok: false, error: "channel_not_found" };
		}
		const message = this.messages.get(`${args.channel}/${String(args.ts)}`);
		if (message === undefined) {
			return { ok: false, error: "message_not_found" };
		}

		message.text = typeof args.text === "string" ? args.text : message.text;
		message.blocks = args.blocks ?? message.blocks;
		return {
			ok: true,
			channel: message.channel,
			ts: message.ts,
			text: message.text,
		};
	}

	private openConversation(args: Record<string, unknown>): MethodResult {
		const userId =
			typeof args.users === "string"
				? args.users.split(",")[0].trim()
				: undefined;
		if (userId === undefined || !this.users.has(userId)) {
			return { ok: false, error: "user_not_found" };
		}
		return { ok: true, channel: { id: dmChannelOf(userId) } };
	}

	private userInfo(args: Record<string, unknown>): MethodResult {
		const user =
			typeof args.user === "string" ? this.users.get(args.user) : undefined;
		if (user === undefined) {
			return { ok: false, error: "user_not_found" };
		}
		const includeLocale =
			args.include_locale === true || args.include_locale === "true";
		return { ok: true, user: userInfo(user, includeLocale) };
	}

	/** Lists a user group's member ids, as `usergroups.users.list` does; needs `usergroups:read`. */
	private groupMembers(args: Record<string, unknown>): MethodResult {
		const group = SAMPLE_GROUPS.find(({ id }) => id === args.usergroup);
		if (group === undefined) {
			return { ok: false, error: "no_such_subteam" };
		}
		return { ok: true, users: [...group.userIds] };
	}

	/** Returns false only for a sample channel the bot has not joined; DMs and other ids pass. */
	private botIsMemberOf(channel: string): boolean {
		const known = SAMPLE_CHANNELS.find(({ id }) => id === channel);
		return known === undefined || known.botIsMember;
	}

	/** Maps a user id to its DM, accepts known DMs and any `C…` or `G…` channel, and rejects the rest. */
	private resolveChannel(channel: unknown): string | undefined {
		if (typeof channel !== "string") {
			return undefined;
		}
		if (/^[UW]/.test(channel)) {
			return this.users.has(channel) ? dmChannelOf(channel) : undefined;
		}
		if (channel.startsWith("D")) {
			const known = [...this.users.keys()].some(
				(userId) => dmChannelOf(userId) === channel,
			);
			return known ? channel : undefined;
		}
		return /^[CG][A-Z0-9]+$/.test(channel) ? channel : undefined;
	}

	private store(channel: string, args: Record<string, unknown>): StoredMessage {
		const message: StoredMessage = {
			channel,
			ts: this.nextTs(),
			text: typeof args.text === "string" ? args.text : "",
			blocks: args.blocks,
		};
		this.messages.set(`${channel}/${message.ts}`, message);
		return message;
	}

	/** Returns a unique message timestamp in Slack's `seconds.micro` form. */
	private nextTs(): string {
		this.lastTs = Math.max(this.lastTs + 1, Date.now() * 1000);
		return `${Math.floor(this.lastTs / 1_000_000)}.${String(this.lastTs % 1_000_000).padStart(6, "0")}`;
	}
}

/** Returns the DM conversation id of a user: `D` and the user id without its first letter. */
export function dmChannelOf(userId: string): string {
	return `D${userId.slice(1)}`;
}

function hasContent(args: Record<string, unknown>): boolean {
	return (
		(typeof args.text === "string" && args.text !== "") ||
		args.blocks !== undefined
	);
}
