import { rmSync } from "node:fs";
import { SECRET_SCAN_DIR_VARIABLE } from "../../src/sandbox/secret-scan-record";
import {
	formatScanFailures,
	formatScanSummary,
	readScanArtifacts,
	scanForLeaks,
} from "./scan";

/**
 * Scans what every stand-in and captured log of the run wrote, prints a one-line summary, and
 * fails the run when a secret appeared where it must not. The artifacts are deleted after a clean
 * scan and kept after a failed one, for inspection, and contain only test secrets.
 */
export default function globalTeardown(): void {
	const folder = process.env[SECRET_SCAN_DIR_VARIABLE];
	if (folder === undefined) {
		throw new Error(
			`${SECRET_SCAN_DIR_VARIABLE} is unset: the secret scan's global setup did not run`,
		);
	}

	const started = performance.now();
	const result = scanForLeaks(readScanArtifacts(folder));
	const elapsedMs = Math.round(performance.now() - started);
	process.stdout.write(
		`\n${formatScanSummary(result)} Read and scanned in ${elapsedMs} ms.\n`,
	);

	const failures = formatScanFailures(result);
	if (failures !== "") {
		throw new Error(
			`Secret scan failed. Artifacts kept in ${folder}\n${failures}`,
		);
	}
	rmSync(folder, { recursive: true, force: true });
}
