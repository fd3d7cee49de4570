import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadPolicy, PolicyError } from "../../../src/operations/policy";

const VALID = {
	approvers: { users: ["U0LEAD"], groups: ["S0OPS"], workspaceAdmins: true },
	rules: [{ operations: ["*"], approvals: 1 }],
};

let directory: string;

beforeAll(() => {
	directory = mkdtempSync(join(tmpdir(), "policy-load-"));
});

afterAll(() => {
	rmSync(directory, { recursive: true, force: true });
});

function writePolicy(name: string, text: string): string {
	const path = join(directory, name);
	writeFileSync(path, text);
	return path;
}

/** Loads the file and returns the PolicyError it must raise. */
function loadError(path: string): PolicyError {
	try {
		loadPolicy(path);
	} catch (error) {
		if (error instanceof PolicyError) {
			return error;
		}
		throw error;
	}
	throw new Error(`${path} loaded without an error`);
}

describe("loadPolicy", () => {
	test("loads a valid file with defaults", () => {
		const path = writePolicy("valid.json", JSON.stringify(VALID));

		const policy = loadPolicy(path);

		expect(policy.requestTtlHours).toBe(24);
		expect(policy.requesters).toEqual({
			anyone: true,
			users: [],
			groups: [],
			workspaceAdmins: false,
		});
		expect(policy.allowSelfApproval).toBe(false);
		expect(policy.rules[0].approvals).toBe(1);
	});

	test("accepts a byte-order mark", () => {
		const path = writePolicy("bom.json", `\uFEFF${JSON.stringify(VALID)}`);

		expect(loadPolicy(path).rules).toHaveLength(1);
	});

	test("rejects an unknown key with a suggestion", () => {
		const path = writePolicy(
			"typo.json",
			JSON.stringify({
				rules: [{ operations: ["*"], approvals: 1, aprovals: 2 }],
			}),
		);

		const error = loadError(path);

		expect(error.message).toBe(
			`${path}: rules[0]: unknown key "aprovals" (did you mean "approvals"?); allowed keys are description, operations, forSelf, permissions, accessLevels, approvals, approvers, requesters, allowSelfApproval`,
		);
		expect(error.source).toBe(path);
		expect(error.problems).toHaveLength(1);
	});

	test("rejects an unknown top-level key", () => {
		const path = writePolicy(
			"top.json",
			JSON.stringify({ ...VALID, approver: {} }),
		);

		expect(loadError(path).message).toContain(
			`${path}: unknown key "approver" (did you mean "approvers"?)`,
		);
	});

	test("rejects approvals 9", () => {
		const path = writePolicy(
			"nine.json",
			JSON.stringify({ rules: [{ operations: ["*"], approvals: 9 }] }),
		);

		expect(loadError(path).message).toBe(
			`${path}: rules[0].approvals: 9 is invalid; use a whole number from 0 to 5`,
		);
	});

	test.each([
		[-1, "-1"],
		[1.5, "1.5"],
		["2", '"2"'],
	])("rejects approvals %p", (approvals, shown) => {
		const path = writePolicy(
			"approvals.json",
			JSON.stringify({ rules: [{ operations: ["*"], approvals }] }),
		);

		expect(loadError(path).message).toBe(
			`${path}: rules[0].approvals: ${shown} is invalid; use a whole number from 0 to 5`,
		);
	});

	test("rejects missing approvals", () => {
		const path = writePolicy(
			"no-approvals.json",
			JSON.stringify({ rules: [{ operations: ["*"] }] }),
		);

		expect(loadError(path).message).toBe(
			`${path}: rules[0].approvals: missing; use a whole number from 0 to 5`,
		);
	});

	test("rejects approvals with no approvers", () => {
		const path = writePolicy(
			"nobody.json",
			JSON.stringify({
				rules: [
					{ operations: ["registry.list"], approvals: 0 },
					{
						operations: ["*"],
						approvals: 1,
						approvers: { users: [], groups: [], workspaceAdmins: false },
					},
				],
			}),
		);

		expect(loadError(path).message).toBe(
			`${path}: rules[1].approvals: 1 approval is required but rules[1].approvers list no users or groups and workspaceAdmins is false; list users or groups, or set workspaceAdmins to true`,
		);
	});

	test("rejects bad JSON with line and column", () => {
		const path = writePolicy(
			"bad.json",
			'{\n\t"rules": [\n\t\t{ "operations": ["*"], "approvals": 1, }\n\t]\n}\n',
		);

		expect(loadError(path).message).toBe(
			`${path}: invalid JSON at line 3, column 42: expected a key in double quotes but found "}"; remove the comma before it`,
		);
	});

	test("rejects a comment in JSON", () => {
		const path = writePolicy(
			"comment.json",
			'{\n  // approvals\n  "rules": []\n}',
		);

		expect(loadError(path).message).toBe(
			`${path}: invalid JSON at line 2, column 3: expected a key in double quotes but found a comment, which JSON does not allow`,
		);
	});

	test("rejects a repeated key", () => {
		const path = writePolicy(
			"repeated.json",
			'{"rules": [{"operations": ["*"], "approvals": 9, "approvals": 1}]}',
		);

		expect(loadError(path).message).toBe(
			`${path}: invalid JSON at line 1, column 50: duplicate key "approvals"; JSON.parse would keep only the last value`,
		);
	});

	test("rejects an empty file", () => {
		const path = writePolicy("empty.json", "");

		expect(loadError(path).message).toBe(
			`${path}: invalid JSON at line 1, column 1: expected a value but found end of input`,
		);
	});

	test("rejects a missing file", () => {
		const path = join(directory, "absent.json");

		const error = loadError(path);

		expect(error.message).toBe(
			`${path}: failed to read the policy file: file not found (ENOENT)`,
		);
		expect((error.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
	});

	test("rejects a directory path", () => {
		const path = join(directory, "folder.json");
		mkdirSync(path);

		expect(loadError(path).message).toBe(
			`${path}: failed to read the policy file: the path is a directory (EISDIR)`,
		);
	});

	test("lists every problem on its own line", () => {
		const path = writePolicy(
			"many.json",
			JSON.stringify({
				requestTtlHours: 200,
				approvers: { users: ["alice"], groups: ["U0NOTGROUP"] },
				rules: [
					{
						operations: ["registry.remove"],
						permissions: ["write"],
						approvals: 1,
					},
				],
			}),
		);

		const lines = loadError(path).message.split("\n");

		expect(lines).toEqual([
			`${path}: requestTtlHours: 200 is invalid; use a whole number of hours from 1 to 168`,
			`${path}: approvers.users[0]: "alice" is invalid; use a Slack user ID such as "U012AB3CD", not a display name`,
			`${path}: approvers.groups[0]: "U0NOTGROUP" is invalid; use a Slack user group ID such as "S012AB3CD", not a group handle`,
			`${path}: rules[0].operations[0]: "registry.remove" is invalid; use "*" or one of registry.list, registry.show, registry.create, registry.delete, user.add, user.list, user.audit, user.delete, user.rotate, user.extend`,
			`${path}: rules[0].permissions[0]: "write" is invalid; use one of readonly, readwrite, all`,
		]);
	});

	test("rejects a document that is not an object", () => {
		const path = writePolicy("array.json", "[]");

		expect(loadError(path).message).toBe(
			`${path}: [] is invalid; use a JSON object with the keys requestTtlHours, approvers, requesters, allowSelfApproval, maxLifetimeHours, rules`,
		);
	});
});

describe("maxLifetimeHours", () => {
	test("defaults each permission's cap and rejects one out of range", () => {
		const path = writePolicy(
			"caps.json",
			JSON.stringify({
				maxLifetimeHours: { readwrite: 0 },
				rules: [{ operations: ["*"], approvals: 0 }],
			}),
		);
		const defaults = writePolicy(
			"defaults.json",
			JSON.stringify({ rules: [{ operations: ["*"], approvals: 0 }] }),
		);

		expect(loadError(path).message).toContain(
			"maxLifetimeHours.readwrite: 0 is invalid; use a whole number of hours from 1 to 8760",
		);
		expect(loadPolicy(defaults).maxLifetimeHours).toEqual({
			readonly: 720,
			readwrite: 168,
			all: 24,
		});
	});
});
