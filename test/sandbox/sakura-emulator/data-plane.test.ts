import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import {
	missingRegistryTools,
	type OciRegistry,
	pushTinyImage,
	startOciRegistry,
} from "../../helpers/oci-registry";
import { addUser, call, createRegistry } from "./http";

const PASSWORD = "first-Pa55word";
const NEW_PASSWORD = "second-Pa55word";

let directory: string;
let emulator: SakuraEmulator;
let registry: OciRegistry;
let registryId: string;

beforeAll(async () => {
	const missing = missingRegistryTools();
	if (missing.length > 0) {
		throw new Error(
			`missing ${missing.join(", ")}; install the Debian packages with: apt-get install ${missing.join(" ")}`,
		);
	}

	directory = mkdtempSync(join(tmpdir(), "sakura-data-plane-"));
	const htpasswdPath = join(directory, "htpasswd");
	emulator = await startSakuraEmulator({
		htpasswdPath,
		htpasswdRegistry: "team-images",
	});
	registry = await startOciRegistry({ htpasswdPath });
	registryId = await createRegistry(emulator, "team-images");
});

afterAll(async () => {
	await registry?.close();
	await emulator?.close();
	if (directory !== undefined) {
		rmSync(directory, { recursive: true, force: true });
	}
});

function usersPath(): string {
	return `/${registryId}/containerregistry/users`;
}

describe("data plane follows the API", () => {
	test("unknown user cannot push", async () => {
		const result = await pushTinyImage(
			registry.url,
			"team/app:v0",
			"alice",
			PASSWORD,
		);

		expect(result.ok).toBe(false);
	});

	test("added user pushes with the password", async () => {
		const status = await addUser(emulator, registryId, {
			username: "alice",
			password: PASSWORD,
			permission: "readwrite",
		});

		const result = await pushTinyImage(
			registry.url,
			"team/app:v1",
			"alice",
			PASSWORD,
		);

		expect(status).toBe(200);
		expect(result.output).not.toContain(PASSWORD);
		expect(result).toMatchObject({ ok: true });
	});

	test("wrong password fails", async () => {
		const result = await pushTinyImage(
			registry.url,
			"team/app:v2",
			"alice",
			"wrong-password",
		);

		expect(result.ok).toBe(false);
		expect(result.output).toMatch(/unauthorized|authentication required/i);
		expect(result.output).not.toContain("wrong-password");
	});

	test("new password replaces the old", async () => {
		const change = await call(emulator, "PUT", `${usersPath()}/alice`, {
			body: {
				ContainerRegistry: { password: NEW_PASSWORD, permission: "all" },
			},
		});

		const withOld = await pushTinyImage(
			registry.url,
			"team/app:v3",
			"alice",
			PASSWORD,
		);
		const withNew = await pushTinyImage(
			registry.url,
			"team/app:v3",
			"alice",
			NEW_PASSWORD,
		);

		expect(change.status).toBe(200);
		expect(withOld.ok).toBe(false);
		expect(withNew).toMatchObject({ ok: true });
	});

	test("permission-only change keeps the password", async () => {
		await call(emulator, "PUT", `${usersPath()}/alice`, {
			body: { ContainerRegistry: { password: "", permission: "readwrite" } },
		});

		const result = await pushTinyImage(
			registry.url,
			"team/app:v4",
			"alice",
			NEW_PASSWORD,
		);

		expect(result).toMatchObject({ ok: true });
	});

	test("deleted user cannot push", async () => {
		const removal = await call(emulator, "DELETE", `${usersPath()}/alice`);

		const result = await pushTinyImage(
			registry.url,
			"team/app:v5",
			"alice",
			NEW_PASSWORD,
		);

		expect(removal.status).toBe(200);
		expect(result.ok).toBe(false);
	});

	test("users of other registries are not written", async () => {
		const otherId = await createRegistry(emulator, "other-images");
		await addUser(emulator, otherId, {
			username: "mallory",
			password: PASSWORD,
			permission: "all",
		});

		const result = await pushTinyImage(
			registry.url,
			"team/app:v6",
			"mallory",
			PASSWORD,
		);

		expect(result.ok).toBe(false);
	});
});
