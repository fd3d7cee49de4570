import {
	checkApprover,
	decide,
	type Policy,
	parsePolicy,
} from "../../../src/operations/policy";
import type { Operation, Requester } from "../../../src/operations/types";
import { MemoryDirectory } from "./memory-directory";

const alice: Requester = {
	userId: "U0ALICE",
	userName: "alice",
	teamId: "T0TEAM",
};
const bob: Requester = { userId: "U0BOB", userName: "bob", teamId: "T0TEAM" };

const list: Operation = { kind: "registry.list" };
const show: Operation = { kind: "registry.show", registry: "app" };
const remove: Operation = { kind: "registry.delete", registry: "app" };
const create: Operation = {
	kind: "registry.create",
	name: "app",
	accessLevel: "none",
};

function policyOf(document: object): Policy {
	return parsePolicy(document, "test-policy.json");
}

describe("decide rule order", () => {
	test("first matching rule wins", async () => {
		const policy = policyOf({
			rules: [
				{ operations: ["registry.delete"], approvals: 3 },
				{ operations: ["registry.delete", "registry.show"], approvals: 2 },
				{ operations: ["*"], approvals: 0 },
			],
		});
		const directory = new MemoryDirectory();

		expect(await decide(policy, remove, alice, directory)).toMatchObject({
			requiredApprovals: 3,
			rule: 0,
		});
		expect(await decide(policy, show, alice, directory)).toMatchObject({
			requiredApprovals: 2,
			rule: 1,
		});
		expect(await decide(policy, list, alice, directory)).toEqual({
			kind: "run",
		});
	});

	test("conditions narrow a rule", async () => {
		const policy = policyOf({
			rules: [
				{
					operations: ["registry.create"],
					accessLevels: ["readonly"],
					approvals: 2,
				},
				{
					operations: ["user.add"],
					forSelf: false,
					permissions: ["all"],
					approvals: 3,
				},
				{ operations: ["*"], approvals: 0 },
			],
		});
		const directory = new MemoryDirectory();
		const addAll = (username: string): Operation => ({
			kind: "user.add",
			registry: "app",
			username,
			permission: "all",
		});

		expect(
			await decide(
				policy,
				{ ...create, accessLevel: "readonly" },
				alice,
				directory,
			),
		).toMatchObject({ rule: 0 });
		expect(await decide(policy, create, alice, directory)).toEqual({
			kind: "run",
		});
		expect(await decide(policy, addAll("bob"), alice, directory)).toMatchObject(
			{ rule: 1 },
		);
		expect(await decide(policy, addAll("alice"), alice, directory)).toEqual({
			kind: "run",
		});
	});

	test("wildcard rule with forSelf matches only user kinds", async () => {
		const policy = policyOf({
			rules: [
				{ operations: ["*"], forSelf: true, approvals: 0 },
				{ operations: ["*"], approvals: 1 },
			],
		});
		const directory = new MemoryDirectory();

		expect(
			await decide(
				policy,
				{ kind: "user.delete", registry: "app", username: "alice" },
				alice,
				directory,
			),
		).toEqual({
			kind: "run",
		});
		expect(await decide(policy, list, alice, directory)).toMatchObject({
			kind: "approval",
			rule: 1,
		});
	});

	test("request TTL converts hours to milliseconds", async () => {
		const policy = policyOf({
			requestTtlHours: 168,
			rules: [{ operations: ["*"], approvals: 1 }],
		});

		expect(
			await decide(policy, list, alice, new MemoryDirectory()),
		).toMatchObject({ ttlMs: 168 * 3_600_000 });
	});
});

