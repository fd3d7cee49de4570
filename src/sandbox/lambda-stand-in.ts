import { randomUUID } from "node:crypto";
import {
	createServer,
	type IncomingMessage,
	type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Context } from "aws-lambda";

/** A function the stand-in runs, with Lambda's two-parameter signature. */
export type StandInFunction = (
	event: unknown,
	context: Context,
) => Promise<unknown>;

export interface LambdaStandInOptions {
	/** Functions by the name the caller invokes. */
	functions: Record<string, StandInFunction>;
	/** Retries after a failed asynchronous run, as `MaximumRetryAttempts`. @default 2 */
	maxRetries?: number;
	/** Wait before each retry, in milliseconds; Lambda waits 1 and then 2 minutes. @default 0 */
	retryDelayMs?: number;
	/** On-failure destination by function name: after the last retry, that function gets the record. */
	onFailure?: Record<string, string>;
	/** How often each asynchronous event is delivered, to test at-least-once delivery. @default 1 */
	deliveries?: number;
	/** Value that `getRemainingTimeInMillis` returns. @default 60_000 */
	remainingMs?: number;
	/**
	 * Holds asynchronous events until `runHeld` is called, as when the function runs in another
	 * container: a benchmark of the caller then measures the caller alone.
	 * @default false
	 */
	holdAsync?: boolean;
}

/** One invocation as the stand-in received it. */
export interface RecordedInvocation {
	functionName: string;
	type: "Event" | "RequestResponse";
	payload: unknown;
	/** 1 for the first run of an event, more for retries and repeated deliveries. */
	attempt: number;
	/** The error name when the run threw. */
	error?: string;
}

export interface LambdaStandIn {
	/** Base URL for `AWS_ENDPOINT_URL_LAMBDA`. */
	endpoint: string;
	readonly invocations: readonly RecordedInvocation[];
	/** Resolves once every asynchronous run, retry and destination call has ended. */
	idle(): Promise<void>;
	/** Starts the events held by `holdAsync` and resolves once they and their retries have ended. */
	runHeld(): Promise<void>;
	close(): Promise<void>;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * Starts a stand-in for the Lambda Invoke API on 127.0.0.1, which `@aws-sdk/client-lambda`
 * reaches through `AWS_ENDPOINT_URL_LAMBDA`. A `RequestResponse` invocation runs the function and
 * answers with its JSON result, or with `X-Amz-Function-Error: Unhandled` when it throws. An
 * `Event` invocation is answered 202 at once and run afterwards; a run that throws is retried, and
 * after the last retry the on-failure destination gets Lambda's invocation record.
 */
export async function startLambdaStandIn(
	options: LambdaStandInOptions,
): Promise<LambdaStandIn> {
	const invocations: RecordedInvocation[] = [];
	const held: (() => void)[] = [];
	const running = new Set<Promise<void>>();
	const maxRetries = options.maxRetries ?? 2;

	const contextFor = (functionName: string): Context =>
		({
			awsRequestId: randomUUID(),
			functionName,
			functionVersion: "$LATEST",
			invokedFunctionArn: `arn:aws:lambda:ap-northeast-1:000000000000:function:${functionName}`,
			memoryLimitInMB: "512",
			logGroupName: `/aws/lambda/${functionName}`,
			logStreamName: "stand-in",
			callbackWaitsForEmptyEventLoop: false,
			getRemainingTimeInMillis: () => options.remainingMs ?? 60_000,
			done: () => undefined,
			fail: () => undefined,
			succeed: () => undefined,
		}) as Context;

	const runOnce = async (
		functionName: string,
		type: RecordedInvocation["type"],
		payload: unknown,
		attempt: number,
	): Promise<unknown> => {
		const entry: RecordedInvocation = { functionName, type, payload, attempt };
		invocations.push(entry);
		try {
			return await options.functions[functionName](
				payload,
				contextFor(functionName),
			);
		} catch (error) {
			entry.error = error instanceof Error ? error.name : typeof error;
			throw error;
		}
	};

	const deliver = async (functionName: string, payload: unknown) => {
		for (let attempt = 1; attempt <= maxRetries + 1; attempt++) {
			try {
				await runOnce(functionName, "Event", payload, attempt);
				return;
			} catch (error) {
				if (attempt <= maxRetries) {
					await sleep(options.retryDelayMs ?? 0);
					continue;
				}
				const destination = options.onFailure?.[functionName];
				if (destination !== undefined) {
					await deliver(destination, {
						version: "1.0",
						timestamp: new Date().toISOString(),
						requestContext: {
							requestId: randomUUID(),
							condition: "RetriesExhausted",
							approximateInvokeCount: attempt,
						},
						requestPayload: payload,
						responseContext: { statusCode: 200, functionError: "Unhandled" },
						responsePayload: {
							errorType: error instanceof Error ? error.name : "Error",
						},
					});
				}
			}
		}
	};

	const track = (work: Promise<void>) => {
		running.add(work);
		void work.finally(() => running.delete(work));
	};

	const handle = async (request: IncomingMessage, response: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const chunk of request) {
			chunks.push(chunk as Buffer);
		}
		const match = INVOKE_PATH.exec(
			new URL(request.url ?? "/", "http://x").pathname,
		);
		const functionName = match
			? (decodeURIComponent(match[1]).split(":").at(-1) ?? "")
			: "";
		if (request.method !== "POST" || !(functionName in options.functions)) {
			response.writeHead(404, { "Content-Type": "application/json" });
			response.end(
				JSON.stringify({
					Type: "User",
					message: `Function not found: ${functionName}`,
				}),
			);
			return;
		}

		const text = Buffer.concat(chunks).toString("utf8");
		const payload: unknown = text === "" ? {} : JSON.parse(text);
		if (request.headers["x-amz-invocation-type"] === "Event") {
			for (let copy = 0; copy < (options.deliveries ?? 1); copy++) {
				const start = () => track(deliver(functionName, payload));
				if (options.holdAsync === true) {
					held.push(start);
				} else {
					start();
				}
			}
			response.writeHead(202);
			response.end();
			return;
		}

		try {
			const result = await runOnce(functionName, "RequestResponse", payload, 1);
			response.writeHead(200, { "Content-Type": "application/json" });
			response.end(result === undefined ? "" : JSON.stringify(result));
		} catch (error) {
			response.writeHead(200, {
				"Content-Type": "application/json",
				"X-Amz-Function-Error": "Unhandled",
			});
			response.end(
				JSON.stringify({
					errorType: error instanceof Error ? error.name : "Error",
					errorMessage: error instanceof Error ? error.message : String(error),
				}),
			);
		}
	};

	const server = createServer((request, response) => {
		handle(request, response).catch(() => {
			response.writeHead(500);
			response.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;

	return {
		endpoint: `http://127.0.0.1:${port}`,
		invocations,
		async idle() {
			while (running.size > 0) {
				await Promise.allSettled([...running]);
			}
		},
		async runHeld() {
			for (const start of held.splice(0)) {
				start();
			}
			while (running.size > 0) {
				await Promise.allSettled([...running]);
			}
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
