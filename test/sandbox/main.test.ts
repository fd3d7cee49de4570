import { spawn } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** Runs `npm start`'s entry point with `input` piped in, as a person scripting the sandbox would. */
function runSandbox(
	input: string,
	extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const env: NodeJS.ProcessEnv = { ...process.env };
		for (const name of [
			"SAKURACLOUD_ACCESS_TOKEN",
			"SAKURACLOUD_ACCESS_TOKEN_SECRET",
			"SAKURA_ACCESS_TOKEN",
			"SAKURA_ACCESS_TOKEN_SECRET",
			"POLICY_PATH",
			"LOG_LEVEL",
		]) {
			delete env[name];
		}
		Object.assign(env, extraEnv);
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

/** Returns the text the sandbox printed after the line `prompt`, up to the next prompt. */
function outputAfter(stdout: string, prompt: string): string {
	const start = stdout.indexOf(`${prompt}\n`);
	if (start < 0) {
		throw new Error(`"${prompt}" not found in the output`);
	}
	const rest = stdout.slice(start + prompt.length + 1);
	const next = rest.search(/^\w+> /m);
	return next < 0 ? rest : rest.slice(0, next);
}

describe("sandbox with piped input", () => {
	test("creates a registry after approval and DMs credentials", async () => {
		const result = await runSandbox(
			[
				"/registry create demo",
				"/as taro",
				"/press 1",
				"/as hanako",
				"/registry user add demo",
			].join("\n"),
		);

		expect(result.stderr).toBe("");
		expect(result.code).toBe(0);
		const request = outputAfter(result.stdout, "hanako> /registry create demo");
		// hanako's Slack locale is ja-JP, so her replies and DMs are Japanese; the card follows
		// the workspace default, English.
		expect(request).toContain("承認を申請しました");
		expect(request).toContain("posted in #registry-approvals");
		expect(request).toContain("[ 1: Approve ]");

		const approval = outputAfter(result.stdout, "taro> /press 1");
		expect(approval).toContain("direct message to hanako");
		expect(approval).toContain("demo.sakuracr.jp");
		expect(approval).toContain("Approvals: 1 of 1: @taro");

		const credentials = outputAfter(
			result.stdout,
			"hanako> /registry user add demo",
		);
		expect(credentials).toContain("direct message to hanako");
		expect(credentials).toMatch(/ユーザー名 `hanako`/);
		expect(credentials).toMatch(/```[A-Za-z0-9]{32}```/);
		expect(credentials).toContain("--password-stdin");
	}, 60_000);

	test("approver's click delivers credentials to the requester", async () => {
		const result = await runSandbox(
			[
				"/registry create team",
				"/as alex",
				"/press 1",
				"/as hanako",
				"/registry user add team --permission readwrite --reason push",
				"/as taro",
				"/press 4",
			].join("\n"),
		);

		expect(result.code).toBe(0);
		const pending = outputAfter(
			result.stdout,
			"hanako> /registry user add team --permission readwrite --reason push",
		);
		expect(pending).toContain("承認を申請しました");
		expect(pending).not.toMatch(/```[A-Za-z0-9]{32}```/);

		const approved = outputAfter(result.stdout, "taro> /press 4");
		const dm = approved.slice(approved.indexOf("direct message to hanako"));
		expect(dm).toMatch(/ユーザー名 `hanako`/);
		expect(dm).toContain("権限 readwrite");
		expect(dm).toMatch(/```[A-Za-z0-9]{32}```/);
		expect(approved.match(/```[A-Za-z0-9]{32}```/g)).toHaveLength(1);
	}, 60_000);

	test("switches users and rejects unknown input", async () => {
		const result = await runSandbox(
			"/as alex\n/registry user list nope\nhello\n/as nobody\n/press 9\n/as\n",
		);

		expect(result.code).toBe(0);
		expect(result.stdout).toContain("You are now alex");
		expect(result.stdout).toContain("alex> /registry user list nope");
		expect(result.stdout).toContain("`nope`");
		expect(result.stdout).toContain('Unknown input "hello"');
		expect(result.stdout).toContain('No sample user named "nobody"');
		expect(result.stdout).toContain("No buttons have been shown yet.");
		expect(result.stdout).toContain("Name a sample user: /as NAME");
		expect(result.stdout).not.toContain("direct message");
	}, 60_000);
});

describe("sandbox forms", () => {
	test("lists picker choices and checks field ids", async () => {
		const result = await runSandbox(
			[
				"/registry create web",
				"/as taro",
				"/press 1",
				"/as alex",
				"/registry",
				"/press 5",
				"/options field_registry we",
				"/submit nonsense=1",
				"/press 5",
			].join("\n"),
		);

		expect(result.code).toBe(0);
		expect(
			outputAfter(result.stdout, "alex> /options field_registry we"),
		).toMatch(/^ {2}9\d{11} {2}web \(web\.sakuracr\.jp\)/);
		expect(outputAfter(result.stdout, "alex> /submit nonsense=1")).toContain(
			"This form has no field nonsense",
		);
		const secondPress = result.stdout.slice(
			result.stdout.lastIndexOf("alex> /press 5"),
		);
		expect(outputAfter(secondPress, "alex> /press 5")).toContain(
			"no longer open",
		);
	}, 60_000);

	test("refuses to start with an invalid setting", async () => {
		const result = await runSandbox("", { SAKURACLOUD_DEFAULT_ZONE: "moon1a" });

		expect(result.code).toBe(2);
		expect(result.stderr).toContain("SAKURACLOUD_DEFAULT_ZONE");
		expect(result.stderr).toContain('(value "moon1a")');
	}, 60_000);

	test("runs every command at once under a no-approval policy", async () => {
		const result = await runSandbox(
			"/registry create demo\n/registry user add demo\n",
			{
				POLICY_PATH: "test/fixtures/policy-run-all.json",
			},
		);

		expect(result.code).toBe(0);
		expect(
			outputAfter(result.stdout, "hanako> /registry create demo"),
		).toContain("demo.sakuracr.jp");
		const credentials = outputAfter(
			result.stdout,
			"hanako> /registry user add demo",
		);
		expect(credentials).toContain("direct message to hanako");
		expect(credentials).toMatch(/```[A-Za-z0-9]{32}```/);
	}, 60_000);
});
