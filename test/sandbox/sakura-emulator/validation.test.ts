import {
	type SakuraEmulator,
	type SakuraEmulatorOptions,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { addUser, call, createBody, createRegistry } from "./http";

const BAD_REQUEST_MESSAGE =
	"不適切な要求です。パラメータの指定誤り、入力規則違反です。入力内容をご確認ください。";

let emulator: SakuraEmulator;

async function withEmulator(
	options: SakuraEmulatorOptions,
	body: (instance: SakuraEmulator) => Promise<void>,
): Promise<void> {
	const instance = await startSakuraEmulator(options);
	try {
		await body(instance);
	} finally {
		await instance.close();
	}
}

function settings(accessLevel: unknown, virtualDomain: unknown = "") {
	return {
		Settings: {
			ContainerRegistry: { public: accessLevel, virtual_domain: virtualDomain },
		},
	};
}

beforeEach(async () => {
	emulator = await startSakuraEmulator();
});

afterEach(async () => {
	await emulator.close();
});

describe("create rejects", () => {
	const cases: [string, string, Record<string, unknown>][] = [
		["empty name", "r1", { Name: "" }],
		["65-char name", "r2", { Name: "n".repeat(65) }],
		["numeric name", "r3", { Name: 12 }],
		["513-char description", "r4", { Description: "d".repeat(513) }],
		["11 tags", "r5", { Tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
		["33-char tag", "r6", { Tags: ["t".repeat(33)] }],
		["empty tag", "r7", { Tags: [""] }],
		["tag that is a number", "r8", { Tags: [5] }],
		["tags object", "r9", { Tags: { a: 1 } }],
		["uppercase label", "Upper", {}],
		["label with underscore", "under_score", {}],
		["label with leading hyphen", "-lead", {}],
		["label with trailing hyphen", "trail-", {}],
		["64-char label", "a".repeat(64), {}],
		["empty label", "", {}],
		["access level readonly", "r10", settings("readonly")],
		["access level readwrite", "r11", settings("readwrite")],
		["empty access level", "r12", settings("")],
		["unknown access level", "r13", settings("public")],
		["virtual domain not a FQDN", "r14", settings("none", "not a domain")],
		["virtual domain without a dot", "r15", settings("none", "localhost")],
		["other provider class", "r16", { Provider: { Class: "eventbus" } }],
		["missing provider", "r17", { Provider: undefined }],
		["missing settings", "r18", { Settings: undefined }],
		["missing status", "r19", { Status: undefined }],
		["icon ID not decimal", "r20", { Icon: { ID: "abc" } }],
	];

	test.each(cases)("%s", async (_name, label, overrides) => {
		const result = await call(emulator, "POST", "", {
			body: createBody(label, overrides),
		});

		expect(result.status).toBe(400);
		expect(result.json.error_code).toBe("bad_request");
		expect(result.json.status).toBe("400 Bad Request");
		expect(result.json.error_msg).toBe(BAD_REQUEST_MESSAGE);
		expect(emulator.registries()).toEqual([]);
	});

	test("body without CommonServiceItem", async () => {
		const result = await call(emulator, "POST", "", {
			body: { ContainerRegistry: {} },
		});

		expect(result.status).toBe(400);
	});
});

describe("create accepts", () => {
	const cases: [string, string, Record<string, unknown>][] = [
		["64-char name", "a1", { Name: "n".repeat(64) }],
		["multibyte name", "a2", { Name: "レジストリ" }],
		["512-char description", "a3", { Description: "d".repeat(512) }],
		[
			"10 tags of 32",
			"a4",
			{ Tags: Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(32, "t")) },
		],
		["63-char label", "b".repeat(63), {}],
		["one-char label", "c", {}],
		["label with inner hyphens", "my-team-images", {}],
		["virtual domain", "a5", settings("none", "reg.example.com")],
		["icon as string zero", "a6", { Icon: { ID: "0" } }],
		["icon null", "a7", { Icon: null }],
		[
			"no description and tags",
			"a8",
			{ Description: undefined, Tags: undefined },
		],
	];

	test.each(cases)("%s", async (_name, label, overrides) => {
		const result = await call(emulator, "POST", "", {
			body: createBody(label, overrides),
		});

		expect(result.status).toBe(201);
	});
});

describe("duplicate subdomain label", () => {
	test("is 409 conflict by default", async () => {
		await createRegistry(emulator, "taken");

		const result = await call(emulator, "POST", "", {
			body: createBody("taken", { Name: "another" }),
		});

		expect(result.status).toBe(409);
		expect(result.json.error_code).toBe("conflict");
		expect(emulator.registries()).toHaveLength(1);
	});

	test("is 400 when configured", async () => {
		await withEmulator({ duplicateLabelStatus: 400 }, async (instance) => {
			await createRegistry(instance, "taken");

			const result = await call(instance, "POST", "", {
				body: createBody("taken"),
			});

			expect(result.status).toBe(400);
			expect(result.json.error_code).toBe("bad_request");
		});
	});

	test("is free again after delete", async () => {
		const id = await createRegistry(emulator, "recycled");
		await call(emulator, "DELETE", `/${id}`);

		const result = await call(emulator, "POST", "", {
			body: createBody("recycled"),
		});

		expect(result.status).toBe(201);
	});
});

describe("access level", () => {
	test("legacy mode accepts readonly", async () => {
		await withEmulator({ legacyReadonly: true }, async (instance) => {
			const result = await call(instance, "POST", "", {
				body: createBody("pull-only", settings("readonly")),
			});

			expect(result.status).toBe(201);
			expect(
				result.json.CommonServiceItem.Settings.ContainerRegistry.public,
			).toBe("readonly");
		});
	});

	test("legacy mode still rejects readwrite", async () => {
		await withEmulator({ legacyReadonly: true }, async (instance) => {
			const result = await call(instance, "POST", "", {
				body: createBody("push-pull", settings("readwrite")),
			});

			expect(result.status).toBe(400);
		});
	});

	test("update to readonly is rejected", async () => {
		const id = await createRegistry(emulator, "private");

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: settings("readonly") },
		});

		expect(result.status).toBe(400);
		expect(emulator.registries()[0].accessLevel).toBe("none");
	});

	test("existing readonly registry keeps readonly", async () => {
		const id = emulator.seedRegistry({ name: "old", accessLevel: "readonly" });

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: settings("readonly", "old.example.com") },
		});

		expect(result.status).toBe(200);
		expect(emulator.registries()[0].virtualDomain).toBe("old.example.com");
	});

	test("existing readwrite registry cannot keep readwrite", async () => {
		const id = emulator.seedRegistry({
			name: "open",
			accessLevel: "readwrite",
		});

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: settings("readwrite") },
		});

		expect(result.status).toBe(400);
	});
});

