/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: "node",
	roots: ["<rootDir>/test"],
	testMatch: ["**/*.test.ts"],
	transform: {
		"^.+\\.ts$": ["@swc/jest", { jsc: { target: "es2022" } }],
	},
	setupFiles: ["<rootDir>/test/setup-env.ts"],
	// The secret scan: every stand-in and captured log writes what it saw to a folder that the
	// global setup creates, and the global teardown fails the run when a secret leaked.
	setupFilesAfterEnv: ["<rootDir>/test/secret-scan/test-file.ts"],
	globalSetup: "<rootDir>/test/secret-scan/global-setup.ts",
	globalTeardown: "<rootDir>/test/secret-scan/global-teardown.ts",
	testTimeout: 30000,
};
