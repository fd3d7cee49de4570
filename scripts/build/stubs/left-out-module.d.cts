/** Error thrown when bundled code calls into a package that the Lambda build replaced with a stub. */
export declare class LeftOutModuleError extends Error {
	readonly packageName: string;
	readonly member: string;
	constructor(packageName: string, member: string);
}

/** Creates the module object that stands in for `packageName` and throws on any call into it. */
export declare function createLeftOutModule(
	packageName: string,
): Record<string, unknown>;
