import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import type { RecordedCall } from "../../src/sandbox/slack-stand-in";
import {
	missingRegistryTools,
	type OciRegistry,
	pushTinyImage,
	startOciRegistry,
} from "../helpers/oci-registry";
import {
	type CommandOptions,
	type CommandResult,
	credentialsFromDm,
	type Harness,
	SIGNING_SECRET,
	shownText,
	startHarness,
} from "./slack-harness";

const REQUESTER = { userId: "U0HANAKO", userName: "hanako" };

let harness: Harness;
let htpasswdDirectory: string;
/** Every command result of this file, for the secret hygiene checks at the end. */
const results: CommandResult[] = [];
/** Every password that reached a DM in this file. */
const deliveredPasswords: string[] = [];

beforeAll(async () => {
	htpasswdDirectory = mkdtempSync(join(tmpdir(), "slack-handler-"));
	harness = await startHarness({
		emulator: { htpasswdPath: join(htpasswdDirectory, "htpasswd") },
	});
});

afterAll(async () => {
	await harness.close();
	rmSync(htpasswdDirectory, { recursive: true, force: true });
});

async function run(
	text: string,
	options?: CommandOptions,
): Promise<CommandResult> {
	const result = await harness.command(text, options);
	results.push(result);
	return result;
}

function onlyPost(result: CommandResult): string {
	expect(result.posts).toHaveLength(1);
	expect(
		(result.posts[0].body as { response_type?: string }).response_type,
	).toBe("ephemeral");
	return shownText(result.posts[0].body);
}

function onlyDm(result: CommandResult): RecordedCall {
	const dms = result.calls.filter((call) => call.method === "chat.postMessage");
	expect(dms).toHaveLength(1);
	expect(dms[0].ok).toBe(true);
	expect(dms[0].body.channel).toBe(REQUESTER.userId);
	return dms[0];
}

function registryId(name: string): string {
	const registry = harness.emulator
		.registries()
		.find((candidate) => candidate.name === name);
	if (registry === undefined) {
		throw new Error(`The emulator has no registry ${name}`);
	}
	return registry.id;
}

describe.each([
	{ mode: "plain", base64: false },
	{ mode: "base64", base64: true },
])("every command with a $mode body", ({ mode, base64 }) => {
	const name = `${mode}-images`;
	const other = `${mode}-scratch`;
	let firstCiPassword = "";

	test("help answers in the ack", async () => {
		const before = harness.emulator.requests.length;
		const result = await run("help", { base64 });

		expect(result.status).toBe(200);
		expect(result.ack).toMatchObject({ response_type: "ephemeral" });
		expect(shownText(result.ack)).toContain("/registry user add");
		expect(result.posts).toHaveLength(0);
		expect(harness.emulator.requests.length).toBe(before);
	});

	test("help answers with help", async () => {
		const result = await run("help", { base64 });

		expect(result.status).toBe(200);
		expect(shownText(result.ack)).toContain("/registry list");
	});

	test("create makes a private registry", async () => {
		const result = await run(`create ${name} --description "team images"`, {
			base64,
		});

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		expect(onlyPost(result)).toContain(`${name}.sakuracr.jp`);
		const created = harness.emulator
			.registries()
			.find((registry) => registry.name === name);
		expect(created).toMatchObject({
			subdomainLabel: name,
			accessLevel: "none",
			description: "team images",
		});
	});

	test("list shows the registry", async () => {
		const result = await run("list", { base64 });

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		expect(onlyPost(result)).toContain(`${name}.sakuracr.jp`);
	});

	test("show describes the registry", async () => {
		const result = await run(`show ${name}`, { base64 });

		expect(result.status).toBe(200);
		const postText = onlyPost(result);
		expect(postText).toContain(`${name}.sakuracr.jp`);
		expect(postText).toContain(registryId(name));
	});

	test("user add without --user derives the name", async () => {
		const result = await run(`user add ${name}`, { base64 });

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		const credentials = credentialsFromDm(onlyDm(result));
		deliveredPasswords.push(credentials.password);
		expect(credentials.username).toBe(REQUESTER.userName);
		expect(harness.emulator.users(registryId(name))).toContainEqual({
			username: "hanako",
			permission: "readonly",
		});
		expect(
			harness.emulator.verifyPassword(
				registryId(name),
				"hanako",
				credentials.password,
			),
		).toBe(true);
		expect(onlyPost(result)).toContain("direct message");
	});

	test("user add with --user and permission", async () => {
		const result = await run(
			`user add ${name} --user ci-bot --permission readwrite`,
			{ base64 },
		);

		expect(result.status).toBe(200);
		const credentials = credentialsFromDm(onlyDm(result));
		deliveredPasswords.push(credentials.password);
		firstCiPassword = credentials.password;
		expect(credentials.username).toBe("ci-bot");
		expect(harness.emulator.users(registryId(name))).toContainEqual({
			username: "ci-bot",
			permission: "readwrite",
		});
		expect(
			harness.emulator.verifyPassword(
				registryId(name),
				"ci-bot",
				credentials.password,
			),
		).toBe(true);
		expect(onlyPost(result)).toContain("`ci-bot` (readwrite) was added");
	});

	test("user add of an existing user is refused", async () => {
		const result = await run(`user add ${name} --user ci-bot`, { base64 });

		expect(result.status).toBe(200);
		expect(
			result.calls.filter((call) => call.method === "chat.postMessage"),
		).toHaveLength(0);
		expect(onlyPost(result)).toContain("already exists");
		expect(
			harness.emulator.verifyPassword(
				registryId(name),
				"ci-bot",
				firstCiPassword,
			),
		).toBe(true);
	});

	test("user list shows both users", async () => {
		const result = await run(`user list ${name}`, { base64 });

		expect(result.status).toBe(200);
		const postText = onlyPost(result);
		expect(postText).toContain("`hanako`: readonly");
		expect(postText).toContain("`ci-bot`: readwrite");
	});

	test("user rotate replaces the password", async () => {
		const result = await run(`user rotate ${name} --user ci-bot`, { base64 });

		expect(result.status).toBe(200);
		const credentials = credentialsFromDm(onlyDm(result));
		deliveredPasswords.push(credentials.password);
		expect(credentials.password).not.toBe(firstCiPassword);
		expect(
			harness.emulator.verifyPassword(
				registryId(name),
				"ci-bot",
				credentials.password,
			),
		).toBe(true);
		expect(
			harness.emulator.verifyPassword(
				registryId(name),
				"ci-bot",
				firstCiPassword,
			),
		).toBe(false);
		expect(harness.emulator.users(registryId(name))).toContainEqual({
			username: "ci-bot",
			permission: "readwrite",
		});
		expect(onlyPost(result)).toContain("was changed");
	});

	test("user del removes the user", async () => {
		const result = await run(`user del ${name} --user ci-bot`, { base64 });

		expect(result.status).toBe(200);
		expect(onlyPost(result)).toContain("`ci-bot` was deleted");
		expect(
			harness.emulator.users(registryId(name)).map((user) => user.username),
		).toEqual(["hanako"]);
	});

	test("delete removes the registry", async () => {
		const id = registryId(name);
		const result = await run(`delete ${name}`, { base64 });

		expect(result.status).toBe(200);
		expect(onlyPost(result)).toContain("was deleted");
		expect(
			harness.emulator.registries().map((registry) => registry.id),
		).not.toContain(id);
	});

	test("del alias removes a registry", async () => {
		await run(`create ${other}`, { base64 });
		const id = registryId(other);
		const result = await run(`del ${other}`, { base64 });

		expect(result.status).toBe(200);
		expect(onlyPost(result)).toContain("was deleted");
		expect(
			harness.emulator.registries().map((registry) => registry.id),
		).not.toContain(id);
	});
});

