import { randomBytes } from "node:crypto";
import { STATUS_CODES } from "node:http";

/** SAKURA's standard error body, the same five fields for every status. */
export interface ErrorBody {
	is_fatal: boolean;
	serial: string;
	status: string;
	error_code: string;
	error_msg: string;
}

/**
 * SAKURA's generic messages, as the cloud API sends them. The 400, 404 and 409 texts are SAKURA's
 * own. SAKURA's texts for 405, 423, 429, 500 and 503 are not known, so those are written here.
 */
const MESSAGES: Record<string, string> = {
	bad_request:
		"不適切な要求です。パラメータの指定誤り、入力規則違反です。入力内容をご確認ください。",
	unauthorized: "error-unauthorized",
	not_found:
		"対象が見つかりません。対象は利用できない状態か、IDまたはパスに誤りがあります。",
	method_not_allowed: "要求されたメソッドは、この対象では利用できません。",
	conflict:
		"要求された操作を行えません。現在の対象の状態では、この操作を受け付けできません。",
	locked:
		"要求された操作を行えません。対象は処理中のためロックされています。しばらくしてから再度お試しください。",
	too_many_requests: "要求が多すぎます。しばらくしてから再度お試しください。",
	internal_server_error:
		"サーバ内部でエラーが発生しました。しばらくしてから再度お試しください。",
	service_unavailable:
		"サービスが一時的に利用できません。しばらくしてから再度お試しください。",
};

const FALLBACK_MESSAGE =
	"要求を処理できませんでした。しばらくしてから再度お試しください。";

/** Error codes the emulator uses for a status when the caller names none. */
const DEFAULT_CODES: Record<number, string> = {
	400: "bad_request",
	401: "unauthorized",
	404: "not_found",
	405: "method_not_allowed",
	409: "conflict",
	423: "locked",
	429: "too_many_requests",
	500: "internal_server_error",
	503: "service_unavailable",
};

/**
 * An error the emulator sends as SAKURA's error body. `reason` is for tests and never leaves the
 * process, because SAKURA's body carries only the generic message.
 */
export class EmulatorHttpError extends Error {
	readonly errorCode: string;

	constructor(
		readonly status: number,
		readonly reason: string,
		errorCode?: string,
	) {
		super(reason);
		this.name = "EmulatorHttpError";
		this.errorCode = errorCode ?? defaultErrorCode(status);
	}
}

/** Returns SAKURA's snake_case code for a status, derived from the reason phrase when not listed. */
export function defaultErrorCode(status: number): string {
	const known = DEFAULT_CODES[status];
	if (known !== undefined) {
		return known;
	}
	const phrase = STATUS_CODES[status] ?? "error";
	return phrase
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "_")
		.replace(/^_|_$/g, "");
}

/** Builds the error body with a fresh 32-hex-character serial, as SAKURA gives every error. */
export function buildErrorBody(status: number, errorCode: string): ErrorBody {
	return {
		is_fatal: true,
		serial: randomBytes(16).toString("hex"),
		status: `${status} ${STATUS_CODES[status] ?? "Error"}`,
		error_code: errorCode,
		error_msg: MESSAGES[errorCode] ?? FALLBACK_MESSAGE,
	};
}

export function badRequest(reason: string): EmulatorHttpError {
	return new EmulatorHttpError(400, reason);
}

export function notFound(reason: string): EmulatorHttpError {
	return new EmulatorHttpError(404, reason);
}

export function conflict(reason: string): EmulatorHttpError {
	return new EmulatorHttpError(409, reason);
}
