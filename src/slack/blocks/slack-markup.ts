import { type MessageKey, t } from "../../i18n";
import { escapeMrkdwn } from "./mrkdwn";

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/**
 * Slack markup for a param of `renderMarkup`, inserted without escaping. Only the builders in this
 * file make one, from checked ids, so user input cannot become a mention or a link.
 */
export interface Markup {
	readonly markup: string;
}

/** Mentions a user as `<@U…>`. An id of another shape is shown as escaped text instead. */
export function mention(userId: string): Markup {
	return {
		markup: USER_ID.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId),
	};
}

/** Mentions a user group as `<!subteam^S…>`, which Slack shows as `@group-handle`. */
export function groupMention(groupId: string): Markup {
	return {
		markup: GROUP_ID.test(groupId)
			? `<!subteam^${groupId}>`
			: escapeMrkdwn(groupId),
	};
}

/** Links a channel as `<#C…>`, which Slack shows as `#name` to members. */
export function channelLink(channelId: string): Markup {
	return {
		markup: CHANNEL_ID.test(channelId)
			? `<#${channelId}>`
			: escapeMrkdwn(channelId),
	};
}

/**
 * Formats a time with Slack's date token, which every reader sees in their own time zone, in the
 * current locale's format (`date.format`), such as "Jan 1, 2030 at 9:00 AM". Clients that cannot
 * render the token show the `date.fallback` text, in UTC to the minute.
 * @param iso An ISO 8601 time such as `2030-01-01T00:00:00.000Z`.
 */
export function slackDate(iso: string): Markup {
	const milliseconds = Date.parse(iso);
	if (Number.isNaN(milliseconds)) {
		return { markup: escapeMrkdwn(iso) };
	}
	const seconds = Math.floor(milliseconds / 1000);
	const utc = new Date(seconds * 1000).toISOString();
	const fallback = t("date.fallback", {
		year: utc.slice(0, 4),
		month: utc.slice(5, 7),
		day: utc.slice(8, 10),
		time: utc.slice(11, 16),
	});
	return {
		markup: `<!date^${seconds}^${t("date.format")}|${escapeMrkdwn(fallback)}>`,
	};
}

/**
 * Formats a date as a Slack date token that shows the day (`YYYY-MM-DD`) in each reader's own time
 * zone. Clients that cannot render the token show the UTC day.
 */
export function slackDay(iso: string): Markup {
	const milliseconds = Date.parse(iso);
	if (Number.isNaN(milliseconds)) {
		return { markup: escapeMrkdwn(iso) };
	}
	const seconds = Math.floor(milliseconds / 1000);
	const utcDay = new Date(seconds * 1000).toISOString().slice(0, 10);
	return { markup: `<!date^${seconds}^{date_num}|${utcDay}>` };
}

/** Joins several markup values with `, ` into one. */
export function joinMarkup(values: readonly Markup[]): Markup {
	return { markup: values.map((value) => value.markup).join(", ") };
}

/**
 * Renders a catalog message as mrkdwn. The template's own text and the plain params are escaped,
 * as `render` does, while `Markup` params are inserted as they are, so a message can mention people
 * and show dates. A placeholder without a param stays visible.
 */
export function renderMarkup(
	key: MessageKey,
	params: Readonly<Record<string, string | number | Markup>> = {},
): Markup {
	const template = t(key);
	let output = "";
	let last = 0;

	for (const match of template.matchAll(PLACEHOLDER)) {
		output += escapeMrkdwn(template.slice(last, match.index));
		last = match.index + match[0].length;

		const value = Object.hasOwn(params, match[1])
			? params[match[1]]
			: undefined;
		if (value === undefined) {
			output += match[0];
		} else if (typeof value === "object") {
			output += value.markup;
		} else {
			output += escapeMrkdwn(String(value));
		}
	}
	output += escapeMrkdwn(template.slice(last));
	return { markup: output };
}

/** Renders a catalog message as markup and returns its text. */
export function renderText(
	key: MessageKey,
	params: Readonly<Record<string, string | number | Markup>> = {},
): string {
	return renderMarkup(key, params).markup;
}
