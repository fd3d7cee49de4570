import {
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { addUser, basicAuth, call, createRegistry } from "./http";

let emulator: SakuraEmulator;
let registryId: string;

beforeEach(async () => {
	emulator = await startSakuraEmulator();
	registryId = await createRegistry(emulator, "team");
});

afterEach(async () => {
	await emulator.close();
});

function usersPath(id = registryId): string {
	return `/${id}/containerregistry/users`;
}

describe("list users", () => {
	test("empty list is users []", async () => {
		const result = await call(emulator, "GET", usersPath());

		expect(result.status).toBe(200);
		expect(result.json).toEqual({
			ContainerRegistry: { users: [] },
			is_ok: true,
		});
	});

	test("lists names and permissions only", async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "alice-password",
			permission: "all",
		});
		await addUser(emulator, registryId, {
			username: "bob",
			password: "bob-password",
			permission: "readonly",
		});

		const result = await call(emulator, "GET", usersPath());

		expect(result.json.ContainerRegistry.users).toEqual([
			{ username: "alice", permission: "all" },
			{ username: "bob", permission: "readonly" },
		]);
	});

	test("never returns passwords", async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "visible-password",
			permission: "all",
		});

		const response = await fetch(
			`${emulator.rootUrl}/is1a/api/cloud/1.1/commonserviceitem${usersPath()}`,
			{ headers: { Authorization: basicAuth() } },
		);
		const text = await response.text();

		expect(text).not.toContain("visible-password");
		expect(text).not.toContain('password"');
		expect(text).not.toContain("$2");
	});

	test("unknown registry is 404", async () => {
		const result = await call(emulator, "GET", usersPath("999999999999"));

		expect(result.status).toBe(404);
		expect(result.json.error_code).toBe("not_found");
	});
});

describe("add user", () => {
	test("returns 200 with Success", async () => {
		const result = await call(emulator, "POST", usersPath(), {
			body: {
				ContainerRegistry: {
					username: "alice",
					password: "password1",
					permission: "readwrite",
				},
			},
		});

		expect(result.status).toBe(200);
		expect(result.json).toEqual({ Success: true, is_ok: true });
		expect(emulator.users(registryId)).toEqual([
			{ username: "alice", permission: "readwrite" },
		]);
	});

	test("stores the password as a hash", async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "readwrite",
		});

		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			true,
		);
		expect(emulator.verifyPassword(registryId, "alice", "password2")).toBe(
			false,
		);
		expect(emulator.verifyPassword(registryId, "nobody", "password1")).toBe(
			false,
		);
		expect(emulator.verifyPassword("999999999999", "alice", "password1")).toBe(
			false,
		);
	});

	test("duplicate name is 409 conflict", async () => {
		const user = {
			username: "alice",
			password: "password1",
			permission: "all",
		};
		await addUser(emulator, registryId, user);

		const result = await call(emulator, "POST", usersPath(), {
			body: { ContainerRegistry: { ...user, password: "password2" } },
		});

		expect(result.status).toBe(409);
		expect(result.json.error_code).toBe("conflict");
		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			true,
		);
	});

	test("same name in two registries", async () => {
		const otherId = await createRegistry(emulator, "other");
		const user = {
			username: "alice",
			password: "password1",
			permission: "all",
		};

		expect(await addUser(emulator, registryId, user)).toBe(200);
		expect(await addUser(emulator, otherId, user)).toBe(200);
	});

	test("unknown registry is 404", async () => {
		const status = await addUser(emulator, "999999999999", {
			username: "alice",
			password: "password1",
			permission: "all",
		});

		expect(status).toBe(404);
	});
});

describe("update user", () => {
	beforeEach(async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "readonly",
		});
	});

	test("changes password and permission", async () => {
		const result = await call(emulator, "PUT", `${usersPath()}/alice`, {
			body: { ContainerRegistry: { password: "password2", permission: "all" } },
		});

		expect(result.status).toBe(200);
		expect(result.json.is_ok).toBe(true);
		expect(emulator.users(registryId)).toEqual([
			{ username: "alice", permission: "all" },
		]);
		expect(emulator.verifyPassword(registryId, "alice", "password2")).toBe(
			true,
		);
		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			false,
		);
	});

	test("empty password keeps the current one", async () => {
		const result = await call(emulator, "PUT", `${usersPath()}/alice`, {
			body: { ContainerRegistry: { password: "", permission: "readwrite" } },
		});

		expect(result.status).toBe(200);
		expect(emulator.users(registryId)[0].permission).toBe("readwrite");
		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			true,
		);
	});

	test("absent password keeps the current one", async () => {
		await call(emulator, "PUT", `${usersPath()}/alice`, {
			body: { ContainerRegistry: { permission: "all" } },
		});

		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			true,
		);
	});

	test("unknown user is 404", async () => {
		const result = await call(emulator, "PUT", `${usersPath()}/bob`, {
			body: { ContainerRegistry: { password: "", permission: "all" } },
		});

		expect(result.status).toBe(404);
		expect(result.json.error_code).toBe("not_found");
	});

	test("unknown registry is 404", async () => {
		const result = await call(
			emulator,
			"PUT",
			`${usersPath("999999999999")}/alice`,
			{ body: { ContainerRegistry: { password: "", permission: "all" } } },
		);

		expect(result.status).toBe(404);
	});
});

describe("delete user", () => {
	beforeEach(async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "all",
		});
	});

	test("removes the user", async () => {
		const result = await call(emulator, "DELETE", `${usersPath()}/alice`);

		expect(result.status).toBe(200);
		expect(result.json.is_ok).toBe(true);
		expect(emulator.users(registryId)).toEqual([]);
		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			false,
		);
	});

	test("unknown user is 404", async () => {
		const result = await call(emulator, "DELETE", `${usersPath()}/bob`);

		expect(result.status).toBe(404);
		expect(emulator.users(registryId)).toHaveLength(1);
	});

	test("percent-encoded name matches", async () => {
		await addUser(emulator, registryId, {
			username: "ci.bot",
			password: "password1",
			permission: "all",
		});

		const result = await call(emulator, "DELETE", `${usersPath()}/ci%2Ebot`);

		expect(result.status).toBe(200);
		expect(emulator.users(registryId)).toEqual([
			{ username: "alice", permission: "all" },
		]);
	});

	test("deleting the registry deletes its users", async () => {
		await call(emulator, "DELETE", `/${registryId}`);

		expect(emulator.users(registryId)).toEqual([]);
		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			false,
		);
		expect((await call(emulator, "GET", usersPath())).status).toBe(404);
	});
});
