import { join } from "node:path";
import { loadPolicy } from "../../src/operations/policy";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import { createSlackApp } from "../../src/slack/app";
import {
	createSlackDirectory,
	createSlackUsers,
} from "../../src/slack/directory";
import type { RunJob, Worker } from "../../src/slack/jobs";
import { createLocaleResolver } from "../../src/slack/locale-resolver";
import { createWebClient } from "../../src/slack/web-client";
import type { DynamoRequestStore } from "../../src/store";
import { ENGLISH_SAMPLE_USERS } from "../handlers/slack-harness";
import { createCaptureLog } from "../helpers/capture-log";
import { slashCommandEvent } from "../helpers/slack-events";
import {
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "../store/store-fixture";

const SIGNING_SECRET = "app-test-signing-secret";
const RUN_ALL_POLICY = join(__dirname, "..", "fixtures", "policy-run-all.json");
const CONTEXT = {} as never;

let standIn: SlackStandIn;
let fixture: StoreFixture;

beforeAll(async () => {
	fixture = await startStoreFixture();
});

afterAll(async () => {
	await stopStoreFixture(fixture);
});

beforeEach(async () => {
	standIn = await startSlackStandIn({ users: ENGLISH_SAMPLE_USERS });
});

afterEach(async () => {
	await standIn.close();
});

/**
 * Builds the app with a policy that runs every operation at once, so commands are stored as
 * approved requests and reach the worker.
 */
function build(
	dispatcher: {
		runsInline: boolean;
		dispatch: (job: RunJob) => Promise<void>;
	},
	log = createCaptureLog(),
) {
	const worker: Worker = {
		runsInline: dispatcher.runsInline,
		start: dispatcher.dispatch,
		ask: async () => {
			throw new Error("no worker queries in these tests");
		},
	};
	const client = createWebClient(standIn.botToken, {
		slackApiUrl: standIn.apiUrl,
		log,
	});
	const built = createSlackApp({
		signingSecret: SIGNING_SECRET,
		botToken: standIn.botToken,
		slackApiUrl: standIn.apiUrl,
		requests: {
			approvals: {
				store: fixture.store as DynamoRequestStore,
				policy: loadPolicy(RUN_ALL_POLICY),
				directory: createSlackDirectory(client),
				log,
			},
			client,
			worker,
			locales: createLocaleResolver({
				users: createSlackUsers(client),
				workspaceDefault: "en",
				channels: new Map(),
				log,
			}),
			log,
		},
		log,
	});
	return { ...built, handler: built.receiver.toHandler(), log };
}

function event(text: string, responseUrl = standIn.newResponseUrl()) {
	return slashCommandEvent({
		text,
		responseUrl,
		signingSecret: SIGNING_SECRET,
	});
}

test("operation becomes a job with the Slack ids", async () => {
	const jobs: RunJob[] = [];
	const { handler } = build({
		runsInline: true,
		dispatch: async (job) => void jobs.push(job),
	});
	const request = event("user add team-images --user ci");

	const response = await handler(request, CONTEXT);

	expect(response).toMatchObject({ statusCode: 200, body: "" });
	expect(jobs).toEqual([{ type: "run", requestId: expect.any(String) }]);
	const stored = await fixture.store.get(jobs[0].requestId);
	expect(stored).toMatchObject({
		status: "approved",
		requiredApprovals: 0,
		operation: {
			kind: "user.add",
			registry: "team-images",
			username: "ci",
			permission: "readonly",
		},
		requester: {
			userId: "U0HANAKO",
			userName: "hanako",
			teamId: "T0SANDBOX",
		},
		origin: {
			channelId: "C0PLATFORM",
			responseUrl: expect.stringContaining("/response/"),
		},
	});
});

test("queued dispatch acks with a working message", async () => {
	const order: string[] = [];
	const { handler } = build({
		runsInline: false,
		dispatch: async () => void order.push("dispatched"),
	});

	const response = await handler(event("show team-images"), CONTEXT);

	expect(response.statusCode).toBe(200);
	expect(JSON.parse(response.body)).toMatchObject({
		response_type: "ephemeral",
	});
	expect(response.body).toContain("Looking up registry `team-images`");
	expect(order).toEqual(["dispatched"]);
});

test("failed inline dispatch acks with a reference", async () => {
	const { handler, log } = build({
		runsInline: true,
		dispatch: async () => {
			throw new Error("queue unavailable");
		},
	});

	const response = await handler(event("list"), CONTEXT);

	expect(response.statusCode).toBe(200);
	const line = log.lines.find(
		(entry) => entry.message === "Handing the request to the worker failed",
	);
	expect(line?.extra).toMatchObject({
		team: "T0SANDBOX",
		user: "U0HANAKO",
		channel: "C0PLATFORM",
	});
	expect(response.body).toContain(String(line?.extra?.reference));
});

test("failed queued dispatch acks with a reference", async () => {
	const responseUrl = standIn.newResponseUrl();
	const { handler, log } = build({
		runsInline: false,
		dispatch: async () => {
			throw new Error("queue unavailable");
		},
	});

	const response = await handler(event("list", responseUrl), CONTEXT);

	const reference = String(
		log.lines.find(
			(entry) => entry.message === "Handing the request to the worker failed",
		)?.extra?.reference,
	);
	expect(response.body).toContain(reference);
	expect(response.body).not.toContain("Listing registries");
	expect(standIn.responses).toHaveLength(0);
});

test("error after ack keeps the ack", async () => {
	const { app, handler, log } = build({
		runsInline: true,
		dispatch: async () => undefined,
	});
	app.command("/registry", async () => {
		throw new Error("second listener failed");
	});

	const response = await handler(event("help"), CONTEXT);

	expect(response.statusCode).toBe(200);
	expect(response.body).toContain("/registry list");
	expect(
		log.lines.find((entry) => entry.message === "Slack listener failed")?.extra,
	).toMatchObject({
		team: "T0SANDBOX",
		user: "U0HANAKO",
		channel: "C0PLATFORM",
	});
});

test("unknown command gets 404 and no call", async () => {
	const { handler, log } = build({
		runsInline: true,
		dispatch: async () => undefined,
	});
	const body = slashCommandEvent({
		text: "list",
		responseUrl: standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
		fields: { command: "/other" },
	});

	const response = await handler(body, CONTEXT);

	expect(response.statusCode).toBe(404);
	// The locale middleware looks up the sender before Bolt finds that no listener matches.
	expect(
		standIn.calls.filter((call) => call.method !== "users.info"),
	).toHaveLength(0);
	expect(log.lines).toContainEqual({
		level: "info",
		message: "No request handler matched the request: /slack/events",
		extra: { source: "bolt" },
	});
	expect(log.lines.some((line) => line.level === "debug")).toBe(false);
});
