/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: "node",
	roots: ["<rootDir>/test"],
	testMatch: ["**/*.test.ts"],
	transform: {
		"^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }],
	},
	setupFiles: ["<rootDir>/test/setup-env.ts"],
	testTimeout: 30000,
};
