import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createWorkerRuntime } from "../../../src/handlers/worker-runtime";
import type { RecordedCall } from "../../../src/sandbox/slack-stand-in";
import { DynamoGrantStore, type GrantRecord } from "../../../src/store/grants";
import {
	credentialsFromDm,
	type Harness,
	REQUESTS_TABLE,
	startHarness,
} from "../../handlers/slack-harness";
import { createCaptureLog } from "../../helpers/capture-log";
import {
	missingRegistryTools,
	type OciRegistry,
	startOciRegistry,
} from "../../helpers/oci-registry";
import { makeClient } from "../../store/store-fixture";

const OWNER = "U0HANAKO";
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let harness: Harness;
let now: Date;
let grants: DynamoGrantStore;
let htpasswdDirectory: string;

beforeEach(async () => {
	now = new Date("2030-03-01T00:00:00.000Z");
	htpasswdDirectory = mkdtempSync(join(tmpdir(), "sweep-htpasswd-"));
	harness = await startHarness({
		clock: () => now,
		emulator: { htpasswdPath: join(htpasswdDirectory, "htpasswd") },
	});
	harness.emulator.seedRegistry({ name: "team-images" });
	grants = new DynamoGrantStore({
		tableName: REQUESTS_TABLE,
		client: makeClient(String(harness.env.AWS_ENDPOINT_URL_DYNAMODB)),
	});
});

afterEach(async () => {
	await harness.close();
	rmSync(htpasswdDirectory, { recursive: true, force: true });
});

function sweeper() {
	const log = createCaptureLog();
	return {
		log,
		runtime: createWorkerRuntime({
			env: harness.env,
			logger: log,
			clock: () => now,
		}),
	};
}

function dmsTo(user: string, after: number): RecordedCall[] {
	return harness.standIn.calls
		.slice(after)
		.filter(
			(call) =>
				call.method === "chat.postMessage" && call.body.channel === user,
		);
}

function text(call: RecordedCall): string {
	return JSON.stringify(call.body);
}

/** Adds `ci` with readwrite (7 days) and returns its grant and the password DM. */
async function addUser(
	command = "user add team-images --user ci --permission readwrite",
) {
	const result = await harness.command(command);
	const dm = result.calls.find(
		(call) =>
			call.method === "chat.postMessage" && text(call).includes("Password"),
	);
	if (dm === undefined) {
		throw new Error(`No credentials DM: ${JSON.stringify(result.posts)}`);
	}
	const registryId = harness.emulator
		.registries()
		.find((registry) => registry.name === "team-images")?.id;
	const grant = await grants.get(`grant:${registryId}:ci`);
	if (grant === undefined) {
		throw new Error("No grant was recorded");
	}
	return { grant, dm, credentials: credentialsFromDm(dm) };
}

function userExists(username: string): boolean {
	return harness.emulator
		.registries()
		.some((registry) =>
			harness.emulator
				.users(registry.id)
				.some((user) => user.username === username),
		);
}

test("new user gets capped grant", async () => {
	const { grant, dm } = await addUser();

	expect(grant).toMatchObject({
		status: "active",
		permission: "readwrite",
		owner: { userId: OWNER },
		issuedAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + 7 * DAY_MS).toISOString(),
		credentialDm: { channelId: expect.stringMatching(/^D/) },
	});
	expect(text(dm)).toContain("The bot deletes this user on");
});

test("ttl shortens, over cap rejected", async () => {
	const { grant } = await addUser(
		"user add team-images --user ci --permission readwrite --ttl 8h",
	);
	const refused = await harness.command(
		"user add team-images --user ops --permission all --ttl 2d",
	);

	expect(grant.expiresAt).toBe(
		new Date(now.getTime() + 8 * HOUR_MS).toISOString(),
	);
	expect(JSON.stringify(refused.ack)).toContain(
		"longer than a `all` credential may live",
	);
	expect(userExists("ops")).toBe(false);
});

test("reminders then deletion at expiry", async () => {
	const { grant, dm } = await addUser();
	const { runtime } = sweeper();
	const expiresAt = Date.parse(grant.expiresAt);

	now = new Date(expiresAt - 2 * DAY_MS);
	let before = harness.standIn.calls.length;
	expect(await runtime.sweep()).toMatchObject({ reminders: 0, revoked: 0 });
	expect(dmsTo(OWNER, before)).toHaveLength(0);

	now = new Date(expiresAt - 23 * HOUR_MS);
	before = harness.standIn.calls.length;
	expect((await runtime.sweep()).reminders).toBe(1);
	expect((await runtime.sweep()).reminders).toBe(0);
	const dayReminder = dmsTo(OWNER, before);
	expect(dayReminder).toHaveLength(1);
	expect(text(dayReminder[0])).toContain("will be deleted on");
	expect(text(dayReminder[0])).toContain("grant.extend");

	now = new Date(expiresAt - 30 * 60_000);
	before = harness.standIn.calls.length;
	expect((await runtime.sweep()).reminders).toBe(1);
	expect(dmsTo(OWNER, before)).toHaveLength(1);

	now = new Date(expiresAt + 1_000);
	before = harness.standIn.calls.length;
	expect(await runtime.sweep()).toMatchObject({ revoked: 1, retrying: 0 });
	expect(userExists("ci")).toBe(false);
	expect((await grants.get(grant.id))?.status).toBe("revoked");
	const expiredDm = dmsTo(OWNER, before);
	expect(expiredDm).toHaveLength(1);
	expect(text(expiredDm[0])).toContain("reached its end and was deleted");
	const edit = harness.standIn.calls
		.slice(before)
		.find((call) => call.method === "chat.update");
	expect(edit?.body).toMatchObject({
		channel: grant.credentialDm?.channelId,
		ts: grant.credentialDm?.ts,
	});
	expect(text(edit as RecordedCall)).toContain("Password removed");
	expect(text(dm)).toContain("Password");
	await runtime.close();
});

