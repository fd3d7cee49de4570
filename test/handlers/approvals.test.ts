import type { RecordedCall } from "../../src/sandbox/slack-stand-in";
import { viewSubmissionPayload } from "../helpers/slack-events";
import {
	buttonValue,
	credentialsFromDm,
	type Harness,
	type InteractionResult,
	shownText,
	startHarness,
} from "./slack-harness";

const HANAKO = { id: "U0HANAKO", name: "hanako" };
const TARO = { id: "U0TARO", name: "taro" };
const ALEX = { id: "U0ALEX", name: "alex" };
const APPROVAL_CHANNEL = "C0APPROVALS";
const DAY_MS = 24 * 60 * 60 * 1000;

let harness: Harness;
/** The lifecycle's clock; tests move it forward to expire requests. */
let now = new Date();
/** Every interaction result of this file, for the password hygiene checks at the end. */
const interactions: InteractionResult[] = [];

beforeAll(async () => {
	harness = await startHarness({
		clock: () => now,
		env: (env) => {
			const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
			return { ...rest, APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL };
		},
	});
});

afterAll(async () => {
	await harness.close();
});

interface Card {
	requestId: string;
	ts: string;
}

/** Runs a command that needs approval and returns the card it posted. */
async function request(
	text: string,
	user: { id: string; name: string } = HANAKO,
): Promise<Card & { ack: string }> {
	const result = await harness.command(text, {
		userId: user.id,
		userName: user.name,
	});
	const posted = result.calls.filter(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === APPROVAL_CHANNEL,
	);
	expect(posted).toHaveLength(1);
	expect(posted[0].ok).toBe(true);
	const requestId = buttonValue(posted[0].body.blocks, "request.approve");
	const ts = await cardTs(requestId);
	return { requestId, ts, ack: shownText(result.ack) };
}

async function click(
	actionId: string,
	card: Card,
	user: { id: string; name: string },
	value = card.requestId,
): Promise<InteractionResult> {
	const result = await harness.click({
		actionId,
		value,
		user,
		message: { channelId: APPROVAL_CHANNEL, ts: card.ts },
	});
	interactions.push(result);
	return result;
}

function approve(card: Card, user: { id: string; name: string }) {
	return click("request.approve", card, user);
}

/** Returns the one ephemeral reply a click got through its response_url. */
function onlyReply(result: InteractionResult): string {
	expect(result.status).toBe(200);
	expect(result.posts).toHaveLength(1);
	expect(result.posts[0].body).toMatchObject({
		response_type: "ephemeral",
		replace_original: false,
	});
	return shownText(result.posts[0].body);
}

/** Returns the ts of the card location stored with the request. */
async function cardTs(requestId: string): Promise<string> {
	const record = await harness.store.get(requestId);
	if (record?.card === undefined) {
		throw new Error(`Request ${requestId} has no stored card`);
	}
	expect(record.card.channelId).toBe(APPROVAL_CHANNEL);
	return record.card.ts;
}

/** Returns the blocks of the card as last posted or rewritten. */
function currentCard(card: Card): unknown[] {
	const updates = harness.standIn.calls.filter(
		(call) =>
			call.method === "chat.update" &&
			call.body.channel === APPROVAL_CHANNEL &&
			call.body.ts === card.ts,
	);
	if (updates.length > 0) {
		return updates[updates.length - 1].body.blocks as unknown[];
	}
	const posted = harness.standIn.calls.find(
		(call) =>
			call.method === "chat.postMessage" &&
			JSON.stringify(call.body.blocks).includes(card.requestId),
	);
	return posted?.body.blocks as unknown[];
}

function hasButtons(blocks: unknown[]): boolean {
	return blocks.some((block) => (block as { type: string }).type === "actions");
}

function dmsTo(userId: string, since = 0): RecordedCall[] {
	return harness.standIn.calls
		.slice(since)
		.filter(
			(call) =>
				call.method === "chat.postMessage" && call.body.channel === userId,
		);
}

function postsTo(pathPart: string, since: number): number {
	return harness.emulator.requests
		.slice(since)
		.filter((entry) => entry.method === "POST" && entry.path.includes(pathPart))
		.length;
}

async function statusOf(requestId: string): Promise<string | undefined> {
	return (await harness.store.get(requestId))?.status;
}

