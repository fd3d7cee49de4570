import { execFile } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import {
	baseBuildOptions,
	lambdaBuildOptions,
} from "../build/esbuild-options.cjs";

const run = promisify(execFile);

/** A built Lambda bundle: one CommonJS file and its zip archive. */
export interface Bundle {
	/** Absolute path of the bundled `.js` file. */
	file: string;
	bytes: number;
	zipFile: string;
	zippedBytes: number;
}

/** The set of esbuild options a bundle is built with. Both come from scripts/build/esbuild-options.cjs. */
export type BuildProfile =
	/** The options serverless-esbuild deploys with, stubs of Bolt's unused receivers included. */
	| "lambda"
	/** The options every bundle shares, without the Lambda function's trimming. */
	| "base";

/**
 * Bundles an entry point into `<outDir>/<name>.js`. The `lambda` profile builds exactly what
 * `serverless package` deploys, because serverless.yml names the same options file.
 */
export async function bundleHandler(
	entryPoint: string,
	outDir: string,
	name: string,
	profile: BuildProfile,
): Promise<string> {
	const file = join(outDir, `${name}.js`);
	await mkdir(outDir, { recursive: true });
	const options =
		profile === "lambda" ? lambdaBuildOptions() : baseBuildOptions();
	await build({
		...options,
		entryPoints: [entryPoint],
		outfile: file,
		logLevel: "error",
	});
	return file;
}

/**
 * Zips one file with Info-ZIP's `zip -9 -X` (maximum deflate, no extra file attributes), as the
 * only entry of the archive, and returns the sizes of both.
 */
export async function zipBundle(file: string): Promise<Bundle> {
	const zipFile = `${file}.zip`;
	await run("zip", ["-q", "-9", "-X", basename(zipFile), basename(file)], {
		cwd: dirname(file),
	});
	const [plain, zipped] = await Promise.all([stat(file), stat(zipFile)]);
	return {
		file,
		bytes: plain.size,
		zipFile,
		zippedBytes: zipped.size,
	};
}
