/** The line the cold start child prints, in milliseconds. */
export interface ColdStartReport {
	/**
	 * When the handler's response was ready, as Unix time from `performance.timeOrigin`, the same
	 * clock the parent reads just before `spawn`.
	 */
	answeredAtMs: number;
	/** From the child's time origin to the `require` of the handler: Node's start and reading the event. */
	nodeStartMs: number;
	/** The `require` of the bundled handler: parsing and running its top level. */
	loadMs: number;
	/** The handler call for the first request, which builds the runtime in the bot's handler. */
	firstRequestMs: number;
	statusCode: number | undefined;
	body: string | undefined;
}

/** The child prints its report as one line: this prefix, then the report as JSON. */
export const RESULT_PREFIX = "COLD_START_RESULT ";