describe("requests under the bundled policy", () => {
	test("list runs at once without a card", async () => {
		const result = await harness.command("list");

		expect(
			result.calls.filter((call) => call.method === "chat.postMessage"),
		).toEqual([]);
		expect(shownText(result.posts[0]?.body)).toContain("registries");
	});

	test("create waits for approval with a card", async () => {
		const before = harness.emulator.requests.length;
		const card = await request(
			'create pay-images --reason "payments team images"',
		);

		expect(card.ack).toContain("Sent for approval");
		expect(card.ack).toContain("1 approval");
		const blocks = currentCard(card);
		const text = shownText(blocks);
		expect(text).toContain("<@U0HANAKO> asks for approval");
		expect(text).toContain(
			"Create registry `pay-images` at `pay-images.sakuracr.jp`",
		);
		expect(text).toContain("payments team images");
		expect(text).toContain("*Approvals:* 0 of 1");
		expect(text).toContain("workspace admins and owners");
		expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|/);
		expect(hasButtons(blocks)).toBe(true);
		expect(buttonValue(blocks, "request.reject")).toBe(card.requestId);
		expect(postsTo("commonserviceitem", before)).toBe(0);
		expect(await statusOf(card.requestId)).toBe("pending");
	});

	test("failed permission check asks to retry", async () => {
		const card = await request("create retry-images");
		// The first failure meets the lookup of taro's locale, which falls back to the default;
		// the second meets the permission check.
		harness.standIn.failNext("users.info", { error: "ratelimited" });
		harness.standIn.failNext("users.info", { error: "ratelimited" });

		const failed = await approve(card, TARO);
		expect(onlyReply(failed)).toContain("could not check your permissions");
		expect(await statusOf(card.requestId)).toBe("pending");

		const retried = await approve(card, TARO);
		expect(retried.posts).toHaveLength(0);
		expect(await statusOf(card.requestId)).toBe("succeeded");
		expect(harness.emulator.registries().map((r) => r.name)).toContain(
			"retry-images",
		);
	});

	test("card post failure cancels the request", async () => {
		harness.standIn.failNext("chat.postMessage", { error: "not_in_channel" });

		const result = await harness.command("create lost-images");

		const text = shownText(result.ack);
		expect(text).toContain("was cancelled");
		expect(text).toContain("`not_in_channel`");
		expect(text).toContain("invite the bot");
		expect(text).toContain("APPROVAL_CHANNEL_ID");
		const line = harness.log.lines.find((entry) =>
			entry.message.startsWith("Approval card could not be posted"),
		);
		expect(line?.extra).toMatchObject({
			channel: APPROVAL_CHANNEL,
			slackError: "not_in_channel",
			user: HANAKO.id,
		});
		expect(await statusOf(String(line?.extra?.requestId))).toBe("cancelled");
	});
});

