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
	},
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
		...(includeLocale ? { locale: user.locale } : {}),
		profile: { real_name: user.realName, display_name: user.name },
	};
}
