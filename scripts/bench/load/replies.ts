import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { catalogs, type Locale, type MessageKey } from "../../../src/i18n";
import type {
	RecordedResponse,
	SlackStandIn,
} from "../../../src/sandbox/slack-stand-in";

/**
 * An index of the posts the bot makes to response URLs, filled as the Slack stand-in records
 * them. Many requests run at once, so each one finds its reply by its own URL rather than by
 * position in the stand-in's list.
 */
export class ResponseIndex {
	private readonly byUrl = new Map<string, RecordedResponse[]>();
	private readonly unsubscribe: () => void;

	constructor(slack: SlackStandIn) {
		this.unsubscribe = slack.onRecord((record) => {
			if (record.type !== "response") {
				return;
			}
			const posts = this.byUrl.get(record.response.url) ?? [];
			posts.push(record.response);
			this.byUrl.set(record.response.url, posts);
		});
	}

	/** Returns the posts made so far to `url`, oldest first. */
	postsTo(url: string): readonly RecordedResponse[] {
		return this.byUrl.get(url) ?? [];
	}

	/** Stops recording. */
	close(): void {
		this.unsubscribe();
	}
}

/** Reads `response_url` from a signed slash command event. */
export function commandResponseUrl(event: APIGatewayProxyEventV2): string {
	return new URLSearchParams(event.body ?? "").get("response_url") ?? "";
}

/** Reads `response_url` from a signed interaction event, whose `payload` field contains JSON. */
export function interactionResponseUrl(event: APIGatewayProxyEventV2): string {
	const payload = new URLSearchParams(event.body ?? "").get("payload");
	const parsed = JSON.parse(payload ?? "{}") as { response_url?: unknown };
	return typeof parsed.response_url === "string" ? parsed.response_url : "";
}

/** Returns the `text` of a posted message body, or an empty string when it has none. */
export function textOf(body: unknown): string {
	if (typeof body !== "object" || body === null) {
		return "";
	}
	const text = (body as { text?: unknown }).text;
	return typeof text === "string" ? text : "";
}

/**
 * Builds a test of whether a text is one of the catalog messages `keys`, rendered in any locale
 * with any placeholder values. The sample users read different languages, so a reply to taro
 * is Japanese and a reply to alex English.
 */
export function catalogMatcher(
	keys: readonly MessageKey[],
): (text: string) => boolean {
	const locales = Object.keys(catalogs) as Locale[];
	const patterns = keys.flatMap((key) =>
		locales.map((locale) => templatePattern(catalogs[locale][key])),
	);
	return (text) => patterns.some((pattern) => pattern.test(text));
}

/** Turns a template such as `Already approved by {approvals}.` into an anchored regular expression. */
function templatePattern(template: string): RegExp {
	const parts = template.split(/\{[A-Za-z0-9_]+\}/);
	const escaped = parts.map((part) =>
		part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
	);
	return new RegExp(`^${escaped.join("[\\s\\S]+?")}$`);
}
