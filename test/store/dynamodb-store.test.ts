import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import {
	InvalidRequestRecordError,
	RequestExistsError,
	RequestNotFoundError,
	type RequestRecord,
} from "../../src/store";
import {
	approvalBy,
	BEFORE_EXPIRY,
	EXPIRES_AT,
	LEASE_UNTIL,
	makeRecord,
	recordOf,
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "./store-fixture";

let fixture: StoreFixture;

beforeAll(async () => {
	fixture = await startStoreFixture();
});

afterAll(async () => {
	await stopStoreFixture(fixture);
});

/** Creates a request and returns it as stored. */
async function createRequest(
	overrides: Partial<RequestRecord> = {},
): Promise<RequestRecord> {
	const record = makeRecord(overrides);
	await fixture.store.create(record);
	return record;
}

/** Creates a one-approver request and moves it to `approved`. */
async function createApproved(): Promise<RequestRecord> {
	const record = await createRequest();
	const result = await fixture.store.recordApproval(
		record.id,
		approvalBy("U0APPROVER"),
		BEFORE_EXPIRY,
	);
	expect(result.kind).toBe("recorded");
	return record;
}

describe("create and get", () => {
	test("round trip keeps every field", async () => {
		const record = makeRecord({
			status: "succeeded",
			requiredApprovals: 2,
			approvals: [
				{ userId: "U0A", at: "2030-01-01T00:10:00.000Z" },
				{ userId: "U0B", at: "2030-01-01T00:11:00.000Z" },
			],
			rejection: {
				userId: "U0C",
				at: "2030-01-01T00:12:00.000Z",
				reason: "no",
			},
			cancellation: { userId: "U0REQUESTER", at: "2030-01-01T00:13:00.000Z" },
			card: { channelId: "C0APPROVALS", ts: "1893456000.000100" },
			origin: {
				channelId: "C0ORIGIN",
				responseUrl: "https://hooks.slack.com/commands/T0TEAM/1/abc",
			},
			result: { at: "2030-01-01T00:20:00.000Z", errorCode: "user_exists" },
			operation: {
				kind: "user.add",
				nested: { list: [1, "two", true, null], empty: "" },
			},
			version: 7,
		});
		await fixture.store.create(record);

		const stored = await fixture.store.get(record.id);

		expect(stored).toStrictEqual(record);
	});

	test("round trip leaves optional fields absent", async () => {
		const record = await createRequest({ origin: { channelId: "C0ORIGIN" } });

		const stored = await fixture.store.get(record.id);

		expect(stored).toStrictEqual(record);
		expect(stored).not.toHaveProperty("card");
		expect(stored).not.toHaveProperty("rejection");
		expect(stored).not.toHaveProperty("cancellation");
		expect(stored).not.toHaveProperty("result");
		expect(stored?.origin).not.toHaveProperty("responseUrl");
	});

	test("undefined optional fields are not stored", async () => {
		const record = await createRequest({ card: undefined, result: undefined });

		const stored = await fixture.store.get(record.id);

		expect(stored).not.toHaveProperty("card");
		expect(stored).not.toHaveProperty("result");
	});

	test("get of an unknown id returns undefined", async () => {
		await expect(fixture.store.get("no-such-request")).resolves.toBeUndefined();
	});

	test("repeated identical create counts as done", async () => {
		// The SDK's retry of a create whose response was lost sends the same item again.
		const record = makeRecord();
		await fixture.store.create(record);

		await expect(fixture.store.create(record)).resolves.toBeUndefined();
		expect((await fixture.store.get(record.id))?.version).toBe(record.version);
	});

	test("taken id raises RequestExistsError", async () => {
		const record = await createRequest();
		const second = makeRecord({ id: record.id, reason: "overwrite attempt" });

		const attempt = fixture.store.create(second);

		await expect(attempt).rejects.toBeInstanceOf(RequestExistsError);
		await expect(attempt).rejects.toMatchObject({ id: record.id });
		expect((await fixture.store.get(record.id))?.reason).toBe(record.reason);
	});

	test("non-canonical expiresAt is rejected", async () => {
		const record = makeRecord({ expiresAt: "2030-01-01T01:00:00Z" });

		const attempt = fixture.store.create(record);

		await expect(attempt).rejects.toBeInstanceOf(InvalidRequestRecordError);
		await expect(attempt).rejects.toMatchObject({ field: "expiresAt" });
		await expect(fixture.store.get(record.id)).resolves.toBeUndefined();
	});

	test("stored item holds only record fields, approverIds and ttl", async () => {
		const record = await createRequest({
			card: { channelId: "C0APPROVALS", ts: "1893456000.000100" },
		});
		await fixture.store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);

		const output = await fixture.client.send(
			new GetItemCommand({
				TableName: fixture.tableName,
				Key: { id: { S: record.id } },
				ConsistentRead: true,
			}),
		);

		expect(Object.keys(output.Item ?? {}).sort()).toEqual(
			[
				"approvals",
				"approverIds",
				"card",
				"createdAt",
				"expiresAt",
				"id",
				"kind",
				"operation",
				"reason",
				"requester",
				"requiredApprovals",
				"status",
				"ttl",
				"updatedAt",
				"version",
			].sort(),
		);
		expect(output.Item?.approverIds).toEqual({ L: [{ S: "U0APPROVER" }] });
		const ninetyDays = 90 * 24 * 60 * 60;
		expect(output.Item?.ttl).toEqual({
			N: String(EXPIRES_AT.getTime() / 1000 + ninetyDays),
		});
	});
});

