import { readFileSync } from "node:fs";
import bundledPolicyJson from "../../../policy.json";
import { checkPolicy } from "./checks";
import { PolicyError, type PolicyProblem } from "./errors";
import { findJsonSyntaxProblem } from "./json-syntax";
import { type Policy, policySchema } from "./schema";

/** The name error messages give the policy bundled into the build. */
export const BUNDLED_POLICY_NAME = "policy.json";

const READ_FAILURES: Record<string, string> = {
	ENOENT: "file not found",
	EACCES: "permission denied",
	EISDIR: "the path is a directory",
};

/**
 * Loads and validates a policy file. Without a path it validates the `policy.json` at the
 * repository root, which is imported as a module so the bundler includes it. Callers choose any
 * other path, for example from an environment variable.
 * @throws PolicyError naming the file, and for each problem its JSON path, the value and what is
 * allowed. An unreadable file or invalid JSON gives one problem, with the line and column for JSON.
 */
export function loadPolicy(path?: string): Policy {
	if (path === undefined) {
		return parsePolicy(bundledPolicyJson, BUNDLED_POLICY_NAME);
	}

	const text = readPolicyText(path);
	return parsePolicy(parsePolicyJson(text, path), path);
}

/**
 * Validates a parsed policy document: its structure, then the checks across rules (every operation
 * matches a rule, every rule is reachable, every rule that needs approvals has approvers).
 * @param source The file name that error messages start with.
 * @throws PolicyError listing every problem found.
 */
export function parsePolicy(document: unknown, source: string): Policy {
	const result = policySchema.safeParse(document, { reportInput: true });
	if (!result.success) {
		const problems: PolicyProblem[] = result.error.issues.map((issue) => ({
			path: formatJsonPath(issue.path),
			message: issue.message,
		}));
		throw new PolicyError(source, problems);
	}

	const problems = checkPolicy(result.data);
	if (problems.length > 0) {
		throw new PolicyError(source, problems);
	}
	return result.data;
}

function readPolicyText(path: string): string {
	try {
		return readFileSync(path, "utf8");
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
		const reason = READ_FAILURES[code] ?? "the file could not be read";
		throw new PolicyError(
			path,
			[
				{
					path: "",
					message: `failed to read the policy file: ${reason} (${code})`,
				},
			],
			{ cause: error },
		);
	}
}

/** Parses JSON text, rejecting repeated keys, with a byte-order mark allowed at the start. */
function parsePolicyJson(text: string, source: string): unknown {
	const body = text.startsWith("\uFEFF") ? text.slice(1) : text;

	const problem = findJsonSyntaxProblem(body);
	if (problem !== undefined) {
		throw new PolicyError(source, [
			{
				path: "",
				message: `invalid JSON at line ${problem.line}, column ${problem.column}: ${problem.message}`,
			},
		]);
	}
	return JSON.parse(body);
}

/** Formats a zod issue path as a JSON path such as `rules[3].approvals`. */
function formatJsonPath(path: readonly PropertyKey[]): string {
	let formatted = "";
	for (const segment of path) {
		if (typeof segment === "number") {
			formatted += `[${segment}]`;
		} else if (formatted === "") {
			formatted = String(segment);
		} else {
			formatted += `.${String(segment)}`;
		}
	}
	return formatted;
}
