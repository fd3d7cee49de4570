import { SakuraClient } from "../../src/sakura";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import type { RecordedCall } from "../../src/sandbox/slack-stand-in";
import { DynamoGrantStore, type GrantRecord } from "../../src/store/grants";
import { makeClient } from "../store/store-fixture";
import {
	buttonValue,
	type Harness,
	REQUESTS_TABLE,
	shownText,
	startHarness,
} from "./slack-harness";

const HANAKO = { id: "U0HANAKO", name: "hanako" };
const TARO = { id: "U0TARO", name: "taro" };
const ALEX = { id: "U0ALEX", name: "alex" };
const APPROVAL_CHANNEL = "C0APPROVALS";
const DAY_MS = 86_400_000;

let harness: Harness;
let now: Date;
let grants: DynamoGrantStore;

beforeEach(async () => {
	now = new Date("2030-03-01T00:00:00.000Z");
	harness = await startHarness({
		clock: () => now,
		env: (env) => {
			const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
			return { ...rest, APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL };
		},
	});
	harness.emulator.seedRegistry({ name: "team-images" });
	grants = new DynamoGrantStore({
		tableName: REQUESTS_TABLE,
		client: makeClient(String(harness.env.AWS_ENDPOINT_URL_DYNAMODB)),
	});
});

afterEach(async () => {
	await harness.close();
});

function userExists(username: string): boolean {
	return harness.emulator
		.registries()
		.some((registry) =>
			harness.emulator
				.users(registry.id)
				.some((user) => user.username === username),
		);
}

/** `/registry access team-images` as `user`: the bundled policy runs a read-only one at once. */
async function access(user: {
	id: string;
	name: string;
}): Promise<GrantRecord> {
	const result = await harness.command("access team-images", {
		userId: user.id,
		userName: user.name,
	});
	const dm = result.calls.find(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === user.id &&
			JSON.stringify(call.body).includes("Password"),
	);
	expect(dm).toBeDefined();
	const [grant] = (await grants.listByOwner(user.id)).filter(
		(candidate) => candidate.status === "active",
	);
	expect(grant).toBeDefined();
	return grant;
}

function clickGrant(
	actionId: string,
	grant: GrantRecord,
	user: { id: string; name: string },
) {
	return harness.click({
		actionId,
		value: grant.id,
		user,
		message: { channelId: `D${user.id.slice(1)}`, ts: "1893456000.000100" },
	});
}

function replyOf(result: { posts: { body: unknown }[] }): string {
	return shownText(result.posts.at(-1)?.body);
}

test("access grants own readonly user", async () => {
	const grant = await access(HANAKO);

	expect(grant).toMatchObject({
		username: "hanako",
		permission: "readonly",
		owner: { userId: HANAKO.id },
		expiresAt: new Date(now.getTime() + 30 * DAY_MS).toISOString(),
	});
	expect(userExists("hanako")).toBe(true);
});

test("mine lists own credentials only", async () => {
	const grant = await access(HANAKO);
	await access(TARO);

	const mine = await harness.command("mine", { userId: HANAKO.id });
	const none = await harness.command("mine", { userId: ALEX.id });

	const text = shownText(mine.ack);
	expect(text).toContain("`hanako` on `team-images` (readonly)");
	expect(text).not.toContain("`taro`");
	expect(
		buttonValue((mine.ack as { blocks: unknown[] }).blocks, "grant.revoke"),
	).toBe(grant.id);
	expect(shownText(none.ack)).toContain("You own no registry users");
});

