import {
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import bcrypt from "bcryptjs";
import {
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { addUser, call, createRegistry } from "./http";

let directory: string;
let htpasswdPath: string;
let emulator: SakuraEmulator | undefined;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), "sakura-emulator-htpasswd-"));
	htpasswdPath = join(directory, "htpasswd");
});

afterEach(async () => {
	await emulator?.close();
	emulator = undefined;
	rmSync(directory, { recursive: true, force: true });
});

/** Parses the file into user name → hash. */
function readEntries(): Map<string, string> {
	const entries = new Map<string, string>();
	for (const line of readFileSync(htpasswdPath, "utf8").split("\n")) {
		if (line === "") {
			continue;
		}
		const separator = line.indexOf(":");
		entries.set(line.slice(0, separator), line.slice(separator + 1));
	}
	return entries;
}

describe("htpasswd sync", () => {
	test("file exists and is empty after start", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });

		expect(readFileSync(htpasswdPath, "utf8")).toBe("");
		expect(statSync(htpasswdPath).mode & 0o777).toBe(0o600);
	});

	test("no file without the option", async () => {
		emulator = await startSakuraEmulator();
		const id = await createRegistry(emulator, "nofile");
		await addUser(emulator, id, {
			username: "alice",
			password: "password1",
			permission: "all",
		});

		expect(readdirSync(directory)).toEqual([]);
	});

	test("added user gets a bcrypt line", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");

		await addUser(emulator, id, {
			username: "alice",
			password: "alice-password",
			permission: "readwrite",
		});

		const entries = readEntries();
		const hash = entries.get("alice") ?? "";
		expect([...entries.keys()]).toEqual(["alice"]);
		expect(hash).toMatch(/^\$2y\$04\$/);
		expect(bcrypt.compareSync("alice-password", hash)).toBe(true);
		expect(readFileSync(htpasswdPath, "utf8")).not.toContain("alice-password");
	});

	test("password change rewrites the hash", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");
		await addUser(emulator, id, {
			username: "alice",
			password: "password1",
			permission: "all",
		});

		await call(emulator, "PUT", `/${id}/containerregistry/users/alice`, {
			body: { ContainerRegistry: { password: "password2", permission: "all" } },
		});

		const hash = readEntries().get("alice") ?? "";
		expect(bcrypt.compareSync("password2", hash)).toBe(true);
		expect(bcrypt.compareSync("password1", hash)).toBe(false);
	});

	test("permission-only change keeps the hash", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");
		await addUser(emulator, id, {
			username: "alice",
			password: "password1",
			permission: "all",
		});
		const before = readEntries().get("alice");

		await call(emulator, "PUT", `/${id}/containerregistry/users/alice`, {
			body: { ContainerRegistry: { password: "", permission: "readonly" } },
		});

		expect(readEntries().get("alice")).toBe(before);
	});

	test("deleted user leaves the file", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");
		for (const username of ["alice", "bob"]) {
			await addUser(emulator, id, {
				username,
				password: "password1",
				permission: "all",
			});
		}

		await call(emulator, "DELETE", `/${id}/containerregistry/users/alice`);

		expect([...readEntries().keys()]).toEqual(["bob"]);
	});

	test("deleted registry takes its users", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");
		await addUser(emulator, id, {
			username: "alice",
			password: "password1",
			permission: "all",
		});

		await call(emulator, "DELETE", `/${id}`);

		expect(readFileSync(htpasswdPath, "utf8")).toBe("");
	});

	test("registry option filters users", async () => {
		emulator = await startSakuraEmulator({
			htpasswdPath,
			htpasswdRegistry: "chosen",
		});
		const chosen = await createRegistry(emulator, "chosen");
		const other = await createRegistry(emulator, "other");

		await addUser(emulator, other, {
			username: "outsider",
			password: "password1",
			permission: "all",
		});
		await addUser(emulator, chosen, {
			username: "insider",
			password: "password1",
			permission: "all",
		});

		expect([...readEntries().keys()]).toEqual(["insider"]);
	});

	test("shared name keeps the lowest registry ID", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const first = await createRegistry(emulator, "first");
		const second = await createRegistry(emulator, "second");
		await addUser(emulator, second, {
			username: "alice",
			password: "second-password",
			permission: "all",
		});
		await addUser(emulator, first, {
			username: "alice",
			password: "first-password",
			permission: "all",
		});

		const entries = readEntries();
		expect(entries.size).toBe(1);
		expect(
			bcrypt.compareSync("first-password", entries.get("alice") ?? ""),
		).toBe(true);
	});

	test("leaves no temporary files", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");
		await addUser(emulator, id, {
			username: "alice",
			password: "password1",
			permission: "all",
		});

		expect(readdirSync(directory)).toEqual(["htpasswd"]);
	});

	test("replaces a stale file at start", async () => {
		emulator = await startSakuraEmulator({ htpasswdPath });
		const id = await createRegistry(emulator, "team");
		await addUser(emulator, id, {
			username: "alice",
			password: "password1",
			permission: "all",
		});
		await emulator.close();

		emulator = await startSakuraEmulator({ htpasswdPath });

		expect(readFileSync(htpasswdPath, "utf8")).toBe("");
	});
});