describe("decide overrides", () => {
	const policy = policyOf({
		approvers: { users: ["U0TOP"] },
		allowSelfApproval: false,
		rules: [
			{
				operations: ["registry.delete"],
				approvals: 1,
				approvers: { groups: ["S0OPS"], workspaceAdmins: true },
				allowSelfApproval: true,
			},
			{ operations: ["*"], approvals: 1 },
		],
	});

	test("rule replaces approvers and self-approval", async () => {
		expect(
			await decide(policy, remove, alice, new MemoryDirectory()),
		).toMatchObject({
			approvers: { users: [], groups: ["S0OPS"], workspaceAdmins: true },
			allowSelfApproval: true,
		});
	});

	test("rule without overrides inherits top level", async () => {
		expect(
			await decide(policy, list, alice, new MemoryDirectory()),
		).toMatchObject({
			approvers: { users: ["U0TOP"], groups: [], workspaceAdmins: false },
			allowSelfApproval: false,
		});
	});

	test("replaced approvers no longer approve", async () => {
		const directory = new MemoryDirectory();
		directory.addToGroup("S0OPS", "U0OPS");

		expect(
			await checkApprover(policy, remove, alice, "U0TOP", directory),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
		expect(
			await checkApprover(policy, remove, alice, "U0OPS", directory),
		).toEqual({ allowed: true, counts: true });
		expect(
			await checkApprover(policy, list, alice, "U0OPS", directory),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
	});
});

describe("decide requesters", () => {
	test("restricts by user list", async () => {
		const policy = policyOf({
			requesters: { users: ["U0ALICE"] },
			rules: [{ operations: ["*"], approvals: 0 }],
		});
		const directory = new MemoryDirectory();

		expect(await decide(policy, list, alice, directory)).toEqual({
			kind: "run",
		});
		expect(await decide(policy, list, bob, directory)).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});
	});

	test("restricts by group", async () => {
		const policy = policyOf({
			requesters: { groups: ["S0DEV", "S0OPS"] },
			rules: [{ operations: ["*"], approvals: 0 }],
		});
		const directory = new MemoryDirectory();
		directory.addToGroup("S0OPS", bob.userId);

		expect(await decide(policy, list, bob, directory)).toEqual({ kind: "run" });
		expect(await decide(policy, list, alice, directory)).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});

		directory.removeFromGroup("S0OPS", bob.userId);
		expect(await decide(policy, list, bob, directory)).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});
	});

	test("restricts by admin flag", async () => {
		const policy = policyOf({
			requesters: { workspaceAdmins: true },
			rules: [{ operations: ["*"], approvals: 0 }],
		});
		const directory = new MemoryDirectory();
		directory.admins.add(alice.userId);

		expect(await decide(policy, list, alice, directory)).toEqual({
			kind: "run",
		});
		expect(await decide(policy, list, bob, directory)).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});
	});

	test("rule override replaces top-level requesters", async () => {
		const policy = policyOf({
			requesters: { anyone: true },
			rules: [
				{
					operations: ["registry.delete"],
					approvals: 1,
					requesters: { users: ["U0ALICE"] },
				},
				{ operations: ["*"], approvals: 0 },
			],
		});
		const directory = new MemoryDirectory();

		expect(await decide(policy, remove, bob, directory)).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});
		expect(await decide(policy, remove, alice, directory)).toMatchObject({
			kind: "approval",
		});
		expect(await decide(policy, list, bob, directory)).toEqual({ kind: "run" });
	});

	test("empty requester set forbids the rule", async () => {
		const policy = policyOf({
			rules: [
				{ operations: ["registry.delete"], approvals: 1, requesters: {} },
				{ operations: ["*"], approvals: 0 },
			],
		});

		expect(await decide(policy, remove, alice, new MemoryDirectory())).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});
	});

	test("forbidden match does not fall through", async () => {
		const policy = policyOf({
			rules: [
				{
					operations: ["registry.list"],
					approvals: 0,
					requesters: { users: ["U0ALICE"] },
				},
				{ operations: ["*"], approvals: 0 },
			],
		});

		expect(await decide(policy, list, bob, new MemoryDirectory())).toEqual({
			kind: "forbidden",
			reason: "not_requester",
		});
	});
});

