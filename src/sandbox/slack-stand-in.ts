import { randomBytes } from "node:crypto";
import {
	createServer,
	type IncomingMessage,
	type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { recordForSecretScan } from "./secret-scan-record";
import {
	SAMPLE_USERS,
	SANDBOX_TEAM_ID,
	type SampleUser,
} from "./slack-stand-in/users";
import type { StoredView } from "./slack-stand-in/views";
import { Workspace } from "./slack-stand-in/workspace";

export {
	SAMPLE_CHANNELS,
	SAMPLE_GROUPS,
	SAMPLE_USERS,
	SANDBOX_TEAM_ID,
	type SampleChannel,
	type SampleGroup,
	type SampleUser,
} from "./slack-stand-in/users";
export type { StoredView } from "./slack-stand-in/views";
export { dmChannelOf, SANDBOX_BOT } from "./slack-stand-in/workspace";

/** The bot token the stand-in accepts by default. It is a fixed public value, valid nowhere else. */
export const SANDBOX_BOT_TOKEN = "xoxb-0000000000-sandbox-not-a-real-token";

/** Slack accepts this many posts to one `response_url` (within 30 minutes; the stand-in has no clock). */
const RESPONSE_URL_MAX_USES = 5;

/** Key of `failNext` for posts to response URLs rather than a Web API method. */
export const RESPONSE_URL_KEY = "response_url";

/** One Web API call as the stand-in received it. */
export interface RecordedCall {
	method: string;
	/** Form or JSON arguments; `blocks`, `attachments`, `view` and `metadata` parsed from their JSON strings. */
	body: Record<string, unknown>;
	/** Whether the bearer token matched; the token itself is not recorded. */
	authorized: boolean;
	/** The stand-in's reply: `ok`, and Slack's error code or the HTTP status when the call failed. */
	ok: boolean;
	error?: string;
	at: Date;
	/** The JSON response of the stand-in, such as the `channel` and `ts` of a posted message. */
	result?: Record<string, unknown>;
}

/** One post to a response URL. */
export interface RecordedResponse {
	url: string;
	body: unknown;
	at: Date;
}

export type StandInRecord =
	| { type: "call"; call: RecordedCall }
	| { type: "response"; response: RecordedResponse };

/** A failure to return in place of the next normal reply. */
export interface StandInFailure {
	/** Slack error code, sent as `{ok: false, error}` with HTTP 200. */
	error?: string;
	/** HTTP status to reply with. A 429 also sends `Retry-After`. */
	httpStatus?: number;
	/** Seconds in `Retry-After` for a 429. @default 1 */
	retryAfterSeconds?: number;
	/**
	 * Records the call and never answers it, as when the caller's process dies while waiting;
	 * `close()` ends the connection.
	 */
	hang?: boolean;
}

export interface SlackStandInOptions {
	/** @default SANDBOX_BOT_TOKEN */
	botToken?: string;
	/** TCP port on 127.0.0.1. @default 0, an ephemeral port */
	port?: number;
	/** @default SAMPLE_USERS */
	users?: readonly SampleUser[];
}

export interface SlackStandIn {
	/** Base URL for `slackApiUrl`, with its trailing slash: `http://127.0.0.1:PORT/api/`. */
	apiUrl: string;
	botToken: string;
	/** Returns a fresh response URL on this server, good for 5 posts. */
	newResponseUrl(): string;
	readonly calls: RecordedCall[];
	readonly responses: RecordedResponse[];
	/** Returns every modal view opened or pushed, each in its latest form. */
	views(): StoredView[];
	/** Calls `listener` after each recorded call or response post; returns a function that unsubscribes. */
	onRecord(listener: (record: StandInRecord) => void): () => void;
	/** Makes the next call of `method` (or of `RESPONSE_URL_KEY`) fail; repeated calls queue up. */
	failNext(method: string, failure: StandInFailure): void;
	close(): Promise<void>;
}

/**
 * Starts a Slack Web API stand-in on 127.0.0.1. It serves `POST /api/<method>` with form-encoded or
 * JSON arguments and a bearer token, for auth.test, chat.postMessage, chat.postEphemeral,
 * chat.update, conversations.open, users.info, usergroups.users.list, views.open, views.update and
 * views.push. Any other
 * method gets `unknown_method`, a wrong token gets `invalid_auth`, and a missing one `not_authed`.
 * `POST /response/<id>` records posts to response URLs.
 */
export async function startSlackStandIn(
	options: SlackStandInOptions = {},
): Promise<SlackStandIn> {
	const botToken = options.botToken ?? SANDBOX_BOT_TOKEN;
	const workspace = new Workspace(
		options.users ?? SAMPLE_USERS,
		SANDBOX_TEAM_ID,
	);
	const calls: RecordedCall[] = [];
	const responses: RecordedResponse[] = [];
	const listeners = new Set<(record: StandInRecord) => void>();
	const failures = new Map<string, StandInFailure[]>();
	const responseUrlUses = new Map<string, number>();
	recordForSecretScan({
		type: "secret",
		kind: "slack-bot-token",
		value: botToken,
	});

	const record = (entry: StandInRecord) => {
		if (entry.type === "call") {
			calls.push(entry.call);
		} else {
			responses.push(entry.response);
		}
		recordStandInForScan(entry);
		for (const listener of listeners) {
			listener(entry);
		}
	};
	const takeFailure = (key: string) => failures.get(key)?.shift();

	const server = createServer((request, response) => {
		handle(request, response).catch((error: unknown) => {
			sendJson(response, 500, {
				ok: false,
				error: "internal_error",
				detail: String(error),
			});
		});
	});

	async function handle(
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
		const raw = await readBody(request);
		if (request.method !== "POST") {
			sendJson(response, 405, { ok: false, error: "method_not_allowed" });
			return;
		}

		if (path.startsWith("/api/")) {
			const method = path.slice("/api/".length);
			const body = parseArguments(raw, request.headers["content-type"]);
			const token =
				bearerToken(request) ??
				(typeof body.token === "string" ? body.token : undefined);
			const answer = answerCall(method, body, token);
			record({
				type: "call",
				call: {
					method,
					body,
					authorized: token === botToken,
					...answer.summary,
					at: new Date(),
				},
			});
			answer.send(response);
			return;
		}

		if (path.startsWith("/response/")) {
			answerResponsePost(path.slice("/response/".length), raw, response);
			return;
		}
		sendJson(response, 404, { ok: false, error: "not_found" });
	}

	function answerCall(
		method: string,
		body: Record<string, unknown>,
		token: string | undefined,
	) {
		const failure = takeFailure(method);
		if (failure !== undefined) {
			return failureAnswer(failure);
		}
		if (token === undefined) {
			return jsonAnswer({ ok: false, error: "not_authed" });
		}
		if (token !== botToken) {
			return jsonAnswer({ ok: false, error: "invalid_auth" });
		}
		return jsonAnswer(workspace.call(method, body));
	}

	function answerResponsePost(
		id: string,
		raw: string,
		response: ServerResponse,
	): void {
		const uses = responseUrlUses.get(id);
		if (uses === undefined || uses >= RESPONSE_URL_MAX_USES) {
			// NOTE: Slack's own status and text for an unknown or used-up response URL are not verified.
			sendJson(response, 404, {
				ok: false,
				error: uses === undefined ? "unknown_url" : "used_url",
			});
			return;
		}
		const failure = takeFailure(RESPONSE_URL_KEY);
		if (failure !== undefined) {
			failureAnswer(failure).send(response);
			return;
		}

		responseUrlUses.set(id, uses + 1);
		record({
			type: "response",
			response: { url: urlOf(id), body: parseJson(raw), at: new Date() },
		});
		sendJson(response, 200, { ok: true });
	}

	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const base = `http://127.0.0.1:${port}`;
	const urlOf = (id: string) => `${base}/response/${id}`;

	return {
		apiUrl: `${base}/api/`,
		botToken,
		newResponseUrl() {
			const id = randomBytes(8).toString("hex");
			responseUrlUses.set(id, 0);
			return urlOf(id);
		},
		calls,
		responses,
		views: () => workspace.views.all(),
		onRecord(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		failNext(method, failure) {
			failures.set(method, [...(failures.get(method) ?? []), failure]);
		},
		close() {
			return new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
				server.closeAllConnections();
			});
		},
	};
}

