"use strict";

const path = require("node:path");

/**
 * Packages that @slack/bolt 5.1 requires at load only for its Express, HTTP and Socket Mode
 * receivers and its OAuth installer. AwsLambdaReceiver calls none of them. They bring undici and
 * ws (through @slack/socket-mode), iconv-lite (through raw-body) and express with its own
 * dependencies into the bundle, which Node would then parse and run at every cold start.
 * NOTE: checked against @slack/bolt 5.1.0. After a Bolt upgrade, check that App and
 * AwsLambdaReceiver still call none of these, or a request fails with LeftOutModuleError.
 */
const LEFT_OUT_PACKAGES = [
	"@slack/oauth",
	"@slack/socket-mode",
	"express",
	"raw-body",
];

/**
 * Files of @slack/bolt. Only imports from these are replaced, so the same package imported from
 * anywhere else is bundled as usual.
 */
const BOLT_FILE = /[\\/]node_modules[\\/]@slack[\\/]bolt[\\/]/;

const STUB_NAMESPACE = "left-out-package";

const STUB_MODULE = path.join(__dirname, "stubs", "left-out-module.cjs");

function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Creates the esbuild plugin that resolves each of LEFT_OUT_PACKAGES, when @slack/bolt imports
 * it, to a stub that throws LeftOutModuleError on any call.
 * @returns {import("esbuild").Plugin}
 */
function leaveOutUnusedBoltReceivers() {
	const filter = new RegExp(
		`^(${LEFT_OUT_PACKAGES.map(escapeRegExp).join("|")})$`,
	);
	return {
		name: "leave-out-unused-bolt-receivers",
		setup(build) {
			build.onResolve({ filter }, (args) => {
				if (!BOLT_FILE.test(args.importer)) {
					return undefined;
				}
				return { path: args.path, namespace: STUB_NAMESPACE };
			});
			build.onLoad({ filter: /.*/, namespace: STUB_NAMESPACE }, (args) => ({
				contents: `module.exports = require(${JSON.stringify(STUB_MODULE)}).createLeftOutModule(${JSON.stringify(args.path)});`,
				loader: "js",
				resolveDir: path.dirname(STUB_MODULE),
			}));
		},
	};
}

/**
 * Returns the esbuild options that every bundle of this project shares: one minified CommonJS
 * file for Node 20 with all dependencies inside, the AWS SDK too, so the deployed code runs the
 * versions the tests ran.
 * @returns {import("esbuild").BuildOptions}
 */
function baseBuildOptions() {
	return {
		bundle: true,
		minify: true,
		target: "node20",
		platform: "node",
		format: "cjs",
	};
}

/**
 * Returns the esbuild options of every Lambda function; serverless-esbuild and the benchmark both
 * build with them. On top of baseBuildOptions:
 * - `mainFields` prefers a package's ES module build. The AWS SDK v3 packages ship one in
 *   `dist-es`, which esbuild tree-shakes better than `dist-cjs`. Packages with an `exports` map
 *   are not affected, because esbuild resolves those through the map.
 * - `charset: "utf8"` keeps non-ASCII text, such as the Japanese message catalog, as UTF-8
 *   instead of `\uXXXX` escapes, which take twice the bytes of a Japanese character in UTF-8.
 * - the plugin replaces LEFT_OUT_PACKAGES, when @slack/bolt imports them, with stubs.
 * @returns {import("esbuild").BuildOptions}
 */
function lambdaBuildOptions() {
	return {
		...baseBuildOptions(),
		mainFields: ["module", "main"],
		charset: "utf8",
		plugins: [leaveOutUnusedBoltReceivers()],
	};
}

module.exports = { LEFT_OUT_PACKAGES, baseBuildOptions, lambdaBuildOptions };
