import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Log } from "../../logging";
import { AUTH_REALM, isAuthorized } from "./auth";
import type { ApiResponse } from "./context";
import { buildErrorBody, defaultErrorCode, EmulatorHttpError } from "./errors";
import type { FaultAction, FaultQueue } from "./faults";
import type { ResolvedOptions } from "./options";
import { routeRequest } from "./routes";
import type { RegistryStore } from "./store";

/** Largest request body the emulator reads. A registry or user body is well under 1 KiB. */
const MAX_BODY_BYTES = 1024 * 1024;

/** One request as the emulator saw it. `status` is 0 when no response was sent (hang or reset). */
export interface RecordedRequest {
	method: string;
	path: string;
	status: number;
}

/** State of a running emulator that every request reads or changes. */
export interface EmulatorState {
	readonly settings: ResolvedOptions;
	readonly store: RegistryStore;
	readonly faults: FaultQueue;
	readonly requests: RecordedRequest[];
	/** Sockets of hung requests, destroyed on close. */
	readonly heldSockets: Set<Socket>;
	latencyMs: number;
	closed: boolean;
	/** Waits `ms` milliseconds, or forever once the emulator closes. */
	sleep(ms: number): Promise<void>;
	log: Log | undefined;
}

/**
 * Handles one request in SAKURA's order as far as it is known: a matching fault first, then Basic
 * auth, then routing and validation. Every response waits the configured latency first.
 */
export async function handleRequest(
	state: EmulatorState,
	request: IncomingMessage,
	response: ServerResponse,
): Promise<void> {
	const url = request.url ?? "/";
	const queryStart = url.indexOf("?");
	const path = queryStart < 0 ? url : url.slice(0, queryStart);
	const rawQuery = queryStart < 0 ? "" : url.slice(queryStart + 1);
	const method = request.method ?? "GET";
	const record: RecordedRequest = { method, path, status: 0 };
	state.requests.push(record);

	const send = async (
		result: ApiResponse,
		headers: Record<string, string> = {},
	) => {
		await state.sleep(state.latencyMs);
		if (state.closed || response.destroyed) {
			return;
		}
		const payload = JSON.stringify(result.body);
		response.writeHead(result.status, {
			"Content-Type": "application/json; charset=UTF-8",
			"Content-Length": Buffer.byteLength(payload),
			...headers,
		});
		response.end(payload);
		record.status = result.status;
	};

	const fault = state.faults.take(method, path);
	if (fault !== undefined) {
		const handled = await applyFault(state, fault, request, send);
		if (handled) {
			return;
		}
	}

	const rawBody = await readBody(request);
	if (
		!isAuthorized(request.headers.authorization, state.settings.credentials)
	) {
		await send(
			errorResponse(new EmulatorHttpError(401, "missing or invalid API key")),
			{
				"WWW-Authenticate": `Basic realm="${AUTH_REALM}"`,
			},
		);
		return;
	}

	let result: ApiResponse;
	try {
		if (rawBody === undefined) {
			throw new EmulatorHttpError(
				400,
				`request body is larger than ${MAX_BODY_BYTES} bytes`,
			);
		}
		result = routeRequest(path, {
			method,
			rawQuery,
			rawBody,
			bigintAsInt: request.headers["x-sakura-bigint-as-int"] === "1",
			store: state.store,
			rules: state.settings.rules,
		});
	} catch (error) {
		if (!(error instanceof EmulatorHttpError)) {
			state.log?.error("SAKURA emulator failed to handle a request", {
				method,
				path,
				error: String(error),
			});
		}
		const httpError =
			error instanceof EmulatorHttpError
				? error
				: new EmulatorHttpError(500, String(error));
		result = errorResponse(httpError);
	}

	if (fault?.kind === "reset") {
		request.socket.destroy();
		return;
	}
	await send(result);
}

/**
 * Applies a fault. Returns true when the fault settled the request (status, hang, reset before the
 * work), and false when handling goes on (delay, reset after the work).
 */
async function applyFault(
	state: EmulatorState,
	fault: FaultAction,
	request: IncomingMessage,
	send: (
		result: ApiResponse,
		headers?: Record<string, string>,
	) => Promise<void>,
): Promise<boolean> {
	switch (fault.kind) {
		case "hang":
			state.heldSockets.add(request.socket);
			return true;

		case "reset":
			if (fault.afterApplying) {
				return false;
			}
			request.socket.destroy();
			return true;

		case "delay":
			await state.sleep(fault.ms);
			return false;

		case "status": {
			const headers: Record<string, string> = {};
			if (fault.retryAfterSeconds !== undefined) {
				headers["Retry-After"] = String(fault.retryAfterSeconds);
			}
			const errorCode = fault.errorCode ?? defaultErrorCode(fault.status);
			await send(
				{ status: fault.status, body: buildErrorBody(fault.status, errorCode) },
				headers,
			);
			return true;
		}
	}
}

function errorResponse(error: EmulatorHttpError): ApiResponse {
	return {
		status: error.status,
		body: buildErrorBody(error.status, error.errorCode),
	};
}

/** Reads the whole body as UTF-8, or returns undefined when it exceeds MAX_BODY_BYTES. */
async function readBody(request: IncomingMessage): Promise<string | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	let tooLarge = false;
	for await (const chunk of request) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) {
			tooLarge = true;
			continue;
		}
		chunks.push(buffer);
	}
	return tooLarge ? undefined : Buffer.concat(chunks).toString("utf8");
}
