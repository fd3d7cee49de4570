import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SecretScanRecord } from "../../src/sandbox/secret-scan-record";
import {
	formatScanFailures,
	formatScanSummary,
	readScanArtifacts,
	type ScanResult,
	scanForLeaks,
} from "./scan";

const PASSWORD = "Zq8WmT3kLr5Xv2NcYp7Hd4Gs9Bf6Ja1E";
const BOT_TOKEN = "xoxb-1111-fixture-bot-token";
const ACCESS_TOKEN = "11111111-2222-4333-8444-555555555555";
const ACCESS_TOKEN_SECRET = "fixture-access-token-secret";
const PASSWORD_HASH = createHash("sha256")
	.update(PASSWORD)
	.digest("hex")
	.slice(0, 12);

let folder: string;

beforeEach(() => {
	folder = mkdtempSync(join(tmpdir(), "secret-scan-fixture-"));
});

afterEach(() => {
	rmSync(folder, { recursive: true, force: true });
});

/** Writes fixture artifacts as two worker processes would, and scans them. */
function scan(
	first: SecretScanRecord[],
	second: SecretScanRecord[] = [],
): ScanResult {
	const write = (name: string, records: SecretScanRecord[]) =>
		writeFileSync(
			join(folder, name),
			records.map((record) => `${JSON.stringify(record)}\n`).join(""),
		);
	write("101.jsonl", first);
	write("202.jsonl", second);
	return scanForLeaks(readScanArtifacts(folder));
}

const ACCEPTED: SecretScanRecord[] = [
	{ type: "secret", kind: "registry-password", value: PASSWORD, pid: 101 },
	{ type: "secret", kind: "slack-bot-token", value: BOT_TOKEN, pid: 101 },
	{
		type: "secret",
		kind: "sakura-access-token",
		value: ACCESS_TOKEN,
		pid: 101,
	},
	{
		type: "secret",
		kind: "sakura-access-token-secret",
		value: ACCESS_TOKEN_SECRET,
		pid: 101,
	},
];

function dmTo(channel: string, method = "chat.postMessage"): SecretScanRecord {
	return {
		type: "slack-call",
		method,
		body: { channel, text: `Password: \`${PASSWORD}\`` },
		testFile: "test/handlers/fixture.test.ts",
		pid: 101,
	};
}

test("password in a log line is reported", () => {
	const result = scan(ACCEPTED, [
		{
			type: "log-line",
			level: "info",
			message: "User added",
			extra: { password: PASSWORD },
			testFile: "test/handlers/leaky.test.ts",
			pid: 202,
		},
	]);

	expect(result.leaks).toEqual([
		{
			kind: "registry-password",
			secretHash: PASSWORD_HASH,
			form: "as written",
			where: 'log line "User added" (info)',
			testFile: "test/handlers/leaky.test.ts",
			count: 1,
		},
	]);
	const report = formatScanFailures(result);
	expect(report).toContain(`registry-password sha256:${PASSWORD_HASH}`);
	expect(report).toContain("test/handlers/leaky.test.ts");
	expect(report).not.toContain(PASSWORD);
});

test("password in the requester's DM is allowed once", () => {
	const refused = { ...dmTo("U0HANAKO"), ok: false } as SecretScanRecord;
	const result = scan([...ACCEPTED, refused, dmTo("D0HANAKO")]);

	expect(result.leaks).toEqual([]);
	expect(result.slackCalls).toBe(2);
});

test("a second delivered DM with the same password is reported", () => {
	const result = scan([...ACCEPTED, dmTo("U0HANAKO"), dmTo("U0TARO")]);

	expect(result.leaks).toHaveLength(1);
	expect(result.leaks[0]?.where).toBe("Slack call chat.postMessage to U0TARO");
});

test.each([
	["a channel post", dmTo("C0APPROVALS")],
	["a card update in a DM", dmTo("D0HANAKO", "chat.update")],
	["an ephemeral message", dmTo("U0HANAKO", "chat.postEphemeral")],
])("password in %s is reported", (_case, record) => {
	const result = scan([...ACCEPTED, record]);

	expect(result.leaks).toHaveLength(1);
	expect(result.leaks[0]?.kind).toBe("registry-password");
});

