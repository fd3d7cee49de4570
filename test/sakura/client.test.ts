import { Agent } from "undici";
import { SakuraClient } from "../../src/sakura";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import {
	type EmulatorFixture,
	startFixture,
	stopFixture,
} from "./emulator-fixture";

describe("SakuraClient registry operations", () => {
	let fixture: EmulatorFixture;

	beforeEach(async () => {
		fixture = await startFixture();
	});

	afterEach(async () => {
		await stopFixture(fixture);
	});

	it("creates a registry the emulator then holds", async () => {
		const { client, emulator } = fixture;

		const created = await client.createRegistry({
			name: "team-a",
			subdomainLabel: "team-a",
			accessLevel: "none",
			description: "images of team A",
			tags: ["prod", "app"],
		});

		expect(created.id).toMatch(/^\d+$/);
		expect(created.name).toBe("team-a");
		expect(created.subdomainLabel).toBe("team-a");
		expect(created.fqdn).toBe("team-a.sakuracr.jp");
		expect(created.accessLevel).toBe("none");
		expect(created.virtualDomain).toBe("");
		expect(created.description).toBe("images of team A");
		expect(created.tags).toEqual(["app", "prod"]);
		expect(emulator.registries()).toEqual([
			expect.objectContaining({
				id: created.id,
				name: "team-a",
				subdomainLabel: "team-a",
				accessLevel: "none",
				virtualDomain: "",
				description: "images of team A",
			}),
		]);
	});

	it("creates a registry with a virtual domain", async () => {
		const created = await fixture.client.createRegistry({
			name: "team-b",
			subdomainLabel: "team-b",
			accessLevel: "none",
			virtualDomain: "registry.example.com",
		});

		expect(created.virtualDomain).toBe("registry.example.com");
		expect(fixture.emulator.registries()[0].virtualDomain).toBe(
			"registry.example.com",
		);
	});

	it("reads a registry by ID as a string", async () => {
		const id = fixture.emulator.seedRegistry({
			name: "seeded",
			subdomainLabel: "seeded-label",
		});

		const registry = await fixture.client.getRegistry(id);

		expect(typeof registry.id).toBe("string");
		expect(registry.id).toBe(id);
		expect(registry.name).toBe("seeded");
		expect(registry.subdomainLabel).toBe("seeded-label");
		expect(registry.fqdn).toBe("seeded-label.sakuracr.jp");
		expect(registry.createdAt).toMatch(
			/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/,
		);
	});

	it("lists every registry across pages", async () => {
		const ids = new Set<string>();
		for (let index = 0; index < 205; index++) {
			ids.add(fixture.emulator.seedRegistry({ name: `reg-${index}` }));
		}

		const registries = await fixture.client.listRegistries();

		expect(registries).toHaveLength(205);
		expect(new Set(registries.map((registry) => registry.id))).toEqual(ids);
		const finds = fixture.emulator.requests.filter(
			(request) => request.method === "GET",
		);
		expect(finds).toHaveLength(3);
	});

	it("lists no registries on an empty account", async () => {
		await expect(fixture.client.listRegistries()).resolves.toEqual([]);
	});

	it("deletes a registry", async () => {
		const keep = fixture.emulator.seedRegistry({ name: "keep" });
		const drop = fixture.emulator.seedRegistry({ name: "drop" });

		await fixture.client.deleteRegistry(drop);

		expect(
			fixture.emulator.registries().map((registry) => registry.id),
		).toEqual([keep]);
		const deletes = fixture.emulator.requests.filter(
			(request) => request.method === "DELETE",
		);
		expect(deletes).toHaveLength(1);
	});
});

describe("SakuraClient user operations", () => {
	let fixture: EmulatorFixture;
	let registryId: string;

	beforeEach(async () => {
		fixture = await startFixture();
		registryId = fixture.emulator.seedRegistry({ name: "users-test" });
	});

	afterEach(async () => {
		await stopFixture(fixture);
	});

	it("lists no users of a new registry", async () => {
		await expect(fixture.client.listUsers(registryId)).resolves.toEqual([]);
	});

	it("adds a user with its password", async () => {
		await fixture.client.addUser(registryId, {
			username: "ci",
			password: "Add-user-pass-1",
			permission: "readwrite",
		});

		expect(fixture.emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readwrite" },
		]);
		expect(
			fixture.emulator.verifyPassword(registryId, "ci", "Add-user-pass-1"),
		).toBe(true);
		expect(
			fixture.emulator.verifyPassword(registryId, "ci", "wrong-password"),
		).toBe(false);
	});

	it("lists users without passwords", async () => {
		await fixture.client.addUser(registryId, {
			username: "ci",
			password: "List-user-pass-1",
			permission: "readonly",
		});
		await fixture.client.addUser(registryId, {
			username: "ops",
			password: "List-user-pass-2",
			permission: "all",
		});

		const users = await fixture.client.listUsers(registryId);

		const sorted = [...users].sort((a, b) =>
			a.username.localeCompare(b.username),
		);
		expect(sorted).toEqual([
			{ username: "ci", permission: "readonly" },
			{ username: "ops", permission: "all" },
		]);
		expect(JSON.stringify(users)).not.toContain("List-user-pass");
	});

	it("updates permission and password", async () => {
		await fixture.client.addUser(registryId, {
			username: "ci",
			password: "Old-password-1",
			permission: "readonly",
		});

		await fixture.client.updateUser(registryId, "ci", {
			password: "New-password-2",
			permission: "all",
		});

		expect(fixture.emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "all" },
		]);
		expect(
			fixture.emulator.verifyPassword(registryId, "ci", "New-password-2"),
		).toBe(true);
		expect(
			fixture.emulator.verifyPassword(registryId, "ci", "Old-password-1"),
		).toBe(false);
	});

	it("keeps the password on an empty one", async () => {
		await fixture.client.addUser(registryId, {
			username: "ci",
			password: "Kept-password-1",
			permission: "readonly",
		});

		await fixture.client.updateUser(registryId, "ci", {
			password: "",
			permission: "readwrite",
		});

		expect(fixture.emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readwrite" },
		]);
		expect(
			fixture.emulator.verifyPassword(registryId, "ci", "Kept-password-1"),
		).toBe(true);
	});

	it("deletes a user", async () => {
		await fixture.client.addUser(registryId, {
			username: "ci",
			password: "Delete-pass-1",
			permission: "readonly",
		});
		await fixture.client.addUser(registryId, {
			username: "ops",
			password: "Delete-pass-2",
			permission: "readonly",
		});

		await fixture.client.deleteUser(registryId, "ci");

		expect(fixture.emulator.users(registryId)).toEqual([
			{ username: "ops", permission: "readonly" },
		]);
	});
});

describe("SakuraClient dispatcher", () => {
	it("leaves a caller's dispatcher open on close", async () => {
		const fixture = await startFixture();
		const agent = new Agent();
		const client = new SakuraClient({
			...SANDBOX_CREDENTIALS,
			rootUrl: fixture.emulator.rootUrl,
			dispatcher: agent,
		});

		try {
			await client.listRegistries();
			await client.close();

			expect(agent.closed).toBe(false);
			await expect(client.listRegistries()).resolves.toEqual([]);
		} finally {
			await agent.close();
			await stopFixture(fixture);
		}
	});

	it("closes its own agent on close", async () => {
		const fixture = await startFixture();
		await fixture.client.close();

		await expect(fixture.client.listRegistries()).rejects.toThrow();

		await fixture.emulator.close();
	});
});
