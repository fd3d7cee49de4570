import { OperationError } from "../../src/operations/errors";
import { runOperation } from "../../src/operations/run";
import type {
	CredentialDelivery,
	Credentials,
	Requester,
} from "../../src/operations/types";
import { SakuraClient } from "../../src/sakura";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../src/sandbox/sakura-emulator";
import { createCaptureLog } from "../helpers/capture-log";

const requester: Requester = {
	userId: "U0ALICE",
	userName: "alice",
	teamId: "T0TEAM",
};

/** Keeps each delivered credential, or fails every delivery when `failing` is set. */
function recordingDelivery(): CredentialDelivery & {
	delivered: Credentials[];
	failing: boolean;
} {
	const delivery = {
		delivered: [] as Credentials[],
		failing: false,
		async deliver(_to: Requester, credentials: Credentials) {
			if (delivery.failing) {
				throw new Error("channel_not_found");
			}
			delivery.delivered.push(credentials);
			return undefined;
		},
	};
	return delivery;
}

describe("runOperation against the emulator", () => {
	let emulator: SakuraEmulator;
	let client: SakuraClient;
	let delivery: ReturnType<typeof recordingDelivery>;
	let log: ReturnType<typeof createCaptureLog>;

	const context = () => ({ registries: client, delivery, log });

	beforeEach(async () => {
		emulator = await startSakuraEmulator();
		client = new SakuraClient({
			...SANDBOX_CREDENTIALS,
			rootUrl: emulator.rootUrl,
			retryBaseDelayMs: 1,
			maxRetryDelayMs: 5,
		});
		delivery = recordingDelivery();
		log = createCaptureLog();
	});

	afterEach(async () => {
		await client.close();
		await emulator.close();
	});

	test("create makes the name the subdomain label", async () => {
		const outcome = await runOperation(
			{
				kind: "registry.create",
				name: "demo",
				accessLevel: "none",
				description: "team images",
			},
			requester,
			context(),
		);

		expect(outcome.kind).toBe("registry.create");
		const [stored] = emulator.registries();
		expect(stored.name).toBe("demo");
		expect(stored.subdomainLabel).toBe("demo");
		expect(stored.accessLevel).toBe("none");
		expect(stored.description).toBe("team images");
	});

	test("create rejects a taken label before sending a write", async () => {
		emulator.seedRegistry({ name: "demo" });

		const error = await runOperation(
			{ kind: "registry.create", name: "demo", accessLevel: "none" },
			requester,
			context(),
		).catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(OperationError);
		expect((error as OperationError).code).toBe("registry_label_taken");
		expect(
			emulator.requests.filter((request) => request.method === "POST"),
		).toHaveLength(0);
	});

	test("create explains a refused readonly access level", async () => {
		const error = (await runOperation(
			{ kind: "registry.create", name: "legacy", accessLevel: "readonly" },
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;

		expect(error.code).toBe("access_level_rejected");
		expect(error.params.accessLevel).toBe("readonly");
		expect(emulator.registries()).toHaveLength(0);
	});

	test("user add delivers a password that works", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });

		const outcome = await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "readwrite",
			},
			requester,
			context(),
		);

		expect(outcome).toMatchObject({
			kind: "user.add",
			username: "alice",
			permission: "readwrite",
		});
		expect(delivery.delivered).toHaveLength(1);
		const [credentials] = delivery.delivered;
		expect(credentials.password).toMatch(/^[A-Za-z0-9]{32}$/);
		expect(credentials.rotated).toBe(false);
		expect(
			emulator.verifyPassword(registryId, "alice", credentials.password),
		).toBe(true);
		expect(JSON.stringify(outcome)).not.toContain(credentials.password);
		expect(log.text()).not.toContain(credentials.password);
	});

	test("user add deletes the user when the DM fails", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		delivery.failing = true;

		const error = (await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "readonly",
			},
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;

		expect(error.code).toBe("credentials_undelivered");
		expect(emulator.users(registryId)).toEqual([]);
	});

	test("user add reports an existing user without changing it", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "readonly",
			},
			requester,
			context(),
		);
		const [first] = delivery.delivered;

		const error = (await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "all",
			},
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;

		expect(error.code).toBe("user_exists");
		expect(emulator.verifyPassword(registryId, "alice", first.password)).toBe(
			true,
		);
		expect(emulator.users(registryId)).toEqual([
			{ username: "alice", permission: "readonly" },
		]);
	});

	test("user rotate replaces the password and keeps the permission", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "ci",
				permission: "readwrite",
			},
			requester,
			context(),
		);
		const [added] = delivery.delivered;

		await runOperation(
			{ kind: "user.rotate", registry: "demo", username: "ci" },
			requester,
			context(),
		);

		const rotated = delivery.delivered[1];
		expect(rotated.rotated).toBe(true);
		expect(rotated.password).not.toBe(added.password);
		expect(emulator.verifyPassword(registryId, "ci", added.password)).toBe(
			false,
		);
		expect(emulator.verifyPassword(registryId, "ci", rotated.password)).toBe(
			true,
		);
		expect(emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readwrite" },
		]);
	});

	test("user rotate locks the user when the DM fails", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "ci",
				permission: "readonly",
			},
			requester,
			context(),
		);
		const [added] = delivery.delivered;
		delivery.failing = true;

		const error = (await runOperation(
			{ kind: "user.rotate", registry: "demo", username: "ci" },
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;

		expect(error.code).toBe("credentials_undelivered");
		expect(emulator.verifyPassword(registryId, "ci", added.password)).toBe(
			false,
		);
		expect(emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readonly" },
		]);
	});

	test("user delete and missing users", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "ci",
				permission: "readonly",
			},
			requester,
			context(),
		);

		await runOperation(
			{ kind: "user.delete", registry: "demo", username: "ci" },
			requester,
			context(),
		);
		expect(emulator.users(registryId)).toEqual([]);

		const error = (await runOperation(
			{ kind: "user.delete", registry: "demo", username: "ci" },
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;
		expect(error.code).toBe("user_not_found");
		expect(error.params).toEqual({ registry: "demo", username: "ci" });
	});

	test("show, list and delete by name and ID", async () => {
		emulator.seedRegistry({ name: "beta" });
		const alphaId = emulator.seedRegistry({ name: "alpha" });

		const list = await runOperation(
			{ kind: "registry.list" },
			requester,
			context(),
		);
		expect(
			list.kind === "registry.list" &&
				list.registries.map((registry) => registry.name),
		).toEqual(["alpha", "beta"]);

		const show = await runOperation(
			{ kind: "registry.show", registry: alphaId },
			requester,
			context(),
		);
		expect(show.kind === "registry.show" && show.registry.fqdn).toBe(
			"alpha.sakuracr.jp",
		);

		await runOperation(
			{ kind: "registry.delete", registry: "alpha" },
			requester,
			context(),
		);
		expect(emulator.registries().map((registry) => registry.name)).toEqual([
			"beta",
		]);
	});

	test("unknown registry names the reference", async () => {
		const error = (await runOperation(
			{ kind: "user.list", registry: "nope" },
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;

		expect(error.code).toBe("registry_not_found");
		expect(error.params.registry).toBe("nope");
	});

	test("wrong SAKURA credentials become sakura_unauthorized", async () => {
		const badClient = new SakuraClient({
			accessToken: "wrong",
			accessTokenSecret: "wrong",
			rootUrl: emulator.rootUrl,
		});

		const error = (await runOperation({ kind: "registry.list" }, requester, {
			registries: badClient,
			delivery,
			log,
		}).catch((caught: unknown) => caught)) as OperationError;
		await badClient.close();

		expect(error.code).toBe("sakura_unauthorized");
		expect(error.params.status).toBe("401");
	});

	test("busy SAKURA after retries becomes sakura_unavailable", async () => {
		emulator.injectFault({
			action: { kind: "status", status: 503, retryAfterSeconds: 0 },
			times: 10,
		});

		const error = (await runOperation(
			{ kind: "registry.list" },
			requester,
			context(),
		).catch((caught: unknown) => caught)) as OperationError;

		expect(error.code).toBe("sakura_unavailable");
	});
});
