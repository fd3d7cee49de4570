import {
	KNOWN_ZONES,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { basicAuth, call, createBody, createRegistry } from "./http";

const JST_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;
const ERROR_KEYS = ["error_code", "error_msg", "is_fatal", "serial", "status"];

let emulator: SakuraEmulator;

beforeEach(async () => {
	emulator = await startSakuraEmulator();
});

afterEach(async () => {
	await emulator.close();
});

describe("registry create", () => {
	test("returns 201 with the full item", async () => {
		const before = Date.now();
		const result = await call(emulator, "POST", "", {
			body: createBody("app-images", {
				Name: "App images",
				Description: "team images",
				Tags: ["team-a", "prod"],
				Settings: {
					ContainerRegistry: {
						public: "none",
						virtual_domain: "reg.example.com",
					},
				},
			}),
		});

		expect(result.status).toBe(201);
		expect(result.json.is_ok).toBe(true);
		expect(result.json.Success).toBe(true);
		const item = result.json.CommonServiceItem;
		expect(item.ID).toMatch(/^9\d{11}$/);
		expect(item.Name).toBe("App images");
		expect(item.Description).toBe("team images");
		expect(item.Tags).toEqual(["team-a", "prod"]);
		expect(item.Icon).toBeNull();
		expect(item.Availability).toBe("available");
		expect(item.Provider.Class).toBe("containerregistry");
		expect(item.Settings).toEqual({
			ContainerRegistry: { public: "none", virtual_domain: "reg.example.com" },
		});
		expect(item.SettingsHash).toMatch(/^[0-9a-f]{32}$/);
		expect(item.Status).toEqual({
			registry_name: "app-images",
			hostname: "app-images.sakuracr.jp",
		});
		expect(item.CreatedAt).toMatch(JST_TIME);
		expect(item.ModifiedAt).toBe(item.CreatedAt);
		const createdAt = Date.parse(item.CreatedAt);
		expect(createdAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
		expect(createdAt).toBeLessThanOrEqual(Date.now());
	});

	test("stores the registry", async () => {
		const id = await createRegistry(emulator, "stored");

		expect(emulator.registries()).toEqual([
			{
				id,
				name: "stored",
				subdomainLabel: "stored",
				accessLevel: "none",
				virtualDomain: "",
				description: "",
			},
		]);
	});

	test("gives distinct IDs", async () => {
		const first = await createRegistry(emulator, "first");
		const second = await createRegistry(emulator, "second");

		expect(first).not.toBe(second);
	});

	test("keeps a non-zero icon ID", async () => {
		const result = await call(emulator, "POST", "", {
			body: createBody("with-icon", { Icon: { ID: "112233445566" } }),
		});

		expect(result.json.CommonServiceItem.Icon).toEqual({ ID: "112233445566" });
	});
});

describe("registry read", () => {
	test("returns the item with is_ok", async () => {
		const id = await createRegistry(emulator, "readable");

		const result = await call(emulator, "GET", `/${id}`);

		expect(result.status).toBe(200);
		expect(result.json.is_ok).toBe(true);
		expect(result.json.Success).toBeUndefined();
		expect(result.json.CommonServiceItem.ID).toBe(id);
		expect(result.json.CommonServiceItem.Status.registry_name).toBe("readable");
	});

	test("unknown ID is 404 not_found", async () => {
		const result = await call(emulator, "GET", "/999999999999");

		expect(result.status).toBe(404);
		expect(Object.keys(result.json).sort()).toEqual(ERROR_KEYS);
		expect(result.json.error_code).toBe("not_found");
		expect(result.json.status).toBe("404 Not Found");
		expect(result.json.is_fatal).toBe(true);
		expect(result.json.serial).toMatch(/^[0-9a-f]{32}$/);
		expect(result.json.error_msg).toBe(
			"対象が見つかりません。対象は利用できない状態か、IDまたはパスに誤りがあります。",
		);
	});

	test("non-decimal ID is 404", async () => {
		const result = await call(emulator, "GET", "/abc");

		expect(result.status).toBe(404);
		expect(result.json.error_code).toBe("not_found");
	});

	test("IDs become numbers with the bigint header", async () => {
		const id = await createRegistry(emulator, "numbers", {
			Icon: { ID: 112233445566 },
		});

		const asNumbers = await call(emulator, "GET", `/${id}`, {
			bigintAsInt: true,
		});
		const asStrings = await call(emulator, "GET", `/${id}`);

		expect(asNumbers.json.CommonServiceItem.ID).toBe(Number(id));
		expect(asNumbers.json.CommonServiceItem.Icon.ID).toBe(112233445566);
		expect(typeof asNumbers.json.CommonServiceItem.Provider.ID).toBe("number");
		expect(asStrings.json.CommonServiceItem.ID).toBe(id);
		expect(asStrings.json.CommonServiceItem.Icon.ID).toBe("112233445566");
		expect(typeof asStrings.json.CommonServiceItem.Provider.ID).toBe("string");
	});
});

describe("registry update", () => {
	test("replaces fields and settings wholesale", async () => {
		const id = await createRegistry(emulator, "updatable", {
			Settings: {
				ContainerRegistry: {
					public: "none",
					virtual_domain: "old.example.com",
				},
			},
		});
		const created = (await call(emulator, "GET", `/${id}`)).json
			.CommonServiceItem;

		const result = await call(emulator, "PUT", `/${id}`, {
			body: {
				CommonServiceItem: {
					Name: "renamed",
					Description: "new",
					Tags: ["x"],
					Icon: { ID: 0, Tags: [] },
					Settings: { ContainerRegistry: { public: "none" } },
					SettingsHash: created.SettingsHash,
				},
			},
		});

		expect(result.status).toBe(200);
		expect(result.json.Success).toBe(true);
		expect(result.json.is_ok).toBe(true);
		const item = result.json.CommonServiceItem;
		expect(item.Name).toBe("renamed");
		expect(item.Description).toBe("new");
		expect(item.Tags).toEqual(["x"]);
		expect(item.Settings.ContainerRegistry.virtual_domain).toBe("");
		expect(item.SettingsHash).not.toBe(created.SettingsHash);
		expect(item.Status.registry_name).toBe("updatable");
		expect(item.CreatedAt).toBe(created.CreatedAt);
		expect(Date.parse(item.ModifiedAt)).toBeGreaterThan(
			Date.parse(created.ModifiedAt),
		);
		expect(item.ModifiedAt).toMatch(JST_TIME);
	});

	test("keeps fields the body omits", async () => {
		const id = await createRegistry(emulator, "partial", {
			Description: "kept",
			Tags: ["kept"],
		});

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: { Name: "only-name" } },
		});

		expect(result.json.CommonServiceItem.Description).toBe("kept");
		expect(result.json.CommonServiceItem.Tags).toEqual(["kept"]);
		expect(
			result.json.CommonServiceItem.Settings.ContainerRegistry.public,
		).toBe("none");
	});

	test("settings hash follows settings only", async () => {
		const id = await createRegistry(emulator, "hashed");
		const first = (await call(emulator, "GET", `/${id}`)).json
			.CommonServiceItem;

		const renamed = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: { Name: "other" } },
		});

		expect(renamed.json.CommonServiceItem.SettingsHash).toBe(
			first.SettingsHash,
		);
	});

	test("rejects a changed subdomain label", async () => {
		const id = await createRegistry(emulator, "fixed-label");

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: { Status: { registry_name: "moved" } } },
		});

		expect(result.status).toBe(400);
		expect(emulator.registries()[0].subdomainLabel).toBe("fixed-label");
	});

	test("unknown ID is 404", async () => {
		const result = await call(emulator, "PUT", "/999999999999", {
			body: { CommonServiceItem: { Name: "x" } },
		});

		expect(result.status).toBe(404);
	});

	test("stale settings hash passes by default", async () => {
		const id = await createRegistry(emulator, "lax-hash");

		const result = await call(emulator, "PUT", `/${id}`, {
			body: { CommonServiceItem: { SettingsHash: "0".repeat(32) } },
		});

		expect(result.status).toBe(200);
	});

	test("stale settings hash is 409 when enforced", async () => {
		const strict = await startSakuraEmulator({ enforceSettingsHash: true });
		try {
			const id = await createRegistry(strict, "strict-hash");
			const current = (await call(strict, "GET", `/${id}`)).json
				.CommonServiceItem.SettingsHash;

			const stale = await call(strict, "PUT", `/${id}`, {
				body: {
					CommonServiceItem: {
						Description: "stale",
						SettingsHash: "0".repeat(32),
					},
				},
			});
			const fresh = await call(strict, "PUT", `/${id}`, {
				body: {
					CommonServiceItem: { Description: "fresh", SettingsHash: current },
				},
			});

			expect(stale.status).toBe(409);
			expect(stale.json.error_code).toBe("conflict");
			expect(fresh.status).toBe(200);
			expect(strict.registries()[0].description).toBe("fresh");
		} finally {
			await strict.close();
		}
	});
});

