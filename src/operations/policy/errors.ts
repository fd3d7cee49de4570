/** One problem in a policy file: where it is, as a JSON path such as `rules[3].approvals`, and why. */
export interface PolicyProblem {
	/** JSON path in the file, or an empty string for the whole document. */
	path: string;
	message: string;
}

/**
 * Raised when a policy file cannot be read, is not valid JSON, or breaks a policy rule. The message
 * has one line per problem, each naming the file, the JSON path, the value and what is allowed.
 */
export class PolicyError extends Error {
	constructor(
		readonly source: string,
		readonly problems: PolicyProblem[],
		options?: { cause?: unknown },
	) {
		super(
			problems.map((problem) => formatProblem(source, problem)).join("\n"),
			options,
		);
		this.name = "PolicyError";
	}
}

function formatProblem(source: string, problem: PolicyProblem): string {
	if (problem.path === "") {
		return `${source}: ${problem.message}`;
	}
	return `${source}: ${problem.path}: ${problem.message}`;
}
