import { type Logger, LogLevel } from "@slack/bolt";
import type { Log } from "../logging";

/**
 * Adapts our structured logger to the `Logger` interface of Bolt and `@slack/web-api`, so their
 * lines come out as JSON next to ours.
 *
 * Debug lines are dropped whatever the level. In @slack/web-api 8 they print each request body,
 * which for the credential DM contains the password, and in Bolt 5 AwsLambdaReceiver they print the
 * whole incoming event.
 */
export function createBoltLogger(log: Log): Logger {
	let level = LogLevel.INFO;
	let name = "bolt";

	return {
		debug() {},
		info(...parts: unknown[]) {
			log.info(...toLine(name, parts));
		},
		warn(...parts: unknown[]) {
			log.warn(...toLine(name, parts));
		},
		error(...parts: unknown[]) {
			log.error(...toLine(name, parts));
		},
		setLevel(newLevel: LogLevel) {
			level = newLevel;
		},
		getLevel() {
			return level;
		},
		setName(newName: string) {
			name = newName;
		},
	};
}

/**
 * Joins Bolt's arguments into one message. An `Error` contributes its name and message. Other
 * objects are left out, because Bolt and the Web API client pass request and response bodies.
 */
function toLine(
	source: string,
	parts: unknown[],
): [string, Record<string, unknown>] {
	const words: string[] = [];
	const extra: Record<string, unknown> = { source };

	for (const part of parts) {
		if (part instanceof Error) {
			extra.error = part.name;
			extra.errorMessage = part.message;
		} else if (typeof part === "object" && part !== null) {
			extra.omittedObjects =
				((extra.omittedObjects as number | undefined) ?? 0) + 1;
		} else {
			words.push(String(part));
		}
	}

	const message =
		words.length > 0
			? words.join(" ")
			: String(extra.errorMessage ?? "(no message)");
	return [message, extra];
}