describe("checkApprover", () => {
	const policy = policyOf({
		approvers: { users: ["U0LEAD"], groups: ["S0OPS"], workspaceAdmins: true },
		rules: [{ operations: ["*"], approvals: 1 }],
	});

	test("accepts a listed user without lookups", async () => {
		const directory = new MemoryDirectory();

		expect(
			await checkApprover(policy, remove, alice, "U0LEAD", directory),
		).toEqual({ allowed: true, counts: true });
		expect(directory.lookups).toEqual([]);
	});

	test("accepts a group member", async () => {
		const directory = new MemoryDirectory();
		directory.addToGroup("S0OPS", "U0CAROL");

		expect(
			await checkApprover(policy, remove, alice, "U0CAROL", directory),
		).toEqual({ allowed: true, counts: true });
	});

	test("accepts a workspace admin", async () => {
		const directory = new MemoryDirectory();
		directory.admins.add("U0OWNER");

		expect(
			await checkApprover(policy, remove, alice, "U0OWNER", directory),
		).toEqual({ allowed: true, counts: true });
	});

	test("rejects a member removed from the group", async () => {
		const directory = new MemoryDirectory();
		directory.addToGroup("S0OPS", "U0CAROL");
		expect(
			await checkApprover(policy, remove, alice, "U0CAROL", directory),
		).toEqual({ allowed: true, counts: true });

		directory.removeFromGroup("S0OPS", "U0CAROL");

		expect(
			await checkApprover(policy, remove, alice, "U0CAROL", directory),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
	});

	test("rejects someone outside every set", async () => {
		expect(
			await checkApprover(
				policy,
				remove,
				alice,
				"U0BOB",
				new MemoryDirectory(),
			),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
	});

	test("rejects self-approval by default", async () => {
		const directory = new MemoryDirectory();
		directory.admins.add(alice.userId);
		const selfApprover = policyOf({
			approvers: { users: ["U0ALICE"], workspaceAdmins: true },
			rules: [{ operations: ["*"], approvals: 1 }],
		});

		expect(
			await checkApprover(selfApprover, remove, alice, alice.userId, directory),
		).toEqual({
			allowed: false,
			reason: "self",
		});
		expect(directory.lookups).toEqual([]);
	});

	test("self-approval allowed never counts", async () => {
		const selfAllowed = policyOf({
			approvers: { users: ["U0ALICE", "U0LEAD"] },
			allowSelfApproval: true,
			rules: [{ operations: ["*"], approvals: 1 }],
		});

		expect(
			await checkApprover(
				selfAllowed,
				remove,
				alice,
				alice.userId,
				new MemoryDirectory(),
			),
		).toEqual({
			allowed: true,
			counts: false,
			reason: "self",
		});
		expect(
			await checkApprover(
				selfAllowed,
				remove,
				alice,
				"U0LEAD",
				new MemoryDirectory(),
			),
		).toEqual({
			allowed: true,
			counts: true,
		});
	});

	test("self-approval allowed still needs an approver", async () => {
		const selfAllowed = policyOf({
			approvers: { users: ["U0LEAD"] },
			allowSelfApproval: true,
			rules: [{ operations: ["*"], approvals: 1 }],
		});

		expect(
			await checkApprover(
				selfAllowed,
				remove,
				alice,
				alice.userId,
				new MemoryDirectory(),
			),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
	});

	test("uses the rule the stored operation matches", async () => {
		const split = policyOf({
			approvers: { users: ["U0LEAD"] },
			rules: [
				{
					operations: ["user.rotate"],
					forSelf: false,
					approvals: 1,
					approvers: { users: ["U0SEC"] },
				},
				{ operations: ["*"], approvals: 1 },
			],
		});
		const rotateBob: Operation = {
			kind: "user.rotate",
			registry: "app",
			username: "bob",
		};
		const rotateOwn: Operation = {
			kind: "user.rotate",
			registry: "app",
			username: "alice",
		};
		const directory = new MemoryDirectory();

		expect(
			await checkApprover(split, rotateBob, alice, "U0SEC", directory),
		).toEqual({ allowed: true, counts: true });
		expect(
			await checkApprover(split, rotateOwn, alice, "U0SEC", directory),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
		expect(
			await checkApprover(split, rotateOwn, alice, "U0LEAD", directory),
		).toEqual({ allowed: true, counts: true });
	});

	test("directory errors propagate", async () => {
		const failing = new MemoryDirectory();
		failing.isWorkspaceAdmin = async () => {
			throw new Error("ratelimited");
		};

		await expect(
			checkApprover(policy, remove, alice, "U0BOB", failing),
		).rejects.toThrow("ratelimited");
	});
});