describe("recordApproval", () => {
	test("single approval completes a 1-approver request", async () => {
		const record = await createRequest({ requiredApprovals: 1 });

		const result = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);

		expect(result.kind).toBe("recorded");
		if (result.kind !== "recorded") return;
		expect(result.complete).toBe(true);
		expect(result.record.status).toBe("approved");
		expect(result.record.approvals).toEqual([approvalBy("U0APPROVER")]);
		expect(result.record.version).toBe(record.version + 1);
		expect(result.record.updatedAt).toBe(BEFORE_EXPIRY.toISOString());
	});

	test("2-approver request counts a repeated approver once", async () => {
		const record = await createRequest({ requiredApprovals: 2 });

		const first = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0FIRST"),
			BEFORE_EXPIRY,
		);
		const repeat = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0FIRST"),
			BEFORE_EXPIRY,
		);
		const second = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0SECOND"),
			BEFORE_EXPIRY,
		);

		expect(first).toMatchObject({ kind: "recorded", complete: false });
		expect(recordOf(first).status).toBe("pending");
		expect(repeat).toMatchObject({ kind: "unchanged", because: "duplicate" });
		expect(second).toMatchObject({ kind: "recorded", complete: true });
		expect(recordOf(second).status).toBe("approved");
		const stored = await fixture.store.get(record.id);
		expect(stored?.approvals.map((approval) => approval.userId)).toEqual([
			"U0FIRST",
			"U0SECOND",
		]);
	});

	test("approval after completion reports status", async () => {
		const record = await createApproved();

		const result = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0LATE"),
			BEFORE_EXPIRY,
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(result).status).toBe("approved");
	});

	test("approval at expiresAt reports expired", async () => {
		const record = await createRequest();

		const result = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			EXPIRES_AT,
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "expired" });
		expect((await fixture.store.get(record.id))?.approvals).toEqual([]);
	});

	test("approval after reject reports status", async () => {
		const record = await createRequest();
		await fixture.store.reject(record.id, {
			...approvalBy("U0APPROVER"),
			reason: "not needed",
		});

		const result = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0OTHER"),
			BEFORE_EXPIRY,
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(result).status).toBe("rejected");
	});

	test("approval after cancel reports status", async () => {
		const record = await createRequest();
		await fixture.store.cancel(record.id, approvalBy("U0REQUESTER"));

		const result = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(result).status).toBe("cancelled");
	});

	test("approval after setCard still records", async () => {
		const record = await createRequest();
		await fixture.store.setCard(record.id, { channelId: "C0A", ts: "1.2" });

		const result = await fixture.store.recordApproval(
			record.id,
			approvalBy("U0APPROVER"),
			BEFORE_EXPIRY,
		);

		expect(result).toMatchObject({ kind: "recorded", complete: true });
		expect(recordOf(result).card).toEqual({
			channelId: "C0A",
			ts: "1.2",
		});
	});
});

