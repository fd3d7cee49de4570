import type { OperationError } from "../../src/operations/errors";
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
import { DynamoLocks } from "../../src/store";
import { createCaptureLog } from "../helpers/capture-log";
import { startStoreFixture, stopStoreFixture } from "../store/store-fixture";

const requester: Requester = {
	userId: "U0HANAKO",
	userName: "hanako",
	teamId: "T0TEAM",
};

describe("writes without an answer", () => {
	let emulator: SakuraEmulator;
	let client: SakuraClient;
	let delivered: Credentials[];
	let failDelivery: boolean;

	const delivery: CredentialDelivery = {
		async deliver(_to, credentials) {
			if (failDelivery) {
				throw Object.assign(new Error("DM failed"), {
					code: "channel_not_found",
				});
			}
			delivered.push(credentials);
			return undefined;
		},
	};
	const context = () => ({
		registries: client,
		delivery,
		log: createCaptureLog(),
	});
	const caught = (promise: Promise<unknown>) =>
		promise
			.then(() => undefined)
			.catch((error: unknown) => error as OperationError);

	beforeEach(async () => {
		emulator = await startSakuraEmulator();
		client = new SakuraClient({
			...SANDBOX_CREDENTIALS,
			rootUrl: emulator.rootUrl,
			retryBaseDelayMs: 1,
			maxRetryDelayMs: 5,
			timeoutMs: 500,
		});
		delivered = [];
		failDelivery = false;
	});

	afterEach(async () => {
		await client.close();
		await emulator.close();
	});

	test("user add applied before a reset delivers the password", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		emulator.injectFault({
			method: "POST",
			pathIncludes: "/users",
			action: { kind: "reset", afterApplying: true },
		});

		const outcome = await runOperation(
			{
				kind: "user.add",
				registry: "demo",
				username: "ci",
				permission: "readonly",
			},
			requester,
			context(),
		);

		expect(outcome.kind).toBe("user.add");
		expect(delivered).toHaveLength(1);
		expect(
			emulator.verifyPassword(registryId, "ci", delivered[0].password),
		).toBe(true);
	});

	test("user add reset before applying adds nothing", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		emulator.injectFault({
			method: "POST",
			pathIncludes: "/users",
			action: { kind: "reset", afterApplying: false },
		});

		const error = await caught(
			runOperation(
				{
					kind: "user.add",
					registry: "demo",
					username: "ci",
					permission: "readonly",
				},
				requester,
				context(),
			),
		);

		expect(error?.code).toBe("sakura_unavailable");
		expect(error?.params.uncertain).toBeUndefined();
		expect(emulator.users(registryId)).toEqual([]);
		expect(delivered).toHaveLength(0);
	});

	test("create applied before a reset reports the registry", async () => {
		emulator.injectFault({
			method: "POST",
			action: { kind: "reset", afterApplying: true },
		});

		const outcome = await runOperation(
			{ kind: "registry.create", name: "demo", accessLevel: "none" },
			requester,
			context(),
		);

		if (outcome.kind !== "registry.create") {
			throw new Error(`expected registry.create, got ${outcome.kind}`);
		}
		expect(outcome.registry.fqdn).toBe("demo.sakuracr.jp");
		expect(emulator.registries()).toHaveLength(1);
	});

	test("rotate resends the password after a reset", async () => {
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
		emulator.injectFault({
			method: "PUT",
			action: { kind: "reset", afterApplying: false },
		});

		await runOperation(
			{ kind: "user.rotate", registry: "demo", username: "ci" },
			requester,
			context(),
		);

		expect(delivered).toHaveLength(2);
		expect(
			emulator.verifyPassword(registryId, "ci", delivered[1].password),
		).toBe(true);
		expect(
			emulator.requests.filter((request) => request.method === "PUT"),
		).toHaveLength(2);
	});

	test("delete without an answer is marked uncertain", async () => {
		emulator.seedRegistry({ name: "demo" });
		emulator.injectFault({
			method: "DELETE",
			action: { kind: "reset", afterApplying: false },
		});

		const error = await caught(
			runOperation(
				{ kind: "registry.delete", registry: "demo" },
				requester,
				context(),
			),
		);

		expect(error?.code).toBe("sakura_unavailable");
		expect(error?.params.uncertain).toBe("true");
	});

	test("revoke retried after a reset removes the user", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		failDelivery = true;
		emulator.injectFault({
			method: "DELETE",
			action: { kind: "reset", afterApplying: true },
		});

		const error = await caught(
			runOperation(
				{
					kind: "user.add",
					registry: "demo",
					username: "ci",
					permission: "readonly",
				},
				requester,
				context(),
			),
		);

		expect(error?.code).toBe("credentials_undelivered");
		expect(error?.params.revoked).toBe("true");
		expect(error?.params.deliveryError).toBe("channel_not_found");
		expect(emulator.users(registryId)).toEqual([]);
	});

	test("failed revoke is reported as not revoked", async () => {
		const registryId = emulator.seedRegistry({ name: "demo" });
		failDelivery = true;
		emulator.injectFault({
			method: "DELETE",
			times: 10,
			action: { kind: "status", status: 500 },
		});

		const error = await caught(
			runOperation(
				{
					kind: "user.add",
					registry: "demo",
					username: "ci",
					permission: "readonly",
				},
				requester,
				context(),
			),
		);

		expect(error?.code).toBe("credentials_undelivered");
		expect(error?.params.revoked).toBe("false");
		expect(emulator.users(registryId)).toEqual([
			{ username: "ci", permission: "readonly" },
		]);
	});
});

describe("concurrent changes to one user", () => {
	test("second rotation waits for the first", async () => {
		const fixture = await startStoreFixture();
		const emulator = await startSakuraEmulator();
		const client = new SakuraClient({
			...SANDBOX_CREDENTIALS,
			rootUrl: emulator.rootUrl,
			retryBaseDelayMs: 1,
		});
		const delivered: Credentials[] = [];
		const context = {
			registries: client,
			delivery: {
				deliver: async (_to: Requester, credentials: Credentials) =>
					void delivered.push(credentials),
			},
			log: createCaptureLog(),
			locks: new DynamoLocks({
				tableName: fixture.tableName,
				client: fixture.client,
			}),
		};
		try {
			const registryId = emulator.seedRegistry({ name: "demo" });
			await runOperation(
				{
					kind: "user.add",
					registry: "demo",
					username: "ci",
					permission: "readonly",
				},
				requester,
				context,
			);
			emulator.setLatency(50);

			const results = await Promise.allSettled([
				runOperation(
					{ kind: "user.rotate", registry: "demo", username: "ci" },
					requester,
					context,
				),
				runOperation(
					{ kind: "user.rotate", registry: "demo", username: "ci" },
					requester,
					context,
				),
			]);

			const busy = results.filter(
				(result) =>
					result.status === "rejected" &&
					(result.reason as OperationError).code === "user_busy",
			);
			expect(busy).toHaveLength(1);
			expect(
				results.filter((result) => result.status === "fulfilled"),
			).toHaveLength(1);
			const latest = delivered[delivered.length - 1];
			expect(emulator.verifyPassword(registryId, "ci", latest.password)).toBe(
				true,
			);
		} finally {
			await client.close();
			await emulator.close();
			await stopStoreFixture(fixture);
		}
	});
});
