import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createWorkerRuntime } from "../../src/handlers/worker-runtime";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import { createCaptureLog } from "../helpers/capture-log";
import { type Harness, startHarness } from "./slack-harness";

const HANAKO = { id: "U0HANAKO", name: "hanako" };

/**
 * A worker that dies after SAKURA added the user and before Slack replied to its DM, then a retry of
 * the same job: the retry takes the request over once the dead run's lease has ended, finds the
 * user, sets a new password and DMs it. One user exists and one DM with a password was delivered.
 */
let harness: Harness;
let child: ChildProcess | undefined;

beforeEach(async () => {
	harness = await startHarness();
	harness.emulator.seedRegistry({ name: "team-images" });
});

afterEach(async () => {
	child?.kill("SIGKILL");
	child = undefined;
	await harness.close();
});

function passwordDms() {
	return harness.standIn.calls.filter(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === HANAKO.id &&
			JSON.stringify(call.body.blocks).includes("*Password*"),
	);
}

test("killed worker retried: one DM", async () => {
	const requestId = "crash-test-request-0001";
	const now = new Date();
	await harness.store.create({
		id: requestId,
		kind: "user.add",
		operation: {
			kind: "user.add",
			registry: "team-images",
			username: "ci",
			permission: "readwrite",
		},
		requester: { userId: HANAKO.id, userName: "hanako", teamId: "T0SANDBOX" },
		reason: "",
		status: "approved",
		requiredApprovals: 0,
		approvals: [],
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
		updatedAt: now.toISOString(),
		origin: {
			channelId: "C0PLATFORM",
			responseUrl: harness.standIn.newResponseUrl(),
		},
		version: 0,
	});
	harness.standIn.failNext("chat.postMessage", { hang: true });
	const job = { type: "run", requestId };

	child = spawn(
		process.execPath,
		[
			"--import",
			"tsx",
			join(__dirname, "..", "helpers", "worker-process.ts"),
			JSON.stringify(job),
		],
		{
			env: { ...process.env, ...harness.env, LOG_LEVEL: "SILENT" },
			stdio: "ignore",
		},
	);
	const deadline = Date.now() + 20_000;
	while (passwordDms().length === 0 && Date.now() < deadline) {
		await sleep(50);
	}
	expect(passwordDms()).toHaveLength(1);
	child.kill("SIGKILL");
	child = undefined;

	expect(await harness.store.get(requestId)).toMatchObject({
		status: "running",
		attempt: 1,
	});
	const log = createCaptureLog();
	const later = () => new Date(Date.now() + 10 * 60_000);
	const retry = createWorkerRuntime({
		env: harness.env,
		logger: log,
		clock: later,
	});
	await retry.run({ type: "run", requestId }, 60_000);
	await retry.close();

	const users = harness.emulator.requests.filter(
		(entry) => entry.method === "POST" && entry.path.endsWith("/users"),
	);
	expect(users).toHaveLength(1);
	const delivered = passwordDms().filter((call) => call.ok);
	expect(delivered).toHaveLength(1);
	expect(await harness.store.get(requestId)).toMatchObject({
		status: "succeeded",
		attempt: 2,
	});
	expect(log.text()).toContain(
		"Taking over a request whose earlier run stopped",
	);
	expect(log.text()).not.toContain(SANDBOX_CREDENTIALS.accessTokenSecret);
}, 40_000);

test("invalid stored operation fails", async () => {
	const requestId = "invalid-operation-0001";
	const now = new Date();
	await harness.store.create({
		id: requestId,
		kind: "user.add",
		operation: { kind: "user.add", registry: "team-images" },
		requester: { userId: HANAKO.id, userName: "hanako", teamId: "T0SANDBOX" },
		reason: "",
		status: "approved",
		requiredApprovals: 0,
		approvals: [],
		createdAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
		updatedAt: now.toISOString(),
		version: 0,
	});
	const log = createCaptureLog();
	const runtime = createWorkerRuntime({ env: harness.env, logger: log });
	const before = harness.standIn.calls.length;

	await runtime.run({ type: "run", requestId }, 60_000);
	await runtime.close();

	expect(await harness.store.get(requestId)).toMatchObject({
		status: "failed",
		result: { errorCode: "invalid_request" },
	});
	const reference = log.lines.find(
		(line) => line.message === "Stored request has an invalid operation",
	)?.extra?.reference;
	const dms = harness.standIn.calls
		.slice(before)
		.filter((call) => call.body.channel === HANAKO.id);
	expect(dms).toHaveLength(1);
	expect(JSON.stringify(dms[0].body)).toContain(String(reference));
	expect(
		harness.emulator.requests.filter((entry) => entry.method !== "GET"),
	).toHaveLength(0);
});
