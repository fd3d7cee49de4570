import {
	DescribeTableCommand,
	type DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { type DynaliteServer, startDynalite } from "../../src/sandbox/dynalite";
import {
	createRequestsTable,
	REQUESTS_TABLE_KEY,
	REQUESTS_TABLE_TTL_ATTRIBUTE,
} from "../../src/store";
import { makeClient } from "./store-fixture";

let dynalite: DynaliteServer;
let client: DynamoDBClient;

beforeAll(async () => {
	dynalite = await startDynalite();
	client = makeClient(dynalite.endpoint);
});

afterAll(async () => {
	client.destroy();
	await dynalite.close();
});

describe("createRequestsTable", () => {
	test("creates an active on-demand table keyed by id", async () => {
		await createRequestsTable(client, "requests-shape");

		const { Table } = await client.send(
			new DescribeTableCommand({ TableName: "requests-shape" }),
		);

		expect(Table?.TableStatus).toBe("ACTIVE");
		expect(Table?.KeySchema).toEqual([
			{ AttributeName: REQUESTS_TABLE_KEY, KeyType: "HASH" },
		]);
		expect(Table?.AttributeDefinitions).toEqual([
			{ AttributeName: REQUESTS_TABLE_KEY, AttributeType: "S" },
		]);
		expect(Table?.BillingModeSummary?.BillingMode).toBe("PAY_PER_REQUEST");
	});

	test("exported names match the stored attributes", () => {
		expect(REQUESTS_TABLE_KEY).toBe("id");
		expect(REQUESTS_TABLE_TTL_ATTRIBUTE).toBe("ttl");
	});

	test("existing table raises ResourceInUseException", async () => {
		await createRequestsTable(client, "requests-twice");

		await expect(
			createRequestsTable(client, "requests-twice"),
		).rejects.toMatchObject({ name: "ResourceInUseException" });
	});

	test("two-character name raises ValidationException", async () => {
		await expect(createRequestsTable(client, "rq")).rejects.toMatchObject({
			name: "ValidationException",
		});
	});
});