describe("registry delete", () => {
	test("returns the deleted item", async () => {
		const id = await createRegistry(emulator, "doomed");

		const result = await call(emulator, "DELETE", `/${id}`);

		expect(result.status).toBe(200);
		expect(result.json.Success).toBe(true);
		expect(result.json.is_ok).toBe(true);
		expect(result.json.CommonServiceItem.ID).toBe(id);
		expect(emulator.registries()).toEqual([]);
		expect((await call(emulator, "GET", `/${id}`)).status).toBe(404);
	});

	test("unknown ID is 404", async () => {
		const result = await call(emulator, "DELETE", "/999999999999");

		expect(result.status).toBe(404);
	});
});

describe("routing", () => {
	test("every known zone shares one store", async () => {
		const id = await createRegistry(emulator, "global");

		for (const zone of KNOWN_ZONES) {
			const result = await call(emulator, "GET", `/${id}`, { zone });
			expect({ zone, status: result.status }).toEqual({ zone, status: 200 });
		}
	});

	test("unknown zone is 404", async () => {
		const result = await call(emulator, "GET", "", { zone: "xx9z" });

		expect(result.status).toBe(404);
		expect(result.json.error_code).toBe("not_found");
	});

	test("any prefix before the zone works", async () => {
		const id = await createRegistry(emulator, "prefixed");
		const origin = new URL(emulator.rootUrl).origin;

		const response = await fetch(
			`${origin}/is1b/api/cloud/1.1/commonserviceitem/${id}`,
			{ headers: { Authorization: basicAuth() } },
		);

		expect(response.status).toBe(200);
	});

	test("trailing slash is accepted", async () => {
		const id = await createRegistry(emulator, "slashed");

		const item = await call(emulator, "GET", `/${id}/`);
		const list = await call(emulator, "GET", "/");
		const users = await call(
			emulator,
			"GET",
			`/${id}/containerregistry/users/`,
		);

		expect(item.status).toBe(200);
		expect(list.status).toBe(200);
		expect(list.json.Total).toBe(1);
		expect(users.status).toBe(200);
	});

	test("unknown subpath is 404", async () => {
		const id = await createRegistry(emulator, "subpath");

		const result = await call(
			emulator,
			"GET",
			`/${id}/containerregistry/other`,
		);

		expect(result.status).toBe(404);
	});

	test("wrong method is 405", async () => {
		const id = await createRegistry(emulator, "methods");

		const onItem = await call(emulator, "POST", `/${id}`, { body: {} });
		const onCollection = await call(emulator, "DELETE", "");

		expect(onItem.status).toBe(405);
		expect(onItem.json.error_code).toBe("method_not_allowed");
		expect(onCollection.status).toBe(405);
	});

	test("body that is not JSON is 400", async () => {
		const result = await call(emulator, "POST", "", { rawBody: "{not json" });

		expect(result.status).toBe(400);
		expect(result.json.error_code).toBe("bad_request");
	});

	test("missing body is 400", async () => {
		const result = await call(emulator, "POST", "");

		expect(result.status).toBe(400);
	});

	test("answers JSON with UTF-8", async () => {
		const result = await call(emulator, "GET", "/999999999999");

		expect(result.headers.get("content-type")).toBe(
			"application/json; charset=UTF-8",
		);
	});
});