describe("reject", () => {
	test("pending request becomes rejected", async () => {
		const record = await createRequest();
		const rejection = { ...approvalBy("U0APPROVER"), reason: "too broad" };

		const result = await fixture.store.reject(record.id, rejection);

		expect(result.kind).toBe("changed");
		if (result.kind !== "changed") return;
		expect(result.record.status).toBe("rejected");
		expect(result.record.rejection).toEqual(rejection);
		expect(result.record.updatedAt).toBe(rejection.at);
		expect(result.record.version).toBe(record.version + 1);
	});

	test("approved request cannot be rejected", async () => {
		const record = await createApproved();

		const result = await fixture.store.reject(record.id, {
			...approvalBy("U0OTHER"),
			reason: "late",
		});

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(result)).not.toHaveProperty("rejection");
	});
});

describe("cancel", () => {
	test("requester cancels a pending request", async () => {
		const record = await createRequest();

		const result = await fixture.store.cancel(
			record.id,
			approvalBy("U0REQUESTER"),
		);

		expect(result.kind).toBe("changed");
		if (result.kind !== "changed") return;
		expect(result.record.status).toBe("cancelled");
		expect(result.record.cancellation).toEqual(approvalBy("U0REQUESTER"));
	});

	test("requester cancels an approved request", async () => {
		const record = await createApproved();

		const result = await fixture.store.cancel(
			record.id,
			approvalBy("U0REQUESTER"),
		);

		expect(result.kind).toBe("changed");
		expect(recordOf(result).status).toBe("cancelled");
	});

	test("someone else gets not_requester", async () => {
		const record = await createRequest();

		const result = await fixture.store.cancel(
			record.id,
			approvalBy("U0INTRUDER"),
		);

		expect(result).toMatchObject({
			kind: "unchanged",
			because: "not_requester",
		});
		expect((await fixture.store.get(record.id))?.status).toBe("pending");
	});

	test("running request cannot be cancelled", async () => {
		const record = await createApproved();
		await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-a",
			LEASE_UNTIL,
		);

		const result = await fixture.store.cancel(
			record.id,
			approvalBy("U0REQUESTER"),
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(result).status).toBe("running");
	});
});

