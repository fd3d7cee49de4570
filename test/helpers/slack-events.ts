import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
	buildSignedEvent,
	buildSignedInteractionEvent,
	decodeSlashCommand,
	encodeSlashCommand,
	type SlashCommandFields,
} from "../../src/sandbox/slack-request";

export {
	buildSignedEvent,
	buildSignedInteractionEvent,
	decodeSlashCommand,
	encodeSlashCommand,
	signSlackRequest,
} from "../../src/sandbox/slack-request";

/** The raw body of a real-shaped `/registry list` request, as Slack sends it. */
export const SLASH_COMMAND_FIXTURE = readFileSync(
	join(__dirname, "..", "fixtures", "slash-command.txt"),
	"utf8",
);

export interface SlashCommandEventOptions {
	/** Everything after `/registry`. */
	text: string;
	responseUrl: string;
	signingSecret: string;
	/** Other fields to change in the fixture, such as `user_id` and `user_name`. */
	fields?: Partial<SlashCommandFields>;
	/** @default now */
	timestampSeconds?: number;
	/** @default false */
	base64?: boolean;
}

/** Returns the fixture's body with the given fields replaced, in Slack's field order. */
export function slashCommandBody(changes: Partial<SlashCommandFields>): string {
	return encodeSlashCommand({
		...decodeSlashCommand(SLASH_COMMAND_FIXTURE),
		...changes,
	});
}

/** Builds a signed API Gateway v2 event for a `/registry` command from the fixture. */
export function slashCommandEvent(
	options: SlashCommandEventOptions,
): APIGatewayProxyEventV2 {
	const body = slashCommandBody({
		...options.fields,
		text: options.text,
		response_url: options.responseUrl,
	});
	return buildSignedEvent({
		body,
		signingSecret: options.signingSecret,
		timestampSeconds: options.timestampSeconds,
		base64: options.base64,
	});
}

/** A view submission of the create form in Slack's payload shape, as parsed JSON. */
export const VIEW_SUBMISSION_FIXTURE = JSON.parse(
	readFileSync(
		join(__dirname, "..", "fixtures", "view-submission.json"),
		"utf8",
	),
) as ViewSubmissionPayload;

/** A global shortcut request in Slack's payload shape, as parsed JSON. */
export const SHORTCUT_FIXTURE = JSON.parse(
	readFileSync(join(__dirname, "..", "fixtures", "shortcut.json"), "utf8"),
) as ShortcutPayload;

/** The fields of a `view_submission` payload that tests change. */
export interface ViewSubmissionPayload {
	type: "view_submission";
	user: { id: string; username: string; name: string; team_id: string };
	team: { id: string; domain: string };
	trigger_id: string;
	view: {
		id: string;
		callback_id: string;
		private_metadata: string;
		hash: string;
		state: { values: Record<string, Record<string, unknown>> };
		[field: string]: unknown;
	};
	[field: string]: unknown;
}

export interface ShortcutPayload {
	type: "shortcut";
	callback_id: string;
	trigger_id: string;
	user: { id: string; username: string; team_id: string };
	[field: string]: unknown;
}

let triggerCounter = 0;

/** Returns a trigger_id no earlier request used, because Slack accepts each one once. */
export function newTriggerId(): string {
	triggerCounter += 1;
	return `${Date.now()}.1000000000.${triggerCounter.toString(16).padStart(8, "0")}`;
}

/** Builds a text input's state as Slack sends it in `view.state.values` (null when empty). */
export function textState(value: string | null): Record<string, unknown> {
	return { value: { type: "plain_text_input", value } };
}

/** Builds a radio group's state with the chosen option's value. */
export function radioState(value: string): Record<string, unknown> {
	return {
		value: {
			type: "radio_buttons",
			selected_option: { text: { type: "plain_text", text: value }, value },
		},
	};
}

/** Builds the registry picker's state with the chosen option under the picker's action id. */
export function registrySelectState(value: string): Record<string, unknown> {
	return {
		registry_select: {
			type: "external_select",
			selected_option: { text: { type: "plain_text", text: value }, value },
		},
	};
}

/**
 * Builds a `view_submission` payload from the fixture: the given callback id, state values and
 * private_metadata, submitted by `user`.
 */
export function viewSubmissionPayload(options: {
	callbackId: string;
	values: Record<string, Record<string, unknown>>;
	privateMetadata?: string;
	user?: { id: string; name: string };
}): ViewSubmissionPayload {
	const fixture = structuredClone(VIEW_SUBMISSION_FIXTURE);
	if (options.user !== undefined) {
		fixture.user = {
			...fixture.user,
			id: options.user.id,
			name: options.user.name,
			username: options.user.name,
		};
	}
	fixture.trigger_id = newTriggerId();
	fixture.view.callback_id = options.callbackId;
	fixture.view.state = { values: options.values };
	if (options.privateMetadata !== undefined) {
		fixture.view.private_metadata = options.privateMetadata;
	}
	return fixture;
}