describe("seedRegistry", () => {
	test("adds a readonly registry", async () => {
		const id = emulator.seedRegistry({
			name: "legacy",
			accessLevel: "readonly",
		});

		const result = await call(emulator, "GET", `/${id}`);

		expect(
			result.json.CommonServiceItem.Settings.ContainerRegistry.public,
		).toBe("readonly");
		expect(result.json.CommonServiceItem.Status.registry_name).toBe("legacy");
	});

	test("rejects a duplicate label", () => {
		emulator.seedRegistry({ name: "one", subdomainLabel: "same" });

		expect(() =>
			emulator.seedRegistry({ name: "two", subdomainLabel: "same" }),
		).toThrow(/same/);
	});
});

describe("unexpected failure", () => {
	test("is 500 and logged without secrets", async () => {
		const lines: { message: string; extra?: Record<string, unknown> }[] = [];
		const record = (message: string, extra?: Record<string, unknown>) => {
			lines.push({ message, extra });
		};
		const failing = await startSakuraEmulator({
			userNamePattern: {
				test: () => {
					throw new Error("pattern exploded");
				},
			} as unknown as RegExp,
			log: { debug: record, info: record, warn: record, error: record },
		});
		try {
			const id = await createRegistry(failing, "explodes");

			const result = await call(
				failing,
				"POST",
				`/${id}/containerregistry/users`,
				{
					body: {
						ContainerRegistry: {
							username: "alice",
							password: "secret-password",
							permission: "all",
						},
					},
				},
			);

			expect(result.status).toBe(500);
			expect(result.json.error_code).toBe("internal_server_error");
			expect(lines).toHaveLength(1);
			expect(JSON.stringify(lines)).toContain("pattern exploded");
			expect(JSON.stringify(lines)).not.toContain("secret-password");
		} finally {
			await failing.close();
		}
	});
});
