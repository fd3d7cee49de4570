import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

export interface DynaliteServer {
	/** Value for the DynamoDB client's `endpoint`, such as `http://127.0.0.1:43210`. */
	endpoint: string;
	/** Stops the server and discards its in-memory tables. */
	close(): Promise<void>;
}

/**
 * Starts dynalite, an in-process DynamoDB implementation, on 127.0.0.1 with an ephemeral port and
 * in-memory storage. Tables become ACTIVE at once instead of after dynalite's default 500 ms.
 * dynalite 4.0 implements neither time to live nor `ReturnValuesOnConditionCheckFailure`.
 */
export async function startDynalite(): Promise<DynaliteServer> {
	const server = dynalite({
		createTableMs: 0,
		deleteTableMs: 0,
		updateTableMs: 0,
	});
	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			server.off("error", reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;

	return {
		endpoint: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
