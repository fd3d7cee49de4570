import { randomUUID } from "node:crypto";
import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
	type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** Namespace DynamoDB puts before an exception name in `__type`. */
const ERROR_NAMESPACE = "com.amazonaws.dynamodb.v20120810";

/**
 * What the proxy does in place of forwarding a request normally:
 * - `throttle`: responds 400 `ProvisionedThroughputExceededException` without forwarding, as
 *   DynamoDB does when a table or partition exceeds its throughput.
 * - `conditional-failure`: responds 400 `ConditionalCheckFailedException` without forwarding.
 * - `lost-response`: forwards the request, so dynalite applies it, then responds 500
 *   `InternalServerError`, as when DynamoDB applied a write but its response never arrived.
 * - `forward`: forwards the request unchanged and returns dynalite's response, after `before`
 *   has run.
 */
export type DynamoFaultAnswer =
	| "throttle"
	| "conditional-failure"
	| "lost-response"
	| "forward";

export interface DynamoFault {
	/** DynamoDB operation, the part of `X-Amz-Target` after the dot, such as `PutItem`. */
	operation: string;
	answer: DynamoFaultAnswer;
	/** Only requests whose parsed JSON body passes take the fault. @default every request */
	matches?: (body: Record<string, unknown>) => boolean;
	/**
	 * Runs before the request is forwarded or failed, so a test can change the table in between.
	 * The proxy waits for it.
	 */
	before?: (body: Record<string, unknown>) => Promise<void>;
}

/** One request the proxy received, and the fault it responded with, if any. */
export interface ProxiedRequest {
	operation: string;
	/** The parsed JSON body, which contains no secret: table names, keys and conditions. */
	body: Record<string, unknown>;
	fault?: DynamoFaultAnswer;
}

export interface DynamoFaultProxy {
	/** Value for `AWS_ENDPOINT_URL_DYNAMODB` or a client's `endpoint`. */
	endpoint: string;
	/** The dynalite endpoint that requests are forwarded to. A test may set it after the proxy starts. */
	upstream: string | undefined;
	readonly requests: readonly ProxiedRequest[];
	/** Queues a fault for one matching request. Queue it `n` times to fail `n` requests. */
	failNext(fault: DynamoFault): void;
	close(): Promise<void>;
}

/**
 * Starts an HTTP proxy on 127.0.0.1 that forwards DynamoDB's JSON protocol to dynalite and responds to
 * queued requests with DynamoDB's error responses: HTTP status, `x-amzn-ErrorType` header and a
 * `{"__type", "message"}` body, which the AWS SDK parses as it parses DynamoDB's. dynalite cannot
 * throttle or lose a response, so the proxy does it in front of it.
 */
export async function startDynamoFaultProxy(
	options: { upstream?: string } = {},
): Promise<DynamoFaultProxy> {
	const faults: DynamoFault[] = [];
	const requests: ProxiedRequest[] = [];
	const proxy = {
		upstream: options.upstream,
	};

	const takeFault = (operation: string, body: Record<string, unknown>) => {
		const index = faults.findIndex(
			(fault) =>
				fault.operation === operation && (fault.matches?.(body) ?? true),
		);
		return index === -1 ? undefined : faults.splice(index, 1)[0];
	};

	const server = createServer((incoming, outgoing) => {
		void (async () => {
			const raw = await readBody(incoming);
			const target = String(incoming.headers["x-amz-target"] ?? "");
			const operation = target.slice(target.indexOf(".") + 1);
			const body = parseBody(raw);
			const fault = takeFault(operation, body);
			requests.push({ operation, body, fault: fault?.answer });
			await fault?.before?.(body);

			switch (fault?.answer) {
				case "throttle":
					sendError(
						outgoing,
						400,
						"ProvisionedThroughputExceededException",
						"The level of configured provisioned throughput for the table was exceeded.",
					);
					return;
				case "conditional-failure":
					sendError(
						outgoing,
						400,
						"ConditionalCheckFailedException",
						"The conditional request failed",
					);
					return;
				case "lost-response":
					await forward(incoming, raw);
					sendError(outgoing, 500, "InternalServerError", "Internal error");
					return;
				default: {
					const answer = await forward(incoming, raw);
					outgoing.writeHead(answer.status, answer.headers);
					outgoing.end(answer.body);
				}
			}
		})().catch(() => outgoing.destroy());
	});

	async function forward(
		incoming: IncomingMessage,
		raw: string,
	): Promise<{
		status: number;
		headers: IncomingMessage["headers"];
		body: Buffer;
	}> {
		if (proxy.upstream === undefined) {
			throw new Error("The DynamoDB fault proxy has no upstream");
		}
		const upstream = new URL(proxy.upstream);
		return new Promise((resolve, reject) => {
			const forwarded = httpRequest(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: incoming.method,
					path: incoming.url,
					headers: incoming.headers,
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on("data", (chunk: Buffer) => chunks.push(chunk));
					response.on("end", () =>
						resolve({
							status: response.statusCode ?? 502,
							headers: response.headers,
							body: Buffer.concat(chunks),
						}),
					);
					response.on("error", reject);
				},
			);
			forwarded.on("error", reject);
			forwarded.end(raw);
		});
	}

	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;

	return {
		endpoint: `http://127.0.0.1:${port}`,
		get upstream() {
			return proxy.upstream;
		},
		set upstream(value) {
			proxy.upstream = value;
		},
		requests,
		failNext: (fault) => {
			faults.push(fault);
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

function sendError(
	outgoing: ServerResponse,
	status: number,
	type: string,
	message: string,
): void {
	outgoing.writeHead(status, {
		"content-type": "application/x-amz-json-1.0",
		"x-amzn-errortype": `${type}:`,
		"x-amzn-requestid": randomUUID(),
	});
	outgoing.end(
		JSON.stringify({ __type: `${ERROR_NAMESPACE}#${type}`, message }),
	);
}

function parseBody(raw: string): Record<string, unknown> {
	try {
		const parsed: unknown = JSON.parse(raw);
		return typeof parsed === "object" && parsed !== null
			? (parsed as Record<string, unknown>)
			: {};
	} catch {
		return {};
	}
}

async function readBody(incoming: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of incoming) {
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString("utf8");
}
