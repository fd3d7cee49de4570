/** A member of the stand-in's workspace, with the fields `users.info` returns. */
export interface SampleUser {
	id: string;
	teamId: string;
	name: string;
	realName: string;
	/** BCP 47 locale, returned only with `include_locale=true`, as Slack does. */
	locale: string;
	/** IANA time zone name. */
	tz: string;
	tzLabel: string;
	/** Offset from UTC in seconds. */
	tzOffset: number;
	/** Workspace admin, returned as `is_admin` by `users.info`. @default false */
	isAdmin?: boolean;
	/** Workspace owner, returned as `is_owner` by `users.info`. @default false */
	isOwner?: boolean;
}

/** A user group of the sandbox workspace, for `usergroups.users.list`. */
export interface SampleGroup {
	/** Slack user group id, `S…`. */
	id: string;
	handle: string;
	userIds: readonly string[];
}

/** A channel of the sandbox workspace. Posting where the bot is not a member fails with `not_in_channel`. */
export interface SampleChannel {
	id: string;
	name: string;
	botIsMember: boolean;
}

export const SANDBOX_TEAM_ID = "T0SANDBOX";

/** Members of the sandbox workspace: two in Tokyo with Japanese, one in Seattle with English. */
export const SAMPLE_USERS: readonly SampleUser[] = Object.freeze([
	{
		id: "U0HANAKO",
		teamId: SANDBOX_TEAM_ID,
		name: "hanako",
		realName: "Hanako Sato",
		locale: "ja-JP",
		tz: "Asia/Tokyo",
		tzLabel: "Japan Standard Time",
		tzOffset: 32_400,
	},
	{
		id: "U0TARO",
		teamId: SANDBOX_TEAM_ID,
		name: "taro",
		realName: "Taro Suzuki",
		locale: "ja-JP",
		tz: "Asia/Tokyo",
		tzLabel: "Japan Standard Time",
		tzOffset: 32_400,
		isAdmin: true,
	},
	{
		id: "U0ALEX",
		teamId: SANDBOX_TEAM_ID,
		name: "alex",
		realName: "Alex Morgan",
		locale: "en-US",
		tz: "America/Los_Angeles",
		tzLabel: "Pacific Standard Time",
		tzOffset: -28_800,
		isAdmin: true,
	},
]);

/** User groups of the sandbox workspace: `@platform` has taro. */
export const SAMPLE_GROUPS: readonly SampleGroup[] = Object.freeze([
	{ id: "S0PLATFORM", handle: "platform", userIds: ["U0TARO"] },
]);

/**
 * Channels of the sandbox workspace. Slash commands come from #platform, and approval cards go to
 * #registry-approvals; the bot is in both. It is not in #random. Other `C…` ids are accepted as
 * channels the bot is in.
 */
export const SAMPLE_CHANNELS: readonly SampleChannel[] = Object.freeze([
	{ id: "C0PLATFORM", name: "platform", botIsMember: true },
	{ id: "C0APPROVALS", name: "registry-approvals", botIsMember: true },
	{ id: "C0RANDOM", name: "random", botIsMember: false },
]);

/** Renders a user as the `user` object of a `users.info` response. */
export function userInfo(
	user: SampleUser,
	includeLocale: boolean,
): Record<string, unknown> {
	return {
		id: user.id,
		team_id: user.teamId,
		name: user.name,
		real_name: user.realName,
		deleted: false,
		is_bot: false,
		tz: user.tz,
		tz_label: user.tzLabel,
		tz_offset: user.tzOffset,
		is_admin: user.isAdmin === true,
		is_owner: user.isOwner === true,
		is_primary_owner: false,
		...(includeLocale ? { locale: user.locale } : {}),
		profile: { real_name: user.realName, display_name: user.name },
	};
}