describe("claim and finish", () => {
	test("claim recognises its own write after a lost response", async () => {
		const record = makeRecord({ status: "approved", requiredApprovals: 1 });
		await fixture.store.create(record);

		const first = await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-a",
			LEASE_UNTIL,
		);
		const retried = await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-a",
			LEASE_UNTIL,
		);
		const other = await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-b",
			LEASE_UNTIL,
		);

		expect(first.kind).toBe("changed");
		expect(retried.kind).toBe("changed");
		expect(other).toMatchObject({ kind: "unchanged", because: "status" });
		expect((await fixture.store.get(record.id))?.claimant).toBe("claimant-a");
	});
	test("approved request is claimed once", async () => {
		const record = await createApproved();
		const at = new Date("2030-01-01T00:40:00.000Z");

		const first = await fixture.store.claim(
			record.id,
			at,
			"claimant-a",
			LEASE_UNTIL,
		);
		const second = await fixture.store.claim(
			record.id,
			at,
			"claimant-b",
			LEASE_UNTIL,
		);

		expect(first.kind).toBe("changed");
		expect(recordOf(first).status).toBe("running");
		expect(recordOf(first).updatedAt).toBe(at.toISOString());
		expect(second).toMatchObject({ kind: "unchanged", because: "status" });
	});

	test("pending request cannot be claimed", async () => {
		const record = await createRequest();

		const result = await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-a",
			LEASE_UNTIL,
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
	});

	test("finish records success once", async () => {
		const record = await createApproved();
		await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-a",
			LEASE_UNTIL,
		);
		const outcome = { at: "2030-01-01T00:41:00.000Z" };

		const first = await fixture.store.finish(record.id, "succeeded", outcome);
		const second = await fixture.store.finish(record.id, "failed", {
			at: "2030-01-01T00:42:00.000Z",
			errorCode: "sakura_failed",
		});

		expect(first.kind).toBe("changed");
		if (first.kind !== "changed") return;
		expect(first.record.status).toBe("succeeded");
		expect(first.record.result).toStrictEqual(outcome);
		expect(second).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(second).status).toBe("succeeded");
	});

	test("finish records failure with its code", async () => {
		const record = await createApproved();
		await fixture.store.claim(
			record.id,
			BEFORE_EXPIRY,
			"claimant-a",
			LEASE_UNTIL,
		);
		const outcome = {
			at: "2030-01-01T00:41:00.000Z",
			errorCode: "user_exists",
		};

		const result = await fixture.store.finish(record.id, "failed", outcome);

		expect(recordOf(result).status).toBe("failed");
		expect(recordOf(result).result).toEqual(outcome);
	});

	test("finish before claim is unchanged", async () => {
		const record = await createApproved();

		const result = await fixture.store.finish(record.id, "succeeded", {
			at: "2030-01-01T00:41:00.000Z",
		});

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
		expect(recordOf(result).status).toBe("approved");
	});
});

describe("expire", () => {
	test("before expiresAt is not due", async () => {
		const record = await createRequest();

		const result = await fixture.store.expire(record.id, BEFORE_EXPIRY);

		expect(result).toMatchObject({ kind: "unchanged", because: "not_due" });
		expect(recordOf(result).status).toBe("pending");
	});

	test("at expiresAt expires", async () => {
		const record = await createRequest();

		const result = await fixture.store.expire(record.id, EXPIRES_AT);

		expect(result.kind).toBe("changed");
		expect(recordOf(result).status).toBe("expired");
		expect(recordOf(result).updatedAt).toBe(EXPIRES_AT.toISOString());
	});

	test("approved request does not expire", async () => {
		const record = await createApproved();

		const result = await fixture.store.expire(
			record.id,
			new Date("2031-01-01T00:00:00.000Z"),
		);

		expect(result).toMatchObject({ kind: "unchanged", because: "status" });
	});
});

describe("setCard", () => {
	test("stores the card in any status", async () => {
		const record = await createApproved();
		const card = { channelId: "C0APPROVALS", ts: "1893456000.000200" };

		await fixture.store.setCard(record.id, card);

		const stored = await fixture.store.get(record.id);
		expect(stored?.card).toEqual(card);
		expect(stored?.status).toBe("approved");
		expect(stored?.version).toBe(record.version + 2);
	});

	test("unknown id raises and creates nothing", async () => {
		const attempt = fixture.store.setCard("no-such-request", {
			channelId: "C0A",
			ts: "1.2",
		});

		await expect(attempt).rejects.toBeInstanceOf(RequestNotFoundError);
		await expect(fixture.store.get("no-such-request")).resolves.toBeUndefined();
	});
});

