import { SakuraResponseError } from "../../src/sakura/errors";
import {
	findEnvelopeSchema,
	nakedRegistrySchema,
	parseResponse,
	registryEnvelopeSchema,
	usersEnvelopeSchema,
} from "../../src/sakura/schemas";
import { createRegistryBody, toRegistry } from "../../src/sakura/wire";

const fullItem = {
	ID: 113701684393,
	Name: "example",
	Description: "",
	Tags: [],
	Icon: null,
	Availability: "available",
	CreatedAt: "2025-06-18T12:11:42+09:00",
	ModifiedAt: "2025-06-18T12:11:42+09:00",
	Provider: { ID: 0, Class: "containerregistry" },
	Settings: { ContainerRegistry: { public: "none", virtual_domain: "" } },
	SettingsHash: "0123456789abcdef0123456789abcdef",
	Status: { registry_name: "example", hostname: "example.sakuracr.jp" },
};

describe("registry schema and mapping", () => {
	it("maps wire names to the registry fields", () => {
		const registry = toRegistry(nakedRegistrySchema.parse(fullItem));

		expect(registry).toEqual({
			id: "113701684393",
			name: "example",
			description: "",
			tags: [],
			subdomainLabel: "example",
			fqdn: "example.sakuracr.jp",
			accessLevel: "none",
			virtualDomain: "",
			availability: "available",
			createdAt: "2025-06-18T12:11:42+09:00",
			modifiedAt: "2025-06-18T12:11:42+09:00",
			settingsHash: "0123456789abcdef0123456789abcdef",
		});
	});

	it("normalises a string ID and a numeric ID alike", () => {
		const fromString = nakedRegistrySchema.parse({
			...fullItem,
			ID: "113701684393",
		});
		const fromNumber = nakedRegistrySchema.parse(fullItem);

		expect(fromString.ID).toBe("113701684393");
		expect(fromNumber.ID).toBe("113701684393");
	});

	it("rejects an ID that is not decimal", () => {
		expect(
			nakedRegistrySchema.safeParse({ ...fullItem, ID: "abc" }).success,
		).toBe(false);
		expect(nakedRegistrySchema.safeParse({ ...fullItem, ID: -1 }).success).toBe(
			false,
		);
	});

	it("accepts an icon object", () => {
		const parsed = nakedRegistrySchema.parse({
			...fullItem,
			Icon: { ID: "112900000000", Tags: [] },
		});
		expect(parsed.Icon?.ID).toBe("112900000000");
	});

	it("reads null settings and status as empty fields", () => {
		const registry = toRegistry(
			nakedRegistrySchema.parse({
				...fullItem,
				Description: null,
				Tags: null,
				Settings: null,
				SettingsHash: null,
				Status: null,
			}),
		);

		expect(registry.accessLevel).toBe("");
		expect(registry.virtualDomain).toBe("");
		expect(registry.subdomainLabel).toBe("");
		expect(registry.fqdn).toBe("");
		expect(registry.description).toBe("");
		expect(registry.tags).toEqual([]);
		expect(registry.settingsHash).toBeNull();
	});

	it("derives the FQDN when the hostname is missing", () => {
		const registry = toRegistry(
			nakedRegistrySchema.parse({
				...fullItem,
				Status: { registry_name: "team-a" },
			}),
		);
		expect(registry.fqdn).toBe("team-a.sakuracr.jp");
	});

	it("rejects an unknown access level", () => {
		const item = {
			...fullItem,
			Settings: {
				ContainerRegistry: { public: "everyone", virtual_domain: "" },
			},
		};
		expect(nakedRegistrySchema.safeParse(item).success).toBe(false);
	});
});

describe("find envelope", () => {
	it("accepts counts as strings and null items", () => {
		const page = findEnvelopeSchema.parse({
			Total: "0",
			From: "0",
			Count: "0",
			CommonServiceItems: null,
		});
		expect(page.Total).toBe(0);
		expect(page.CommonServiceItems).toEqual([]);
	});
});

describe("users envelope", () => {
	it("drops passwords", () => {
		const parsed = usersEnvelopeSchema.parse({
			ContainerRegistry: {
				users: [
					{
						username: "ci",
						permission: "readwrite",
						password: "hunter2-secret",
					},
				],
			},
			is_ok: true,
		});

		expect(parsed.ContainerRegistry?.users).toEqual([
			{ username: "ci", permission: "readwrite" },
		]);
		expect(JSON.stringify(parsed)).not.toContain("hunter2-secret");
	});

	it("accepts a missing wrapper and null users", () => {
		expect(
			usersEnvelopeSchema.parse({ is_ok: true }).ContainerRegistry,
		).toBeUndefined();
		expect(
			usersEnvelopeSchema.parse({ ContainerRegistry: null }).ContainerRegistry,
		).toBeNull();
		expect(
			usersEnvelopeSchema.parse({ ContainerRegistry: { users: null } })
				.ContainerRegistry?.users,
		).toBeNull();
	});
});

describe("parseResponse", () => {
	it("names the failed path without body values", () => {
		const body = {
			CommonServiceItem: {
				...fullItem,
				Name: 42,
				Description: "do-not-echo-this",
			},
		};

		let caught: unknown;
		try {
			parseResponse(
				registryEnvelopeSchema,
				body,
				"GET",
				"/commonserviceitem/1",
			);
		} catch (error) {
			caught = error;
		}

		expect(caught).toBeInstanceOf(SakuraResponseError);
		expect((caught as Error).message).toContain(
			"CommonServiceItem.Name: invalid_type",
		);
		expect((caught as Error).message).not.toContain("do-not-echo-this");
	});

	it("rejects an empty body", () => {
		expect(() =>
			parseResponse(
				registryEnvelopeSchema,
				undefined,
				"GET",
				"/commonserviceitem/1",
			),
		).toThrow("(body): invalid_type");
	});
});

describe("createRegistryBody", () => {
	it("has the shape SAKURA's Go client sends", () => {
		const body = createRegistryBody({
			name: "team-a",
			subdomainLabel: "team-a",
			accessLevel: "none",
			tags: ["b", "a"],
		});

		expect(body).toEqual({
			CommonServiceItem: {
				Name: "team-a",
				Description: "",
				Tags: ["a", "b"],
				Icon: { ID: 0, Tags: [] },
				Provider: { Class: "containerregistry" },
				Settings: { ContainerRegistry: { public: "none", virtual_domain: "" } },
				Status: { registry_name: "team-a" },
			},
		});
	});
});