/**
 * Writes a call or a response URL post to the secret scan's artifact. A `token` argument is left
 * out, because Slack accepts the bot token there as in the `Authorization` header.
 */
function recordStandInForScan(entry: StandInRecord): void {
	if (entry.type === "response") {
		recordForSecretScan({
			type: "response-url-post",
			url: entry.response.url,
			body: entry.response.body,
		});
		return;
	}
	const { token: _token, ...body } = entry.call.body;
	recordForSecretScan({
		type: "slack-call",
		method: entry.call.method,
		body,
		ok: entry.call.ok,
	});
}

interface Answer {
	summary: { ok: boolean; error?: string; result?: Record<string, unknown> };
	send(response: ServerResponse): void;
}

function jsonAnswer(result: { ok: boolean; error?: string }): Answer {
	return {
		summary: { ok: result.ok, error: result.error, result },
		send: (response) => sendJson(response, 200, result),
	};
}

function failureAnswer(failure: StandInFailure): Answer {
	if (failure.hang === true) {
		return {
			summary: { ok: false, error: "no_response" },
			send: () => undefined,
		};
	}
	const status = failure.httpStatus;
	if (status === undefined) {
		return jsonAnswer({ ok: false, error: failure.error ?? "fatal_error" });
	}

	const headers: Record<string, string> =
		status === 429
			? { "Retry-After": String(failure.retryAfterSeconds ?? 1) }
			: {};
	return {
		summary: { ok: false, error: failure.error ?? `http_${status}` },
		send: (response) => {
			const error =
				failure.error ?? (status === 429 ? "ratelimited" : "http_error");
			sendJson(response, status, { ok: false, error }, headers);
		},
	};
}

/** Fields that Slack clients send as JSON strings inside a form. */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata"]);

function parseArguments(
	raw: string,
	contentType: string | undefined,
): Record<string, unknown> {
	if (contentType?.startsWith("application/json")) {
		const parsed = parseJson(raw);
		return typeof parsed === "object" && parsed !== null
			? (parsed as Record<string, unknown>)
			: {};
	}

	const body: Record<string, unknown> = {};
	for (const [name, value] of new URLSearchParams(raw)) {
		body[name] = JSON_FIELDS.has(name) ? parseJson(value) : value;
	}
	return body;
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function bearerToken(request: IncomingMessage): string | undefined {
	const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? "");
	return match?.[1];
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) {
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString("utf8");
}

function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	response.writeHead(status, {
		"Content-Type": "application/json; charset=utf-8",
		...headers,
	});
	response.end(JSON.stringify(body));
}
