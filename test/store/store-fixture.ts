import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynaliteServer, startDynalite } from "../../src/sandbox/dynalite";
import {
	type ApprovalResult,
	createRequestsTable,
	DynamoRequestStore,
	type RequestRecord,
	type TransitionResult,
} from "../../src/store";

/** Fixed clock of the store tests; every request is created at this time. */
export const CREATED_AT = new Date("2030-01-01T00:00:00.000Z");

/** Expiry of a request made by `makeRecord`: one hour after `CREATED_AT`. */
export const EXPIRES_AT = new Date("2030-01-01T01:00:00.000Z");

/** A time before `EXPIRES_AT`, when approvals are accepted. */
export const BEFORE_EXPIRY = new Date("2030-01-01T00:30:00.000Z");

/** End of a run's lease when it is claimed at `BEFORE_EXPIRY`: one minute later. */
export const LEASE_UNTIL = new Date("2030-01-01T00:31:00.000Z");

export interface StoreFixture {
	dynalite: DynaliteServer;
	client: DynamoDBClient;
	store: DynamoRequestStore;
	tableName: string;
}

/** Builds a DynamoDB client for dynalite with fake credentials, so it never looks elsewhere. */
export function makeClient(endpoint: string): DynamoDBClient {
	return new DynamoDBClient({
		endpoint,
		region: "ap-northeast-1",
		credentials: { accessKeyId: "x", secretAccessKey: "x" },
	});
}

/** Starts dynalite on loopback, creates a requests table and a store on it. */
export async function startStoreFixture(): Promise<StoreFixture> {
	const dynalite = await startDynalite();
	const client = makeClient(dynalite.endpoint);
	const tableName = "requests-test";
	await createRequestsTable(client, tableName);
	const store = new DynamoRequestStore({ tableName, client });
	return { dynalite, client, store, tableName };
}

export async function stopStoreFixture(
	fixture: StoreFixture | undefined,
): Promise<void> {
	fixture?.client.destroy();
	await fixture?.dynalite.close();
}

/** Builds a pending request with a fresh id and only the required fields. */
export function makeRecord(
	overrides: Partial<RequestRecord> = {},
): RequestRecord {
	return {
		id: randomUUID(),
		kind: "user.add",
		operation: {
			kind: "user.add",
			registry: "team-images",
			userName: "ci-bot",
			userPermission: "readwrite",
		},
		requester: { userId: "U0REQUESTER", userName: "hanako", teamId: "T0TEAM" },
		reason: "CI needs to push images",
		status: "pending",
		requiredApprovals: 1,
		approvals: [],
		createdAt: CREATED_AT.toISOString(),
		expiresAt: EXPIRES_AT.toISOString(),
		updatedAt: CREATED_AT.toISOString(),
		version: 1,
		...overrides,
	};
}

/** Builds an approval by `userId` at `BEFORE_EXPIRY`. */
export function approvalBy(userId: string): { userId: string; at: string } {
	return { userId, at: BEFORE_EXPIRY.toISOString() };
}

/** Returns the record that a store result carries, and fails the test when it has none. */
export function recordOf(
	result: ApprovalResult | TransitionResult | undefined,
): RequestRecord {
	if (result === undefined || result.kind === "not_found") {
		throw new Error(
			`Expected a result with a record, got ${JSON.stringify(result)}`,
		);
	}
	return result.record;
}