describe("approve clicks", () => {
	test("twenty concurrent clicks run once", async () => {
		harness.emulator.seedRegistry({ name: "team-images" });
		const card = await request(
			'user add team-images --user ci --permission readwrite --reason "CI pushes"',
		);
		expect(shownText(currentCard(card))).toContain(
			"Add user `ci` with readwrite permission to registry `team-images`. The password goes to <@U0HANAKO> by DM.",
		);
		const before = harness.emulator.requests.length;
		const callsBefore = harness.standIn.calls.length;

		const results = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				approve(card, index % 2 === 0 ? TARO : ALEX),
			),
		);

		expect(postsTo("/containerregistry/users", before)).toBe(1);
		const writes = harness.emulator.requests
			.slice(before)
			.filter((entry) => entry.method !== "GET");
		expect(writes).toHaveLength(1);
		const credentialDms = dmsTo(HANAKO.id, callsBefore).filter((call) =>
			shownText(call.body.blocks).includes("*Password*"),
		);
		expect(credentialDms).toHaveLength(1);
		expect(dmsTo(TARO.id, callsBefore)).toHaveLength(0);
		expect(dmsTo(ALEX.id, callsBefore)).toHaveLength(0);

		const silent = results.filter((result) => result.posts.length === 0);
		const replied = results.filter((result) => result.posts.length > 0);
		expect(silent).toHaveLength(1);
		expect(replied).toHaveLength(19);
		for (const result of replied) {
			expect(onlyReply(result)).toMatch(/lready approved/);
		}
		expect(await statusOf(card.requestId)).toBe("succeeded");

		const blocks = currentCard(card);
		expect(hasButtons(blocks)).toBe(false);
		expect(shownText(blocks)).toContain("*Approvals:* 1 of 1");
		expect(shownText(blocks)).toContain("Approved and done");
		const outcomeDm = dmsTo(HANAKO.id, callsBefore).find((call) =>
			shownText(call.body).includes("Your request was approved by"),
		);
		expect(outcomeDm).toBeDefined();
	});

	test("requester cannot approve own request", async () => {
		const card = await request("create own-images");

		const result = await approve(card, HANAKO);

		expect(onlyReply(result)).toContain("You cannot approve your own request");
		const record = await harness.store.get(card.requestId);
		expect(record?.status).toBe("pending");
		expect(record?.approvals).toEqual([]);
		expect(hasButtons(currentCard(card))).toBe(true);
	});

	test("non-approver click changes nothing", async () => {
		harness.emulator.seedRegistry({ name: "ops-images" });
		const card = await request("user add ops-images --user deploy", TARO);
		const before = harness.emulator.requests.length;

		const result = await approve(card, HANAKO);

		expect(onlyReply(result)).toContain("You are not an approver");
		expect((await harness.store.get(card.requestId))?.approvals).toEqual([]);
		expect(harness.emulator.requests.length).toBe(before);
	});

	test("delete needs two distinct approvers", async () => {
		const registryId = harness.emulator.seedRegistry({ name: "old-images" });
		const card = await request(
			'delete old-images --reason "unused since 2025"',
		);
		expect(shownText(currentCard(card))).toContain("*Approvals:* 0 of 2");
		const callsBefore = harness.standIn.calls.length;

		const first = await approve(card, TARO);
		expect(first.posts).toHaveLength(0);
		const afterFirst = shownText(currentCard(card));
		expect(afterFirst).toContain("*Approvals:* 1 of 2: <@U0TARO> on <!date^");
		expect(hasButtons(currentCard(card))).toBe(true);

		const repeated = await approve(card, TARO);
		expect(onlyReply(repeated)).toContain("You already approved this request");
		expect((await harness.store.get(card.requestId))?.approvals).toHaveLength(
			1,
		);
		expect(harness.emulator.registries().map((r) => r.id)).toContain(
			registryId,
		);

		const second = await approve(card, ALEX);
		expect(second.posts).toHaveLength(0);
		expect(harness.emulator.registries().map((r) => r.id)).not.toContain(
			registryId,
		);
		const finished = currentCard(card);
		expect(hasButtons(finished)).toBe(false);
		expect(shownText(finished)).toContain("*Approvals:* 2 of 2");
		expect(shownText(finished)).toContain("<@U0ALEX>");
		const dm = dmsTo(HANAKO.id, callsBefore);
		expect(dm).toHaveLength(1);
		expect(shownText(dm[0].body)).toContain("and done");
		expect(shownText(dm[0].body)).toContain("`old-images`");
	});

	test("failed run shows the error on the card", async () => {
		harness.emulator.seedRegistry({ name: "fails-later" });
		const card = await request("delete fails-later");
		harness.emulator.injectFault({
			method: "DELETE",
			times: 10,
			action: { kind: "status", status: 500 },
		});
		const callsBefore = harness.standIn.calls.length;
		await approve(card, TARO);
		await approve(card, ALEX);
		harness.emulator.clearFaults();

		expect(await statusOf(card.requestId)).toBe("failed");
		const text = shownText(currentCard(card));
		expect(text).toContain("it failed on");
		expect(text).toContain("HTTP 500");
		expect(hasButtons(currentCard(card))).toBe(false);
		const dm = dmsTo(HANAKO.id, callsBefore);
		expect(dm).toHaveLength(1);
		expect(shownText(dm[0].body)).toContain("but it failed");
	});

	test("missing registry is refused before approval", async () => {
		const result = await harness.command("delete never-existed", {
			userId: HANAKO.id,
			userName: HANAKO.name,
		});

		const cards = result.calls.filter(
			(call) =>
				call.method === "chat.postMessage" &&
				call.body.channel === APPROVAL_CHANNEL,
		);
		expect(cards).toHaveLength(0);
		expect(shownText(result.ack)).toContain(
			"No registry named `never-existed`",
		);
	});
});

describe("repeated approval", () => {
	test("second click by the same approver rewrites the card", async () => {
		harness.emulator.seedRegistry({ name: "twice-clicked" });
		const card = await request("delete twice-clicked");
		await approve(card, TARO);
		const updates = () =>
			harness.standIn.calls.filter(
				(call) => call.method === "chat.update" && call.body.ts === card.ts,
			).length;
		const before = updates();

		await approve(card, TARO);

		expect(updates()).toBe(before + 1);
		expect(shownText(currentCard(card))).toContain("1 of 2");
		expect(await statusOf(card.requestId)).toBe("pending");
	});
});

