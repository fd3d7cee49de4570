import type { SakuraLogger } from "../../src/sakura";

export interface CapturedLine {
	level: string;
	message: string;
	extra: Record<string, unknown> | undefined;
}

/** Creates a logger that keeps every line, so tests can check what was logged. */
export function captureLogger(): SakuraLogger & {
	lines: CapturedLine[];
	text(): string;
} {
	const lines: CapturedLine[] = [];
	const record =
		(level: string) => (message: string, extra?: Record<string, unknown>) => {
			lines.push({ level, message, extra });
		};

	return {
		lines,
		debug: record("debug"),
		info: record("info"),
		warn: record("warn"),
		error: record("error"),
		text: () =>
			lines
				.map(
					(line) =>
						`${line.level} ${line.message} ${JSON.stringify(line.extra)}`,
				)
				.join("\n"),
	};
}
