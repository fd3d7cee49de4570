import { SAMPLE_USERS } from "../../src/sandbox/slack-stand-in/users";
import { latestView, slashCommand } from "../slack/listeners/modal-harness";
import {
	type Harness,
	type InteractionResult,
	shownText,
	startHarness,
} from "./slack-harness";

const HANAKO = { id: "U0HANAKO", name: "hanako" };
const TARO = { id: "U0TARO", name: "taro" };
const ALEX = { id: "U0ALEX", name: "alex" };
const APPROVAL_CHANNEL = "C0APPROVALS";

/** Runs `/registry <text>` as `user` and returns everything the reply and response_url posts show. */
async function replyTo(
	harness: Harness,
	text: string,
	user: { id: string; name: string },
): Promise<string> {
	const result = await harness.command(text, {
		userId: user.id,
		userName: user.name,
	});
	expect(result.status).toBe(200);
	return [result.ack, ...result.posts.map((post) => post.body)]
		.map(shownText)
		.join("\n");
}

/** Returns the DMs the bot sent to `userId` after the first `since` Web API calls. */
function dmsTo(harness: Harness, userId: string, since: number): string[] {
	return harness.standIn.calls
		.slice(since)
		.filter(
			(call) =>
				call.method === "chat.postMessage" && call.body.channel === userId,
		)
		.map((call) => shownText(call.body.blocks));
}

describe("replies in the reader's language", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({ users: SAMPLE_USERS });
	});

	afterAll(async () => {
		await harness.close();
	});

	test("help follows each user's locale", async () => {
		const japanese = await replyTo(harness, "help", HANAKO);
		const english = await replyTo(harness, "help", ALEX);

		expect(japanese).toContain(
			"/registry: さくらのクラウド コンテナレジストリ",
		);
		expect(japanese).not.toContain("SAKURA Cloud Container Registry");
		expect(english).toContain("/registry: SAKURA Cloud Container Registry");
		expect(english).not.toContain("さくらのクラウド");
	});

	test("empty list follows each user's locale", async () => {
		const japanese = await replyTo(harness, "list", HANAKO);
		const english = await replyTo(harness, "list", ALEX);

		expect(japanese).toContain("このアカウントにはまだレジストリがありません");
		expect(english).toContain("This account has no registries yet.");
	});

	test("invalid command follows each user's locale", async () => {
		const japanese = await replyTo(harness, "frobnicate", HANAKO);
		const english = await replyTo(harness, "frobnicate", ALEX);

		expect(japanese).toContain("`frobnicate` というコマンドはありません");
		expect(english).toContain("Unknown command `frobnicate`");
	});

	test("create result follows each user's locale", async () => {
		const japanese = await replyTo(harness, "create hanako-images", HANAKO);
		const english = await replyTo(harness, "create alex-images", ALEX);

		expect(japanese).toContain(
			"レジストリ `hanako-images` を作成しました: `hanako-images.sakuracr.jp`",
		);
		expect(english).toContain(
			"Registry `alex-images` created: `alex-images.sakuracr.jp`",
		);
	});

	test("credentials DM follows the requester's locale", async () => {
		const before = harness.standIn.calls.length;
		const japanese = await replyTo(harness, "user add hanako-images", HANAKO);
		const english = await replyTo(harness, "user add alex-images", ALEX);

		expect(japanese).toContain(
			"`hanako-images` にユーザー `hanako` (readonly) を追加しました。",
		);
		expect(english).toContain(
			"User `alex` (readonly) was added to `alex-images`.",
		);
		const hanakoDms = dmsTo(harness, HANAKO.id, before);
		const alexDms = dmsTo(harness, ALEX.id, before);
		expect(hanakoDms).toHaveLength(1);
		expect(hanakoDms[0]).toContain("レジストリの新しい認証情報");
		expect(hanakoDms[0]).toContain("ユーザー名");
		expect(alexDms).toHaveLength(1);
		expect(alexDms[0]).toContain("New registry credentials");
		expect(alexDms[0]).not.toContain("ユーザー名");
	});

	test("form follows each user's locale", async () => {
		const japanese = await slashCommand(harness, "", {
			user_id: HANAKO.id,
			user_name: HANAKO.name,
		});
		expect(japanese.status).toBe(200);
		const japaneseView = latestView(harness).view;

		const english = await slashCommand(harness, "", {
			user_id: ALEX.id,
			user_name: ALEX.name,
		});
		expect(english.status).toBe(200);
		const englishView = latestView(harness).view;

		expect(shownText(japaneseView.title)).toBe("さくらのレジストリ");
		expect(shownText(japaneseView.blocks)).toContain("何をしますか？");
		expect(shownText(englishView.title)).toBe("SAKURA Registry");
		expect(shownText(englishView.blocks)).toContain("What do you want to do?");
	});
});

