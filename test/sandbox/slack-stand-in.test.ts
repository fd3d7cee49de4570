import {
	dmChannelOf,
	RESPONSE_URL_KEY,
	type SlackStandIn,
	type StandInRecord,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";

let standIn: SlackStandIn;

beforeEach(async () => {
	standIn = await startSlackStandIn();
});

afterEach(async () => {
	await standIn.close();
});

/** Calls a method the way @slack/web-api does: a form body and a bearer token. */
async function callForm(
	method: string,
	args: Record<string, string>,
	token = standIn.botToken,
) {
	const response = await fetch(`${standIn.apiUrl}${method}`, {
		method: "POST",
		headers: {
			"Content-Type": "application/x-www-form-urlencoded",
			Authorization: `Bearer ${token}`,
		},
		body: new URLSearchParams(args).toString(),
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Record<string, unknown>,
	};
}

async function callJson(method: string, args: unknown) {
	const response = await fetch(`${standIn.apiUrl}${method}`, {
		method: "POST",
		headers: {
			"Content-Type": "application/json; charset=utf-8",
			Authorization: `Bearer ${standIn.botToken}`,
		},
		body: JSON.stringify(args),
	});
	return (await response.json()) as Record<string, unknown>;
}

test("auth.test returns the bot identity", async () => {
	const { status, body } = await callForm("auth.test", {});

	expect(status).toBe(200);
	expect(body).toMatchObject({
		ok: true,
		team_id: "T0SANDBOX",
		user_id: "U0REGBOT",
		bot_id: "B0REGBOT",
	});
});

test("wrong token gets invalid_auth", async () => {
	const { body } = await callForm("auth.test", {}, "xoxb-wrong");

	expect(body).toEqual({ ok: false, error: "invalid_auth" });
	expect(standIn.calls[0].authorized).toBe(false);
});

test("missing token gets not_authed", async () => {
	const response = await fetch(`${standIn.apiUrl}auth.test`, {
		method: "POST",
	});

	expect(await response.json()).toEqual({ ok: false, error: "not_authed" });
});

test("unknown method gets unknown_method", async () => {
	const { body } = await callForm("chat.scheduleMessage", {
		channel: "C0PLATFORM",
		text: "hi",
	});

	expect(body).toEqual({ ok: false, error: "unknown_method" });
});

test("postMessage to a user lands in the DM", async () => {
	const blocks = [{ type: "section", text: { type: "mrkdwn", text: "hello" } }];
	const { body } = await callForm("chat.postMessage", {
		channel: "U0TARO",
		text: "hello",
		blocks: JSON.stringify(blocks),
	});

	expect(body).toMatchObject({ ok: true, channel: dmChannelOf("U0TARO") });
	expect(body.channel).toBe("D0TARO");
	expect(typeof body.ts).toBe("string");
	expect(standIn.calls[0]).toMatchObject({
		method: "chat.postMessage",
		body: { channel: "U0TARO", blocks },
	});
});

test("postMessage to an unknown user fails", async () => {
	const { body } = await callForm("chat.postMessage", {
		channel: "U0NOBODY",
		text: "hello",
	});

	expect(body).toEqual({ ok: false, error: "channel_not_found" });
});

test("postMessage without text fails", async () => {
	const { body } = await callForm("chat.postMessage", {
		channel: "C0PLATFORM",
	});

	expect(body).toEqual({ ok: false, error: "no_text" });
});

test("message timestamps are unique", async () => {
	const first = await callForm("chat.postMessage", {
		channel: "C0PLATFORM",
		text: "one",
	});
	const second = await callForm("chat.postMessage", {
		channel: "C0PLATFORM",
		text: "two",
	});

	expect(first.body.ts).not.toBe(second.body.ts);
	expect(String(first.body.ts)).toMatch(/^\d+\.\d{6}$/);
});

test("chat.update needs the DM channel id", async () => {
	const posted = await callForm("chat.postMessage", {
		channel: "U0HANAKO",
		text: "before",
	});

	const byUser = await callForm("chat.update", {
		channel: "U0HANAKO",
		ts: String(posted.body.ts),
		text: "after",
	});
	const byDm = await callForm("chat.update", {
		channel: "D0HANAKO",
		ts: String(posted.body.ts),
		text: "after",
	});
	const missing = await callForm("chat.update", {
		channel: "D0HANAKO",
		ts: "1.000001",
		text: "after",
	});

	expect(byUser.body).toEqual({ ok: false, error: "channel_not_found" });
	expect(byDm.body).toMatchObject({
		ok: true,
		channel: "D0HANAKO",
		ts: posted.body.ts,
		text: "after",
	});
	expect(missing.body).toEqual({ ok: false, error: "message_not_found" });
});

test("postEphemeral needs a known user", async () => {
	const sent = await callForm("chat.postEphemeral", {
		channel: "C0PLATFORM",
		user: "U0ALEX",
		text: "psst",
	});
	const unknown = await callForm("chat.postEphemeral", {
		channel: "C0PLATFORM",
		user: "U0NOBODY",
		text: "psst",
	});

	expect(sent.body).toMatchObject({ ok: true });
	expect(typeof sent.body.message_ts).toBe("string");
	expect(unknown.body).toEqual({ ok: false, error: "user_not_found" });
});

test("conversations.open returns the DM", async () => {
	const opened = await callJson("conversations.open", { users: "U0ALEX" });
	const unknown = await callJson("conversations.open", { users: "U0NOBODY" });

	expect(opened).toEqual({ ok: true, channel: { id: "D0ALEX" } });
	expect(unknown).toEqual({ ok: false, error: "user_not_found" });
});

test("users.info gives locale only on request", async () => {
	const plain = await callForm("users.info", { user: "U0HANAKO" });
	const withLocale = await callForm("users.info", {
		user: "U0HANAKO",
		include_locale: "true",
	});
	const unknown = await callForm("users.info", { user: "U0NOBODY" });

	expect(plain.body.user).toMatchObject({
		id: "U0HANAKO",
		tz: "Asia/Tokyo",
		tz_offset: 32_400,
	});
	expect(plain.body.user).not.toHaveProperty("locale");
	expect(withLocale.body.user).toMatchObject({ locale: "ja-JP" });
	expect(unknown.body).toEqual({ ok: false, error: "user_not_found" });
});

test("failNext returns a Slack error once", async () => {
	standIn.failNext("chat.postMessage", { error: "channel_not_found" });

	const failed = await callForm("chat.postMessage", {
		channel: "C0PLATFORM",
		text: "hi",
	});
	const next = await callForm("chat.postMessage", {
		channel: "C0PLATFORM",
		text: "hi",
	});

	expect(failed.status).toBe(200);
	expect(failed.body).toEqual({ ok: false, error: "channel_not_found" });
	expect(next.body).toMatchObject({ ok: true });
	expect(standIn.calls.map((call) => call.ok)).toEqual([false, true]);
});

test("failNext returns 429 with Retry-After", async () => {
	standIn.failNext("users.info", { httpStatus: 429, retryAfterSeconds: 7 });

	const failed = await callForm("users.info", { user: "U0HANAKO" });

	expect(failed.status).toBe(429);
	expect(failed.headers.get("retry-after")).toBe("7");
	expect(standIn.calls[0]).toMatchObject({ ok: false, error: "http_429" });
});

test("response URL records five posts", async () => {
	const url = standIn.newResponseUrl();
	const statuses: number[] = [];
	for (let post = 0; post < 6; post++) {
		const response = await fetch(url, {
			method: "POST",
			body: JSON.stringify({ text: `post ${post}` }),
		});
		statuses.push(response.status);
	}

	expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
	expect(standIn.responses.map((response) => response.body)).toEqual(
		[0, 1, 2, 3, 4].map((post) => ({ text: `post ${post}` })),
	);
	expect(standIn.responses[0].url).toBe(url);
});

test("unknown response URL gets 404", async () => {
	const response = await fetch(
		`${standIn.apiUrl.replace("/api/", "/response/")}nope`,
		{ method: "POST", body: "{}" },
	);

	expect(response.status).toBe(404);
	expect(standIn.responses).toHaveLength(0);
});

test("response URL failure is injectable", async () => {
	const url = standIn.newResponseUrl();
	standIn.failNext(RESPONSE_URL_KEY, { httpStatus: 500 });

	const failed = await fetch(url, { method: "POST", body: "{}" });
	const next = await fetch(url, { method: "POST", body: "{}" });

	expect(failed.status).toBe(500);
	expect(next.status).toBe(200);
	expect(standIn.responses).toHaveLength(1);
});

test("onRecord sees calls and posts", async () => {
	const records: StandInRecord[] = [];
	const unsubscribe = standIn.onRecord((record) => records.push(record));

	await callForm("auth.test", {});
	await fetch(standIn.newResponseUrl(), {
		method: "POST",
		body: '{"text":"done"}',
	});
	unsubscribe();
	await callForm("auth.test", {});

	expect(records.map((record) => record.type)).toEqual(["call", "response"]);
});

describe("approval directory", () => {
	test("users.info reports the admin flags", async () => {
		const admin = await callForm("users.info", { user: "U0TARO" });
		const member = await callForm("users.info", { user: "U0HANAKO" });

		expect(admin.body.user).toMatchObject({
			is_admin: true,
			is_owner: false,
			is_primary_owner: false,
		});
		expect(member.body.user).toMatchObject({
			is_admin: false,
			is_owner: false,
		});
	});

	test("usergroups.users.list lists members", async () => {
		const { body } = await callForm("usergroups.users.list", {
			usergroup: "S0PLATFORM",
		});

		expect(body).toEqual({ ok: true, users: ["U0TARO"] });
	});

	test("unknown user group is no_such_subteam", async () => {
		const { body } = await callForm("usergroups.users.list", {
			usergroup: "S0NOBODY",
		});

		expect(body).toEqual({ ok: false, error: "no_such_subteam" });
	});

	test("channel without the bot is not_in_channel", async () => {
		const outside = await callForm("chat.postMessage", {
			channel: "C0RANDOM",
			text: "card",
		});
		const approvals = await callForm("chat.postMessage", {
			channel: "C0APPROVALS",
			text: "card",
		});

		expect(outside.body).toEqual({ ok: false, error: "not_in_channel" });
		expect(approvals.body).toMatchObject({ ok: true, channel: "C0APPROVALS" });
	});
});