describe("undelivered credentials", () => {
	test("card speaks of the requester, not you", async () => {
		harness.emulator.seedRegistry({ name: "dm-fails" });
		const card = await request("user add dm-fails --permission readwrite");
		harness.standIn.failNext("chat.postMessage", {
			error: "channel_not_found",
		});

		await approve(card, TARO);

		expect(await statusOf(card.requestId)).toBe("failed");
		const text = shownText(currentCard(card));
		expect(text).toContain(
			"could not deliver the credentials to the requester",
		);
		expect(text).not.toContain("send you");
	});
});

describe("button values", () => {
	test("unknown request id changes nothing", async () => {
		const card = await request("create ghost-images");
		const before = harness.emulator.requests.length;

		const result = await click(
			"request.approve",
			card,
			TARO,
			"no-such-request",
		);
		const malformed = await click("request.approve", card, TARO, "../x y");

		expect(onlyReply(result)).toContain("This request no longer exists");
		expect(onlyReply(malformed)).toContain("This request no longer exists");
		expect(harness.emulator.requests.length).toBe(before);
		expect(await statusOf(card.requestId)).toBe("pending");
	});

	test("swapped id follows the stored request", async () => {
		const registryId = harness.emulator.seedRegistry({ name: "keep-images" });
		const deletion = await request("delete keep-images");
		const addition = await request("user add keep-images --user swap");
		const before = harness.emulator.requests.length;
		const callsBefore = harness.standIn.calls.length;

		// A click on the user add card whose value names the delete request.
		const result = await click(
			"request.approve",
			addition,
			TARO,
			deletion.requestId,
		);

		expect(result.posts).toHaveLength(0);
		const deleted = await harness.store.get(deletion.requestId);
		expect(deleted?.status).toBe("pending");
		expect(deleted?.approvals.map((approval) => approval.userId)).toEqual([
			TARO.id,
		]);
		expect((await harness.store.get(addition.requestId))?.approvals).toEqual(
			[],
		);
		expect(harness.emulator.requests.length).toBe(before);
		expect(harness.emulator.registries().map((r) => r.id)).toContain(
			registryId,
		);
		expect(harness.emulator.users(registryId)).toEqual([]);
		const updates = harness.standIn.calls
			.slice(callsBefore)
			.filter((call) => call.method === "chat.update");
		expect(updates.map((call) => call.body.ts)).toEqual([deletion.ts]);
	});
});

describe("finished requests", () => {
	test("expired request cannot be approved", async () => {
		const card = await request("create late-images");
		const callsBefore = harness.standIn.calls.length;
		const before = harness.emulator.requests.length;
		now = new Date(Date.now() + DAY_MS + 60_000);
		try {
			const first = await approve(card, TARO);
			const second = await approve(card, ALEX);

			expect(onlyReply(first)).toContain("This request expired");
			expect(onlyReply(second)).toContain("This request expired");
		} finally {
			now = new Date();
		}

		expect(await statusOf(card.requestId)).toBe("expired");
		expect(harness.emulator.requests.length).toBe(before);
		const blocks = currentCard(card);
		expect(hasButtons(blocks)).toBe(false);
		expect(shownText(blocks)).toContain("before it had enough approvals");
		const dms = dmsTo(HANAKO.id, callsBefore);
		expect(dms).toHaveLength(1);
		expect(shownText(dms[0].body)).toContain("Your request expired");
	});

	test("cancelled request cannot be approved", async () => {
		const card = await request("create dropped-images");
		const requester = await harness.click({
			actionId: "request.cancel",
			value: card.requestId,
			user: HANAKO,
			message: {
				channelId: "C0PLATFORM",
				ts: "1767225600.000300",
				isEphemeral: true,
			},
		});
		interactions.push(requester);

		expect(requester.posts).toHaveLength(1);
		expect(requester.posts[0].body).toMatchObject({ replace_original: true });
		expect(shownText(requester.posts[0].body)).toContain(
			"You cancelled this request",
		);
		expect(shownText(currentCard(card))).toContain(
			"Cancelled by the requester",
		);
		expect(hasButtons(currentCard(card))).toBe(false);

		const late = await approve(card, TARO);
		expect(onlyReply(late)).toContain("cancelled by the requester");
		expect(await statusOf(card.requestId)).toBe("cancelled");
		expect(harness.emulator.registries().map((r) => r.name)).not.toContain(
			"dropped-images",
		);
	});

	test("only the requester can cancel", async () => {
		const card = await request("create kept-images");

		const result = await click("request.cancel", card, TARO);

		expect(onlyReply(result)).toContain("Only the requester can cancel");
		expect(await statusOf(card.requestId)).toBe("pending");
	});
});

