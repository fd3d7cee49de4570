import type { Pressable } from "./interactions";
import { type RenderOptions, renderBlocks } from "./render-blocks";
import {
	dmChannelOf,
	type SampleUser,
	type StandInRecord,
} from "./slack-stand-in";
import { SAMPLE_CHANNELS } from "./slack-stand-in/users";

/** Callback that numbers a button and records the message or form that carries it. */
export type ButtonSink = (
	button: Omit<Pressable, "container">,
	container: Pressable["container"],
) => number;

/** One thing the bot showed, with the view it opened when it was a modal. */
export interface Described {
	text: string;
	openedView?: { id: string; method: string };
}

/**
 * Describes one thing the bot posted as a person in the workspace would see it: who sees it, then
 * the rendered message, with each button numbered through `addButton`. Returns undefined for Web API
 * calls that show nothing (users.info, auth.test).
 */
export function describeRecord(
	record: StandInRecord,
	users: readonly SampleUser[],
	addButton: ButtonSink,
	commandChannel: string,
): Described | undefined {
	const names = (id: string) => nameOf(id, users);

	if (record.type === "response") {
		const body = (record.response.body ?? {}) as Record<string, unknown>;
		const audience =
			body.response_type === "in_channel"
				? whereIs(commandChannel, users)
				: body.replace_original === true
					? "your earlier message, replaced (only visible to you)"
					: "only visible to you";
		const container: Pressable["container"] = {
			type: "message",
			channelId: commandChannel,
			ts: String(Date.now() / 1000),
			isEphemeral: true,
			message: body,
		};
		return { text: frame(audience, render(body, container, addButton, names)) };
	}

	const { method, body, ok, error, result } = record.call;
	if (!ok) {
		return {
			text: `  (the bot's ${method} call failed: ${error ?? "unknown error"})`,
		};
	}
	const channel = String(result?.channel ?? body.channel ?? "");
	const container: Pressable["container"] = {
		type: "message",
		channelId: channel,
		ts: String(result?.ts ?? body.ts ?? ""),
		isEphemeral: method === "chat.postEphemeral",
		message: body,
	};

	switch (method) {
		case "chat.postMessage":
			return {
				text: frame(
					whereIs(channel, users),
					render(body, container, addButton, names),
				),
			};
		case "chat.postEphemeral":
			return {
				text: frame(
					`only visible to ${names(String(body.user ?? ""))}`,
					render(body, container, addButton, names),
				),
			};
		case "chat.update":
			return {
				text: frame(
					`updated: ${whereIs(channel, users)}`,
					render(body, container, addButton, names),
				),
			};
		case "views.open":
		case "views.update":
		case "views.push":
			return describeView(method, body, result, addButton, names);
		case "views.publish": {
			const view = (body.view ?? {}) as Record<string, unknown>;
			const viewId = String(
				(result?.view as { id?: unknown } | undefined)?.id ?? "",
			);
			return {
				text: frame(
					`Home tab of ${names(String(body.user_id ?? ""))}`,
					render(view, { type: "view", viewId }, addButton, names),
				),
			};
		}
		default:
			return undefined;
	}
}

function describeView(
	method: string,
	body: Record<string, unknown>,
	result: Record<string, unknown> | undefined,
	addButton: ButtonSink,
	names: (id: string) => string,
): Described {
	const view = (body.view ?? {}) as Record<string, unknown>;
	const stored = (result?.view ?? {}) as Record<string, unknown>;
	const viewId = String(stored.id ?? body.view_id ?? "");
	const title = String(
		(view.title as { text?: string } | undefined)?.text ?? "",
	);
	const container: Pressable["container"] = { type: "view", viewId };

	const lines = [render(view, container, addButton, names)];
	const hasInputs =
		Array.isArray(view.blocks) &&
		view.blocks.some((block) => (block as { type?: string }).type === "input");
	if (hasInputs) {
		const submit = String(
			(view.submit as { text?: string } | undefined)?.text ?? "Submit",
		);
		lines.push(
			`  Fill and send with: /submit block_id=value ... (${submit}); /close to cancel`,
		);
	}
	return {
		text: frame(`form: ${title}`, lines.join("\n")),
		openedView: { id: viewId, method },
	};
}

function render(
	message: Record<string, unknown>,
	container: Pressable["container"],
	addButton: ButtonSink,
	names: (id: string) => string,
): string {
	const options: RenderOptions = {
		userName: names,
		buttonLabel: (button, blockId) => {
			const text = String(
				(button.text as { text?: string } | undefined)?.text ?? "",
			);
			const number = addButton(
				{
					actionId: String(button.action_id ?? ""),
					blockId,
					value: typeof button.value === "string" ? button.value : undefined,
					text,
				},
				container,
			);
			return `${number}: ${text}`;
		},
	};
	return renderBlocks(message.blocks, String(message.text ?? ""), options);
}

/** Formats the bot's immediate HTTP response to a request (the ack), or undefined for an empty one. */
export function describeAck(
	statusCode: number | undefined,
	body: string | undefined,
	addButton: ButtonSink,
	commandChannel: string,
	users: readonly SampleUser[],
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
	if (message.response_action === "errors") {
		const errors = Object.entries(
			(message.errors ?? {}) as Record<string, string>,
		)
			.map(([blockId, text]) => `  [${blockId}] ${text}`)
			.join("\n");
		return frame("the form shows errors and stays open", errors);
	}
	if (
		message.response_action === "update" ||
		message.response_action === "push"
	) {
		const view = (message.view ?? {}) as Record<string, unknown>;
		const title = String(
			(view.title as { text?: string } | undefined)?.text ?? "",
		);
		return frame(
			`form: ${title}`,
			renderBlocks(view.blocks, "", { userName: (id) => nameOf(id, users) }),
		);
	}

	const container: Pressable["container"] = {
		type: "message",
		channelId: commandChannel,
		ts: String(Date.now() / 1000),
		isEphemeral: true,
		message,
	};
	return frame(
		"only visible to you",
		render(message, container, addButton, (id) => nameOf(id, users)),
	);
}

function whereIs(channel: string, users: readonly SampleUser[]): string {
	if (channel.startsWith("D") || channel.startsWith("U")) {
		return `direct message to ${nameOf(channel, users)}`;
	}
	const known = SAMPLE_CHANNELS.find((candidate) => candidate.id === channel);
	return `posted in #${known?.name ?? channel}`;
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
