import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
	ApprovalConflictError,
	type ApprovalResult,
	DynamoRequestStore,
	type RequestRecord,
	type TransitionResult,
} from "../../src/store";
import {
	type InterferingProxy,
	startInterferingProxy,
} from "./interfering-proxy";
import {
	approvalBy,
	BEFORE_EXPIRY,
	LEASE_UNTIL,
	makeClient,
	makeRecord,
	recordOf,
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "./store-fixture";

const RACERS = 20;

let fixture: StoreFixture;

beforeAll(async () => {
	fixture = await startStoreFixture();
});

afterAll(async () => {
	await stopStoreFixture(fixture);
});

async function createRequest(
	overrides: Partial<RequestRecord> = {},
): Promise<RequestRecord> {
	const record = makeRecord(overrides);
	await fixture.store.create(record);
	return record;
}

function countKind<T extends { kind: string }>(
	results: T[],
	kind: T["kind"],
): number {
	return results.filter((result) => result.kind === kind).length;
}

function countComplete(results: ApprovalResult[]): number {
	return results.filter(
		(result) => result.kind === "recorded" && result.complete,
	).length;
}

function reasons(results: (ApprovalResult | TransitionResult)[]): string[] {
	return results.flatMap((result) =>
		result.kind === "unchanged" ? [result.because] : [],
	);
}

describe("concurrent approvals", () => {
	test("same approver 20 times counts once", async () => {
		const record = await createRequest({ requiredApprovals: 2 });

		const results = await Promise.all(
			Array.from({ length: RACERS }, () =>
				fixture.store.recordApproval(
					record.id,
					approvalBy("U0SAME"),
					BEFORE_EXPIRY,
				),
			),
		);

		expect(countKind(results, "recorded")).toBe(1);
		expect(countComplete(results)).toBe(0);
		expect(reasons(results)).toEqual(Array(RACERS - 1).fill("duplicate"));
		const stored = await fixture.store.get(record.id);
		expect(stored?.approvals).toEqual([approvalBy("U0SAME")]);
		expect(stored?.status).toBe("pending");
		expect(stored?.version).toBe(record.version + 1);
	});

	test("20 approvers complete a 2-approver request once", async () => {
		const record = await createRequest({ requiredApprovals: 2 });

		const results = await Promise.all(
			Array.from({ length: RACERS }, (_, index) =>
				fixture.store.recordApproval(
					record.id,
					approvalBy(`U0APPROVER${index}`),
					BEFORE_EXPIRY,
				),
			),
		);

		expect(countComplete(results)).toBe(1);
		expect(countKind(results, "recorded")).toBe(2);
		expect(reasons(results)).toEqual(Array(RACERS - 2).fill("status"));
		const stored = await fixture.store.get(record.id);
		expect(stored?.status).toBe("approved");
		expect(stored?.approvals).toHaveLength(2);
		expect(stored?.version).toBe(record.version + 2);
	});

	test("20 approvers record exactly 5 of 5 needed", async () => {
		const record = await createRequest({ requiredApprovals: 5 });

		const results = await Promise.all(
			Array.from({ length: RACERS }, (_, index) =>
				fixture.store.recordApproval(
					record.id,
					approvalBy(`U0APPROVER${index}`),
					BEFORE_EXPIRY,
				),
			),
		);

		expect(countComplete(results)).toBe(1);
		expect(countKind(results, "recorded")).toBe(5);
		const completing = results.find(
			(result) => result.kind === "recorded" && result.complete,
		);
		expect(recordOf(completing).approvals).toHaveLength(5);
		const stored = await fixture.store.get(record.id);
		expect(new Set(stored?.approvals.map((a) => a.userId)).size).toBe(5);
	});

	test("approvals racing setCard are all recorded", async () => {
		const record = await createRequest({ requiredApprovals: 3 });

		const [first, , second, , third] = await Promise.all([
			fixture.store.recordApproval(record.id, approvalBy("U0A"), BEFORE_EXPIRY),
			fixture.store.setCard(record.id, { channelId: "C0A", ts: "1.1" }),
			fixture.store.recordApproval(record.id, approvalBy("U0B"), BEFORE_EXPIRY),
			fixture.store.setCard(record.id, { channelId: "C0A", ts: "1.2" }),
			fixture.store.recordApproval(record.id, approvalBy("U0C"), BEFORE_EXPIRY),
		]);

		const approvals = [first, second, third] as ApprovalResult[];
		expect(countKind(approvals, "recorded")).toBe(3);
		expect(countComplete(approvals)).toBe(1);
		const stored = await fixture.store.get(record.id);
		expect(stored?.status).toBe("approved");
		expect(stored?.card?.channelId).toBe("C0A");
	});
});

describe("concurrent transitions", () => {
	async function createApproved(): Promise<RequestRecord> {
		const record = await createRequest();
		await fixture.store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);
		return record;
	}

	test("20 claims change the request once", async () => {
		const record = await createApproved();

		const results = await Promise.all(
			Array.from({ length: RACERS }, (_, racer) =>
				fixture.store.claim(
					record.id,
					BEFORE_EXPIRY,
					`claimant-${racer}`,
					LEASE_UNTIL,
				),
			),
		);

		expect(countKind(results, "changed")).toBe(1);
		expect(reasons(results)).toEqual(Array(RACERS - 1).fill("status"));
		expect((await fixture.store.get(record.id))?.status).toBe("running");
	});

	test("claim racing cancel: one wins", async () => {
		const record = await createApproved();

		const [claim, cancel] = await Promise.all([
			fixture.store.claim(record.id, BEFORE_EXPIRY, "claimant-a", LEASE_UNTIL),
			fixture.store.cancel(record.id, approvalBy("U0REQUESTER")),
		]);

		expect(countKind([claim, cancel], "changed")).toBe(1);
		const stored = await fixture.store.get(record.id);
		const winner = claim.kind === "changed" ? "running" : "cancelled";
		expect(stored?.status).toBe(winner);
	});
});

