import { join } from "node:path";
import {
	checkApprover,
	decide,
	describeApprovers,
	loadPolicy,
	type PolicyDecision,
} from "../../../src/operations/policy";
import type { Operation, Requester } from "../../../src/operations/types";
import { MemoryDirectory } from "./memory-directory";

const POLICY_FILE = join(__dirname, "../../../policy.json");
const DAY_MS = 24 * 3_600_000;

const alice: Requester = {
	userId: "U0ALICE",
	userName: "alice",
	teamId: "T0TEAM",
};

const cases: [string, number, Operation][] = [
	["registry.list", 0, { kind: "registry.list" }],
	["registry.show", 0, { kind: "registry.show", registry: "app" }],
	["user.list", 0, { kind: "user.list", registry: "app" }],
	[
		"user.add readonly for self",
		0,
		{
			kind: "user.add",
			registry: "app",
			username: "alice",
			permission: "readonly",
		},
	],
	[
		"user.add readwrite for self",
		1,
		{
			kind: "user.add",
			registry: "app",
			username: "alice",
			permission: "readwrite",
		},
	],
	[
		"user.add all for self",
		1,
		{ kind: "user.add", registry: "app", username: "alice", permission: "all" },
	],
	[
		"user.add readonly for other",
		1,
		{
			kind: "user.add",
			registry: "app",
			username: "bob",
			permission: "readonly",
		},
	],
	[
		"user.add all for other",
		1,
		{ kind: "user.add", registry: "app", username: "bob", permission: "all" },
	],
	// A user name alone does not prove who owns a registry user, so every rotation waits.
	[
		"user.rotate for self",
		1,
		{ kind: "user.rotate", registry: "app", username: "alice" },
	],
	[
		"user.rotate for other",
		1,
		{ kind: "user.rotate", registry: "app", username: "bob" },
	],
	[
		"user.delete for self",
		1,
		{ kind: "user.delete", registry: "app", username: "alice" },
	],
	[
		"user.delete for other",
		1,
		{ kind: "user.delete", registry: "app", username: "bob" },
	],
	[
		"registry.create none",
		1,
		{ kind: "registry.create", name: "app", accessLevel: "none" },
	],
	[
		"registry.create readonly",
		1,
		{ kind: "registry.create", name: "app", accessLevel: "readonly" },
	],
	["registry.delete", 2, { kind: "registry.delete", registry: "app" }],
];

function requiredApprovals(decision: PolicyDecision): number {
	if (decision.kind === "forbidden") {
		throw new Error("unexpected forbidden decision");
	}
	return decision.kind === "run" ? 0 : decision.requiredApprovals;
}

describe("bundled default policy", () => {
	const policy = loadPolicy();

	test("matches the policy.json file on disk", () => {
		expect(loadPolicy(POLICY_FILE)).toEqual(policy);
	});

	test.each(cases)(
		"%s needs %i approvals",
		async (_name, approvals, operation) => {
			const decision = await decide(
				policy,
				operation,
				alice,
				new MemoryDirectory(),
			);

			expect(requiredApprovals(decision)).toBe(approvals);
		},
	);

	test("lets anyone ask, without directory lookups", async () => {
		const directory = new MemoryDirectory();
		const stranger: Requester = {
			userId: "W0GUEST",
			userName: "guest",
			teamId: "T0TEAM",
		};

		const decision = await decide(
			policy,
			{ kind: "registry.list" },
			stranger,
			directory,
		);

		expect(decision).toEqual({ kind: "run" });
		expect(directory.lookups).toEqual([]);
	});

	test("approval decision carries admins, TTL and rule", async () => {
		const decision = await decide(
			policy,
			{ kind: "registry.delete", registry: "app" },
			alice,
			new MemoryDirectory(),
		);

		expect(decision).toEqual({
			kind: "approval",
			requiredApprovals: 2,
			rule: 2,
			approvers: { users: [], groups: [], workspaceAdmins: true },
			allowSelfApproval: false,
			ttlMs: DAY_MS,
		});
		if (decision.kind === "approval") {
			expect(describeApprovers(decision)).toEqual({
				users: [],
				groups: [],
				workspaceAdmins: true,
			});
		}
	});

	test("self means the derived user name", async () => {
		const directory = new MemoryDirectory();
		const dotted: Requester = {
			userId: "U0SMITH",
			userName: "Alice.Smith",
			teamId: "T0TEAM",
		};
		const japanese: Requester = {
			userId: "U0ABC123",
			userName: "山田太郎",
			teamId: "T0TEAM",
		};
		const readonlyFor = (username: string): Operation => ({
			kind: "user.add",
			registry: "app",
			username,
			permission: "readonly",
		});

		expect(
			await decide(policy, readonlyFor("alice.smith"), dotted, directory),
		).toEqual({ kind: "run" });
		expect(
			(await decide(policy, readonlyFor("alice-smith"), dotted, directory))
				.kind,
		).toBe("approval");
		expect(
			await decide(policy, readonlyFor("slack-u0abc123"), japanese, directory),
		).toEqual({ kind: "run" });
		expect(
			(await decide(policy, readonlyFor("yamada"), japanese, directory)).kind,
		).toBe("approval");
	});

	test("admins approve, others and the requester do not", async () => {
		const directory = new MemoryDirectory();
		directory.admins.add("U0ADMIN");
		directory.admins.add(alice.userId);
		const operation: Operation = {
			kind: "user.delete",
			registry: "app",
			username: "bob",
		};

		expect(
			await checkApprover(policy, operation, alice, "U0ADMIN", directory),
		).toEqual({ allowed: true, counts: true });
		expect(
			await checkApprover(policy, operation, alice, "U0BOB", directory),
		).toEqual({
			allowed: false,
			reason: "not_approver",
		});
		expect(
			await checkApprover(policy, operation, alice, alice.userId, directory),
		).toEqual({
			allowed: false,
			reason: "self",
		});
	});
});
