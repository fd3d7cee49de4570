import { relative } from "node:path";
import { SECRET_SCAN_TEST_FILE_VARIABLE } from "../../src/sandbox/secret-scan-record";

// Puts the running test file's path on every secret scan record. Each test file gets its own copy
// of `process.env`, so the value does not carry over to the next file in this worker.
const testPath = expect.getState().testPath;
if (testPath !== undefined) {
	process.env[SECRET_SCAN_TEST_FILE_VARIABLE] = relative(
		process.cwd(),
		testPath,
	);
}