test("owner revokes at once", async () => {
	const grant = await access(HANAKO);
	const before = harness.standIn.calls.length;

	const result = await clickGrant("grant.revoke", grant, HANAKO);

	expect(result.status).toBe(200);
	expect(userExists("hanako")).toBe(false);
	expect((await grants.get(grant.id))?.status).toBe("revoked");
	const edit = harness.standIn.calls
		.slice(before)
		.find((call: RecordedCall) => call.method === "chat.update");
	expect(edit?.body).toMatchObject({
		channel: grant.credentialDm?.channelId,
		ts: grant.credentialDm?.ts,
	});
	expect(JSON.stringify(edit?.body)).toContain("Password removed");
	expect(JSON.stringify(edit?.body)).not.toMatch(/```/);
});

test("approver revokes, stranger rejected", async () => {
	const hanakos = await access(HANAKO);
	const taros = await access(TARO);

	const refused = await clickGrant("grant.revoke", taros, HANAKO);
	expect(replyOf(refused)).toContain(
		"Only the owner, <@U0TARO>, or an approver",
	);
	expect(userExists("taro")).toBe(true);

	const before = harness.standIn.calls.length;
	await clickGrant("grant.revoke", hanakos, TARO);
	expect(userExists("hanako")).toBe(false);
	expect((await grants.get(hanakos.id))?.revocation?.by).toBe(TARO.id);
	const told = harness.standIn.calls
		.slice(before)
		.filter(
			(call) =>
				call.method === "chat.postMessage" && call.body.channel === HANAKO.id,
		);
	expect(told).toHaveLength(1);
	expect(shownText(told[0].body)).toContain(
		"<@U0TARO> revoked your registry user `hanako`",
	);
});

test("revoke command by owner, unknown user", async () => {
	const grant = await access(HANAKO);

	const unknown = await harness.command("revoke team-images --user ghost", {
		userId: HANAKO.id,
	});
	const revoked = await harness.command("revoke team-images --user hanako", {
		userId: HANAKO.id,
		userName: HANAKO.name,
	});

	expect(shownText(unknown.ack)).toContain(
		"no active credential for user `ghost`",
	);
	expect(revoked.status).toBe(200);
	expect(userExists("hanako")).toBe(false);
	expect((await grants.get(grant.id))?.status).toBe("revoked");
});

test("extend waits for approval", async () => {
	const grant = await access(HANAKO);
	now = new Date(now.getTime() + 20 * DAY_MS);

	const clicked = await clickGrant("grant.extend", grant, HANAKO);
	const card = harness.standIn.calls.find(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === APPROVAL_CHANNEL,
	);
	expect(replyOf(clicked)).toContain("Sent for approval: Extend user `hanako`");
	expect(card).toBeDefined();
	expect((await grants.get(grant.id))?.expiresAt).toBe(grant.expiresAt);

	const requestId = buttonValue(
		(card as RecordedCall).body.blocks,
		"request.approve",
	);
	await harness.click({
		actionId: "request.approve",
		value: requestId,
		user: TARO,
		message: { channelId: APPROVAL_CHANNEL, ts: String(card?.result?.ts) },
	});

	expect((await grants.get(grant.id))?.expiresAt).toBe(
		new Date(now.getTime() + 30 * DAY_MS).toISOString(),
	);
	expect(userExists("hanako")).toBe(true);
});

test("button on ended credential", async () => {
	const grant = await access(HANAKO);
	await clickGrant("grant.revoke", grant, HANAKO);
	const requestsBefore = harness.emulator.requests.length;

	const again = await clickGrant("grant.rotate", grant, HANAKO);
	const forged = await harness.click({
		actionId: "grant.revoke",
		value: "grant:1:../../etc",
		user: HANAKO,
	});

	expect(replyOf(again)).toContain("already ended");
	expect(replyOf(forged)).toContain("already ended");
	expect(harness.emulator.requests).toHaveLength(requestsBefore);
});

test("audit lists unmanaged users", async () => {
	await access(HANAKO);
	const registryId = harness.emulator
		.registries()
		.find((registry) => registry.name === "team-images")?.id as string;
	const sakura = new SakuraClient({
		accessToken: SANDBOX_CREDENTIALS.accessToken,
		accessTokenSecret: SANDBOX_CREDENTIALS.accessTokenSecret,
		rootUrl: harness.emulator.rootUrl,
	});
	await sakura.addUser(registryId, {
		username: "legacy",
		password: "made-outside-the-bot-0001",
		permission: "readwrite",
	});
	await sakura.close();

	const result = await harness.command("audit team-images", {
		userId: TARO.id,
		userName: TARO.name,
	});
	const report = result.posts.at(-1)?.body as { blocks: unknown[] };

	expect(shownText(report)).toContain(
		"1 users of `team-images` have no active credential",
	);
	expect(shownText(report)).toContain("`legacy` (readwrite)");
	expect(shownText(report)).not.toContain("`hanako`");
	const value = buttonValue(report.blocks, "audit.remove");
	expect(value).toBe(`${registryId}:legacy`);

	const removed = await harness.click({
		actionId: "audit.remove",
		value,
		user: TARO,
	});
	expect(replyOf(removed)).toContain("Sent for approval: Delete user `legacy`");
	expect(userExists("legacy")).toBe(true);
});

test("registry delete ends its grants", async () => {
	const grant = await access(HANAKO);
	const card = await harness.command("delete team-images", {
		userId: HANAKO.id,
		userName: HANAKO.name,
	});
	const posted = card.calls.find(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === APPROVAL_CHANNEL,
	) as RecordedCall;
	const requestId = buttonValue(posted.body.blocks, "request.approve");
	for (const approver of [TARO, ALEX]) {
		await harness.click({
			actionId: "request.approve",
			value: requestId,
			user: approver,
			message: { channelId: APPROVAL_CHANNEL, ts: String(posted.result?.ts) },
		});
	}

	expect(harness.emulator.registries()).toHaveLength(0);
	expect(await grants.get(grant.id)).toMatchObject({
		status: "revoked",
		revocation: { by: HANAKO.id },
	});
	harness.emulator.seedRegistry({ name: "team-images" });
	const again = await clickGrant("grant.revoke", grant, HANAKO);
	expect(replyOf(again)).toContain("already ended");
});

test("rotate and extend are owner-only", async () => {
	const grant = await access(HANAKO);
	const cardsBefore = harness.standIn.calls.filter(
		(call) => call.body.channel === APPROVAL_CHANNEL,
	).length;

	const rotate = await clickGrant("grant.rotate", grant, ALEX);
	const extend = await clickGrant("grant.extend", grant, TARO);

	expect(replyOf(rotate)).toContain("Only the owner, <@U0HANAKO>");
	expect(replyOf(extend)).toContain("Only the owner, <@U0HANAKO>");
	expect(
		harness.standIn.calls.filter(
			(call) => call.body.channel === APPROVAL_CHANNEL,
		),
	).toHaveLength(cardsBefore);
});

test("expired grant cannot be extended", async () => {
	await harness.command("access team-images --ttl 1h", {
		userId: HANAKO.id,
		userName: HANAKO.name,
	});
	const [grant] = await grants.listByOwner(HANAKO.id);
	const clicked = await clickGrant("grant.extend", grant, HANAKO);
	const card = harness.standIn.calls.find(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === APPROVAL_CHANNEL,
	) as RecordedCall;
	expect(replyOf(clicked)).toContain("Sent for approval");
	now = new Date(Date.parse(grant.expiresAt) + 3_600_000);

	await harness.click({
		actionId: "request.approve",
		value: buttonValue(card.body.blocks, "request.approve"),
		user: TARO,
		message: { channelId: APPROVAL_CHANNEL, ts: String(card.result?.ts) },
	});

	expect((await grants.get(grant.id))?.expiresAt).toBe(grant.expiresAt);
	const dm = harness.standIn.calls
		.filter((call) => call.body.channel === HANAKO.id)
		.at(-1);
	expect(shownText(dm?.body)).toContain(
		"no active credential for user `hanako`",
	);
});

test("rotation by another moves ownership", async () => {
	const grant = await access(HANAKO);
	const rotated = await harness.command(
		"user rotate team-images --user hanako",
		{
			userId: TARO.id,
			userName: TARO.name,
		},
	);
	const card = rotated.calls.find(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === APPROVAL_CHANNEL,
	) as RecordedCall;
	const before = harness.standIn.calls.length;

	await harness.click({
		actionId: "request.approve",
		value: buttonValue(card.body.blocks, "request.approve"),
		user: ALEX,
		message: { channelId: APPROVAL_CHANNEL, ts: String(card.result?.ts) },
	});

	const toHanako = harness.standIn.calls
		.slice(before)
		.filter(
			(call) =>
				call.method === "chat.postMessage" && call.body.channel === HANAKO.id,
		);
	expect(toHanako).toHaveLength(1);
	expect(shownText(toHanako[0].body)).toContain(
		"<@U0TARO> changed the password of your registry user `hanako`",
	);
	expect((await grants.get(grant.id))?.owner.userId).toBe(TARO.id);
});
