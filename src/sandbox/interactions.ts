import { randomBytes } from "node:crypto";
import { SAMPLE_SLASH_COMMAND } from "./slack-request";
import type { SampleUser } from "./slack-stand-in";
import type { StoredView } from "./slack-stand-in/views";

/** A button the sandbox showed, with where it lives, so `/press` can send Slack's click payload. */
export interface Pressable {
	/** Set once the form that carried the button was replaced or closed. */
	stale?: boolean;
	actionId: string;
	blockId: string;
	value?: string;
	text: string;
	/** The message that carries the button, or the modal. */
	container:
		| {
				type: "message";
				channelId: string;
				ts: string;
				isEphemeral: boolean;
				message: Record<string, unknown>;
		  }
		| { type: "view"; viewId: string };
}

/** Returns a fresh trigger id in Slack's `<digits>.<digits>.<hex>` form; each works only once. */
export function newTriggerId(): string {
	const seconds = Math.floor(Date.now() / 1000);
	return `${seconds}${Math.floor(Math.random() * 1000)}.1000000000.${randomBytes(16).toString("hex")}`;
}

function userOf(user: SampleUser) {
	return {
		id: user.id,
		username: user.name,
		name: user.name,
		team_id: user.teamId,
	};
}

function teamOf(user: SampleUser) {
	return { id: user.teamId, domain: SAMPLE_SLASH_COMMAND.team_domain };
}

/** Builds the `block_actions` payload Slack sends when `user` clicks `button`. */
export function blockActionsPayload(
	button: Pressable,
	user: SampleUser,
	responseUrl: string,
	view: StoredView | undefined,
): Record<string, unknown> {
	const action = {
		type: "button",
		action_id: button.actionId,
		block_id: button.blockId,
		text: { type: "plain_text", text: button.text, emoji: true },
		value: button.value,
		action_ts: `${(Date.now() / 1000).toFixed(6)}`,
	};
	const common = {
		type: "block_actions",
		user: userOf(user),
		api_app_id: SAMPLE_SLASH_COMMAND.api_app_id,
		token: SAMPLE_SLASH_COMMAND.token,
		trigger_id: newTriggerId(),
		team: teamOf(user),
		enterprise: null,
		is_enterprise_install: false,
		state: { values: {} },
		actions: [action],
	};

	if (button.container.type === "view") {
		return {
			...common,
			container: { type: "view", view_id: button.container.viewId },
			view: view === undefined ? undefined : viewPayload(view, user, {}),
		};
	}
	const { channelId, ts, isEphemeral, message } = button.container;
	return {
		...common,
		container: {
			type: "message",
			message_ts: ts,
			channel_id: channelId,
			is_ephemeral: isEphemeral,
		},
		channel: {
			id: channelId,
			name: channelId.startsWith("D") ? "directmessage" : "channel",
		},
		message: isEphemeral ? undefined : { ...message, ts, type: "message" },
		response_url: responseUrl,
	};
}

/** Builds the `view_submission` payload for `view` with the typed field values. */
export function viewSubmissionPayload(
	view: StoredView,
	user: SampleUser,
	values: Record<string, unknown>,
): Record<string, unknown> {
	return {
		type: "view_submission",
		team: teamOf(user),
		user: userOf(user),
		api_app_id: SAMPLE_SLASH_COMMAND.api_app_id,
		token: SAMPLE_SLASH_COMMAND.token,
		trigger_id: newTriggerId(),
		view: viewPayload(view, user, values),
		response_urls: [],
		is_enterprise_install: false,
		enterprise: null,
	};
}

/** Builds the `shortcut` payload of a global shortcut. */
export function shortcutPayload(
	callbackId: string,
	user: SampleUser,
): Record<string, unknown> {
	return {
		type: "shortcut",
		token: SAMPLE_SLASH_COMMAND.token,
		action_ts: `${(Date.now() / 1000).toFixed(6)}`,
		team: teamOf(user),
		user: userOf(user),
		is_enterprise_install: false,
		enterprise: null,
		callback_id: callbackId,
		trigger_id: newTriggerId(),
	};
}

/** Input elements whose typed value Slack reports as `value`; the rest report a selected option. */
const TEXT_INPUTS = new Set([
	"plain_text_input",
	"email_text_input",
	"url_text_input",
	"number_input",
]);

/**
 * Renders a stored view as Slack returns it in payloads, with `state.values` filled from `values`
 * (block_id to typed text). Inputs not given keep their initial value, as Slack's client does.
 */
function viewPayload(
	view: StoredView,
	user: SampleUser,
	values: Record<string, unknown>,
): Record<string, unknown> {
	const blocks = Array.isArray(view.view.blocks)
		? (view.view.blocks as Record<string, unknown>[])
		: [];
	const state: Record<string, Record<string, unknown>> = {};

	for (const block of blocks) {
		if (block.type !== "input") {
			continue;
		}
		const blockId = String(block.block_id ?? "");
		const element = (block.element ?? {}) as Record<string, unknown>;
		const actionId = String(element.action_id ?? "");
		state[blockId] = { [actionId]: elementState(element, values[blockId]) };
	}

	return {
		...view.view,
		id: view.id,
		team_id: user.teamId,
		type: "modal",
		hash: view.hash,
		root_view_id: view.rootViewId,
		previous_view_id: view.previousViewId,
		app_id: SAMPLE_SLASH_COMMAND.api_app_id,
		bot_id: "B0REGBOT",
		state: { values: state },
	};
}

function elementState(
	element: Record<string, unknown>,
	typed: unknown,
): Record<string, unknown> {
	const type = String(element.type ?? "");
	if (TEXT_INPUTS.has(type)) {
		const initial =
			typeof element.initial_value === "string" ? element.initial_value : null;
		const value = typeof typed === "string" && typed !== "" ? typed : initial;
		return { type, value };
	}

	const options = Array.isArray(element.options)
		? (element.options as Record<string, unknown>[])
		: [];
	const initial = element.initial_option as Record<string, unknown> | undefined;
	let selected: Record<string, unknown> | null = initial ?? null;
	if (typeof typed === "string" && typed !== "") {
		const match = options.find((option) => option.value === typed);
		selected = match ?? {
			text: { type: "plain_text", text: typed },
			value: typed,
		};
	}
	return { type, selected_option: selected };
}

/** Builds the `block_suggestion` payload an external select sends while the user types `query`. */
export function blockSuggestionPayload(
	view: StoredView,
	user: SampleUser,
	blockId: string,
	actionId: string,
	query: string,
): Record<string, unknown> {
	return {
		type: "block_suggestion",
		user: userOf(user),
		container: { type: "view", view_id: view.id },
		api_app_id: SAMPLE_SLASH_COMMAND.api_app_id,
		token: SAMPLE_SLASH_COMMAND.token,
		action_id: actionId,
		block_id: blockId,
		value: query,
		team: teamOf(user),
		enterprise: null,
		is_enterprise_install: false,
		view: viewPayload(view, user, {}),
	};
}

/** Returns the input blocks of a stored view: block id, action id and element type. */
export function inputFields(
	view: StoredView,
): { blockId: string; actionId: string; type: string }[] {
	const blocks = Array.isArray(view.view.blocks)
		? (view.view.blocks as Record<string, unknown>[])
		: [];
	return blocks
		.filter((block) => block.type === "input")
		.map((block) => {
			const element = (block.element ?? {}) as Record<string, unknown>;
			return {
				blockId: String(block.block_id ?? ""),
				actionId: String(element.action_id ?? ""),
				type: String(element.type ?? ""),
			};
		});
}
