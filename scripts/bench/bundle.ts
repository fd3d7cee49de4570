import { execFile } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";

const run = promisify(execFile);

/** A built Lambda bundle: one CommonJS file and its zip archive. */
export interface Bundle {
	/** Absolute path of the bundled `.js` file. */
	file: string;
	bytes: number;
	zipFile: string;
	zippedBytes: number;
}

/**
 * Bundles a Lambda entry point with the esbuild options that serverless.yml gives
 * serverless-esbuild: bundle everything (the AWS SDK too), minify, CommonJS, platform node,
 * target node20. The file goes to `<outDir>/<name>.js`.
 */
export async function bundleHandler(
	entryPoint: string,
	outDir: string,
	name: string,
): Promise<string> {
	const file = join(outDir, `${name}.js`);
	await mkdir(outDir, { recursive: true });
	await build({
		entryPoints: [entryPoint],
		outfile: file,
		bundle: true,
		minify: true,
		format: "cjs",
		platform: "node",
		target: "node20",
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
