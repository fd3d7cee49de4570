import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import {
	buildSignedEvent,
	decodeSlashCommand,
	encodeSlashCommand,
	type SlashCommandFields,
} from "../../src/sandbox/slack-request";

export {
	buildSignedEvent,
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
