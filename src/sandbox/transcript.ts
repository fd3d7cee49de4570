import { renderBlocks } from "./render-blocks";
import {
	dmChannelOf,
	type SampleUser,
	type StandInRecord,
} from "./slack-stand-in";

/**
 * Describes one thing the bot posted, as a person in the workspace would see it: who sees it, then
 * the rendered message. Returns undefined for Web API calls that show nothing (users.info, auth.test).
 */
export function describeRecord(
	record: StandInRecord,
	users: readonly SampleUser[],
): string | undefined {
	if (record.type === "response") {
		const body = (record.response.body ?? {}) as Record<string, unknown>;
		const audience =
			body.response_type === "in_channel"
				? "posted in the channel"
				: "only visible to you";
		return frame(audience, renderBlocks(body.blocks, String(body.text ?? "")));
	}

	const { method, body, ok, error } = record.call;
	if (!ok) {
		return `  (the bot's ${method} call failed: ${error ?? "unknown error"})`;
	}
	const channel = String(body.channel ?? "");
	switch (method) {
		case "chat.postMessage":
			return frame(
				whereIs(channel, users),
				renderBlocks(body.blocks, String(body.text ?? "")),
			);
		case "chat.postEphemeral":
			return frame(
				`only visible to ${nameOf(String(body.user ?? ""), users)}`,
				renderBlocks(body.blocks, String(body.text ?? "")),
			);
		case "chat.update":
			return frame(
				`message updated in ${whereIs(channel, users)}`,
				renderBlocks(body.blocks, String(body.text ?? "")),
			);
		default:
			return undefined;
	}
}

/** Formats the bot's immediate HTTP answer to a command (the ack), or undefined for an empty one. */
export function describeAck(
	statusCode: number | undefined,
	body: string | undefined,
): string | undefined {
	if (statusCode !== 200) {
		return `  (Slack would show an error: the app answered HTTP ${statusCode ?? "none"})`;
	}
	if (body === undefined || body === "") {
		return undefined;
	}
	let message: Record<string, unknown>;
	try {
		message = JSON.parse(body) as Record<string, unknown>;
	} catch {
		return frame("only visible to you", body);
	}
	return frame(
		"only visible to you",
		renderBlocks(message.blocks, String(message.text ?? "")),
	);
}

function whereIs(channel: string, users: readonly SampleUser[]): string {
	if (channel.startsWith("D") || channel.startsWith("U")) {
		return `direct message to ${nameOf(channel, users)}`;
	}
	return `posted in ${channel}`;
}

/** Maps a user id, or the sandbox's `D<user id>` DM channel, to the sample user's name. */
function nameOf(id: string, users: readonly SampleUser[]): string {
	const user = users.find(
		(candidate) => id === candidate.id || id === dmChannelOf(candidate.id),
	);
	return user?.name ?? id;
}

function frame(title: string, text: string): string {
	const body = text
		.split("\n")
		.map((line) => `  │ ${line}`)
		.join("\n");
	return `  ┌─ ${title}\n${body}\n  └─`;
}
