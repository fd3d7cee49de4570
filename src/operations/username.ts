import { USERNAME_MAX_LENGTH } from "./validation";

/**
 * Derives a registry user name from a Slack user name: lowercased, characters outside
 * `[a-z0-9._-]` replaced by hyphens, runs of hyphens collapsed, and trimmed to a leading letter or
 * digit. A name with nothing usable left (all non-ASCII, say) falls back to `slack-<user id>`.
 */
export function deriveUsername(
	slackUserName: string,
	slackUserId: string,
): string {
	const cleaned = slackUserName
		.normalize("NFKC")
		.toLowerCase()
		.replace(/[^a-z0-9._-]+/g, "-")
		.replace(/-{2,}/g, "-")
		.replace(/^[^a-z0-9]+/, "")
		.slice(0, USERNAME_MAX_LENGTH)
		.replace(/[._-]+$/, "");

	if (cleaned.length > 0) {
		return cleaned;
	}
	const fallback = `slack-${slackUserId.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
	return fallback.slice(0, USERNAME_MAX_LENGTH);
}