test("password in a response_url post and a stored item is reported", () => {
	const result = scan([
		...ACCEPTED,
		{
			type: "response-url-post",
			url: "http://127.0.0.1:1/response/abc",
			body: { text: PASSWORD },
			pid: 101,
		},
		{
			type: "stored-item",
			table: "requests",
			item: { id: { S: "r1" }, note: { S: `pw=${PASSWORD}` } },
			pid: 101,
		},
	]);

	expect(result.leaks.map((leak) => leak.where).sort()).toEqual([
		"response_url post",
		"stored item in table requests",
	]);
});

test("bot token in the requester's DM is reported", () => {
	const record = dmTo("U0HANAKO");
	if (record.type === "slack-call") {
		record.body.text = `token ${BOT_TOKEN}`;
	}

	const result = scan([...ACCEPTED, record]);

	expect(result.leaks).toHaveLength(1);
	expect(result.leaks[0]?.kind).toBe("slack-bot-token");
});

test("SAKURA key as Basic credentials is reported", () => {
	const basic = Buffer.from(`${ACCESS_TOKEN}:${ACCESS_TOKEN_SECRET}`).toString(
		"base64",
	);

	const result = scan([
		...ACCEPTED,
		{
			type: "log-line",
			level: "debug",
			message: "SAKURA request",
			extra: { authorization: `Basic ${basic}` },
			pid: 101,
		},
	]);

	expect(result.leaks).toHaveLength(1);
	expect(result.leaks[0]).toMatchObject({
		kind: "sakura-access-token-secret",
		form: "base64 Basic credentials",
	});
});

test("secret with a quote is found JSON-escaped", () => {
	const secret = 'signing"secret\\value';

	const result = scan([
		{ type: "secret", kind: "slack-signing-secret", value: secret, pid: 101 },
		{
			type: "log-line",
			level: "error",
			message: "Request rejected",
			extra: { detail: secret },
			pid: 101,
		},
	]);

	expect(result.leaks).toHaveLength(1);
	expect(result.leaks[0]?.form).toBe("JSON-escaped");
});

test("password no stand-in accepted is not a secret", () => {
	const result = scan([
		{
			type: "log-line",
			level: "info",
			message: "redaction check",
			extra: { password: "made-up-password-for-redaction" },
			pid: 101,
		},
	]);

	expect(result.leaks).toEqual([]);
	expect(result.secrets["registry-password"]).toBe(0);
});

test("short secret is skipped and counted", () => {
	const result = scan([
		{ type: "secret", kind: "slack-signing-secret", value: "short", pid: 101 },
		{
			type: "log-line",
			level: "info",
			message: "short",
			pid: 101,
		},
	]);

	expect(result.skippedShortSecrets).toBe(1);
	expect(result.leaks).toEqual([]);
});

test("repeated leak is counted once per place", () => {
	const line: SecretScanRecord = {
		type: "log-line",
		level: "info",
		message: "again",
		extra: { value: PASSWORD },
		pid: 202,
	};

	const result = scan(ACCEPTED, [line, line, line]);

	expect(result.leaks).toHaveLength(1);
	expect(result.leaks[0]?.count).toBe(3);
	expect(formatScanFailures(result)).toContain("×3");
});

test("unread dynalite tables fail the scan", () => {
	const result = scan([
		{
			type: "dump-failed",
			error: "ECONNREFUSED",
			testFile: "test/store/x.test.ts",
			pid: 101,
		},
	]);

	expect(formatScanFailures(result)).toContain(
		"dynalite tables could not be read (ECONNREFUSED), test file test/store/x.test.ts",
	);
});

test("summary counts what was scanned", () => {
	const result = scan(
		[...ACCEPTED, dmTo("U0HANAKO")],
		[
			{ type: "log-line", level: "info", message: "hello", pid: 202 },
			{
				type: "response-url-post",
				url: "http://127.0.0.1:1/response/abc",
				body: {},
				pid: 202,
			},
			{ type: "stored-item", table: "t", item: {}, pid: 202 },
		],
	);

	expect(formatScanSummary(result)).toBe(
		"Secret scan: 1 passwords and 3 tokens and secrets searched in 1 log lines, 1 Slack calls, 1 response_url posts and 1 stored records. Leaks found: 0.",
	);
});