test("concurrent sweeps delete once", async () => {
	const { grant } = await addUser();
	const first = sweeper().runtime;
	const second = sweeper().runtime;
	now = new Date(Date.parse(grant.expiresAt) + 1_000);
	const before = harness.standIn.calls.length;
	const deletesBefore = harness.emulator.requests.filter(
		(request) => request.method === "DELETE",
	).length;

	const reports = await Promise.all([first.sweep(), second.sweep()]);

	expect(reports.map((report) => report.revoked).sort()).toEqual([0, 1]);
	expect(
		harness.emulator.requests.filter((request) => request.method === "DELETE")
			.length - deletesBefore,
	).toBe(1);
	expect(dmsTo(OWNER, before)).toHaveLength(1);
	await Promise.all([first.close(), second.close()]);
});

test("concurrent sweeps remind once", async () => {
	const { grant } = await addUser();
	const first = sweeper().runtime;
	const second = sweeper().runtime;
	now = new Date(Date.parse(grant.expiresAt) - 2 * HOUR_MS);
	const before = harness.standIn.calls.length;

	const reports = await Promise.all([first.sweep(), second.sweep()]);

	expect(reports.map((report) => report.reminders).sort()).toEqual([0, 1]);
	expect(dmsTo(OWNER, before)).toHaveLength(1);
	await Promise.all([first.close(), second.close()]);
});

test("SAKURA failure retried next sweep", async () => {
	const { grant } = await addUser();
	const { runtime } = sweeper();
	now = new Date(Date.parse(grant.expiresAt) + 1_000);
	harness.emulator.injectFault({
		method: "DELETE",
		times: 10,
		action: { kind: "status", status: 500 },
	});

	expect(await runtime.sweep()).toMatchObject({ revoked: 0, retrying: 1 });
	expect(userExists("ci")).toBe(true);
	const stored = (await grants.get(grant.id)) as GrantRecord;
	expect(stored.status).toBe("revoking");
	expect(stored.revocation?.lastError).toContain("500");

	harness.emulator.clearFaults();
	now = new Date(now.getTime() + 5 * 60_000);
	expect(await runtime.sweep()).toMatchObject({ revoked: 1, retrying: 0 });
	expect(userExists("ci")).toBe(false);
	expect((await grants.get(grant.id))?.status).toBe("revoked");
	await runtime.close();
});

test("sweep expires pending request", async () => {
	const requestId = "sweep-pending-request-01";
	await harness.store.create({
		id: requestId,
		kind: "registry.delete",
		operation: { kind: "registry.delete", registry: "team-images" },
		requester: { userId: OWNER, userName: "hanako", teamId: "T0SANDBOX" },
		reason: "",
		status: "pending",
		requiredApprovals: 2,
		approvals: [],
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + DAY_MS).toISOString(),
		updatedAt: now.toISOString(),
		origin: { channelId: "C0PLATFORM" },
		version: 0,
	});
	const { runtime } = sweeper();

	expect((await runtime.sweep()).expiredRequests).toBe(0);
	now = new Date(now.getTime() + DAY_MS + 1_000);
	const before = harness.standIn.calls.length;
	const reports = await Promise.all([
		runtime.sweep(),
		sweeper().runtime.sweep(),
	]);

	expect(reports.map((report) => report.expiredRequests).sort()).toEqual([
		0, 1,
	]);
	expect((await harness.store.get(requestId))?.status).toBe("expired");
	const told = dmsTo(OWNER, before);
	expect(told).toHaveLength(1);
	expect(text(told[0])).toContain("expired");
	await runtime.close();
});

const describeWithRegistry =
	missingRegistryTools().length === 0 ? describe : describe.skip;

