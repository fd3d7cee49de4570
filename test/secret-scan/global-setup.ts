import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SECRET_SCAN_DIR_VARIABLE } from "../../src/sandbox/secret-scan-record";

/**
 * Creates the folder for the secret scan's artifacts and names it in `SECRET_SCAN_DIR`. Jest
 * starts its worker processes after this runs, so each of them inherits the variable.
 */
export default function globalSetup(): void {
	const folder = mkdtempSync(join(tmpdir(), "registry-bot-secret-scan-"));
	process.env[SECRET_SCAN_DIR_VARIABLE] = folder;
}
