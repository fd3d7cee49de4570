import type { AccessLevel, UserPermission } from "../../sakura/types";
import type { Operation, OperationKind, Requester } from "../types";
import { deriveUsername } from "../username";
import { PolicyError } from "./errors";
import { ANY_OPERATION } from "./kinds";
import type { Policy, PolicyRule } from "./schema";

/**
 * The facts of an operation that rule conditions test. A field is undefined when the kind does not
 * carry it, so a condition on that field never matches.
 */
export interface RuleInput {
	kind: OperationKind;
	/** True when the registry user name is the one `user add` derives for the requester. */
	forSelf?: boolean;
	permission?: UserPermission;
	accessLevel?: AccessLevel;
}

/** Extracts the facts rule conditions test from an operation and its requester. */
export function toRuleInput(
	operation: Operation,
	requester: Requester,
): RuleInput {
	switch (operation.kind) {
		case "registry.create":
			return { kind: operation.kind, accessLevel: operation.accessLevel };
		case "user.add":
			return {
				kind: operation.kind,
				forSelf: isRequestersOwnUser(operation.username, requester),
				permission: operation.permission,
			};
		case "user.delete":
		case "user.rotate":
		case "user.extend":
			return {
				kind: operation.kind,
				forSelf: isRequestersOwnUser(operation.username, requester),
			};
		default:
			return { kind: operation.kind };
	}
}

function isRequestersOwnUser(username: string, requester: Requester): boolean {
	return username === deriveUsername(requester.userName, requester.userId);
}

/** Returns true when the rule lists the input's kind and every condition the rule sets holds. */
export function ruleMatches(rule: PolicyRule, input: RuleInput): boolean {
	const listsKind = rule.operations.some(
		(pattern) => pattern === ANY_OPERATION || pattern === input.kind,
	);
	if (!listsKind) {
		return false;
	}

	if (rule.forSelf !== undefined && input.forSelf !== rule.forSelf) {
		return false;
	}
	if (rule.permissions !== undefined) {
		if (
			input.permission === undefined ||
			!rule.permissions.includes(input.permission)
		) {
			return false;
		}
	}
	if (rule.accessLevels !== undefined) {
		if (
			input.accessLevel === undefined ||
			!rule.accessLevels.includes(input.accessLevel)
		) {
			return false;
		}
	}
	return true;
}

/** Returns the index of the first rule that matches, or -1 when none does. */
export function findRuleIndex(
	rules: readonly PolicyRule[],
	input: RuleInput,
): number {
	return rules.findIndex((rule) => ruleMatches(rule, input));
}

/**
 * Finds the first rule matching the operation, top to bottom.
 * @throws PolicyError when no rule matches. `parsePolicy` rejects such policies, so this happens
 * only with a policy built by hand.
 */
export function findRule(
	policy: Policy,
	operation: Operation,
	requester: Requester,
): { rule: PolicyRule; index: number } {
	const index = findRuleIndex(policy.rules, toRuleInput(operation, requester));
	if (index === -1) {
		throw new PolicyError("policy", [
			{
				path: "rules",
				message: `no rule matches the operation ${operation.kind}`,
			},
		]);
	}
	return { rule: policy.rules[index], index };
}
