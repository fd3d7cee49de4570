import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { types } from "node:util";

/**
 * Environment variable naming the folder where the stand-ins write what they received, for the
 * test suite's scan for leaked secrets. Unset, as in `npm start`, means nothing is written.
 */
export const SECRET_SCAN_DIR_VARIABLE = "SECRET_SCAN_DIR";

/** Environment variable with the path of the running test file, put on every record. */
export const SECRET_SCAN_TEST_FILE_VARIABLE = "SECRET_SCAN_TEST_FILE";

/** The kind of a secret, which decides where the scan allows it. */
export type SecretKind =
	| "registry-password"
	| "sakura-access-token"
	| "sakura-access-token-secret"
	| "slack-bot-token"
	| "slack-signing-secret";

/** One thing a stand-in or a test log saw. */
export type SecretScanEntry =
	/** A secret a stand-in accepted, such as a password the SAKURA emulator stored. */
	| { type: "secret"; kind: SecretKind; value: string }
	/** One Slack Web API call: its method and arguments, without the bearer token. */
	| {
			type: "slack-call";
			method: string;
			body: Record<string, unknown>;
			/** Whether the stand-in accepted the call, so a delivered DM can be told from a refused one. */
			ok?: boolean;
	  }
	/** One post to a response URL. */
	| { type: "response-url-post"; url: string; body: unknown }
	/** One line of a test's captured log. */
	| {
			type: "log-line";
			level: string;
			message: string;
			extra?: Record<string, unknown>;
	  }
	/** One item of a DynamoDB table, read when dynalite closes. */
	| { type: "stored-item"; table: string; item: Record<string, unknown> }
	/** Reading dynalite's tables failed, so their items are missing from the artifact. */
	| { type: "dump-failed"; error: string };

/** An entry as written to the artifact, with the test file and the process that wrote it. */
export type SecretScanRecord = SecretScanEntry & {
	testFile?: string;
	pid: number;
};

/** Returns true when the scan is on, so callers can skip work that only feeds it. */
export function isSecretScanOn(): boolean {
	return process.env[SECRET_SCAN_DIR_VARIABLE] !== undefined;
}

/**
 * Appends an entry to this process's artifact, `<SECRET_SCAN_DIR>/<pid>.jsonl`, one JSON object a
 * line. Each Jest worker is its own process, so no two processes write to one file. The write is
 * synchronous so that an entry is on disk before the test that caused it ends. Does nothing when
 * `SECRET_SCAN_DIR` is unset.
 */
export function recordForSecretScan(entry: SecretScanEntry): void {
	const folder = process.env[SECRET_SCAN_DIR_VARIABLE];
	if (folder === undefined) {
		return;
	}

	const record: SecretScanRecord = {
		...entry,
		testFile: process.env[SECRET_SCAN_TEST_FILE_VARIABLE],
		pid: process.pid,
	};
	appendFileSync(
		join(folder, `${process.pid}.jsonl`),
		`${JSON.stringify(record, scanReplacer())}\n`,
	);
}

/**
 * Returns a `JSON.stringify` replacer that keeps what a plain stringify drops or rejects: the name,
 * message and cause of an `Error`, a `bigint` as a string, and a repeated object as `[Repeated]`,
 * whose first occurrence is already written.
 */
function scanReplacer(): (key: string, value: unknown) => unknown {
	const seen = new WeakSet<object>();
	return (_key, value) => {
		if (typeof value === "bigint") {
			return value.toString();
		}
		if (typeof value !== "object" || value === null) {
			return value;
		}
		if (seen.has(value)) {
			return "[Repeated]";
		}
		seen.add(value);
		if (types.isNativeError(value)) {
			return {
				...value,
				name: value.name,
				message: value.message,
				cause: value.cause,
			};
		}
		return value;
	};
}