describe("reject", () => {
	function reasonValues(reason: string | null) {
		return {
			"request.reject.reason": {
				reason: { type: "plain_text_input", value: reason },
			},
		};
	}

	test("reject with a reason rewrites and DMs", async () => {
		const card = await request("create unwanted-images");
		const before = harness.emulator.requests.length;
		const callsBefore = harness.standIn.calls.length;

		const opened = await click("request.reject", card, TARO);
		const open = opened.calls.find((call) => call.method === "views.open");
		expect(open?.ok).toBe(true);
		const view = open?.body.view as Record<string, unknown>;
		expect(view.callback_id).toBe("request.reject");
		expect(view.private_metadata).toBe(card.requestId);

		const submitted = await harness.interact(
			viewSubmissionPayload({
				callbackId: "request.reject",
				values: reasonValues("Use the shared registry instead"),
				privateMetadata: card.requestId,
				user: TARO,
			}),
		);
		interactions.push(submitted);

		expect(submitted.status).toBe(200);
		expect(submitted.response.body ?? "").toBe("");
		expect(await statusOf(card.requestId)).toBe("rejected");
		const text = shownText(currentCard(card));
		expect(text).toContain("Rejected by <@U0TARO>");
		expect(text).toContain("Use the shared registry instead");
		expect(hasButtons(currentCard(card))).toBe(false);
		const dms = dmsTo(HANAKO.id, callsBefore);
		expect(dms).toHaveLength(1);
		expect(shownText(dms[0].body)).toContain("rejected by <@U0TARO>");
		expect(shownText(dms[0].body)).toContain("Use the shared registry instead");
		expect(harness.emulator.requests.length).toBe(before);

		const late = await approve(card, ALEX);
		expect(onlyReply(late)).toContain("This request was rejected by <@U0TARO>");
	});

	test("requester cannot reject in the form", async () => {
		const card = await request("create self-images");

		const opened = await click("request.reject", card, HANAKO);
		expect(opened.calls.some((call) => call.method === "views.open")).toBe(
			false,
		);
		expect(onlyReply(opened)).toContain("You cannot reject your own request");

		const submitted = await harness.interact(
			viewSubmissionPayload({
				callbackId: "request.reject",
				values: reasonValues(null),
				privateMetadata: card.requestId,
				user: HANAKO,
			}),
		);

		expect(submitted.ack).toEqual({
			response_action: "errors",
			errors: {
				"request.reject.reason":
					"You cannot reject your own request. Cancel it instead.",
			},
		});
		expect(await statusOf(card.requestId)).toBe("pending");
	});

	test("reject of a decided request updates the form", async () => {
		const card = await request("create decided-images");
		await approve(card, TARO);

		const submitted = await harness.interact(
			viewSubmissionPayload({
				callbackId: "request.reject",
				values: reasonValues("too late"),
				privateMetadata: card.requestId,
				user: ALEX,
			}),
		);

		expect(submitted.ack).toMatchObject({ response_action: "update" });
		expect(shownText(submitted.ack)).toContain("Already approved by <@U0TARO>");
		expect(await statusOf(card.requestId)).toBe("succeeded");
	});
});

describe("password hygiene across this file", () => {
	test("passwords appear only in the requester's DM", () => {
		const dms = harness.standIn.calls.filter(
			(call) =>
				call.method === "chat.postMessage" &&
				shownText(call.body.blocks).includes("*Password*"),
		);
		expect(dms.length).toBeGreaterThan(0);
		const passwords = dms.map((call) => credentialsFromDm(call).password);

		for (const password of passwords) {
			const carrying = harness.standIn.calls.filter((call) =>
				JSON.stringify(call.body).includes(password),
			);
			expect(carrying).toHaveLength(1);
			expect(carrying[0].body.channel).toBe(HANAKO.id);
			expect(JSON.stringify(harness.standIn.responses)).not.toContain(password);
			expect(harness.log.text()).not.toContain(password);
			for (const result of interactions) {
				expect(result.response.body ?? "").not.toContain(password);
			}
		}
	});
});