describe("failed locale lookup", () => {
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({
			users: SAMPLE_USERS,
			env: (env) => ({ ...env, DEFAULT_LOCALE: "ja" }),
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	test("falls back to the workspace default", async () => {
		harness.standIn.failNext("users.info", { error: "ratelimited" });

		const fallback = await replyTo(harness, "help", ALEX);

		expect(fallback).toContain(
			"/registry: さくらのクラウド コンテナレジストリ",
		);
		const warning = harness.log.lines.find((line) =>
			line.message.startsWith("Looking up a user's locale failed"),
		);
		expect(warning?.level).toBe("warn");
		expect(warning?.extra).toMatchObject({
			user: ALEX.id,
			locale: "ja",
			error: "ratelimited",
		});
	});

	test("is retried on the next request", async () => {
		const english = await replyTo(harness, "help", ALEX);

		expect(english).toContain("/registry: SAKURA Cloud Container Registry");
	});

	test("HTTP failure still runs the command", async () => {
		harness.standIn.failNext("users.info", { httpStatus: 500 });

		const created = await replyTo(harness, "create fallback-images", TARO);

		expect(created).toContain("レジストリ `fallback-images` を作成しました");
		expect(
			harness.emulator.registries().map((registry) => registry.name),
		).toContain("fallback-images");
	});
});

describe("approval cards", () => {
	/** Runs a command that needs approval and returns the card call, the ack text and the request id. */
	async function request(
		harness: Harness,
		text: string,
		user: { id: string; name: string },
	) {
		const result = await harness.command(text, {
			userId: user.id,
			userName: user.name,
		});
		const cards = result.calls.filter(
			(call) =>
				call.method === "chat.postMessage" &&
				call.body.channel === APPROVAL_CHANNEL,
		);
		expect(cards).toHaveLength(1);
		const card = cards[0];
		const requestId = approveButtonValue(card.body.blocks);
		const stored = await harness.store.get(requestId);
		if (stored?.card === undefined) {
			throw new Error(`Request ${requestId} has no stored card`);
		}
		return {
			card: shownText(card.body.blocks),
			ack: shownText(result.ack),
			requestId,
			ts: stored.card.ts,
		};
	}

	function approve(
		harness: Harness,
		card: { requestId: string; ts: string },
		user: { id: string; name: string },
	): Promise<InteractionResult> {
		return harness.click({
			actionId: "request.approve",
			value: card.requestId,
			user,
			message: { channelId: APPROVAL_CHANNEL, ts: card.ts },
		});
	}

	function approveButtonValue(blocks: unknown): string {
		const elements = (blocks as { type: string; elements?: unknown[] }[])
			.filter((block) => block.type === "actions")
			.flatMap(
				(block) => block.elements as { action_id: string; value: string }[],
			);
		const button = elements.find(
			(element) => element.action_id === "request.approve",
		);
		if (button === undefined) {
			throw new Error(`No approve button in ${JSON.stringify(blocks)}`);
		}
		return button.value;
	}

	describe("in a channel set to Japanese", () => {
		let harness: Harness;

		beforeAll(async () => {
			harness = await startHarness({
				users: SAMPLE_USERS,
				env: (env) => {
					const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
					return {
						...rest,
						APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
						DEFAULT_LOCALE: "en",
						CHANNEL_LOCALES: `C0PLATFORM:en, ${APPROVAL_CHANNEL}:ja`,
					};
				},
			});
		});

		afterAll(async () => {
			await harness.close();
		});

		test("card is Japanese for an English requester", async () => {
			const requested = await request(harness, "create alex-card", ALEX);

			expect(requested.card).toContain(
				"<@U0ALEX> さんが次の操作の承認を申請しています:",
			);
			expect(requested.card).not.toContain("asks for approval");
			expect(requested.card).toMatch(
				/<!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}年\d{2}月\d{2}日 \d{2}:\d{2} UTC>/,
			);
			expect(requested.ack).toContain("Sent for approval");
			expect(requested.ack).toMatch(
				/<!date\^\d+\^\{date_short_pretty\} at \{time\}\|\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC>/,
			);
		});

		test("requester's reply and DM follow the requester", async () => {
			const requested = await request(harness, "create hanako-card", HANAKO);
			expect(requested.ack).toContain("承認を申請しました");

			const before = harness.standIn.calls.length;
			const approved = await approve(harness, requested, ALEX);
			expect(approved.status).toBe(200);

			const dms = dmsTo(harness, HANAKO.id, before);
			expect(dms).toHaveLength(1);
			expect(dms[0]).toContain("申請が承認され、実行が完了しました");
			const update = harness.standIn.calls
				.slice(before)
				.find((call) => call.method === "chat.update");
			expect(shownText(update?.body.blocks)).toContain(
				"さんが次の操作の承認を申請しています",
			);
		});

		test("late approver's reply follows the approver", async () => {
			const requested = await request(harness, "create late-card", HANAKO);
			await approve(harness, requested, ALEX);

			const japanese = await approve(harness, requested, TARO);
			const english = await approve(harness, requested, ALEX);

			expect(japanese.posts).toHaveLength(1);
			expect(shownText(japanese.posts[0].body)).toContain(
				"すでに承認されています",
			);
			expect(english.posts).toHaveLength(1);
			expect(shownText(english.posts[0].body)).toContain(
				"Already approved by <@U0ALEX> on",
			);
		});
	});

	describe("without a channel setting", () => {
		let harness: Harness;

		beforeAll(async () => {
			harness = await startHarness({
				users: SAMPLE_USERS,
				env: (env) => {
					const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
					return {
						...rest,
						APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
						DEFAULT_LOCALE: "ja",
					};
				},
			});
		});

		afterAll(async () => {
			await harness.close();
		});

		test("card follows the workspace default", async () => {
			const requested = await request(harness, "create default-card", ALEX);

			expect(requested.card).toContain(
				"<@U0ALEX> さんが次の操作の承認を申請しています:",
			);
			expect(requested.ack).toContain("Sent for approval");
		});
	});
});