describe("unknown id", () => {
	const id = "no-such-request";

	test("recordApproval returns not_found", async () => {
		await expect(
			fixture.store.recordApproval(id, approvalBy("U0A"), BEFORE_EXPIRY),
		).resolves.toEqual({ kind: "not_found" });
	});

	test("reject returns not_found", async () => {
		await expect(
			fixture.store.reject(id, { ...approvalBy("U0A"), reason: "x" }),
		).resolves.toEqual({ kind: "not_found" });
	});

	test("cancel returns not_found", async () => {
		await expect(
			fixture.store.cancel(id, approvalBy("U0REQUESTER")),
		).resolves.toEqual({ kind: "not_found" });
	});

	test("claim returns not_found", async () => {
		await expect(
			fixture.store.claim(id, BEFORE_EXPIRY, "claimant-a", LEASE_UNTIL),
		).resolves.toEqual({
			kind: "not_found",
		});
	});

	test("finish returns not_found", async () => {
		await expect(
			fixture.store.finish(id, "succeeded", {
				at: BEFORE_EXPIRY.toISOString(),
			}),
		).resolves.toEqual({ kind: "not_found" });
	});

	test("expire returns not_found", async () => {
		await expect(fixture.store.expire(id, EXPIRES_AT)).resolves.toEqual({
			kind: "not_found",
		});
	});

	test("no transition created an item", async () => {
		await fixture.store.claim(id, BEFORE_EXPIRY, "claimant-a", LEASE_UNTIL);
		await fixture.store.expire(id, EXPIRES_AT);

		await expect(fixture.store.get(id)).resolves.toBeUndefined();
	});
});

describe("take-over and abandon", () => {
	const AFTER_LEASE = new Date(LEASE_UNTIL.getTime() + 1);
	const NEXT_LEASE = new Date(LEASE_UNTIL.getTime() + 120_000);

	async function createRunning(): Promise<RequestRecord> {
		const record = await createApproved();
		await fixture.store.claim(record.id, BEFORE_EXPIRY, "run-1", LEASE_UNTIL);
		return record;
	}

	test("a run's lease must end before another takes it over", async () => {
		const record = await createRunning();

		const early = await fixture.store.takeOver(
			record.id,
			BEFORE_EXPIRY,
			"run-1",
			"run-2",
			NEXT_LEASE,
		);
		const late = await fixture.store.takeOver(
			record.id,
			AFTER_LEASE,
			"run-1",
			"run-2",
			NEXT_LEASE,
		);

		expect(early).toMatchObject({ kind: "unchanged", because: "status" });
		expect(late.kind).toBe("changed");
		expect(await fixture.store.get(record.id)).toMatchObject({
			status: "running",
			claimant: "run-2",
			attempt: 2,
			leaseUntil: NEXT_LEASE.toISOString(),
		});
	});

	test("of two retries only one takes the request over", async () => {
		const record = await createRunning();

		const results = await Promise.all(
			["run-2", "run-3"].map((claimant) =>
				fixture.store.takeOver(
					record.id,
					AFTER_LEASE,
					"run-1",
					claimant,
					NEXT_LEASE,
				),
			),
		);

		expect(results.filter((result) => result.kind === "changed")).toHaveLength(
			1,
		);
	});

	test("abandon fails an approved request and a running one only after its lease", async () => {
		const approved = await createApproved();
		const running = await createRunning();

		const unclaimed = await fixture.store.abandon(
			approved.id,
			BEFORE_EXPIRY,
			"job_failed",
		);
		const live = await fixture.store.abandon(
			running.id,
			BEFORE_EXPIRY,
			"job_failed",
		);
		const ended = await fixture.store.abandon(
			running.id,
			AFTER_LEASE,
			"job_failed",
		);

		expect(unclaimed).toMatchObject({
			kind: "changed",
			record: { status: "failed", result: { errorCode: "job_failed" } },
		});
		expect(live).toMatchObject({ kind: "unchanged", because: "status" });
		expect(ended).toMatchObject({
			kind: "changed",
			record: { status: "failed" },
		});
	});

	test("abandon leaves a finished request's outcome alone", async () => {
		const record = await createRunning();
		await fixture.store.finish(record.id, "succeeded", {
			at: BEFORE_EXPIRY.toISOString(),
		});

		const result = await fixture.store.abandon(
			record.id,
			AFTER_LEASE,
			"job_failed",
		);

		expect(result).toMatchObject({
			kind: "unchanged",
			record: { status: "succeeded" },
		});
	});
});
