import {
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { call, collectionUrl, createBody, createRegistry } from "./http";

let emulator: SakuraEmulator;

beforeEach(async () => {
	emulator = await startSakuraEmulator();
});

afterEach(async () => {
	await emulator.close();
});

async function waitFor(
	condition: () => boolean,
	timeoutMs = 2000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) {
			throw new Error(`condition not met within ${timeoutMs} ms`);
		}
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

describe("status faults", () => {
	test("503 with Retry-After, then normal", async () => {
		emulator.injectFault({
			action: { kind: "status", status: 503, retryAfterSeconds: 7 },
		});

		const faulted = await call(emulator, "GET", "");
		const next = await call(emulator, "GET", "");

		expect(faulted.status).toBe(503);
		expect(faulted.headers.get("retry-after")).toBe("7");
		expect(faulted.json.error_code).toBe("service_unavailable");
		expect(faulted.json.status).toBe("503 Service Unavailable");
		expect(faulted.json.is_fatal).toBe(true);
		expect(faulted.json.serial).toMatch(/^[0-9a-f]{32}$/);
		expect(typeof faulted.json.error_msg).toBe("string");
		expect(next.status).toBe(200);
	});

	test.each([
		[423, "locked"],
		[429, "too_many_requests"],
		[500, "internal_server_error"],
		[502, "bad_gateway"],
	])("%i has error code %s", async (status, errorCode) => {
		emulator.injectFault({ action: { kind: "status", status } });

		const result = await call(emulator, "GET", "");

		expect(result.status).toBe(status);
		expect(result.json.error_code).toBe(errorCode);
		expect(result.headers.get("retry-after")).toBeNull();
	});

	test("custom error code", async () => {
		emulator.injectFault({
			action: { kind: "status", status: 409, errorCode: "still_creating" },
		});

		const result = await call(emulator, "GET", "");

		expect(result.json.error_code).toBe("still_creating");
	});

	test("status fault precedes auth", async () => {
		emulator.injectFault({ action: { kind: "status", status: 503 } });

		const result = await call(emulator, "GET", "", { authorization: null });

		expect(result.status).toBe(503);
	});

	test("status fault skips the work", async () => {
		emulator.injectFault({
			method: "POST",
			action: { kind: "status", status: 503 },
		});

		const result = await call(emulator, "POST", "", {
			body: createBody("skipped"),
		});

		expect(result.status).toBe(503);
		expect(emulator.registries()).toEqual([]);
	});

	test("times counts matching requests", async () => {
		emulator.injectFault({ times: 2, action: { kind: "status", status: 423 } });

		const statuses = [];
		for (let i = 0; i < 3; i += 1) {
			statuses.push((await call(emulator, "GET", "")).status);
		}

		expect(statuses).toEqual([423, 423, 200]);
	});

	test("method and path select requests", async () => {
		const id = await createRegistry(emulator, "selected");
		emulator.injectFault({
			method: "delete",
			pathIncludes: "/containerregistry/users",
			action: { kind: "status", status: 503 },
		});

		const list = await call(emulator, "GET", `/${id}/containerregistry/users`);
		const deleteRegistry = await call(emulator, "DELETE", `/${id}`);

		expect(list.status).toBe(200);
		expect(deleteRegistry.status).toBe(200);
		expect(
			(await call(emulator, "DELETE", `/${id}/containerregistry/users/x`))
				.status,
		).toBe(503);
	});

	test("faults apply in injection order", async () => {
		emulator.injectFault({ action: { kind: "status", status: 503 } });
		emulator.injectFault({ action: { kind: "status", status: 423 } });

		const first = await call(emulator, "GET", "");
		const second = await call(emulator, "GET", "");

		expect(first.status).toBe(503);
		expect(second.status).toBe(423);
	});

	test("clearFaults removes pending faults", async () => {
		emulator.injectFault({ times: 5, action: { kind: "status", status: 503 } });

		emulator.clearFaults();

		expect((await call(emulator, "GET", "")).status).toBe(200);
	});

	test("times below one throws", () => {
		expect(() =>
			emulator.injectFault({
				times: 0,
				action: { kind: "status", status: 503 },
			}),
		).toThrow(RangeError);
	});
});

describe("hang", () => {
	test("never answers until close", async () => {
		emulator.injectFault({ action: { kind: "hang" } });
		let settled = false;
		const pending = fetch(collectionUrl(emulator)).finally(() => {
			settled = true;
		});
		await waitFor(() => emulator.requests.length === 1);
		await new Promise((resolve) => setTimeout(resolve, 200));

		expect(settled).toBe(false);

		await emulator.close();
		await expect(pending).rejects.toThrow();
		expect(emulator.requests).toEqual([
			{
				method: "GET",
				path: "/cloud/zone/is1a/api/cloud/1.1/commonserviceitem",
				status: 0,
			},
		]);
	});

	test("only the matching request hangs", async () => {
		emulator.injectFault({ method: "POST", action: { kind: "hang" } });
		const hung = fetch(collectionUrl(emulator), { method: "POST", body: "{}" });
		hung.catch(() => {});

		const other = await call(emulator, "GET", "");

		expect(other.status).toBe(200);
	});
});

describe("reset", () => {
	test("before applying loses the work", async () => {
		emulator.injectFault({
			method: "POST",
			action: { kind: "reset", afterApplying: false },
		});

		await expect(
			call(emulator, "POST", "", { body: createBody("lost") }),
		).rejects.toThrow();
		expect(emulator.registries()).toEqual([]);
	});

	test("after applying keeps the work", async () => {
		emulator.injectFault({
			method: "POST",
			action: { kind: "reset", afterApplying: true },
		});

		await expect(
			call(emulator, "POST", "", { body: createBody("applied") }),
		).rejects.toThrow();
		expect(
			emulator.registries().map((registry) => registry.subdomainLabel),
		).toEqual(["applied"]);
		expect(emulator.requests.at(-1)?.status).toBe(0);
	});

	test("after applying a user add stores the user", async () => {
		const id = await createRegistry(emulator, "users-reset");
		emulator.injectFault({
			pathIncludes: "/users",
			action: { kind: "reset", afterApplying: true },
		});

		await expect(
			call(emulator, "POST", `/${id}/containerregistry/users`, {
				body: {
					ContainerRegistry: {
						username: "alice",
						password: "password1",
						permission: "all",
					},
				},
			}),
		).rejects.toThrow();
		expect(emulator.users(id)).toEqual([
			{ username: "alice", permission: "all" },
		]);
	});
});

describe("delay and latency", () => {
	test("delay fault waits then answers", async () => {
		emulator.injectFault({ action: { kind: "delay", ms: 300 } });

		const started = Date.now();
		const result = await call(emulator, "GET", "");
		const elapsed = Date.now() - started;

		expect(result.status).toBe(200);
		expect(elapsed).toBeGreaterThanOrEqual(290);
	});

	test("latency option delays every answer", async () => {
		const slow = await startSakuraEmulator({ latencyMs: 200 });
		try {
			const started = Date.now();
			await call(slow, "GET", "");
			await call(slow, "GET", "", { authorization: null });

			expect(Date.now() - started).toBeGreaterThanOrEqual(390);
		} finally {
			await slow.close();
		}
	});

	test("setLatency changes later answers", async () => {
		emulator.setLatency(250);
		const slowStart = Date.now();
		await call(emulator, "GET", "");
		const slowElapsed = Date.now() - slowStart;

		emulator.setLatency(0);
		const fastStart = Date.now();
		await call(emulator, "GET", "");
		const fastElapsed = Date.now() - fastStart;

		expect(slowElapsed).toBeGreaterThanOrEqual(240);
		expect(fastElapsed).toBeLessThan(200);
	});

	test("close ends a delayed request", async () => {
		emulator.injectFault({ action: { kind: "delay", ms: 60_000 } });
		const pending = fetch(collectionUrl(emulator));
		await waitFor(() => emulator.requests.length === 1);

		const closeStarted = Date.now();
		await emulator.close();

		await expect(pending).rejects.toThrow();
		expect(Date.now() - closeStarted).toBeLessThan(2000);
	});
});

describe("request log", () => {
	test("records method, path and status without query", async () => {
		const id = await createRegistry(emulator, "logged");
		await call(emulator, "GET", `?${encodeURIComponent('{"Count":1}')}`);
		await call(emulator, "GET", "/999999999999", { authorization: null });

		expect(emulator.requests).toEqual([
			{
				method: "POST",
				path: "/cloud/zone/is1a/api/cloud/1.1/commonserviceitem",
				status: 201,
			},
			{
				method: "GET",
				path: "/cloud/zone/is1a/api/cloud/1.1/commonserviceitem",
				status: 200,
			},
			{
				method: "GET",
				path: "/cloud/zone/is1a/api/cloud/1.1/commonserviceitem/999999999999",
				status: 401,
			},
		]);
		expect(id).toMatch(/^9/);
	});

	test("returns copies", async () => {
		await call(emulator, "GET", "");
		const snapshot = emulator.requests;
		Object.assign(snapshot[0], { status: 999 });

		expect(emulator.requests[0].status).toBe(200);
	});
});
