import { PolicyError, parsePolicy } from "../../../src/operations/policy";

const CATCH_ALL = { operations: ["*"], approvals: 1 };

/** Parses the document and returns the problem lines of the PolicyError it must raise. */
function problemsOf(document: object): string[] {
	try {
		parsePolicy(document, "policy.json");
	} catch (error) {
		if (error instanceof PolicyError) {
			return error.message.split("\n");
		}
		throw error;
	}
	throw new Error("policy parsed without an error");
}

describe("parsePolicy coverage", () => {
	test("rejects a policy that leaves kinds unmatched", () => {
		expect(
			problemsOf({
				rules: [
					{ operations: ["registry.list", "registry.show"], approvals: 0 },
				],
			}),
		).toEqual([
			'policy.json: rules: no rule matches registry.create, registry.delete, user.add, user.list, user.audit, user.delete, user.rotate, user.extend; end the rules with one for "*"',
		]);
	});

	test("names each unmatched variant", () => {
		const problems = problemsOf({
			rules: [
				{
					operations: ["user.add"],
					permissions: ["readonly", "readwrite"],
					approvals: 0,
				},
				{ operations: ["user.rotate"], forSelf: true, approvals: 0 },
				{
					operations: ["registry.create"],
					accessLevels: ["none", "readonly"],
					approvals: 1,
				},
				{
					operations: [
						"registry.list",
						"registry.show",
						"registry.delete",
						"user.list",
						"user.delete",
					],
					approvals: 1,
				},
			],
		});

		expect(problems).toEqual([
			'policy.json: rules: no rule matches registry.create with access level readwrite, user.add with permission all for the requester\'s own user, user.add with permission all for another user, user.audit, user.rotate for another user, user.extend; end the rules with one for "*"',
		]);
	});

	test("accepts conditions that jointly cover a kind", () => {
		expect(() =>
			parsePolicy(
				{
					rules: [
						{ operations: ["user.rotate"], forSelf: true, approvals: 0 },
						{ operations: ["user.rotate"], forSelf: false, approvals: 1 },
						{ operations: ["*"], approvals: 1 },
					],
				},
				"policy.json",
			),
		).not.toThrow();
	});

	test("rejects a rule after a catch-all", () => {
		expect(
			problemsOf({
				rules: [CATCH_ALL, { operations: ["registry.delete"], approvals: 2 }],
			}),
		).toEqual([
			"policy.json: rules[1]: no operation reaches this rule because earlier rules match everything it matches; move it up or remove it",
		]);
	});

	test("rejects a wildcard rule matching nothing", () => {
		expect(
			problemsOf({
				rules: [
					{
						operations: ["*"],
						forSelf: true,
						accessLevels: ["none"],
						approvals: 0,
					},
					CATCH_ALL,
				],
			}),
		).toEqual([
			"policy.json: rules[0]: no operation kind carries every field this rule's conditions test, so it matches nothing",
		]);
	});

	test("rejects a rule shadowed by conditions", () => {
		const problems = problemsOf({
			rules: [
				{ operations: ["user.add"], forSelf: true, approvals: 0 },
				{ operations: ["user.add"], forSelf: false, approvals: 1 },
				{ operations: ["user.add"], permissions: ["all"], approvals: 2 },
				CATCH_ALL,
			],
		});

		expect(problems).toEqual([
			"policy.json: rules[2]: no operation reaches this rule because earlier rules match everything it matches; move it up or remove it",
		]);
	});
});

