import type { Log } from "../../src/logging";
import { recordForSecretScan } from "../../src/sandbox/secret-scan-record";

export interface CapturedLine {
	level: "debug" | "info" | "warn" | "error";
	message: string;
	extra?: Record<string, unknown>;
}

/**
 * A `Log` that keeps every line, so tests can assert on them and scan them for secrets. Every line
 * also goes to the suite-wide secret scan.
 */
export function createCaptureLog(): Log & {
	lines: CapturedLine[];
	text(): string;
} {
	const lines: CapturedLine[] = [];
	const record =
		(level: CapturedLine["level"]) =>
		(message: string, extra?: Record<string, unknown>) => {
			lines.push({ level, message, extra });
			recordForSecretScan({ type: "log-line", level, message, extra });
		};
	return {
		lines,
		debug: record("debug"),
		info: record("info"),
		warn: record("warn"),
		error: record("error"),
		text: () => lines.map((line) => JSON.stringify(line)).join("\n"),
	};
}
