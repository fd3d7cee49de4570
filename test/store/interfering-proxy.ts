import {
	createServer,
	request as httpRequest,
	type IncomingMessage,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface InterferingProxy {
	/** Endpoint for a DynamoDB client that should go through the proxy. */
	endpoint: string;
	/** Number of requests that `interfere` ran before. */
	readonly interferences: number;
	close(): Promise<void>;
}

/**
 * Starts an HTTP proxy on 127.0.0.1 in front of dynalite. Before it forwards a request for which
 * `shouldInterfere(target, body)` is true, it awaits `interfere()`, so a test can slip another
 * write in between a store's read and its conditional write. `target` is the `X-Amz-Target` header.
 */
export async function startInterferingProxy(options: {
	upstream: string;
	shouldInterfere(target: string, body: string): boolean;
	interfere(): Promise<void>;
}): Promise<InterferingProxy> {
	const upstream = new URL(options.upstream);
	let interferences = 0;

	const server = createServer((incoming, outgoing) => {
		void (async () => {
			const body = await readBody(incoming);
			const target = String(incoming.headers["x-amz-target"] ?? "");
			if (options.shouldInterfere(target, body)) {
				interferences++;
				await options.interfere();
			}

			const forwarded = httpRequest(
				{
					host: upstream.hostname,
					port: upstream.port,
					method: incoming.method,
					path: incoming.url,
					headers: incoming.headers,
				},
				(response) => {
					outgoing.writeHead(response.statusCode ?? 502, response.headers);
					response.pipe(outgoing);
				},
			);
			forwarded.on("error", () => outgoing.destroy());
			forwarded.end(body);
		})().catch(() => outgoing.destroy());
	});

	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;

	return {
		endpoint: `http://127.0.0.1:${port}`,
		get interferences() {
			return interferences;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

async function readBody(incoming: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of incoming) {
		chunks.push(chunk as Buffer);
	}
	return Buffer.concat(chunks).toString("utf8");
}
