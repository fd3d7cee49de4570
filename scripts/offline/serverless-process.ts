import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, Socket } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** Raised when `serverless offline` exits or does not listen in time. */
export class ServerlessOfflineError extends Error {
	constructor(
		message: string,
		/** The last lines serverless printed, for the reason it gave. */
		readonly output: string,
	) {
		super(`${message}\n--- serverless output ---\n${output}`);
		this.name = "ServerlessOfflineError";
	}
}

export interface ServerlessOfflineOptions {
	/** Folder of serverless.yml and node_modules. */
	projectRoot: string;
	/** Port of the HTTP API on 127.0.0.1. */
	httpPort: number;
	/** Port of serverless-offline's Lambda Invoke API on 127.0.0.1. */
	lambdaPort: number;
	/** Value of `--stage`. Function names are `<service>-<stage>-<key>`. */
	stage: string;
	/** Values of serverless.yml's `${param:...}`, passed as `--param name=value`. */
	params: Record<string, string>;
	/** The whole environment of the serverless process. Nothing of the caller's is added. */
	env: NodeJS.ProcessEnv;
	/** How long to wait for both ports to accept connections, in milliseconds. */
	readyTimeoutMs: number;
	/** Receives serverless's output as it arrives. @default keeps it for errors only */
	onOutput?: (chunk: string) => void;
}

export interface ServerlessOffline {
	/** Process id of serverless, which leads its own process group. */
	pid: number;
	/** The last lines serverless printed (at most `OUTPUT_KEPT_CHARS`). */
	output(): string;
	/**
	 * Sends SIGTERM to the process group, then SIGKILL after `STOP_GRACE_MS`. It resolves once
	 * the serverless process has exited.
	 */
	stop(): Promise<void>;
}

/** serverless-offline 14.8 gives its servers 5 s to stop after SIGTERM, so 8 s leaves a margin. */
const STOP_GRACE_MS = 8_000;
const OUTPUT_KEPT_CHARS = 20_000;
const READY_POLL_MS = 200;

/**
 * Runs `serverless offline start` on 127.0.0.1 from `node_modules/.bin/serverless`, not through
 * npx, in a process group of its own, so `stop` ends serverless, its worker threads and esbuild's
 * service processes together. It resolves once the HTTP API and the Lambda Invoke API both accept
 * connections. If the process exits or the time runs out first, the group is ended and a
 * ServerlessOfflineError with serverless's output is thrown.
 */
export async function startServerlessOffline(
	options: ServerlessOfflineOptions,
): Promise<ServerlessOffline> {
	const args = [
		"offline",
		"start",
		"--stage",
		options.stage,
		"--host",
		"127.0.0.1",
		"--httpPort",
		String(options.httpPort),
		"--lambdaPort",
		String(options.lambdaPort),
		// Functions get the settings of `env` that serverless.yml does not set itself.
		"--localEnvironment",
		...Object.entries(options.params).flatMap(([name, value]) => [
			"--param",
			`${name}=${value}`,
		]),
	];
	const child = spawn(
		join(options.projectRoot, "node_modules", ".bin", "serverless"),
		args,
		{
			cwd: options.projectRoot,
			env: options.env,
			detached: true,
			stdio: ["ignore", "pipe", "pipe"],
		},
	);

	let output = "";
	const keep = (chunk: Buffer) => {
		const text = chunk.toString("utf8");
		output = (output + text).slice(-OUTPUT_KEPT_CHARS);
		options.onOutput?.(text);
	};
	child.stdout?.on("data", keep);
	child.stderr?.on("data", keep);

	const exited = once(child, "exit");
	// A parent that exits without calling stop, such as a crashed test run, still ends the group.
	const endOnExit = () => killGroup(child, "SIGKILL");
	process.on("exit", endOnExit);

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			killGroup(child, "SIGTERM");
			const timer = setTimeout(
				() => killGroup(child, "SIGKILL"),
				STOP_GRACE_MS,
			);
			await exited;
			clearTimeout(timer);
		}
		// esbuild's service process can outlive serverless, so the rest of the group is ended too.
		killGroup(child, "SIGKILL");
		process.off("exit", endOnExit);
	};

	try {
		await waitUntilListening(
			child,
			[options.httpPort, options.lambdaPort],
			options.readyTimeoutMs,
		);
	} catch (error) {
		await stop();
		throw new ServerlessOfflineError((error as Error).message, output);
	}

	return {
		pid: child.pid as number,
		output: () => output,
		stop,
	};
}

/**
 * Finds a free TCP port on 127.0.0.1 by listening on port 0 and closing again. Another process
 * could take the port before serverless listens on it. startServerlessOffline then fails with
 * serverless's EADDRINUSE message.
 */
export async function findFreePort(): Promise<number> {
	const server = createServer();
	server.listen(0, "127.0.0.1");
	await once(server, "listening");
	const address = server.address();
	server.close();
	await once(server, "close");
	if (address === null || typeof address === "string") {
		throw new Error("Listening on 127.0.0.1:0 returned no port");
	}
	return address.port;
}

async function waitUntilListening(
	child: ChildProcess,
	ports: readonly number[],
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	const pending = new Set(ports);
	while (pending.size > 0) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`serverless offline exited (${child.exitCode ?? child.signalCode}) before listening`,
			);
		}
		if (Date.now() > deadline) {
			throw new Error(
				`serverless offline did not listen on port ${[...pending].join(" and ")} within ${timeoutMs} ms`,
			);
		}
		for (const port of [...pending]) {
			if (await accepts(port)) {
				pending.delete(port);
			}
		}
		if (pending.size > 0) {
			await sleep(READY_POLL_MS);
		}
	}
}

function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = new Socket();
		const finish = (connected: boolean) => {
			socket.destroy();
			resolve(connected);
		};
		socket.setTimeout(READY_POLL_MS, () => finish(false));
		socket.once("connect", () => finish(true));
		socket.once("error", () => finish(false));
		socket.connect(port, "127.0.0.1");
	});
}

/** Signals every process of the child's group. A group that already ended is not an error. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) {
		return;
	}
	try {
		process.kill(-child.pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
			throw error;
		}
	}
}
