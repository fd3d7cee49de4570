import { createHmac } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { recordForSecretScan } from "./secret-scan-record";
import { SANDBOX_TEAM_ID } from "./slack-stand-in/users";

/** The fields of a slash command request, in the order Slack sends them. */
export const SLASH_COMMAND_FIELDS = [
	"token",
	"team_id",
	"team_domain",
	"channel_id",
	"channel_name",
	"user_id",
	"user_name",
	"command",
	"text",
	"api_app_id",
	"is_enterprise_install",
	"response_url",
	"trigger_id",
] as const;

export type SlashCommandField = (typeof SLASH_COMMAND_FIELDS)[number];
export type SlashCommandFields = Record<SlashCommandField, string>;

/**
 * Sample values of a `/registry` command in the sandbox workspace. `token` is Slack's deprecated
 * verification token, which Bolt ignores; `is_enterprise_install` is a string, as Slack sends it.
 */
export const SAMPLE_SLASH_COMMAND: Readonly<SlashCommandFields> = Object.freeze(
	{
		token: "sandbox-verification-token",
		team_id: SANDBOX_TEAM_ID,
		team_domain: "sakura-sandbox",
		channel_id: "C0PLATFORM",
		channel_name: "platform",
		user_id: "U0HANAKO",
		user_name: "hanako",
		command: "/registry",
		text: "help",
		api_app_id: "A0REGISTRY",
		is_enterprise_install: "false",
		response_url: "http://127.0.0.1:9/response/unset",
		trigger_id: "1000000000.1000000000.0000000000000000",
	},
);

/**
 * Encodes slash command fields as Slack does: `application/x-www-form-urlencoded`, in Slack's field
 * order, with `+` for spaces and UTF-8 percent-encoding for everything else.
 */
export function encodeSlashCommand(fields: SlashCommandFields): string {
	const form = new URLSearchParams();
	for (const name of SLASH_COMMAND_FIELDS) {
		form.append(name, fields[name]);
	}
	return form.toString();
}

/**
 * Decodes a raw slash command body, such as a recorded fixture, into its fields.
 * @throws Error naming the first field the body lacks.
 */
export function decodeSlashCommand(rawBody: string): SlashCommandFields {
	const form = new URLSearchParams(rawBody.trim());
	const fields: Partial<SlashCommandFields> = {};
	for (const name of SLASH_COMMAND_FIELDS) {
		const value = form.get(name);
		if (value === null) {
			throw new Error(`Slash command body has no "${name}" field`);
		}
		fields[name] = value;
	}
	return fields as SlashCommandFields;
}

/** Signing secrets already handed to the secret scan, so each is written once per module load. */
const signingSecretsRecorded = new Set<string>();

/**
 * Computes Slack's request signature: `v0=` and the hex HMAC-SHA256, keyed with the signing
 * secret, of `v0:<timestamp>:<raw body>`.
 */
export function signSlackRequest(
	signingSecret: string,
	timestampSeconds: number,
	rawBody: string,
): string {
	if (!signingSecretsRecorded.has(signingSecret)) {
		signingSecretsRecorded.add(signingSecret);
		recordForSecretScan({
			type: "secret",
			kind: "slack-signing-secret",
			value: signingSecret,
		});
	}
	const digest = createHmac("sha256", signingSecret)
		.update(`v0:${timestampSeconds}:${rawBody}`)
		.digest("hex");
	return `v0=${digest}`;
}

export interface SignedEventOptions {
	/** Raw form-encoded body; it is signed exactly as given. */
	body: string;
	signingSecret: string;
	/** Unix seconds in `x-slack-request-timestamp`. @default now */
	timestampSeconds?: number;
	/** Delivers the body base64-encoded with `isBase64Encoded: true`, as API Gateway may. @default false */
	base64?: boolean;
	/** @default "/slack/events" */
	path?: string;
	/** `application/json` for an Events API callback. @default "application/x-www-form-urlencoded" */
	contentType?: "application/x-www-form-urlencoded" | "application/json";
}

/**
 * Builds the API Gateway HTTP API (payload 2.0) event that carries a signed Slack request: header
 * names in lower case, `content-type` exactly `application/x-www-form-urlencoded` as Slack sends it,
 * and the signature over the body before any base64 encoding.
 */
export function buildSignedEvent(
	options: SignedEventOptions,
): APIGatewayProxyEventV2 {
	const timestampSeconds =
		options.timestampSeconds ?? Math.floor(Date.now() / 1000);
	const path = options.path ?? "/slack/events";
	const base64 = options.base64 ?? false;
	const userAgent = "Slackbot 1.0 (+https://api.slack.com/robots)";

	return {
		version: "2.0",
		routeKey: `POST ${path}`,
		rawPath: path,
		rawQueryString: "",
		headers: {
			accept: "application/json,*/*",
			"content-length": String(Buffer.byteLength(options.body, "utf8")),
			"content-type":
				options.contentType ?? "application/x-www-form-urlencoded",
			host: "sandbox.execute-api.localhost",
			"user-agent": userAgent,
			"x-slack-request-timestamp": String(timestampSeconds),
			"x-slack-signature": signSlackRequest(
				options.signingSecret,
				timestampSeconds,
				options.body,
			),
		},
		requestContext: {
			accountId: "000000000000",
			apiId: "sandbox",
			domainName: "sandbox.execute-api.localhost",
			domainPrefix: "sandbox",
			http: {
				method: "POST",
				path,
				protocol: "HTTP/1.1",
				sourceIp: "127.0.0.1",
				userAgent,
			},
			requestId: `sandbox-${timestampSeconds}-${Math.random().toString(16).slice(2, 10)}`,
			routeKey: `POST ${path}`,
			stage: "$default",
			time: new Date(timestampSeconds * 1000).toUTCString(),
			timeEpoch: timestampSeconds * 1000,
		},
		body: base64
			? Buffer.from(options.body, "utf8").toString("base64")
			: options.body,
		isBase64Encoded: base64,
	};
}

/**
 * Encodes an interaction payload as Slack sends it: one form field, `payload`, holding the JSON.
 * Slack's signature covers these form-encoded bytes, not the JSON.
 */
export function encodeInteractionPayload(payload: unknown): string {
	return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SignedInteractionOptions
	extends Omit<SignedEventOptions, "body"> {
	/** The interaction payload: `block_actions`, `view_submission`, `shortcut`, `block_suggestion`. */
	payload: unknown;
}

/**
 * Builds the API Gateway HTTP API (payload 2.0) event of a signed interaction request, such as a
 * button click, a modal submission or a shortcut, with the payload form-encoded as Slack sends it.
 */
export function buildSignedInteractionEvent(
	options: SignedInteractionOptions,
): APIGatewayProxyEventV2 {
	const { payload, ...rest } = options;
	return buildSignedEvent({ ...rest, body: encodeInteractionPayload(payload) });
}