describe("update rejects", () => {
	const cases: [string, Record<string, unknown>][] = [
		["empty name", { Name: "" }],
		["513-char description", { Description: "d".repeat(513) }],
		["11 tags", { Tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
		["settings without public", { Settings: { ContainerRegistry: {} } }],
		["settings not an object", { Settings: "none" }],
		["other provider class", { Provider: { Class: "sim" } }],
	];

	test.each(cases)("%s", async (_name, item) => {
		const id = await createRegistry(emulator, "target");

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: item },
		});

		expect(result.status).toBe(400);
		expect(emulator.registries()[0].name).toBe("target");
	});
});

describe("configurable label rules", () => {
	test("longer max length", async () => {
		await withEmulator({ labelMaxLength: 64 }, async (instance) => {
			const result = await call(instance, "POST", "", {
				body: createBody("a".repeat(64)),
			});

			expect(result.status).toBe(201);
		});
	});

	test("custom pattern", async () => {
		await withEmulator({ labelPattern: /^[a-z]+$/ }, async (instance) => {
			const digits = await call(instance, "POST", "", {
				body: createBody("abc1"),
			});
			const letters = await call(instance, "POST", "", {
				body: createBody("abc"),
			});

			expect(digits.status).toBe(400);
			expect(letters.status).toBe(201);
		});
	});
});

