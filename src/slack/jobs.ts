import type { Operation, Requester } from "../operations/types";

/**
 * One validated slash command, ready to run. It holds only plain Slack ids and strings, so a
 * queued worker can receive it as JSON.
 */
export interface CommandJob {
	operation: Operation;
	requester: Requester;
	/** The channel where the command was typed; `D…` for a DM with the bot. */
	channelId: string;
	/** Slack's `response_url` for this command: up to 5 posts within 30 minutes. */
	responseUrl: string;
}

/** Hands a command job to whatever runs it. */
export interface Dispatcher {
	/**
	 * True when `dispatch` resolves only after the job has run. Bolt's AwsLambdaReceiver sends the
	 * ack body only after the listener returns, so an inline dispatcher's result would reach Slack
	 * before a "working" ack. The listener therefore acks empty after an inline dispatch.
	 */
	readonly runsInline: boolean;
	/**
	 * Runs or enqueues the job. An inline dispatcher reports every failure to the requester itself
	 * and does not reject; a queued dispatcher rejects when the job could not be enqueued.
	 */
	dispatch(job: CommandJob): Promise<void>;
}
