import {
	createServer,
	type IncomingHttpHeaders,
	type IncomingMessage,
	type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordedRequest {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface StubServer {
	/** Root URL to pass as `rootUrl`, on 127.0.0.1 with an ephemeral port. */
	rootUrl: string;
	requests: RecordedRequest[];
	/** Number of TCP connections accepted so far. */
	connectionCount(): number;
	/** Number of TCP connections still open. */
	openConnectionCount(): number;
	close(): Promise<void>;
}

export type StubHandler = (
	request: RecordedRequest,
	response: ServerResponse,
	raw: IncomingMessage,
) => void;

/**
 * Starts a plain HTTP server on loopback for cases the emulator cannot produce, such as a non-JSON
 * error page or IDs sent as strings. The handler writes the response; every request is recorded.
 */
export async function startStubServer(
	handler: StubHandler,
): Promise<StubServer> {
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	let connections = 0;

	const server = createServer((raw, response) => {
		const chunks: Buffer[] = [];
		raw.on("data", (chunk: Buffer) => chunks.push(chunk));
		raw.on("end", () => {
			const recorded: RecordedRequest = {
				method: raw.method ?? "",
				url: raw.url ?? "",
				headers: raw.headers,
				body: Buffer.concat(chunks).toString("utf8"),
			};
			requests.push(recorded);
			handler(recorded, response, raw);
		});
	});
	server.on("connection", (socket) => {
		connections++;
		sockets.add(socket);
		socket.on("close", () => sockets.delete(socket));
	});

	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;

	return {
		rootUrl: `http://127.0.0.1:${port}/cloud/zone`,
		requests,
		connectionCount: () => connections,
		openConnectionCount: () => sockets.size,
		close: async () => {
			for (const socket of sockets) {
				socket.destroy();
			}
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			);
		},
	};
}

/** Writes a JSON response. */
export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {
		"content-type": "application/json; charset=utf-8",
	});
	response.end(text);
}
