import type { z } from "zod";

const MAX_SHOWN_VALUE_LENGTH = 60;

/** Renders a value from the policy file for an error message, shortened to keep the line readable. */
export function describeValue(value: unknown): string {
	if (value === undefined) {
		return "missing";
	}
	const text = JSON.stringify(value) ?? String(value);
	if (text.length <= MAX_SHOWN_VALUE_LENGTH) {
		return text;
	}
	return `${text.slice(0, MAX_SHOWN_VALUE_LENGTH)}...`;
}

/**
 * Builds a zod error option whose message shows the rejected value and what is allowed, such as
 * `9 is invalid; use a whole number from 0 to 5`. Zod 4 applies it to the type check and to every
 * refinement of the schema it is given to.
 */
export function allowing(allowed: string): { error: z.core.$ZodErrorMap } {
	return {
		error: (issue) => {
			if (issue.input === undefined) {
				return `missing; use ${allowed}`;
			}
			return `${describeValue(issue.input)} is invalid; use ${allowed}`;
		},
	};
}

/** Words the message for unknown keys, with the closest allowed key when one is a likely typo. */
export function describeUnknownKeys(
	unknownKeys: readonly string[],
	allowedKeys: readonly string[],
): string {
	const parts = unknownKeys.map((key) => {
		const suggestion = closestKey(key, allowedKeys);
		const hint =
			suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
		return `"${key}"${hint}`;
	});
	const noun = unknownKeys.length === 1 ? "key" : "keys";
	return `unknown ${noun} ${parts.join(", ")}; allowed keys are ${allowedKeys.join(", ")}`;
}

/** Returns the allowed key within edit distance 2 of `key`, ignoring case, if there is one. */
function closestKey(
	key: string,
	allowedKeys: readonly string[],
): string | undefined {
	let best: string | undefined;
	let bestDistance = 3;
	for (const candidate of allowedKeys) {
		const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

/** Levenshtein distance: the fewest single-character insertions, deletions or substitutions. */
function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
		}
		previous = current;
	}
	return previous[b.length];
}
