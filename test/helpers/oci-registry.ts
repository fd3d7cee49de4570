import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
	accessSync,
	constants,
	mkdtempSync,
	rmSync,
	writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** Binaries the harness runs, each with the Debian package that installs it. */
const REGISTRY_TOOLS: Record<string, string> = {
	"docker-registry": "docker-registry",
	skopeo: "skopeo",
	umoci: "umoci",
};

/** How long the registry may take to respond on `/v2/` after start. */
const START_TIMEOUT_MS = 15_000;
/** How long one `skopeo copy` may run. */
const PUSH_TIMEOUT_MS = 60_000;
/** Bytes of registry output kept for error messages. */
const OUTPUT_LIMIT = 8192;

/** Temporary folders of the registries this harness started, by `127.0.0.1:PORT`. */
const registryDirectories = new Map<string, string>();

export interface OciRegistry {
	/** `127.0.0.1:PORT`, the form skopeo and docker expect in image references. */
	url: string;
	/** Stops the registry process this harness started and removes its storage. */
	close(): Promise<void>;
}

/**
 * Returns the binaries among docker-registry, skopeo and umoci that are not on PATH. Each name is
 * also the Debian package to install.
 */
export function missingRegistryTools(): string[] {
	return Object.keys(REGISTRY_TOOLS).filter(
		(binary) => findOnPath(binary) === undefined,
	);
}

/**
 * Starts Debian's `docker-registry` (distribution 2.8) on 127.0.0.1 with htpasswd auth and
 * filesystem storage in a temporary folder, and waits until `/v2/` responds. The htpasswd file is
 * created empty when missing, because the registry invents a default user for a missing file.
 * It re-reads the file whenever its mtime changes.
 */
export async function startOciRegistry(options: {
	htpasswdPath: string;
}): Promise<OciRegistry> {
	writeFileSync(options.htpasswdPath, "", { flag: "a", mode: 0o600 });
	const directory = mkdtempSync(join(tmpdir(), "oci-registry-"));
	const port = await findFreePort();
	const configPath = join(directory, "config.yml");
	writeFileSync(
		configPath,
		registryConfig(port, directory, options.htpasswdPath),
	);

	const child = spawn("docker-registry", ["serve", configPath], {
		stdio: ["ignore", "pipe", "pipe"],
		env: environmentWithout("REGISTRY_"),
	});
	let output = "";
	const keepOutput = (chunk: Buffer) => {
		output = (output + chunk.toString("utf8")).slice(-OUTPUT_LIMIT);
	};
	child.stdout?.on("data", keepOutput);
	child.stderr?.on("data", keepOutput);
	const exited = new Promise<void>((resolve) =>
		child.once("exit", () => resolve()),
	);

	const url = `127.0.0.1:${port}`;
	registryDirectories.set(url, directory);
	const close = async () => {
		await stopProcess(child, exited);
		registryDirectories.delete(url);
		imageLayouts.delete(url);
		rmSync(directory, { recursive: true, force: true });
	};

	try {
		await waitUntilServing(port, child, () => output);
	} catch (error) {
		await close();
		throw error;
	}

	return { url, close };
}

/**
 * Pushes a one-config, zero-layer OCI image to `registryHostPort/repository` (tag `latest` unless
 * the repository names one) with skopeo, logging in as `username`. The image is built once per
 * registry started by startOciRegistry, and once per push for any other registry. The credentials go to skopeo in
 * a temporary auth file of mode 0600, never on a command line, and are removed from the output.
 */
export async function pushTinyImage(
	registryHostPort: string,
	repository: string,
	username: string,
	password: string,
): Promise<{ ok: boolean; output: string }> {
	const reference = /:[^/]+$/.test(repository)
		? repository
		: `${repository}:latest`;
	const encodedCredentials = Buffer.from(`${username}:${password}`).toString(
		"base64",
	);

	const authDirectory = mkdtempSync(join(tmpdir(), "skopeo-auth-"));
	const authPath = join(authDirectory, "auth.json");
	try {
		const imageLayout = await tinyImage(registryHostPort, authDirectory);
		writeFileSync(
			authPath,
			JSON.stringify({
				auths: { [registryHostPort]: { auth: encodedCredentials } },
			}),
			{
				mode: 0o600,
			},
		);
		const result = await run("skopeo", [
			"copy",
			"--insecure-policy",
			"--dest-authfile",
			authPath,
			"--dest-tls-verify=false",
			`oci:${imageLayout}:latest`,
			`docker://${registryHostPort}/${reference}`,
		]);
		const output = redact(result.output, [password, encodedCredentials]);
		return { ok: result.exitCode === 0, output };
	} finally {
		rmSync(authDirectory, { recursive: true, force: true });
	}
}

