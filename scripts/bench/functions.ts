import { access } from "node:fs/promises";
import { join } from "node:path";
import { type Bundle, bundleHandler, zipBundle } from "./bundle";

/** A Lambda function of serverless.yml and the TypeScript file its `handler` points at. */
export interface LambdaFunction {
	/** The function's key under `functions:` in serverless.yml. */
	name: string;
	/** Entry file relative to the repository root. */
	entry: string;
}

/** The functions serverless.yml deploys. Only `slack` has a baseline, a cold start and targets. */
export const LAMBDA_FUNCTIONS: readonly LambdaFunction[] = [
	{ name: "slack", entry: "src/handlers/slack.ts" },
	{ name: "worker", entry: "src/handlers/worker.ts" },
	{ name: "jobFailed", entry: "src/handlers/job-failed.ts" },
	{ name: "sweeper", entry: "src/handlers/sweeper.ts" },
];

/** A function's bundle, or the reason it was not built. */
export type FunctionBundle =
	| { name: string; entry: string; bundle: Bundle }
	| { name: string; entry: string; skipped: string };

/**
 * Bundles and zips every function of LAMBDA_FUNCTIONS with the options serverless-esbuild deploys
 * with, each into `<outDir>/<name>/`. A function whose entry file does not exist is skipped with a
 * reason. An entry file that exists but does not build fails the run.
 */
export async function bundleFunctions(
	root: string,
	outDir: string,
): Promise<FunctionBundle[]> {
	return Promise.all(
		LAMBDA_FUNCTIONS.map(async ({ name, entry }): Promise<FunctionBundle> => {
			const entryFile = join(root, entry);
			if (!(await exists(entryFile))) {
				return { name, entry, skipped: `${entry} does not exist yet` };
			}
			const file = await bundleHandler(
				entryFile,
				join(outDir, name),
				name,
				"lambda",
			);
			return { name, entry, bundle: await zipBundle(file) };
		}),
	);
}

async function exists(file: string): Promise<boolean> {
	try {
		await access(file);
		return true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === "ENOENT") {
			return false;
		}
		throw error;
	}
}
