import { checkCoverage } from "./coverage";
import type { PolicyProblem } from "./errors";
import {
	ANY_OPERATION,
	KIND_FIELDS,
	type KindFields,
	OPERATION_KINDS,
} from "./kinds";
import type { ApproverSet, Policy, PolicyRule, RequesterSet } from "./schema";

/**
 * Runs the checks that span fields or rules, which the schema cannot express. Returns every
 * problem found, in file order, or an empty list for a usable policy.
 */
export function checkPolicy(policy: Policy): PolicyProblem[] {
	const problems: PolicyProblem[] = [];

	problems.push(...checkRequesterSet(policy.requesters, "requesters"));
	policy.rules.forEach((rule, index) => {
		problems.push(...checkRule(policy, rule, `rules[${index}]`));
	});
	problems.push(...checkCoverage(policy.rules));

	return problems;
}

function checkRule(
	policy: Policy,
	rule: PolicyRule,
	path: string,
): PolicyProblem[] {
	const problems: PolicyProblem[] = [];

	if (rule.operations.includes(ANY_OPERATION) && rule.operations.length > 1) {
		problems.push({
			path: `${path}.operations`,
			message: `"${ANY_OPERATION}" matches every operation kind, so list it alone`,
		});
	}
	problems.push(...checkConditionFields(rule, path));

	if (rule.requesters !== undefined) {
		problems.push(...checkRequesterSet(rule.requesters, `${path}.requesters`));
	}

	if (rule.approvals === 0) {
		problems.push(...checkUnusedApproverFields(rule, path));
	} else {
		problems.push(...checkApprovable(policy, rule, path));
	}

	return problems;
}

interface ConditionField {
	key: "forSelf" | "permissions" | "accessLevels";
	field: keyof KindFields;
	/** The tested field, as the error message names it. */
	label: string;
}

const CONDITION_FIELDS: ConditionField[] = [
	{ key: "forSelf", field: "username", label: "registry user name" },
	{ key: "permissions", field: "permission", label: "user permission" },
	{ key: "accessLevels", field: "accessLevel", label: "access level" },
];

/**
 * Rejects a condition on a field that a listed kind lacks, because it never matches that kind.
 * Rules for `"*"` are exempt because there the condition narrows the rule to the kinds that carry
 * the field.
 */
function checkConditionFields(rule: PolicyRule, path: string): PolicyProblem[] {
	const problems: PolicyProblem[] = [];
	const kinds = OPERATION_KINDS.filter((kind) =>
		rule.operations.includes(kind),
	);

	for (const { key, field, label } of CONDITION_FIELDS) {
		if (rule[key] === undefined) {
			continue;
		}
		const lacking = kinds.filter((kind) => !KIND_FIELDS[kind][field]);
		if (lacking.length === 0) {
			continue;
		}
		const carriers = OPERATION_KINDS.filter((kind) => KIND_FIELDS[kind][field]);
		problems.push({
			path: `${path}.${key}`,
			message: `${lacking.join(", ")} has no ${label}, so ${key} never matches it; ${key} applies to ${carriers.join(", ")}`,
		});
	}
	return problems;
}

function checkRequesterSet(
	requesters: RequesterSet,
	path: string,
): PolicyProblem[] {
	const listsSomeone =
		requesters.users.length > 0 ||
		requesters.groups.length > 0 ||
		requesters.workspaceAdmins;
	if (!requesters.anyone || !listsSomeone) {
		return [];
	}
	return [
		{
			path,
			message:
				"anyone is true, so users, groups and workspaceAdmins have no effect; remove them or set anyone to false",
		},
	];
}

function checkUnusedApproverFields(
	rule: PolicyRule,
	path: string,
): PolicyProblem[] {
	const problems: PolicyProblem[] = [];
	for (const key of ["approvers", "allowSelfApproval"] as const) {
		if (rule[key] !== undefined) {
			problems.push({
				path: `${path}.${key}`,
				message:
					"has no effect because approvals is 0; remove it or require approvals",
			});
		}
	}
	return problems;
}

/**
 * Rejects a rule that can never collect its approvals. Approvals come from distinct people other
 * than the requester, so a rule must admit at least as many possible approvers as it requires.
 * Only a set of listed users alone has a countable size.
 */
function checkApprovable(
	policy: Policy,
	rule: PolicyRule,
	path: string,
): PolicyProblem[] {
	const approvers: ApproverSet = rule.approvers ?? policy.approvers;
	const source =
		rule.approvers === undefined
			? "the top-level approvers"
			: `${path}.approvers`;
	const fix = "list users or groups, or set workspaceAdmins to true";
	const required = `${rule.approvals} ${rule.approvals === 1 ? "approval is" : "approvals are"} required`;

	if (approvers.groups.length > 0 || approvers.workspaceAdmins) {
		return [];
	}
	if (approvers.users.length === 0) {
		return [
			{
				path: `${path}.approvals`,
				message: `${required} but ${source} list no users or groups and workspaceAdmins is false; ${fix}`,
			},
		];
	}
	if (approvers.users.length < rule.approvals) {
		return [
			{
				path: `${path}.approvals`,
				message: `${required} but ${source} list only ${approvers.users.length} ${approvers.users.length === 1 ? "user" : "users"}; ${fix}`,
			},
		];
	}
	return [];
}