describe("cold start", () => {
	test("makes no auth.test call", () => {
		expect(
			harness.standIn.calls.filter((call) => call.method === "auth.test"),
		).toHaveLength(0);
	});

	test("sends only the bot token", () => {
		expect(harness.standIn.calls.length).toBeGreaterThan(0);
		expect(harness.standIn.calls.every((call) => call.authorized)).toBe(true);
	});
});

const missingTools = missingRegistryTools();
const describeWithRegistry =
	missingTools.length === 0 ? describe : describe.skip;

describeWithRegistry("DM'd credentials on a real registry", () => {
	let registry: OciRegistry;

	beforeAll(async () => {
		registry = await startOciRegistry({
			htpasswdPath: join(htpasswdDirectory, "htpasswd"),
		});
		await run("create push-images");
	});

	afterAll(async () => {
		await registry?.close();
	});

	test("push works with the DM'd password", async () => {
		const result = await run(
			"user add push-images --user pusher --permission readwrite",
		);
		const credentials = credentialsFromDm(onlyDm(result));
		deliveredPasswords.push(credentials.password);

		const push = await pushTinyImage(
			registry.url,
			"push-images/app",
			credentials.username,
			credentials.password,
		);

		expect(push.output).not.toContain(credentials.password);
		expect(push.ok).toBe(true);
	});

	test("push fails with a wrong password", async () => {
		const push = await pushTinyImage(
			registry.url,
			"push-images/app",
			"pusher",
			"not-the-password-0000",
		);

		expect(push.ok).toBe(false);
	});
});

describe("secret hygiene across this file", () => {
	test("passwords were delivered", () => {
		// Two user adds and one rotation per body mode, plus the push user when the tools exist.
		expect(deliveredPasswords.length).toBe(missingTools.length === 0 ? 7 : 6);
		expect(new Set(deliveredPasswords).size).toBe(deliveredPasswords.length);
	});

	test("each password is in exactly one DM", () => {
		for (const password of deliveredPasswords) {
			const carriers = harness.standIn.calls.filter((call) =>
				JSON.stringify(call.body).includes(password),
			);
			expect(carriers).toHaveLength(1);
			expect(carriers[0].method).toBe("chat.postMessage");
			expect(carriers[0].body.channel).toBe(REQUESTER.userId);
			expect(JSON.stringify(carriers[0].body).split(password)).toHaveLength(2);
			expect(String(carriers[0].body.text)).not.toContain(password);
		}
	});

	test("no password in acks, posts or logs", () => {
		const acks = JSON.stringify(results.map((result) => result.response));
		const posts = JSON.stringify(harness.standIn.responses);
		const logs = harness.log.text();

		for (const password of deliveredPasswords) {
			expect(acks).not.toContain(password);
			expect(posts).not.toContain(password);
			expect(logs).not.toContain(password);
		}
	});

	test("no token or secret in logs", () => {
		const logs = harness.log.text();

		expect(logs).not.toContain(SANDBOX_CREDENTIALS.accessTokenSecret);
		expect(logs).not.toContain(harness.standIn.botToken);
		expect(logs).not.toContain(SIGNING_SECRET);
	});

	test("logs carry Slack ids per command", () => {
		const received = harness.log.lines.filter(
			(line) => line.message === "Slash command received",
		);

		expect(received.length).toBe(results.length);
		for (const line of received) {
			expect(line.extra).toMatchObject({
				team: "T0SANDBOX",
				user: REQUESTER.userId,
				channel: "C0PLATFORM",
			});
		}
	});
});
