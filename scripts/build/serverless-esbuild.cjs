"use strict";

const { lambdaBuildOptions } = require("./esbuild-options.cjs");

/**
 * Returns the serverless-esbuild configuration, which `custom.esbuild.config` in serverless.yml
 * names. serverless-esbuild 1.57 then ignores the other keys of `custom.esbuild`, so the plugin's
 * own options are set here: npm as the packager, and an empty `exclude`, so the AWS SDK is bundled
 * instead of left to the Lambda runtime.
 */
module.exports = () => ({
	...lambdaBuildOptions(),
	packager: "npm",
	exclude: [],
});
