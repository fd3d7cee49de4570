import type { AddressInfo } from "node:net";
import {
	DynamoDBClient,
	ListTablesCommand,
	ScanCommand,
} from "@aws-sdk/client-dynamodb";
import dynalite from "dynalite";
import { isSecretScanOn, recordForSecretScan } from "./secret-scan-record";

export interface DynaliteServer {
	/** Value for the DynamoDB client's `endpoint`, such as `http://127.0.0.1:43210`. */
	endpoint: string;
	/**
	 * Stops the server and discards its in-memory tables. While the test suite's secret scan is on,
	 * it first writes every item of every table to the scan's artifact.
	 */
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
	const endpoint = `http://127.0.0.1:${port}`;

	return {
		endpoint,
		close: async () => {
			if (isSecretScanOn()) {
				await recordItemsForSecretScan(endpoint);
			}
			await new Promise<void>((resolve, reject) => {
				server.close((error) => (error ? reject(error) : resolve()));
			});
		},
	};
}

/**
 * Writes every item of every table to the secret scan's artifact, in the stored attribute-value
 * form, so the scan covers what a test left in DynamoDB. A table that cannot be read is written as a
 * `dump-failed` entry, which fails the scan, because an unread table could hide a stored secret.
 */
async function recordItemsForSecretScan(endpoint: string): Promise<void> {
	const client = new DynamoDBClient({
		endpoint,
		region: "ap-northeast-1",
		credentials: { accessKeyId: "secret-scan", secretAccessKey: "secret-scan" },
		maxAttempts: 1,
	});
	try {
		for (const table of await listTables(client)) {
			await recordTableItems(client, table);
		}
	} catch (error) {
		recordForSecretScan({
			type: "dump-failed",
			error: error instanceof Error ? error.name : String(error),
		});
	} finally {
		client.destroy();
	}
}

async function listTables(client: DynamoDBClient): Promise<string[]> {
	const tables: string[] = [];
	let start: string | undefined;
	do {
		const page = await client.send(
			new ListTablesCommand({ ExclusiveStartTableName: start }),
		);
		tables.push(...(page.TableNames ?? []));
		start = page.LastEvaluatedTableName;
	} while (start !== undefined);
	return tables;
}

async function recordTableItems(
	client: DynamoDBClient,
	table: string,
): Promise<void> {
	let start: Record<string, unknown> | undefined;
	do {
		const page = await client.send(
			new ScanCommand({
				TableName: table,
				ExclusiveStartKey: start as ScanCommand["input"]["ExclusiveStartKey"],
			}),
		);
		for (const item of page.Items ?? []) {
			recordForSecretScan({ type: "stored-item", table, item });
		}
		start = page.LastEvaluatedKey;
	} while (start !== undefined);
}
