import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OperationError } from "../../src/operations/errors";
import { loadPolicy } from "../../src/operations/policy";
import type { Operation, Outcome, Requester } from "../../src/operations/types";
import type { Registry } from "../../src/sakura/types";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import {
	createSlackDirectory,
	createSlackUsers,
} from "../../src/slack/directory";
import { createLocaleResolver } from "../../src/slack/locale-resolver";
import { postToResponseUrl } from "../../src/slack/response-url";
import {
	type JobRunnerDependencies,
	type RunOperation,
	runToMessage,
} from "../../src/slack/run-to-message";
import { createWebClient } from "../../src/slack/web-client";
import { reportResult } from "../../src/slack/worker/report";
import { DynamoRequestStore } from "../../src/store";
import type { RequestRecord } from "../../src/store/types";
import { ENGLISH_SAMPLE_USERS } from "../handlers/slack-harness";
import { createCaptureLog } from "../helpers/capture-log";

const registry: Registry = {
	id: "113700000001",
	name: "team-images",
	description: "",
	tags: [],
	subdomainLabel: "team-images",
	fqdn: "team-images.sakuracr.jp",
	accessLevel: "none",
	virtualDomain: "",
	availability: "available",
	createdAt: "2026-12-01T10:00:00+09:00",
	modifiedAt: "2026-12-01T10:00:00+09:00",
	settingsHash: null,
};

let standIn: SlackStandIn;

beforeEach(async () => {
	standIn = await startSlackStandIn({ users: ENGLISH_SAMPLE_USERS });
});

afterEach(async () => {
	await standIn.close();
});

/** A request that ran at once from a slash command, as the worker reads it. */
interface CommandJob {
	operation: Operation;
	requester: Requester;
	channelId: string;
	responseUrl: string;
}

function job(responseUrl = standIn.newResponseUrl()): CommandJob {
	return {
		operation: {
			kind: "user.add",
			registry: "team-images",
			username: "ci",
			permission: "readonly",
		},
		requester: { userId: "U0HANAKO", userName: "hanako", teamId: "T0SANDBOX" },
		channelId: "C0PLATFORM",
		responseUrl,
	};
}

function dependencies(run: RunOperation, log = createCaptureLog()) {
	const client = createWebClient(standIn.botToken, {
		slackApiUrl: standIn.apiUrl,
		log,
	});
	return {
		run,
		client,
		log,
		locales: createLocaleResolver({
			users: createSlackUsers(client),
			workspaceDefault: "en",
			channels: new Map(),
			log,
		}),
	};
}

/**
 * Runs a request that needs no approval and reports it as the worker does: to the command's
 * response_url. Reporting a run-now request never touches the store.
 */
async function runCommandJob(
	command: CommandJob,
	parts: ReturnType<typeof dependencies>,
): Promise<void> {
	const runner: JobRunnerDependencies = parts;
	const result = await runToMessage(
		command.operation,
		command.requester,
		runner,
		{
			team: command.requester.teamId,
			user: command.requester.userId,
			channel: command.channelId,
			operation: command.operation.kind,
		},
	);
	const record: RequestRecord = {
		id: "request-1",
		kind: command.operation.kind,
		operation: { ...command.operation },
		requester: command.requester,
		reason: "",
		status: result.ok ? "succeeded" : "failed",
		requiredApprovals: 0,
		approvals: [],
		createdAt: "2026-12-04T00:00:00.000Z",
		expiresAt: "2026-12-04T01:00:00.000Z",
		updatedAt: "2026-12-04T00:00:00.000Z",
		origin: { channelId: command.channelId, responseUrl: command.responseUrl },
		version: 2,
	};
	await reportResult({ record, operation: command.operation }, result, {
		...parts,
		approvals: {
			store: new DynamoRequestStore({ tableName: "unused-requests" }),
			policy: loadPolicy(undefined),
			directory: createSlackDirectory(parts.client),
			log: parts.log,
		},
	});
}

test("posts the outcome as ephemeral", async () => {
	const outcome: Outcome = { kind: "registry.delete", registry };

	await runCommandJob(
		job(),
		dependencies(async () => outcome),
	);

	expect(standIn.responses).toHaveLength(1);
	expect(standIn.responses[0].body).toMatchObject({
		response_type: "ephemeral",
	});
	expect(JSON.stringify(standIn.responses[0].body)).toContain("was deleted");
});

test("delivers credentials through the DM", async () => {
	const run: RunOperation = async (_operation, requester, delivery) => {
		await delivery.deliver(requester, {
			registry,
			username: "ci",
			password: "Zb8Kq3Lm7Np2Rt5Vx9Wc4Yd6Hf1Gj0Se",
			permission: "readonly",
			rotated: false,
		});
		return {
			kind: "user.add",
			registry,
			username: "ci",
			permission: "readonly",
		};
	};

	await runCommandJob(job(), dependencies(run));

	expect(
		standIn.calls
			.filter((call) => call.method !== "users.info")
			.map((call) => [call.method, call.body.channel]),
	).toEqual([["chat.postMessage", "U0HANAKO"]]);
	expect(JSON.stringify(standIn.responses)).not.toContain(
		"Zb8Kq3Lm7Np2Rt5Vx9Wc4Yd6Hf1Gj0Se",
	);
});

test("posts an operation error's explanation", async () => {
	const run: RunOperation = async () => {
		throw new OperationError("registry_not_found", { registry: "team-images" });
	};

	await runCommandJob(job(), dependencies(run));

	expect(JSON.stringify(standIn.responses[0].body)).toContain(
		"No registry named `team-images`",
	);
});

test("unexpected error gets a reference", async () => {
	const log = createCaptureLog();
	const run: RunOperation = async () => {
		throw new TypeError("internal detail that stays in the log");
	};

	await runCommandJob(job(), dependencies(run, log));

	const line = log.lines.find(
		(entry) => entry.message === "Command failed unexpectedly",
	);
	const reference = String(line?.extra?.reference);
	expect(reference).toMatch(/^[0-9a-f]{8}$/);
	expect(line?.extra).toMatchObject({
		team: "T0SANDBOX",
		user: "U0HANAKO",
		channel: "C0PLATFORM",
		error: "TypeError",
	});
	const posted = JSON.stringify(standIn.responses[0].body);
	expect(posted).toContain(reference);
	expect(posted).not.toContain("internal detail");
});

test("failed post is logged, not thrown", async () => {
	const log = createCaptureLog();
	const expired = `${standIn.apiUrl.replace("/api/", "/response/")}expired`;

	await expect(
		runCommandJob(
			job(expired),
			dependencies(
				async () => ({ kind: "registry.list", registries: [] }),
				log,
			),
		),
	).resolves.toBeUndefined();

	expect(log.lines).toEqual([
		expect.objectContaining({
			level: "error",
			extra: {
				requestId: "request-1",
				team: "T0SANDBOX",
				user: "U0HANAKO",
				channel: "C0PLATFORM",
				operation: "user.add",
				error: "http_404",
			},
		}),
	]);
});

describe("response_url timeout", () => {
	let silent: Server;
	let url: string;

	beforeAll(async () => {
		silent = createServer(() => {
			// Sends no response.
		});
		await new Promise<void>((resolve) =>
			silent.listen(0, "127.0.0.1", resolve),
		);
		url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/response/slow`;
	});

	afterAll(async () => {
		silent.closeAllConnections();
		await new Promise((resolve) => silent.close(resolve));
	});

	test("post times out", async () => {
		await expect(
			postToResponseUrl(url, { text: "late" }, 200),
		).rejects.toMatchObject({ code: "timeout" });
	});
});