/** Builds a global shortcut payload from the fixture with a fresh trigger_id. */
export function shortcutPayload(
	changes: Partial<ShortcutPayload> = {},
): ShortcutPayload {
	return {
		...structuredClone(SHORTCUT_FIXTURE),
		trigger_id: newTriggerId(),
		...changes,
	};
}

/** Builds a `block_actions` payload for a button clicked inside a modal view. */
export function viewButtonPayload(options: {
	actionId: string;
	value: string;
	view: {
		id: string;
		hash: string;
		private_metadata: string;
		callback_id: string;
	};
	user?: { id: string; name: string };
}): Record<string, unknown> {
	const user = options.user ?? { id: "U0HANAKO", name: "hanako" };
	return {
		type: "block_actions",
		user: {
			id: user.id,
			username: user.name,
			name: user.name,
			team_id: "T0SANDBOX",
		},
		api_app_id: "A0REGISTRY",
		token: "sandbox-verification-token",
		container: { type: "view", view_id: options.view.id },
		trigger_id: newTriggerId(),
		team: { id: "T0SANDBOX", domain: "sakura-sandbox" },
		enterprise: null,
		is_enterprise_install: false,
		view: {
			...options.view,
			type: "modal",
			team_id: "T0SANDBOX",
			state: { values: {} },
			root_view_id: options.view.id,
			previous_view_id: null,
			app_id: "A0REGISTRY",
			bot_id: "B0REGBOT",
		},
		actions: [
			{
				type: "button",
				action_id: options.actionId,
				block_id: "registry_entry_choices",
				text: { type: "plain_text", text: options.value },
				value: options.value,
				action_ts: `${Math.floor(Date.now() / 1000)}.000100`,
			},
		],
	};
}

/** Builds a `block_suggestion` payload: the text typed into an external select in a modal. */
export function blockSuggestionPayload(options: {
	actionId: string;
	blockId: string;
	value: string;
	user?: { id: string; name: string };
}): Record<string, unknown> {
	const user = options.user ?? { id: "U0HANAKO", name: "hanako" };
	return {
		type: "block_suggestion",
		user: {
			id: user.id,
			username: user.name,
			name: user.name,
			team_id: "T0SANDBOX",
		},
		container: { type: "view", view_id: "V0USERADD" },
		api_app_id: "A0REGISTRY",
		token: "sandbox-verification-token",
		action_id: options.actionId,
		block_id: options.blockId,
		value: options.value,
		team: { id: "T0SANDBOX", domain: "sakura-sandbox" },
		enterprise: null,
		is_enterprise_install: false,
	};
}

/** Signs an interaction payload into an API Gateway v2 event. */
export function interactionEvent(
	payload: unknown,
	signingSecret: string,
): APIGatewayProxyEventV2 {
	return buildSignedInteractionEvent({ payload, signingSecret });
}

/** A button click on a bot message in Slack's `block_actions` payload shape, as parsed JSON. */
export const BLOCK_ACTIONS_FIXTURE = JSON.parse(
	readFileSync(join(__dirname, "..", "fixtures", "block-actions.json"), "utf8"),
) as Record<string, unknown>;

export interface ButtonClickOptions {
	actionId: string;
	/** The button's value: a request id for the approval buttons. */
	value: string;
	user: { id: string; name: string };
	responseUrl: string;
	/** The clicked message. @default the fixture's message in #registry-approvals */
	message?: { channelId: string; ts: string; isEphemeral?: boolean };
}

/**
 * Builds a `block_actions` payload of a button click on a message from the fixture, with a fresh
 * trigger_id. An ephemeral message has no `message` field, as Slack sends it.
 */
export function buttonClickPayload(
	options: ButtonClickOptions,
): Record<string, unknown> {
	const payload = structuredClone(BLOCK_ACTIONS_FIXTURE);
	const fixtureAction = (payload.actions as Record<string, unknown>[])[0];
	payload.user = {
		id: options.user.id,
		username: options.user.name,
		name: options.user.name,
		team_id: "T0SANDBOX",
	};
	payload.trigger_id = newTriggerId();
	payload.response_url = options.responseUrl;
	payload.actions = [
		{
			...fixtureAction,
			action_id: options.actionId,
			value: options.value,
			action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
		},
	];

	const message = options.message;
	if (message !== undefined) {
		payload.container = {
			type: "message",
			message_ts: message.ts,
			channel_id: message.channelId,
			is_ephemeral: message.isEphemeral === true,
		};
		payload.channel = { id: message.channelId, name: "channel" };
		if (message.isEphemeral === true) {
			delete payload.message;
		} else {
			payload.message = {
				...(payload.message as Record<string, unknown>),
				ts: message.ts,
			};
		}
	}
	return payload;
}
