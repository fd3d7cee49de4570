import { DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import type { RequestRecord } from "../../src/store";
import { makeClient } from "../store/store-fixture";
import type { Harness } from "./slack-harness";

/**
 * Returns every stored request of a harness's table, oldest first. Items of other kinds, such as
 * locks, quotas and alerts, have no `kind` and are left out.
 */
export async function storedRequests(
	harness: Harness,
): Promise<RequestRecord[]> {
	const items = await scanTable(harness);
	return items
		.filter((item) => typeof item.kind === "string")
		.map((item) => item as unknown as RequestRecord)
		.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Returns the newest stored request of a harness's table. */
export async function lastRequest(harness: Harness): Promise<RequestRecord> {
	const record = (await storedRequests(harness)).at(-1);
	if (record === undefined) {
		throw new Error("The requests table holds no request");
	}
	return record;
}

/** Returns every item of a harness's requests table, as stored. */
export async function scanTable(
	harness: Harness,
): Promise<Record<string, unknown>[]> {
	const client = makeClient(String(harness.env.AWS_ENDPOINT_URL_DYNAMODB));
	try {
		const documents = DynamoDBDocumentClient.from(client);
		const result = await documents.send(
			new ScanCommand({ TableName: String(harness.env.REQUESTS_TABLE) }),
		);
		return result.Items ?? [];
	} finally {
		client.destroy();
	}
}