/** Image layouts built for registries this harness started, by `127.0.0.1:PORT`. close() removes them. */
const imageLayouts = new Map<string, Promise<string>>();

/**
 * Returns the tiny image for a registry, building it on first use in the registry's folder so that
 * close() removes it. For other registries the image goes into `fallbackDirectory`.
 */
function tinyImage(
	registryHostPort: string,
	fallbackDirectory: string,
): Promise<string> {
	const cached = imageLayouts.get(registryHostPort);
	if (cached !== undefined) {
		return cached;
	}
	const directory = registryDirectories.get(registryHostPort);
	if (directory === undefined) {
		return buildTinyImage(join(fallbackDirectory, "image"));
	}

	const building = buildTinyImage(join(directory, "image"));
	imageLayouts.set(registryHostPort, building);
	building.catch(() => imageLayouts.delete(registryHostPort));
	return building;
}

/**
 * Builds an OCI layout with `umoci init` and `umoci new`: a manifest and an empty config with no
 * layers, which distribution 2.8 accepts. It takes two short umoci runs and no network.
 */
async function buildTinyImage(layout: string): Promise<string> {
	for (const args of [
		["init", "--layout", layout],
		["new", "--image", `${layout}:latest`],
	]) {
		const result = await run("umoci", args);
		if (result.exitCode !== 0) {
			throw new Error(
				`umoci ${args.join(" ")} failed with exit code ${result.exitCode}: ${result.output}`,
			);
		}
	}
	return layout;
}

function registryConfig(
	port: number,
	directory: string,
	htpasswdPath: string,
): string {
	return [
		"version: 0.1",
		"log:",
		"  level: error",
		"  accesslog:",
		"    disabled: true",
		"storage:",
		"  filesystem:",
		`    rootdirectory: ${JSON.stringify(join(directory, "data"))}`,
		"http:",
		`  addr: 127.0.0.1:${port}`,
		"auth:",
		"  htpasswd:",
		"    realm: oci-registry-test",
		`    path: ${JSON.stringify(htpasswdPath)}`,
		"",
	].join("\n");
}

/** Polls `/v2/` until the registry returns 200 or 401, failing early if the process exits. */
async function waitUntilServing(
	port: number,
	child: ChildProcess,
	output: () => string,
): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`docker-registry exited with ${child.exitCode ?? child.signalCode} during start: ${output()}`,
			);
		}
		try {
			const response = await fetch(`http://127.0.0.1:${port}/v2/`, {
				signal: AbortSignal.timeout(1000),
			});
			await response.arrayBuffer();
			if (response.status === 200 || response.status === 401) {
				return;
			}
		} catch {
			// Not listening yet: poll again.
		}
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	throw new Error(
		`docker-registry did not answer /v2/ on port ${port} within ${START_TIMEOUT_MS} ms: ${output()}`,
	);
}

/** Ends the process by its pid: SIGTERM, then SIGKILL if it is still running after 5 s. */
async function stopProcess(
	child: ChildProcess,
	exited: Promise<void>,
): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}
	child.kill("SIGTERM");
	const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
	await exited;
	clearTimeout(timer);
}

/** Asks the kernel for a free port on 127.0.0.1. Another process could take it before use. */
function findFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const address = server.address();
			const port =
				typeof address === "object" && address !== null ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function run(
	file: string,
	args: string[],
): Promise<{ exitCode: number; output: string }> {
	return new Promise((resolve) => {
		execFile(
			file,
			args,
			{
				timeout: PUSH_TIMEOUT_MS,
				env: environmentWithout("REGISTRY_AUTH_FILE"),
			},
			(error, stdout, stderr) => {
				const output = `${stdout}${stderr}`;
				if (error === null) {
					resolve({ exitCode: 0, output });
					return;
				}
				if (typeof error.code === "number") {
					resolve({ exitCode: error.code, output });
					return;
				}
				// The process was killed by the timeout or never started, and the message states which.
				// It includes the command line, which has no credentials in it.
				resolve({ exitCode: 1, output: `${error.message}\n${output}` });
			},
		);
	});
}

function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret !== "") {
			result = result.split(secret).join("[redacted]");
		}
	}
	return result;
}

function environmentWithout(prefix: string): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(([key]) => !key.startsWith(prefix)),
	);
}

function findOnPath(binary: string): string | undefined {
	for (const directory of (process.env.PATH ?? "").split(delimiter)) {
		if (directory === "") {
			continue;
		}
		const candidate = join(directory, binary);
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Not in this directory.
		}
	}
	return undefined;
}
