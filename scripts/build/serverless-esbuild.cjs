"use strict";

const { lambdaBuildOptions } = require("./esbuild-options.cjs");

/**
 * Returns the serverless-esbuild configuration, which `custom.esbuild.config` in serverless.yml
 * names. serverless-esbuild 1.57 then ignores the other keys of `custom.esbuild`, so the plugin's
 * own options are set here: npm as the packager, and an empty `exclude`, so the AWS SDK is bundled
 * instead of left to the Lambda runtime.
 *
 * `serverless offline` builds into its own folder, because `serverless package` deletes
 * `.esbuild/` when it ends and would take the running offline handlers with it. Offline also
 * watches no files: a rebuild in the middle of a request makes that request fail.
 */
module.exports = (serverless) => {
	const command = serverless?.processedInput?.commands?.[0];
	const offline =
		command === "offline"
			? { outputWorkFolder: ".esbuild-offline", watch: { pattern: [] } }
			: {};
	return {
		...lambdaBuildOptions(),
		packager: "npm",
		exclude: [],
		...offline,
	};
};