describe("version conflicts", () => {
	let proxy: InterferingProxy | undefined;
	let proxiedClient: DynamoDBClient | undefined;

	afterEach(async () => {
		proxiedClient?.destroy();
		await proxy?.close();
		proxy = undefined;
		proxiedClient = undefined;
	});

	/**
	 * Builds a store whose approval writes pass a proxy that first bumps the request's version
	 * with `setCard`, the first `times` times.
	 */
	async function storeWithConflicts(
		id: string,
		times: number,
	): Promise<DynamoRequestStore> {
		let remaining = times;
		proxy = await startInterferingProxy({
			upstream: fixture.dynalite.endpoint,
			shouldInterfere: (target, body) =>
				target.endsWith(".UpdateItem") &&
				body.includes(":readVersion") &&
				remaining-- > 0,
			interfere: () =>
				fixture.store.setCard(id, { channelId: "C0A", ts: String(remaining) }),
		});
		proxiedClient = makeClient(proxy.endpoint);
		return new DynamoRequestStore({
			tableName: fixture.tableName,
			client: proxiedClient,
		});
	}

	test("retry after 3 conflicts records", async () => {
		const record = await createRequest();
		const store = await storeWithConflicts(record.id, 3);

		const result = await store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);

		expect(result).toMatchObject({ kind: "recorded", complete: true });
		expect(proxy?.interferences).toBe(3);
		expect((await fixture.store.get(record.id))?.version).toBe(
			record.version + 4,
		);
	});

	test("conflicts on every attempt raise ApprovalConflictError", async () => {
		const record = await createRequest();
		const store = await storeWithConflicts(record.id, Number.POSITIVE_INFINITY);

		const attempt = store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);

		await expect(attempt).rejects.toBeInstanceOf(ApprovalConflictError);
		await expect(attempt).rejects.toMatchObject({ attempts: 10 });
		expect(proxy?.interferences).toBe(10);
		const stored = await fixture.store.get(record.id);
		expect(stored?.approvals).toEqual([]);
		expect(stored?.status).toBe("pending");
	});
});
