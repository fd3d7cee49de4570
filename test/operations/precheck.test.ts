import type { OperationError } from "../../src/operations/errors";
import {
	precheckOperation,
	precheckWithin,
} from "../../src/operations/precheck";
import { SakuraClient } from "../../src/sakura";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../src/sandbox/sakura-emulator";

describe("precheckOperation", () => {
	let emulator: SakuraEmulator;
	let client: SakuraClient;

	beforeAll(async () => {
		emulator = await startSakuraEmulator();
		client = new SakuraClient({
			...SANDBOX_CREDENTIALS,
			rootUrl: emulator.rootUrl,
			retryBaseDelayMs: 1,
		});
		emulator.seedRegistry({ name: "web" });
	});

	afterAll(async () => {
		await client.close();
		await emulator.close();
	});

	const caught = (promise: Promise<unknown>) =>
		promise
			.then(() => undefined)
			.catch((error: unknown) => error as OperationError);

	test("passes an existing registry and a free label", async () => {
		const create = {
			kind: "registry.create",
			name: "fresh",
			accessLevel: "none",
		} as const;

		await expect(
			precheckOperation({ kind: "registry.delete", registry: "web" }, client),
		).resolves.toEqual({
			kind: "registry.delete",
			registry: "web",
		});
		await expect(precheckOperation(create, client)).resolves.toEqual(create);
	});

	test("names a registry given by ID by its label", async () => {
		const id = emulator.seedRegistry({
			name: "Team Images",
			subdomainLabel: "team-images",
		});

		const operation = await precheckOperation(
			{ kind: "registry.delete", registry: id },
			client,
		);

		expect(operation).toEqual({
			kind: "registry.delete",
			registry: "team-images",
		});
	});

	test("rejects a missing registry", async () => {
		const error = await caught(
			precheckOperation(
				{
					kind: "user.add",
					registry: "nope",
					username: "ci",
					permission: "readwrite",
				},
				client,
			),
		);

		expect(error?.code).toBe("registry_not_found");
		expect(error?.params.registry).toBe("nope");
	});

	test("rejects a taken label", async () => {
		const error = await caught(
			precheckOperation(
				{ kind: "registry.create", name: "web", accessLevel: "none" },
				client,
			),
		);

		expect(error?.code).toBe("registry_label_taken");
	});

	test("sends no write", async () => {
		const writes = () =>
			emulator.requests.filter((request) => request.method !== "GET").length;
		const before = writes();

		await caught(
			precheckOperation(
				{ kind: "user.rotate", registry: "web", username: "ci" },
				client,
			),
		);

		expect(writes()).toBe(before);
	});

	test("checks the user named by user operations", async () => {
		const id = emulator.seedRegistry({ name: "users-registry" });
		await client.addUser(id, {
			username: "ci",
			password: "Sup3rSecretPassw0rd",
			permission: "readonly",
		});

		const missing = await caught(
			precheckOperation(
				{ kind: "user.rotate", registry: "users-registry", username: "nobody" },
				client,
			),
		);
		const deleteMissing = await caught(
			precheckOperation(
				{ kind: "user.delete", registry: "users-registry", username: "nobody" },
				client,
			),
		);
		const duplicate = await caught(
			precheckOperation(
				{
					kind: "user.add",
					registry: "users-registry",
					username: "ci",
					permission: "all",
				},
				client,
			),
		);

		expect(missing?.code).toBe("user_not_found");
		expect(deleteMissing?.code).toBe("user_not_found");
		expect(duplicate?.code).toBe("user_exists");
		await expect(
			precheckOperation(
				{ kind: "user.rotate", registry: "users-registry", username: "ci" },
				client,
			),
		).resolves.toEqual({
			kind: "user.rotate",
			registry: "users-registry",
			username: "ci",
		});
	});

	test("slow SAKURA skips the check after the deadline", async () => {
		emulator.setLatency(400);
		try {
			const started = Date.now();
			const operation = await precheckWithin(
				{ kind: "registry.delete", registry: "nope" },
				client,
				100,
			);

			expect(operation).toEqual({ kind: "registry.delete", registry: "nope" });
			expect(Date.now() - started).toBeLessThan(350);
		} finally {
			emulator.setLatency(0);
		}
	});

	test("failure within the deadline still rejects", async () => {
		const error = await caught(
			precheckWithin(
				{ kind: "registry.delete", registry: "nope" },
				client,
				5_000,
			),
		);

		expect(error?.code).toBe("registry_not_found");
	});
});
