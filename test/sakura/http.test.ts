import {
	SakuraApiError,
	SakuraClient,
	SakuraResponseError,
	SakuraTimeoutError,
} from "../../src/sakura";
import { captureLogger } from "./capture-logger";
import { type StubServer, sendJson, startStubServer } from "./stub-server";

const credentials = {
	accessToken: "token-id",
	accessTokenSecret: "token-secret-value",
};

const item = (id: string | number, label: string) => ({
	ID: id,
	Name: label,
	Description: "",
	Tags: [],
	Icon: null,
	Availability: "available",
	CreatedAt: "2025-06-18T12:11:42+09:00",
	ModifiedAt: "2025-06-18T12:11:42+09:00",
	Provider: { Class: "containerregistry" },
	Settings: { ContainerRegistry: { public: "none", virtual_domain: "" } },
	SettingsHash: null,
	Status: { registry_name: label, hostname: `${label}.sakuracr.jp` },
});

describe("SakuraClient over HTTP", () => {
	let server: StubServer | undefined;
	let client: SakuraClient | undefined;

	afterEach(async () => {
		await client?.close();
		await server?.close();
		client = undefined;
		server = undefined;
	});

	it("sends the SAKURA headers on every request", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, { ContainerRegistry: { users: [] } }),
		);
		client = new SakuraClient({
			...credentials,
			rootUrl: `${server.rootUrl}/`,
			zone: "tk1b",
			acceptLanguage: "en-US",
			userAgent: "test-agent/1",
		});

		await client.listUsers("900000000001");
		await client.addUser("900000000001", {
			username: "ci",
			password: "pw-123456789",
			permission: "readonly",
		});

		const [get, post] = server.requests;
		const expectedAuth = `Basic ${Buffer.from("token-id:token-secret-value").toString("base64")}`;
		for (const request of server.requests) {
			expect(request.headers.authorization).toBe(expectedAuth);
			expect(request.headers["x-requested-with"]).toBe("XMLHttpRequest");
			expect(request.headers["x-sakura-bigint-as-int"]).toBe("1");
			expect(request.headers.accept).toBe("application/json");
			expect(request.headers["accept-language"]).toBe("en-US");
			expect(request.headers["user-agent"]).toBe("test-agent/1");
		}
		expect(get.url).toBe(
			"/cloud/zone/tk1b/api/cloud/1.1/commonserviceitem/900000000001/containerregistry/users",
		);
		expect(get.headers["content-type"]).toBeUndefined();
		expect(post.headers["content-type"]).toBe("application/json");
		expect(JSON.parse(post.body)).toEqual({
			ContainerRegistry: {
				username: "ci",
				password: "pw-123456789",
				permission: "readonly",
			},
		});
	});

	it("omits Accept-Language unless configured", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, { ContainerRegistry: { users: [] } }),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await client.listUsers("900000000001");

		expect(server.requests[0].headers["accept-language"]).toBeUndefined();
		expect(
			server.requests[0].url.startsWith("/cloud/zone/is1a/api/cloud/1.1/"),
		).toBe(true);
	});

	it("normalises string IDs", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, {
				CommonServiceItem: item("900000000042", "team-a"),
				is_ok: true,
			}),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		const registry = await client.getRegistry("900000000042");

		expect(registry.id).toBe("900000000042");
	});

	it("pages through find results until Total", async () => {
		const all = Array.from({ length: 230 }, (_, index) =>
			item(900000000100 + index, `reg-${index}`),
		);
		server = await startStubServer((request, response) => {
			const query = JSON.parse(decodeURIComponent(request.url.split("?")[1]));
			const page = all.slice(query.From, query.From + query.Count);
			sendJson(response, 200, {
				Total: all.length,
				From: query.From,
				Count: page.length,
				CommonServiceItems: page,
			});
		});
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		const registries = await client.listRegistries();

		expect(registries).toHaveLength(230);
		expect(new Set(registries.map((registry) => registry.id)).size).toBe(230);
		expect(server.requests).toHaveLength(3);
		const queries = server.requests.map((request) =>
			JSON.parse(decodeURIComponent(request.url.split("?")[1])),
		);
		expect(queries.map((query) => query.From)).toEqual([0, 100, 200]);
		for (const query of queries) {
			expect(query.Count).toBe(100);
			expect(query.Filter["Provider.Class"]).toEqual(["containerregistry"]);
		}
	});

	it("finds by name with the exact-match filter", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, {
				Total: 1,
				From: 0,
				Count: 1,
				CommonServiceItems: [item(900000000001, "a b")],
			}),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		const found = await client.findRegistryByName("a b");

		expect(found?.id).toBe("900000000001");
		const [path, rawQuery] = server.requests[0].url.split("?");
		expect(path).toBe("/cloud/zone/is1a/api/cloud/1.1/commonserviceitem");
		expect(rawQuery).not.toMatch(/[ {}"+]/);
		expect(JSON.parse(decodeURIComponent(rawQuery)).Filter).toEqual({
			Name: ["a b"],
			"Provider.Class": ["containerregistry"],
		});
	});

	it("skips items of another provider class", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, {
				Total: 2,
				From: 0,
				Count: 2,
				CommonServiceItems: [
					item(900000000001, "reg"),
					{ ...item(900000000002, "zone"), Provider: { Class: "dns" } },
				],
			}),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		const registries = await client.listRegistries();

		expect(registries.map((registry) => registry.id)).toEqual(["900000000001"]);
	});

	it("does not delete a resource of another kind", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, {
				CommonServiceItem: {
					...item(900000000002, "zone"),
					Provider: { Class: "dns" },
				},
			}),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await expect(client.deleteRegistry("900000000002")).rejects.toThrow(
			'No registry matches "900000000002"',
		);

		expect(server.requests.map((request) => request.method)).toEqual(["GET"]);
	});

	it("reads a non-JSON error page", async () => {
		const page = `<html><body>Service Temporarily Unavailable ${"x".repeat(500)}</body></html>`;
		server = await startStubServer((_request, response) => {
			response.writeHead(502, { "content-type": "text/html" });
			response.end(page);
		});
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		const error = await client
			.getRegistry("900000000001")
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraApiError);
		const apiError = error as SakuraApiError;
		expect(apiError.status).toBe(502);
		expect(apiError.errorCode).toBe("");
		expect(apiError.apiMessage).toContain("Service Temporarily Unavailable");
		expect(apiError.apiMessage.length).toBeLessThanOrEqual(121);
	});

	it("accepts 204 with no body for user changes", async () => {
		server = await startStubServer((_request, response) => {
			response.writeHead(204);
			response.end();
		});
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await expect(
			client.deleteUser("900000000001", "ci"),
		).resolves.toBeUndefined();
	});

	it("ignores the body of a user change", async () => {
		server = await startStubServer((_request, response) => {
			response.writeHead(200, { "content-type": "text/plain" });
			response.end("Accepted");
		});
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await expect(
			client.deleteUser("900000000001", "ci"),
		).resolves.toBeUndefined();
		await expect(
			client.updateUser("900000000001", "ci", {
				password: "",
				permission: "all",
			}),
		).resolves.toBeUndefined();
	});

	it("rejects a success body that is not JSON", async () => {
		server = await startStubServer((_request, response) => {
			response.writeHead(200, { "content-type": "text/plain" });
			response.end("ok");
		});
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await expect(client.getRegistry("900000000001")).rejects.toBeInstanceOf(
			SakuraResponseError,
		);
	});

	it("treats a redirect as an API error", async () => {
		server = await startStubServer((_request, response) => {
			response.writeHead(302, { location: "http://127.0.0.1:1/" });
			response.end();
		});
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		const error = await client
			.getRegistry("900000000001")
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraApiError);
		expect((error as SakuraApiError).status).toBe(302);
		expect(server.requests).toHaveLength(1);
	});

	it("times out a body that stops halfway and retries the GET", async () => {
		server = await startStubServer((_request, response) => {
			response.writeHead(200, { "content-type": "application/json" });
			response.write('{"CommonServiceItem":');
		});
		const logger = captureLogger();
		client = new SakuraClient({
			...credentials,
			rootUrl: server.rootUrl,
			timeoutMs: 100,
			maxAttempts: 2,
			retryBaseDelayMs: 1,
			logger,
		});

		await expect(client.getRegistry("900000000001")).rejects.toBeInstanceOf(
			SakuraTimeoutError,
		);

		expect(server.requests).toHaveLength(2);
		expect(logger.lines.filter((line) => line.level === "warn")).toHaveLength(
			1,
		);
	});

	it("closes the socket of a request that timed out", async () => {
		server = await startStubServer(() => {
			// Never answers.
		});
		client = new SakuraClient({
			...credentials,
			rootUrl: server.rootUrl,
			timeoutMs: 100,
			maxAttempts: 1,
		});

		const error = await client
			.getRegistry("900000000001")
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraTimeoutError);
		expect((error as SakuraTimeoutError).timeoutMs).toBe(100);
		const stub = server;
		await waitFor(() => stub.openConnectionCount() === 0, 2_000);
		expect(server.openConnectionCount()).toBe(0);
	});

	it("reuses keep-alive connections", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, { ContainerRegistry: { users: [] } }),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		for (let index = 0; index < 10; index++) {
			await client.listUsers("900000000001");
		}

		// undici may open a second socket while the first is still finishing its previous response.
		expect(server.requests).toHaveLength(10);
		expect(server.connectionCount()).toBeLessThanOrEqual(2);
	});

	it("rejects invalid IDs and user names before sending", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, {}),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await expect(client.getRegistry("../admin")).rejects.toThrow(
			'No registry matches "../admin"',
		);
		await expect(
			client.deleteUser("900000000001", ".."),
		).rejects.toBeInstanceOf(RangeError);
		await expect(client.deleteUser("900000000001", "")).rejects.toBeInstanceOf(
			RangeError,
		);
		expect(server.requests).toHaveLength(0);
	});

	it("percent-encodes user names in the path", async () => {
		server = await startStubServer((_request, response) =>
			sendJson(response, 200, { is_ok: true }),
		);
		client = new SakuraClient({ ...credentials, rootUrl: server.rootUrl });

		await client.deleteUser("900000000001", "a/b?c");

		expect(server.requests[0].url).toBe(
			"/cloud/zone/is1a/api/cloud/1.1/commonserviceitem/900000000001/containerregistry/users/a%2Fb%3Fc",
		);
	});
});

describe("SakuraClient options", () => {
	it("rejects empty credentials", () => {
		expect(
			() => new SakuraClient({ accessToken: "", accessTokenSecret: "x" }),
		).toThrow(RangeError);
	});

	it("rejects a zone that is not a path segment", () => {
		expect(
			() => new SakuraClient({ ...credentials, zone: "is1a/../x" }),
		).toThrow(RangeError);
	});

	it("rejects zero attempts", () => {
		expect(() => new SakuraClient({ ...credentials, maxAttempts: 0 })).toThrow(
			RangeError,
		);
	});
});

async function waitFor(
	condition: () => boolean,
	timeoutMs: number,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition() && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