describe("user rules", () => {
	let registryId: string;

	beforeEach(async () => {
		registryId = await createRegistry(emulator, "users");
	});

	const rejected: [string, Record<string, unknown>][] = [
		["uppercase name", { username: "Alice" }],
		["name with slash", { username: "a/b" }],
		["name starting with a dot", { username: ".alice" }],
		["65-char name", { username: "a".repeat(65) }],
		["empty name", { username: "" }],
		["missing name", { username: undefined }],
		["7-char password", { password: "1234567" }],
		["65-char password", { password: "p".repeat(65) }],
		["non-ASCII password", { password: "pässwörd1" }],
		["password with a newline", { password: "password\n1" }],
		["missing password", { password: undefined }],
		["unknown permission", { permission: "admin" }],
		["missing permission", { permission: undefined }],
	];

	test.each(rejected)("add rejects %s", async (_name, overrides) => {
		const status = await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "readwrite",
			...overrides,
		} as never);

		expect(status).toBe(400);
		expect(emulator.users(registryId)).toEqual([]);
	});

	const accepted: [string, Record<string, string>][] = [
		["name with dot, dash and underscore", { username: "ci.bot_1-a" }],
		["64-char name", { username: "a".repeat(64) }],
		["8-char password", { password: "12345678" }],
		["64-char password with spaces", { password: `${"p ".repeat(31)}!~` }],
		["permission all", { permission: "all" }],
		["permission readonly", { permission: "readonly" }],
	];

	test.each(accepted)("add accepts %s", async (_name, overrides) => {
		const status = await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "readwrite",
			...overrides,
		});

		expect(status).toBe(200);
	});

	test("update rejects a short password", async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "readwrite",
		});

		const result = await call(
			emulator,
			"PUT",
			`/${registryId}/containerregistry/users/alice`,
			{ body: { ContainerRegistry: { password: "short", permission: "all" } } },
		);

		expect(result.status).toBe(400);
		expect(emulator.users(registryId)[0].permission).toBe("readwrite");
		expect(emulator.verifyPassword(registryId, "alice", "password1")).toBe(
			true,
		);
	});

	test("update requires permission", async () => {
		await addUser(emulator, registryId, {
			username: "alice",
			password: "password1",
			permission: "readwrite",
		});

		const result = await call(
			emulator,
			"PUT",
			`/${registryId}/containerregistry/users/alice`,
			{ body: { ContainerRegistry: { password: "" } } },
		);

		expect(result.status).toBe(400);
	});

	test("configured password bounds", async () => {
		await withEmulator(
			{ passwordMinLength: 12, passwordMaxLength: 16 },
			async (instance) => {
				const id = await createRegistry(instance, "bounds");
				const user = { username: "u", permission: "all" };

				const short = await addUser(instance, id, {
					...user,
					password: "p".repeat(11),
				});
				const long = await addUser(instance, id, {
					...user,
					password: "p".repeat(17),
				});
				const fits = await addUser(instance, id, {
					...user,
					password: "p".repeat(12),
				});

				expect(short).toBe(400);
				expect(long).toBe(400);
				expect(fits).toBe(200);
			},
		);
	});

	test("configured user name pattern", async () => {
		await withEmulator({ userNamePattern: /^[A-Z]+$/ }, async (instance) => {
			const id = await createRegistry(instance, "names");
			const user = { password: "password1", permission: "all" };

			const lower = await addUser(instance, id, { ...user, username: "abc" });
			const upper = await addUser(instance, id, { ...user, username: "ABC" });

			expect(lower).toBe(400);
			expect(upper).toBe(200);
		});
	});
});

describe("option checks", () => {
	test("password bounds out of order throw", async () => {
		await expect(
			startSakuraEmulator({ passwordMinLength: 20, passwordMaxLength: 10 }),
		).rejects.toThrow(RangeError);
	});

	test("empty credentials throw", async () => {
		await expect(startSakuraEmulator({ credentials: [] })).rejects.toThrow(
			/credentials/,
		);
	});
});
