import { Logger } from "@aws-lambda-powertools/logger";

/**
 * The structured logger shape every layer accepts: Powertools' `Logger` through `asLog`, or a
 * capturing logger in tests. Callers must never pass a password or token in `extra`.
 */
export interface Log {
	debug(message: string, extra?: Record<string, unknown>): void;
	info(message: string, extra?: Record<string, unknown>): void;
	warn(message: string, extra?: Record<string, unknown>): void;
	error(message: string, extra?: Record<string, unknown>): void;
}

/** Creates the JSON logger used on Lambda and in the sandbox. `LOG_LEVEL` sets the level (default INFO). */
export function createLogger(serviceName: string): Logger {
	return new Logger({ serviceName });
}

/**
 * Wraps a Powertools logger as a `Log`. Powertools types its extra arguments as a list of objects,
 * which an optional `extra` of `undefined` does not match under `strict`.
 */
export function asLog(logger: Logger): Log {
	return {
		debug: (message, extra) => logger.debug(message, extra ?? {}),
		info: (message, extra) => logger.info(message, extra ?? {}),
		warn: (message, extra) => logger.warn(message, extra ?? {}),
		error: (message, extra) => logger.error(message, extra ?? {}),
	};
}
