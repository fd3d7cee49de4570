import {
	CreateTableCommand,
	type DynamoDBClient,
	UpdateTimeToLiveCommand,
	waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";

/** Partition key of the requests table, a string attribute holding the request id. */
export const REQUESTS_TABLE_KEY = "id";

/** Attribute that DynamoDB's time to live reads: epoch seconds after which it deletes the item. */
export const REQUESTS_TABLE_TTL_ATTRIBUTE = "ttl";

/** Seconds that `createRequestsTable` waits for the new table to become ACTIVE. */
const TABLE_ACTIVE_TIMEOUT_SECONDS = 120;

/**
 * Creates the requests table: partition key `id` (S), on-demand billing (PAY_PER_REQUEST), and
 * time to live on `ttl`. Waits until the table is ACTIVE, polling DescribeTable every 1 to 5
 * seconds for at most 120 seconds. Tests and the sandbox use it, and `serverless.yml` declares the
 * same table for AWS. DynamoDB table names need 3 to 255 characters from `[a-zA-Z0-9_.-]`.
 *
 * @throws ResourceInUseException (from the SDK) when a table with this name exists.
 */
export async function createRequestsTable(
	client: DynamoDBClient,
	tableName: string,
): Promise<void> {
	await client.send(
		new CreateTableCommand({
			TableName: tableName,
			AttributeDefinitions: [
				{ AttributeName: REQUESTS_TABLE_KEY, AttributeType: "S" },
			],
			KeySchema: [{ AttributeName: REQUESTS_TABLE_KEY, KeyType: "HASH" }],
			BillingMode: "PAY_PER_REQUEST",
		}),
	);

	await waitUntilTableExists(
		{
			client,
			minDelay: 1,
			maxDelay: 5,
			maxWaitTime: TABLE_ACTIVE_TIMEOUT_SECONDS,
		},
		{ TableName: tableName },
	);

	await enableTimeToLive(client, tableName);
}

async function enableTimeToLive(
	client: DynamoDBClient,
	tableName: string,
): Promise<void> {
	try {
		await client.send(
			new UpdateTimeToLiveCommand({
				TableName: tableName,
				TimeToLiveSpecification: {
					AttributeName: REQUESTS_TABLE_TTL_ATTRIBUTE,
					Enabled: true,
				},
			}),
		);
	} catch (error) {
		// dynalite 4.0 implements no UpdateTimeToLive and returns UnknownOperationException. It
		// never deletes expired items, so a local table keeps them. DynamoDB itself knows the
		// operation, so any error from it is raised.
		if (error instanceof Error && error.name === "UnknownOperationException") {
			return;
		}
		throw error;
	}
}
