import type { ApprovalContext } from "../../../src/operations/approvals";
import {
	approveRequest,
	cancelRequest,
	finishRequest,
	rejectRequest,
	submitRequest,
} from "../../../src/operations/approvals";
import { OperationError } from "../../../src/operations/errors";
import { parsePolicy } from "../../../src/operations/policy";
import type { Operation, Requester } from "../../../src/operations/types";
import { createCaptureLog } from "../../helpers/capture-log";
import {
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "../../store/store-fixture";
import { MemoryDirectory } from "../policy/memory-directory";

const requester: Requester = {
	userId: "U0HANAKO",
	userName: "hanako",
	teamId: "T0TEAM",
};
const origin = { channelId: "C0PLATFORM" };
const userAdd: Operation = {
	kind: "user.add",
	registry: "demo",
	username: "ci",
	permission: "readwrite",
};
const registryDelete: Operation = { kind: "registry.delete", registry: "demo" };

const policy = parsePolicy(
	{
		requestTtlHours: 24,
		approvers: { users: ["U0TARO", "U0ALEX", "U0KEN"] },
		rules: [
			{
				operations: ["registry.list", "registry.show", "user.list"],
				approvals: 0,
			},
			{
				operations: ["user.add"],
				permissions: ["readonly"],
				forSelf: true,
				approvals: 0,
			},
			{ operations: ["registry.delete"], approvals: 2 },
			{ operations: ["*"], approvals: 1 },
		],
	},
	"test policy",
);

describe("request lifecycle", () => {
	let fixture: StoreFixture;
	let now: Date;
	let context: ApprovalContext;

	beforeAll(async () => {
		fixture = await startStoreFixture();
	});

	afterAll(async () => {
		await stopStoreFixture(fixture);
	});

	beforeEach(() => {
		now = new Date("2030-01-01T00:00:00.000Z");
		context = {
			store: fixture.store,
			policy,
			directory: new MemoryDirectory(),
			log: createCaptureLog(),
			clock: () => now,
		};
	});

	async function submit(operation: Operation) {
		const result = await submitRequest(
			{ operation, requester, reason: "deploy CI", origin },
			context,
		);
		if (result.kind !== "pending") {
			throw new Error(`expected a pending request, got ${result.kind}`);
		}
		return result.request.record.id;
	}

	test("read-only operations run at once", async () => {
		const result = await submitRequest(
			{ operation: { kind: "registry.list" }, requester, reason: "", origin },
			context,
		);

		expect(result).toEqual({ kind: "run" });
	});

	test("pending request stores the operation and expiry", async () => {
		const id = await submit(userAdd);

		const stored = await fixture.store.get(id);
		expect(stored?.status).toBe("pending");
		expect(stored?.operation).toEqual(userAdd);
		expect(stored?.requiredApprovals).toBe(1);
		expect(stored?.reason).toBe("deploy CI");
		expect(stored?.expiresAt).toBe("2030-01-02T00:00:00.000Z");
		expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
	});

	test("one approval completes a one-approver request", async () => {
		const id = await submit(userAdd);

		const result = await approveRequest(id, "U0TARO", context);

		if (result.kind !== "approved") {
			throw new Error(`expected approved, got ${result.kind}`);
		}
		// The worker claims it; the click only completes the approvals.
		expect(result.request.record.status).toBe("approved");
		expect(result.request.operation).toEqual(userAdd);
	});

	test("requester cannot approve their own request", async () => {
		const id = await submit(userAdd);

		const result = await approveRequest(id, requester.userId, context);

		expect(result).toMatchObject({ kind: "refused", reason: "self" });
		expect((await fixture.store.get(id))?.approvals).toEqual([]);
	});

	test("non-approver changes nothing", async () => {
		const id = await submit(userAdd);

		const result = await approveRequest(id, "U0STRANGER", context);

		expect(result).toMatchObject({ kind: "refused", reason: "not_approver" });
		expect((await fixture.store.get(id))?.status).toBe("pending");
	});

	test("two-approver delete counts each approver once", async () => {
		const id = await submit(registryDelete);

		const first = await approveRequest(id, "U0TARO", context);
		const again = await approveRequest(id, "U0TARO", context);
		const second = await approveRequest(id, "U0ALEX", context);
		const late = await approveRequest(id, "U0KEN", context);

		expect(first.kind).toBe("recorded");
		expect(again).toMatchObject({ kind: "already", because: "duplicate" });
		expect(second.kind).toBe("approved");
		expect(late).toMatchObject({ kind: "already", because: "status" });
	});

	test("twenty concurrent approvals complete it once", async () => {
		const id = await submit(userAdd);

		const results = await Promise.all(
			Array.from({ length: 20 }, () => approveRequest(id, "U0TARO", context)),
		);

		expect(results.filter((result) => result.kind === "approved")).toHaveLength(
			1,
		);
		expect(results.filter((result) => result.kind === "already")).toHaveLength(
			19,
		);
	});

	test("expired request cannot be approved", async () => {
		const id = await submit(userAdd);
		now = new Date("2030-01-02T00:00:00.000Z");

		const result = await approveRequest(id, "U0TARO", context);

		expect(result).toMatchObject({ kind: "already", because: "expired" });
		expect((await fixture.store.get(id))?.status).toBe("expired");
	});

	test("cancelled request cannot be approved", async () => {
		const id = await submit(userAdd);

		const stranger = await cancelRequest(id, "U0TARO", context);
		const cancelled = await cancelRequest(id, requester.userId, context);
		const approval = await approveRequest(id, "U0TARO", context);

		expect(stranger).toMatchObject({
			kind: "refused",
			reason: "not_requester",
		});
		expect(cancelled.kind).toBe("cancelled");
		expect(approval).toMatchObject({ kind: "already", because: "status" });
	});

	test("reject records the approver and reason", async () => {
		const id = await submit(userAdd);

		const refused = await rejectRequest(id, "U0STRANGER", "no", context);
		const rejected = await rejectRequest(
			id,
			"U0ALEX",
			"use a readonly user",
			context,
		);

		expect(refused).toMatchObject({ kind: "refused", reason: "not_approver" });
		expect(rejected.kind).toBe("rejected");
		expect(
			rejected.kind === "rejected" && rejected.request.record.rejection,
		).toMatchObject({
			userId: "U0ALEX",
			reason: "use a readonly user",
		});
		expect(await approveRequest(id, "U0TARO", context)).toMatchObject({
			kind: "already",
			because: "status",
		});
	});

	test("removed approver can no longer approve", async () => {
		const groupPolicy = parsePolicy(
			{
				approvers: { groups: ["S0PLATFORM"] },
				rules: [{ operations: ["*"], approvals: 1 }],
			},
			"group policy",
		);
		const directory = new MemoryDirectory();
		directory.addToGroup("S0PLATFORM", "U0TARO");
		context = { ...context, policy: groupPolicy, directory };
		const id = await submit(userAdd);

		directory.removeFromGroup("S0PLATFORM", "U0TARO");
		const result = await approveRequest(id, "U0TARO", context);

		expect(result).toMatchObject({ kind: "refused", reason: "not_approver" });
	});

	test("unknown id and corrupted operation are not found", async () => {
		const id = await submit(userAdd);
		const stored = await fixture.store.get(id);
		const corruptId = "corrupted-request-0001";
		await fixture.store.create({
			...(stored as NonNullable<typeof stored>),
			id: corruptId,
			operation: {
				kind: "user.add",
				registry: "demo",
				username: "../admin",
				permission: "all",
			},
		});

		expect(await approveRequest("no-such-request", "U0TARO", context)).toEqual({
			kind: "not_found",
		});
		expect(await approveRequest(corruptId, "U0TARO", context)).toEqual({
			kind: "not_found",
		});
	});

	test("finish records the outcome once", async () => {
		const id = await submit(userAdd);
		await approveRequest(id, "U0TARO", context);
		await fixture.store.claim(
			id,
			now,
			"worker-a",
			new Date(now.getTime() + 60_000),
		);

		const finished = await finishRequest(
			id,
			{ ok: false, errorCode: "sakura_unavailable" },
			context,
		);
		const again = await finishRequest(id, { ok: true }, context);

		expect(finished?.status).toBe("failed");
		expect(finished?.result?.errorCode).toBe("sakura_unavailable");
		expect(again?.status).toBe("failed");
	});

	test("click on an approved, unclaimed request changes nothing", async () => {
		const id = await submit(userAdd);
		const approval = await fixture.store.recordApproval(
			id,
			{ userId: "U0TARO", at: now.toISOString() },
			now,
		);
		expect(approval).toMatchObject({ kind: "recorded", complete: true });

		const requesterClick = await approveRequest(id, requester.userId, context);
		const other = await approveRequest(id, "U0ALEX", context);
		const same = await approveRequest(id, "U0TARO", context);

		expect(requesterClick).toMatchObject({ kind: "refused", reason: "self" });
		expect(other).toMatchObject({ kind: "already", because: "status" });
		expect(same).toMatchObject({ kind: "already" });
		expect((await fixture.store.get(id))?.status).toBe("approved");
	});

	test("requester can cancel an approved, unclaimed request", async () => {
		const id = await submit(userAdd);
		await fixture.store.recordApproval(
			id,
			{ userId: "U0TARO", at: now.toISOString() },
			now,
		);

		const result = await cancelRequest(id, requester.userId, context);

		expect(result.kind).toBe("cancelled");
		expect(await approveRequest(id, "U0ALEX", context)).toMatchObject({
			kind: "already",
			because: "status",
		});
	});

	test("precheck failure stores nothing", async () => {
		const failing = {
			...context,
			precheck: async () => {
				throw new OperationError("registry_not_found", { registry: "demo" });
			},
		};

		const error = await submitRequest(
			{ operation: userAdd, requester, reason: "", origin },
			failing,
		).catch((caught: unknown) => caught);
		const listed = await submitRequest(
			{ operation: { kind: "registry.list" }, requester, reason: "", origin },
			failing,
		);

		expect(error).toBeInstanceOf(OperationError);
		expect(listed).toEqual({ kind: "run" });
	});
});
