import { createInterface } from "node:readline";
import { SandboxSession } from "./session";
import { checkSandboxEnvironment, startSandbox } from "./start";

/**
 * `npm start`: the local sandbox. On a terminal it opens an interactive workspace; with piped
 * input it runs one line at a time, prints what the bot posted, and exits at end of input.
 */
async function main(): Promise<void> {
	const problems = checkSandboxEnvironment(process.env);
	if (problems.length > 0) {
		console.error(
			`The sandbox cannot start:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
		);
		process.exitCode = 2;
		return;
	}

	const sandbox = await startSandbox();
	const session = new SandboxSession(sandbox);
	const interactive = process.stdin.isTTY === true;

	if (sandbox.emulator === undefined) {
		console.log(
			"Real SAKURA credentials found in the environment: commands change real resources.",
		);
	}
	if (interactive) {
		const backend = sandbox.emulator?.rootUrl ?? "the real SAKURA Cloud API";
		console.log(
			`SAKURA Registry sandbox, with SAKURA calls going to ${backend}. Type /registry help to start, or /help for the sandbox commands.`,
		);
	}

	const lines = createInterface({
		input: process.stdin,
		output: process.stdout,
		terminal: interactive,
	});
	const prompt = () => `${session.userName}> `;
	lines.setPrompt(prompt());
	if (interactive) {
		lines.prompt();
	}

	// Lines are handled one at a time, in order, even when piped input arrives all at once.
	for await (const line of lines) {
		if (line.trim() === "/quit") {
			break;
		}
		if (!interactive && line.trim() !== "") {
			console.log(`${prompt()}${line}`);
		}
		const output = await session.run(line);
		if (output !== "") {
			console.log(output);
		}
		if (interactive) {
			lines.setPrompt(prompt());
			lines.prompt();
		}
	}

	lines.close();
	await sandbox.close();
}

main().catch((error: unknown) => {
	console.error("The sandbox stopped:", error);
	process.exitCode = 1;
});
