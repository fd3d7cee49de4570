"use strict";

/**
 * Error thrown when bundled code calls into a package that the Lambda build replaced with a stub.
 */
class LeftOutModuleError extends Error {
	/**
	 * @param {string} packageName package the build left out, such as `express`
	 * @param {string} member export that was called or read, such as `default` or `Router`
	 */
	constructor(packageName, member) {
		super(
			`${packageName} (${member}) is not in this Lambda bundle: scripts/build/esbuild-options.cjs replaces it with a stub, because @slack/bolt loads it only for receivers that AwsLambdaReceiver never uses. Remove "${packageName}" from LEFT_OUT_PACKAGES there if this function needs it.`,
		);
		this.name = "LeftOutModuleError";
		this.packageName = packageName;
		this.member = member;
	}
}

/** Properties that JavaScript itself reads from a function or class, for example in `class A extends B`. */
const FUNCTION_PROPERTIES = new Set(["prototype", "name", "length"]);

/**
 * Creates one export of a left-out package: a function that throws LeftOutModuleError when it is
 * called, constructed or has any property read, apart from the few that `extends` and
 * `instanceof` read.
 */
function createLeftOutMember(packageName, member) {
	const fail = () => {
		throw new LeftOutModuleError(packageName, member);
	};
	return new Proxy(function leftOut() {}, {
		apply: fail,
		construct: fail,
		get(target, key) {
			if (typeof key === "symbol" || FUNCTION_PROPERTIES.has(key)) {
				return Reflect.get(target, key);
			}
			throw new LeftOutModuleError(packageName, `${member}.${key}`);
		},
	});
}

/**
 * Creates the module object that stands in for `packageName`. Reading an export returns a member
 * that throws when used, so loading a module that imports the package still works, but any call
 * into it fails with a message naming the package. It marks itself as an ES module, so TypeScript's
 * and esbuild's interop helpers take `default` from it as they would from the real package.
 */
function createLeftOutModule(packageName) {
	const members = new Map();
	return new Proxy(Object.create(null), {
		get(_target, key) {
			if (key === "__esModule") {
				return true;
			}
			// `then` stays undefined, so awaiting the module does not treat it as a promise.
			if (typeof key === "symbol" || key === "then") {
				return undefined;
			}
			let member = members.get(key);
			if (member === undefined) {
				member = createLeftOutMember(packageName, key);
				members.set(key, member);
			}
			return member;
		},
	});
}

module.exports = { createLeftOutModule, LeftOutModuleError };
