import {
	SakuraApiError,
	SakuraNetworkError,
	SakuraTimeoutError,
} from "../../src/sakura";
import { captureLogger } from "./capture-logger";
import {
	type EmulatorFixture,
	startFixture,
	stopFixture,
} from "./emulator-fixture";

const REGISTRIES = "/commonserviceitem";

describe("SakuraClient retries", () => {
	let fixture: EmulatorFixture | undefined;

	afterEach(async () => {
		await stopFixture(fixture);
		fixture = undefined;
	});

	function requestsOf(method: string) {
		return (
			fixture?.emulator.requests.filter(
				(request) => request.method === method,
			) ?? []
		);
	}

	it("retries 503 then succeeds", async () => {
		const logger = captureLogger();
		fixture = await startFixture({ logger });
		fixture.emulator.injectFault({
			method: "GET",
			times: 2,
			action: { kind: "status", status: 503 },
		});

		await expect(fixture.client.listRegistries()).resolves.toEqual([]);

		expect(requestsOf("GET").map((request) => request.status)).toEqual([
			503, 503, 200,
		]);
		const warnings = logger.lines.filter((line) => line.level === "warn");
		expect(warnings).toHaveLength(2);
		expect(warnings[0].extra).toEqual(
			expect.objectContaining({
				method: "GET",
				path: REGISTRIES,
				status: 503,
				attempt: 1,
			}),
		);
		expect(warnings[1].extra).toEqual(expect.objectContaining({ attempt: 2 }));
	});

	it("waits for Retry-After on 503", async () => {
		fixture = await startFixture({ maxRetryDelayMs: 5_000 });
		fixture.emulator.injectFault({
			method: "GET",
			action: { kind: "status", status: 503, retryAfterSeconds: 1 },
		});

		const started = Date.now();
		await fixture.client.listRegistries();
		const elapsedMs = Date.now() - started;

		expect(elapsedMs).toBeGreaterThanOrEqual(950);
		expect(requestsOf("GET").map((request) => request.status)).toEqual([
			503, 200,
		]);
	});

	it("caps Retry-After at the maximum delay", async () => {
		const logger = captureLogger();
		fixture = await startFixture({ maxRetryDelayMs: 50, logger });
		fixture.emulator.injectFault({
			method: "GET",
			action: { kind: "status", status: 503, retryAfterSeconds: 60 },
		});

		const started = Date.now();
		await fixture.client.listRegistries();

		expect(Date.now() - started).toBeLessThan(5_000);
		expect(logger.lines[0].extra?.delayMs).toBe(50);
	});

	it("retries 423 on a POST", async () => {
		fixture = await startFixture();
		fixture.emulator.injectFault({
			method: "POST",
			action: { kind: "status", status: 423 },
		});

		const created = await fixture.client.createRegistry({
			name: "locked",
			subdomainLabel: "locked",
			accessLevel: "none",
		});

		expect(requestsOf("POST").map((request) => request.status)).toEqual([
			423, 201,
		]);
		expect(
			fixture.emulator.registries().map((registry) => registry.id),
		).toEqual([created.id]);
	});

	it("retries 429 on a user add", async () => {
		fixture = await startFixture();
		const registryId = fixture.emulator.seedRegistry({ name: "limited" });
		fixture.emulator.injectFault({
			method: "POST",
			pathIncludes: "/users",
			action: { kind: "status", status: 429 },
		});

		await fixture.client.addUser(registryId, {
			username: "ci",
			password: "Rate-limit-pass-1",
			permission: "readonly",
		});

		expect(requestsOf("POST")).toHaveLength(2);
		expect(requestsOf("POST")[0].status).toBe(429);
		expect(fixture.emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readonly" },
		]);
	});

	it("raises the last status when retries run out", async () => {
		fixture = await startFixture({ maxAttempts: 3 });
		fixture.emulator.injectFault({
			method: "GET",
			times: 10,
			action: { kind: "status", status: 503 },
		});

		const error = await fixture.client
			.listRegistries()
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraApiError);
		expect((error as SakuraApiError).status).toBe(503);
		expect(requestsOf("GET")).toHaveLength(3);
	});

	it("does not retry 500", async () => {
		fixture = await startFixture();
		fixture.emulator.injectFault({
			method: "GET",
			action: { kind: "status", status: 500 },
		});

		const error = await fixture.client
			.listRegistries()
			.catch((caught: unknown) => caught);

		expect((error as SakuraApiError).status).toBe(500);
		expect(requestsOf("GET")).toHaveLength(1);
	});

	it("retries a hung GET after its timeout", async () => {
		fixture = await startFixture({ timeoutMs: 200 });
		const id = fixture.emulator.seedRegistry({ name: "slow" });
		fixture.emulator.injectFault({ method: "GET", action: { kind: "hang" } });

		const registry = await fixture.client.getRegistry(id);

		expect(registry.id).toBe(id);
		// The emulator records a request it never responded to with status 0.
		expect(requestsOf("GET").map((request) => request.status)).toEqual([
			0, 200,
		]);
	});

	it("raises a timeout when every GET hangs", async () => {
		fixture = await startFixture({ timeoutMs: 100, maxAttempts: 2 });
		fixture.emulator.injectFault({
			method: "GET",
			times: 5,
			action: { kind: "hang" },
		});

		const error = await fixture.client
			.listRegistries()
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraTimeoutError);
		expect((error as SakuraTimeoutError).method).toBe("GET");
		expect(requestsOf("GET").map((request) => request.status)).toEqual([0, 0]);
	});

	it("retries a GET whose connection reset", async () => {
		fixture = await startFixture();
		fixture.emulator.injectFault({
			method: "GET",
			action: { kind: "reset", afterApplying: false },
		});

		await expect(fixture.client.listRegistries()).resolves.toEqual([]);
		expect(requestsOf("GET")).toHaveLength(2);
	});

	it("does not retry a create that hangs", async () => {
		fixture = await startFixture({ timeoutMs: 200 });
		fixture.emulator.injectFault({ method: "POST", action: { kind: "hang" } });

		const error = await fixture.client
			.createRegistry({
				name: "hung",
				subdomainLabel: "hung",
				accessLevel: "none",
			})
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraTimeoutError);
		expect((error as SakuraTimeoutError).method).toBe("POST");
		expect(requestsOf("POST")).toHaveLength(1);
	});

	it("does not retry a create reset after applying", async () => {
		fixture = await startFixture();
		fixture.emulator.injectFault({
			method: "POST",
			action: { kind: "reset", afterApplying: true },
		});

		const error = await fixture.client
			.createRegistry({
				name: "applied",
				subdomainLabel: "applied",
				accessLevel: "none",
			})
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraNetworkError);
		expect(requestsOf("POST")).toHaveLength(1);
		expect(
			fixture.emulator.registries().map((registry) => registry.subdomainLabel),
		).toEqual(["applied"]);
	});

	it("does not retry a user add reset after applying", async () => {
		fixture = await startFixture();
		const registryId = fixture.emulator.seedRegistry({ name: "reset-user" });
		fixture.emulator.injectFault({
			method: "POST",
			pathIncludes: "/users",
			action: { kind: "reset", afterApplying: true },
		});

		const error = await fixture.client
			.addUser(registryId, {
				username: "ci",
				password: "Reset-user-pass-1",
				permission: "readonly",
			})
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraNetworkError);
		expect(requestsOf("POST")).toHaveLength(1);
		expect(fixture.emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readonly" },
		]);
	});
});
