import { catalogs, type Locale } from "./index";

/** Locales a channel setting may name: every locale with a catalog. */
const LOCALES = Object.keys(catalogs) as Locale[];

/**
 * A Slack channel ID: `C` for public channels, `G` for private channels and group DMs, `D` for
 * DMs, then uppercase letters and digits.
 */
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

/** Raised when a channel locale setting has an entry that is not `<channel ID>:<locale>`. */
export class ChannelLocalesError extends Error {
	constructor(
		/** The entry as written, or an empty string for an empty entry. */
		readonly entry: string,
		message: string,
	) {
		super(message);
		this.name = "ChannelLocalesError";
	}
}

/**
 * Chooses the language of a message. A channel override wins, so a post in that channel reads
 * the same for everyone. Otherwise the reader's Slack locale decides by its language subtag:
 * `ja-JP` and any other `ja` tag is Japanese, `en-US`, `en-GB` and any other `en` tag English.
 * A missing locale or any other language falls back to the workspace default.
 * @param options.slackLocale The `locale` of Slack's `users.info` with `include_locale=true`,
 * a BCP 47 tag such as `ja-JP`.
 */
export function chooseLocale(options: {
	slackLocale?: string;
	channelOverride?: Locale;
	workspaceDefault: Locale;
}): Locale {
	if (options.channelOverride !== undefined) {
		return options.channelOverride;
	}

	const language = options.slackLocale?.trim().split(/[-_]/)[0].toLowerCase();
	if (language === "ja") {
		return "ja";
	}
	if (language === "en") {
		return "en";
	}
	return options.workspaceDefault;
}

/**
 * Parses a per-channel locale setting such as `C0123ABCD:ja,C0456EFGH:en` into a map from
 * channel ID to locale. Spaces around entries and around the colon are ignored. An undefined or
 * blank value means no overrides.
 * @throws ChannelLocalesError naming the first entry that is empty, lacks a colon, has an invalid
 * channel ID or locale, or repeats a channel.
 */
export function parseChannelLocales(
	value: string | undefined,
): Map<string, Locale> {
	const locales = new Map<string, Locale>();
	if (value === undefined || value.trim() === "") {
		return locales;
	}

	for (const [index, rawEntry] of value.split(",").entries()) {
		const entry = rawEntry.trim();
		const position = index + 1;
		if (entry === "") {
			throw new ChannelLocalesError(
				"",
				`Channel locale entry ${position} is empty. Remove the extra comma.`,
			);
		}

		const colon = entry.indexOf(":");
		if (colon === -1) {
			throw new ChannelLocalesError(
				entry,
				`Channel locale entry "${entry}" has no colon. Write it as <channel ID>:<locale>, for example C0123ABCD:ja.`,
			);
		}

		const channelId = entry.slice(0, colon).trim();
		const locale = entry.slice(colon + 1).trim();
		if (!CHANNEL_ID.test(channelId)) {
			throw new ChannelLocalesError(
				entry,
				`Channel locale entry "${entry}" has an invalid channel ID "${channelId}". A Slack channel ID starts with C, G or D followed by uppercase letters and digits, for example C0123ABCD.`,
			);
		}
		if (!isLocale(locale)) {
			throw new ChannelLocalesError(
				entry,
				`Channel locale entry "${entry}" has an unknown locale "${locale}". Use one of: ${LOCALES.join(", ")}.`,
			);
		}
		if (locales.has(channelId)) {
			throw new ChannelLocalesError(
				entry,
				`Channel locale entry "${entry}" repeats channel ${channelId}. Give each channel once.`,
			);
		}

		locales.set(channelId, locale);
	}
	return locales;
}

function isLocale(value: string): value is Locale {
	return (LOCALES as readonly string[]).includes(value);
}
