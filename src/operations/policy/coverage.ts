import type { PolicyProblem } from "./errors";
import {
	ACCESS_LEVEL_VALUES,
	ANY_OPERATION,
	KIND_FIELDS,
	OPERATION_KINDS,
	USER_PERMISSION_VALUES,
} from "./kinds";
import { findRuleIndex, type RuleInput, ruleMatches } from "./match";
import type { PolicyRule } from "./schema";

/**
 * Checks that every operation finds a rule and that every rule is the first match for some
 * operation. Matching depends only on the kind and, where the kind carries them, self or other, the
 * user permission and the access level. These are few, so enumerating all of them makes the check
 * exact.
 */
export function checkCoverage(rules: readonly PolicyRule[]): PolicyProblem[] {
	const problems: PolicyProblem[] = [];
	const reached = new Set<number>();
	const unmatched: RuleInput[] = [];

	for (const input of enumerateRuleInputs()) {
		const index = findRuleIndex(rules, input);
		if (index === -1) {
			unmatched.push(input);
		} else {
			reached.add(index);
		}
	}

	if (unmatched.length > 0) {
		problems.push({
			path: "rules",
			message: `no rule matches ${describeUnmatched(unmatched)}; end the rules with one for "${ANY_OPERATION}"`,
		});
	}
	rules.forEach((rule, index) => {
		if (!reached.has(index)) {
			problems.push(...describeUnreachedRule(rule, `rules[${index}]`));
		}
	});
	return problems;
}

/**
 * Explains why no operation reaches a rule. A listed kind that lacks a condition's field is
 * already reported by `checkConditionFields`, so only the wildcard case needs its own message here.
 */
function describeUnreachedRule(
	rule: PolicyRule,
	path: string,
): PolicyProblem[] {
	const matchesSomething = enumerateRuleInputs().some((input) =>
		ruleMatches(rule, input),
	);
	if (matchesSomething) {
		return [
			{
				path,
				message:
					"no operation reaches this rule because earlier rules match everything it matches; move it up or remove it",
			},
		];
	}
	if (rule.operations.includes(ANY_OPERATION)) {
		return [
			{
				path,
				message:
					"no operation kind carries every field this rule's conditions test, so it matches nothing",
			},
		];
	}
	return [];
}

/** Names a kind alone when no variant of it matches, and each unmatched variant otherwise. */
function describeUnmatched(unmatched: RuleInput[]): string {
	const all = enumerateRuleInputs();
	const parts: string[] = [];
	for (const kind of OPERATION_KINDS) {
		const missing = unmatched.filter((input) => input.kind === kind);
		const variants = all.filter((input) => input.kind === kind);
		if (missing.length === 0) {
			continue;
		}
		if (missing.length === variants.length) {
			parts.push(kind);
		} else {
			parts.push(...missing.map(describeRuleInput));
		}
	}
	return parts.join(", ");
}

/** Lists every distinct combination of the facts that rule conditions test. */
export function enumerateRuleInputs(): RuleInput[] {
	const inputs: RuleInput[] = [];
	for (const kind of OPERATION_KINDS) {
		const fields = KIND_FIELDS[kind];
		const selfValues = fields.username ? [true, false] : [undefined];
		const permissions = fields.permission
			? USER_PERMISSION_VALUES
			: [undefined];
		const accessLevels = fields.accessLevel ? ACCESS_LEVEL_VALUES : [undefined];

		for (const forSelf of selfValues) {
			for (const permission of permissions) {
				for (const accessLevel of accessLevels) {
					inputs.push({ kind, forSelf, permission, accessLevel });
				}
			}
		}
	}
	return inputs;
}

function describeRuleInput(input: RuleInput): string {
	const parts: string[] = [input.kind];
	if (input.permission !== undefined) {
		parts.push(`with permission ${input.permission}`);
	}
	if (input.accessLevel !== undefined) {
		parts.push(`with access level ${input.accessLevel}`);
	}
	if (input.forSelf === true) {
		parts.push("for the requester's own user");
	}
	if (input.forSelf === false) {
		parts.push("for another user");
	}
	return parts.join(" ");
}
