import type { BuildOptions } from "esbuild";

/** Packages that the Lambda build replaces with stubs when @slack/bolt imports them. */
export declare const LEFT_OUT_PACKAGES: readonly string[];

/** Returns the esbuild options that every bundle of this project shares. */
export declare function baseBuildOptions(): BuildOptions;

/** Returns the esbuild options of every Lambda function, as serverless-esbuild builds them. */
export declare function lambdaBuildOptions(): BuildOptions;