describeWithRegistry("on a real registry", () => {
	let registry: OciRegistry;

	beforeEach(async () => {
		registry = await startOciRegistry({
			htpasswdPath: join(htpasswdDirectory, "htpasswd"),
		});
	});

	afterEach(async () => {
		await registry.close();
	});

	/** Requests the registry's `/v2/` with Basic auth until its status is `expected`, for up to 5 s. */
	async function statusFor(
		username: string,
		password: string,
		expected: number,
	): Promise<number> {
		let status = 0;
		for (let attempt = 0; attempt < 50; attempt++) {
			const response = await fetch(`http://${registry.url}/v2/`, {
				headers: {
					Authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
				},
			});
			status = response.status;
			await response.arrayBuffer();
			if (status === expected) {
				return status;
			}
			await sleep(100);
		}
		return status;
	}

	test("old password rejected after rotation, expiry", async () => {
		const { grant, credentials } = await addUser();
		expect(await statusFor("ci", credentials.password, 200)).toBe(200);

		const rotated = await harness.command("user rotate team-images --user ci");
		const newDm = rotated.calls.find(
			(call) =>
				call.method === "chat.postMessage" && text(call).includes("Password"),
		) as RecordedCall;
		const fresh = credentialsFromDm(newDm);
		expect(await statusFor("ci", credentials.password, 401)).toBe(401);
		expect(await statusFor("ci", fresh.password, 200)).toBe(200);
		const oldDmEdit = rotated.calls.find(
			(call) => call.method === "chat.update",
		);
		expect(oldDmEdit?.body).toMatchObject({ ts: grant.credentialDm?.ts });

		const { runtime } = sweeper();
		now = new Date(Date.parse(grant.expiresAt) + 1_000);
		await runtime.sweep();
		await runtime.close();

		expect(await statusFor("ci", fresh.password, 401)).toBe(401);
	}, 30_000);
});

test("policy caps the lifetime", async () => {
	await harness.close();
	const policyPath = join(htpasswdDirectory, "short-policy.json");
	writeFileSync(
		policyPath,
		JSON.stringify({
			maxLifetimeHours: { readonly: 2 },
			rules: [{ operations: ["*"], approvals: 0 }],
		}),
	);
	harness = await startHarness({
		clock: () => now,
		env: (env) => ({ ...env, POLICY_PATH: policyPath }),
	});
	harness.emulator.seedRegistry({ name: "team-images" });
	grants = new DynamoGrantStore({
		tableName: REQUESTS_TABLE,
		client: makeClient(String(harness.env.AWS_ENDPOINT_URL_DYNAMODB)),
	});

	const refused = await harness.command(
		"user add team-images --user ci --permission readonly --ttl 3h",
	);
	const farOff = await harness.command(
		"user add team-images --user ci --permission readonly --ttl 400d",
	);
	const { grant } = await addUser(
		"user add team-images --user ci --permission readonly",
	);

	expect(JSON.stringify(refused.ack)).toContain("Ask for `2h` or less");
	expect(JSON.stringify(farOff.ack)).toContain("Ask for `2h` or less");
	expect(grant.expiresAt).toBe(
		new Date(now.getTime() + 2 * HOUR_MS).toISOString(),
	);
});

test("invalid item skipped by sweep", async () => {
	const { grant } = await addUser();
	const client = makeClient(String(harness.env.AWS_ENDPOINT_URL_DYNAMODB));
	const documents = DynamoDBDocumentClient.from(client);
	await documents.send(
		new PutCommand({
			TableName: REQUESTS_TABLE,
			Item: { id: "grant:999:old", status: "active", registryId: "999" },
		}),
	);
	await documents.send(
		new PutCommand({
			TableName: REQUESTS_TABLE,
			Item: {
				id: "old-pending-0001",
				status: "pending",
				expiresAt: "2030-01-01T00:00:00.000Z",
			},
		}),
	);
	const { runtime, log } = sweeper();
	now = new Date(Date.parse(grant.expiresAt) + 1_000);

	const report = await runtime.sweep();

	expect(report).toMatchObject({ revoked: 1, skipped: 1 });
	expect(userExists("ci")).toBe(false);
	expect(log.text()).toContain("Skipped an invalid grant item");
	expect(log.text()).toContain("Sweeping one item failed");
	await runtime.close();
});

test("reminder for moved end not marked", async () => {
	const { grant } = await addUser();

	const stale = await grants.markWarned(
		grant.id,
		3_600,
		"2030-01-01T00:00:00.000Z",
	);
	const current = await grants.markWarned(grant.id, 3_600, grant.expiresAt);

	expect(stale).toBe(false);
	expect(current).toBe(true);
});

test("short lifetime skips long reminders", async () => {
	const { grant } = await addUser(
		"user add team-images --user ci --permission readwrite --ttl 8h",
	);
	const { runtime } = sweeper();

	const atOnce = await runtime.sweep();
	now = new Date(Date.parse(grant.expiresAt) - 30 * 60_000);
	const hourBefore = await runtime.sweep();

	expect(atOnce.reminders).toBe(0);
	expect(hourBefore.reminders).toBe(1);
	expect((await grants.get(grant.id))?.warned).toEqual([3_600]);
	await runtime.close();
});
