import type { Log } from "../../src/logging";

export interface CapturedLine {
	level: "debug" | "info" | "warn" | "error";
	message: string;
	extra?: Record<string, unknown>;
}

/** A `Log` that keeps every line, so tests can assert on them and scan them for secrets. */
export function createCaptureLog(): Log & {
	lines: CapturedLine[];
	text(): string;
} {
	const lines: CapturedLine[] = [];
	const record =
		(level: CapturedLine["level"]) =>
		(message: string, extra?: Record<string, unknown>) => {
			lines.push({ level, message, extra });
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