describe("parsePolicy rule checks", () => {
	test("rejects a wildcard beside other kinds", () => {
		expect(
			problemsOf({
				rules: [{ operations: ["*", "registry.list"], approvals: 1 }],
			}),
		).toEqual([
			'policy.json: rules[0].operations: "*" matches every operation kind, so list it alone',
		]);
	});

	test("rejects forSelf on a kind without user name", () => {
		expect(
			problemsOf({
				rules: [
					{ operations: ["registry.delete"], forSelf: true, approvals: 0 },
					CATCH_ALL,
				],
			}),
		).toEqual([
			"policy.json: rules[0].forSelf: registry.delete has no registry user name, so forSelf never matches it; forSelf applies to user.add, user.delete, user.rotate, user.extend",
		]);
	});

	test("rejects permissions on user.rotate", () => {
		expect(
			problemsOf({
				rules: [
					{
						operations: ["user.add", "user.rotate"],
						permissions: ["readonly"],
						approvals: 0,
					},
					CATCH_ALL,
				],
			}),
		).toEqual([
			"policy.json: rules[0].permissions: user.rotate has no user permission, so permissions never matches it; permissions applies to user.add",
		]);
	});

	test("rejects accessLevels on user.add", () => {
		expect(
			problemsOf({
				rules: [
					{ operations: ["user.add"], accessLevels: ["none"], approvals: 0 },
					CATCH_ALL,
				],
			}),
		).toEqual([
			"policy.json: rules[0].accessLevels: user.add has no access level, so accessLevels never matches it; accessLevels applies to registry.create",
		]);
	});

	test("rejects more approvals than listed users", () => {
		expect(
			problemsOf({
				rules: [
					{
						operations: ["*"],
						approvals: 3,
						approvers: { users: ["U0ONE", "U0TWO"] },
					},
				],
			}),
		).toEqual([
			"policy.json: rules[0].approvals: 3 approvals are required but rules[0].approvers list only 2 users; list users or groups, or set workspaceAdmins to true",
		]);
	});

	test("accepts listed users equal to approvals", () => {
		const policy = parsePolicy(
			{
				rules: [
					{
						operations: ["*"],
						approvals: 2,
						approvers: { users: ["U0ONE", "U0TWO"] },
					},
				],
			},
			"policy.json",
		);

		expect(policy.rules[0].approvers?.users).toEqual(["U0ONE", "U0TWO"]);
	});

	test("rejects inherited approvers that admit nobody", () => {
		expect(problemsOf({ approvers: {}, rules: [CATCH_ALL] })).toEqual([
			"policy.json: rules[0].approvals: 1 approval is required but the top-level approvers list no users or groups and workspaceAdmins is false; list users or groups, or set workspaceAdmins to true",
		]);
	});

	test("accepts empty approvers when nothing needs approval", () => {
		expect(() =>
			parsePolicy(
				{ approvers: {}, rules: [{ operations: ["*"], approvals: 0 }] },
				"policy.json",
			),
		).not.toThrow();
	});

	test("rejects approver overrides on a rule without approvals", () => {
		expect(
			problemsOf({
				rules: [
					{
						operations: ["registry.list"],
						approvals: 0,
						approvers: { users: ["U0LEAD"] },
						allowSelfApproval: true,
					},
					CATCH_ALL,
				],
			}),
		).toEqual([
			"policy.json: rules[0].approvers: has no effect because approvals is 0; remove it or require approvals",
			"policy.json: rules[0].allowSelfApproval: has no effect because approvals is 0; remove it or require approvals",
		]);
	});

	test("rejects anyone beside a requester list", () => {
		expect(
			problemsOf({
				requesters: { anyone: true, users: ["U0LEAD"] },
				rules: [
					{ ...CATCH_ALL, requesters: { anyone: true, workspaceAdmins: true } },
				],
			}),
		).toEqual([
			"policy.json: requesters: anyone is true, so users, groups and workspaceAdmins have no effect; remove them or set anyone to false",
			"policy.json: rules[0].requesters: anyone is true, so users, groups and workspaceAdmins have no effect; remove them or set anyone to false",
		]);
	});

	test.each([
		[0, "0"],
		[169, "169"],
	])("rejects requestTtlHours %p", (hours, shown) => {
		expect(problemsOf({ requestTtlHours: hours, rules: [CATCH_ALL] })).toEqual([
			`policy.json: requestTtlHours: ${shown} is invalid; use a whole number of hours from 1 to 168`,
		]);
	});

	test("rejects empty operations", () => {
		expect(
			problemsOf({ rules: [{ operations: [], approvals: 0 }, CATCH_ALL] }),
		).toEqual([
			"policy.json: rules[0].operations: [] is invalid; use a non-empty list of operation kinds",
		]);
	});
});
