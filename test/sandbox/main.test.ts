import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Runs `npm start`'s entry point with `input` piped in, as a person scripting the sandbox would. */
function runSandbox(
	input: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const env = { ...process.env };
		for (const name of [
			"SAKURACLOUD_ACCESS_TOKEN",
			"SAKURACLOUD_ACCESS_TOKEN_SECRET",
			"SAKURA_ACCESS_TOKEN",
			"SAKURA_ACCESS_TOKEN_SECRET",
		]) {
			delete env[name];
		}
		const child = spawn(
			process.execPath,
			[
				join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
				"src/sandbox/main.ts",
			],
			{
				cwd: ROOT,
				env,
				stdio: ["pipe", "pipe", "pipe"],
			},
		);
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk: Buffer) => {
			stdout += chunk.toString("utf8");
		});
		child.stderr.on("data", (chunk: Buffer) => {
			stderr += chunk.toString("utf8");
		});
		child.on("error", reject);
		child.on("close", (code) => resolve({ code, stdout, stderr }));
		child.stdin.end(input);
	});
}

describe("sandbox with piped input", () => {
	test("creates a registry and DMs credentials", async () => {
		const result = await runSandbox(
			"/registry create demo\n/registry user add demo\n",
		);

		expect(result.stderr).toBe("");
		expect(result.code).toBe(0);
		expect(result.stdout).toContain("hanako> /registry create demo");
		expect(result.stdout).toContain("demo.sakuracr.jp");
		expect(result.stdout).toContain("direct message to hanako");
		expect(result.stdout).toMatch(/User name `hanako`/);
		expect(result.stdout).toMatch(/```[A-Za-z0-9]{32}```/);
		expect(result.stdout).toContain("--password-stdin");
	}, 60_000);

	test("switches users and rejects unknown input", async () => {
		const result = await runSandbox(
			"/as alex\n/registry user add nope\nhello\n/as nobody\n",
		);

		expect(result.code).toBe(0);
		expect(result.stdout).toContain("You are now alex");
		expect(result.stdout).toContain("alex> /registry user add nope");
		expect(result.stdout).toContain("`nope`");
		expect(result.stdout).toContain('Unknown input "hello"');
		expect(result.stdout).toContain('No sample user named "nobody"');
		expect(result.stdout).not.toContain("direct message");
	}, 60_000);
});
