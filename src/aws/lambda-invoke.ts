import {
	InvokeCommand,
	type InvokeCommandOutput,
	LambdaClient,
} from "@aws-sdk/client-lambda";

/** A Lambda invocation failed: it was refused, timed out, or the function threw. */
export class LambdaInvokeError extends Error {
	constructor(
		readonly functionName: string,
		/**
		 * AWS exception name (`ResourceNotFoundException`, `AccessDeniedException`,
		 * `TooManyRequestsException`), `Timeout`, or `FunctionError:<type>` when the function threw.
		 */
		readonly reason: string,
		options?: { cause?: unknown },
	) {
		super(`Invoking ${functionName} failed: ${reason}`, options);
		this.name = "LambdaInvokeError";
	}
}

/** Invokes one Lambda function with JSON payloads. */
export interface LambdaInvoker {
	/**
	 * Queues an asynchronous invocation (`InvocationType: Event`). It resolves once Lambda has
	 * accepted the event, which Lambda then delivers at least once, retrying a failed run as the
	 * function's asynchronous invocation settings say.
	 * @throws LambdaInvokeError when Lambda did not accept the event.
	 */
	invokeAsync(payload: unknown): Promise<void>;
	/**
	 * Invokes and waits for the function's JSON result, at most `deadlineMs`.
	 * @throws LambdaInvokeError on a refusal, the deadline, or an error thrown by the function.
	 */
	invokeSync(payload: unknown, deadlineMs: number): Promise<unknown>;
}

/**
 * Time limits of one Invoke request, in milliseconds. The slack function invokes inside Slack's
 * 3-second window, so a slow Lambda endpoint must fail fast.
 */
const CONNECTION_TIMEOUT_MS = 1_000;
const ASYNC_REQUEST_TIMEOUT_MS = 2_000;

/**
 * Creates an invoker for `functionName`. The client reads its endpoint from
 * `AWS_ENDPOINT_URL_LAMBDA` when set, as the sandbox and serverless-offline use, and from the
 * Lambda environment otherwise. An asynchronous invocation is sent at most twice, because a
 * duplicate event is harmless to a worker that claims each request once.
 */
export function createLambdaInvoker(
	functionName: string,
	client: LambdaClient = new LambdaClient({
		maxAttempts: 2,
		requestHandler: {
			connectionTimeout: CONNECTION_TIMEOUT_MS,
			requestTimeout: ASYNC_REQUEST_TIMEOUT_MS,
			throwOnRequestTimeout: true,
		},
	}),
): LambdaInvoker {
	const payloadOf = (value: unknown) =>
		new TextEncoder().encode(JSON.stringify(value));

	return {
		async invokeAsync(payload) {
			try {
				await client.send(
					new InvokeCommand({
						FunctionName: functionName,
						InvocationType: "Event",
						Payload: payloadOf(payload),
					}),
				);
			} catch (error) {
				throw new LambdaInvokeError(functionName, awsErrorName(error), {
					cause: error,
				});
			}
		},

		async invokeSync(payload, deadlineMs) {
			let output: InvokeCommandOutput;
			try {
				output = await client.send(
					new InvokeCommand({
						FunctionName: functionName,
						InvocationType: "RequestResponse",
						Payload: payloadOf(payload),
					}),
					{ abortSignal: AbortSignal.timeout(deadlineMs) },
				);
			} catch (error) {
				const reason =
					(error as { name?: unknown }).name === "AbortError"
						? "Timeout"
						: awsErrorName(error);
				throw new LambdaInvokeError(functionName, reason, { cause: error });
			}

			const text =
				output.Payload === undefined
					? ""
					: new TextDecoder().decode(output.Payload);
			if (output.FunctionError !== undefined) {
				// The payload names the error type; its message may quote data, so it is not kept.
				const type = parseErrorType(text);
				throw new LambdaInvokeError(
					functionName,
					`FunctionError:${type ?? output.FunctionError}`,
				);
			}
			return text === "" ? undefined : JSON.parse(text);
		},
	};
}

function awsErrorName(error: unknown): string {
	const name = (error as { name?: unknown } | undefined)?.name;
	return typeof name === "string" ? name : "UnknownError";
}

function parseErrorType(text: string): string | undefined {
	try {
		const parsed = JSON.parse(text) as { errorType?: unknown };
		return typeof parsed.errorType === "string" ? parsed.errorType : undefined;
	} catch {
		return undefined;
	}
}
