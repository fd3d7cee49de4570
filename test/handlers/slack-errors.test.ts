import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import {
	type CommandResult,
	credentialsFromDm,
	type Harness,
	shownText,
	startHarness,
	writesOf,
} from "./slack-harness";

function onlyPost(result: CommandResult): string {
	expect(result.posts).toHaveLength(1);
	return shownText(result.posts[0].body);
}

describe("SAKURA errors", () => {
	let harness: Harness;
	let registryId: string;

	beforeAll(async () => {
		harness = await startHarness();
		registryId = harness.emulator.seedRegistry({ name: "team-images" });
	});

	afterAll(async () => {
		await harness.close();
	});

	test("unknown registry is explained", async () => {
		const result = await harness.command("show no-such-registry");

		expect(result.status).toBe(200);
		expect(onlyPost(result)).toContain("No registry named `no-such-registry`");
		expect(writesOf(harness.emulator)).toEqual([]);
	});

	test("unknown user on rotate is explained", async () => {
		const result = await harness.command(
			"user rotate team-images --user ghost",
		);

		expect(result.status).toBe(200);
		expect(onlyPost(result)).toContain("No user `ghost`");
		expect(result.calls).toHaveLength(0);
	});

	test("readonly on create is refused and explained", async () => {
		const result = await harness.command(
			"create public-images --permission readonly",
		);

		expect(result.status).toBe(200);
		const postText = onlyPost(result);
		expect(postText).toContain("rejected the access level `readonly`");
		expect(postText).toContain("--permission none");
		expect(
			harness.emulator.registries().map((registry) => registry.name),
		).toEqual(["team-images"]);
	});

	test("failed DM removes the new user", async () => {
		harness.standIn.failNext("chat.postMessage", {
			error: "channel_not_found",
		});
		const result = await harness.command("user add team-images --user ci-bot");

		expect(result.status).toBe(200);
		expect(
			result.calls.map((call) => [call.method, call.ok, call.error]),
		).toEqual([["chat.postMessage", false, "channel_not_found"]]);
		expect(harness.emulator.users(registryId)).toEqual([]);
		expect(onlyPost(result)).toContain("could not send you a direct message");
	});

	test("failed DM on rotate locks the old password out", async () => {
		const added = await harness.command("user add team-images --user deployer");
		const { password } = credentialsFromDm(added.calls[0]);
		harness.standIn.failNext("chat.postMessage", { error: "user_not_found" });

		const result = await harness.command(
			"user rotate team-images --user deployer",
		);

		expect(onlyPost(result)).toContain("could not send you a direct message");
		expect(
			harness.emulator.verifyPassword(registryId, "deployer", password),
		).toBe(false);
		expect(harness.emulator.users(registryId)).toEqual([
			{ username: "deployer", permission: "readonly" },
		]);
	});

	test("rate-limited DM fails at once", async () => {
		harness.standIn.failNext("chat.postMessage", {
			httpStatus: 429,
			retryAfterSeconds: 30,
		});
		const started = Date.now();

		const result = await harness.command("user add team-images --user limited");

		expect(Date.now() - started).toBeLessThan(5_000);
		expect(
			harness.emulator.users(registryId).map((user) => user.username),
		).not.toContain("limited");
		expect(onlyPost(result)).toContain("could not send you a direct message");
		const failure = harness.log.lines
			.filter((line) => line.message === "Credential DM failed")
			.at(-1);
		expect(failure?.extra).toMatchObject({
			requester: "U0HANAKO",
			error: "rate_limited (retry after 30 s)",
		});
	});

	test("failed response_url post is logged", async () => {
		harness.standIn.failNext("response_url", { httpStatus: 500 });

		const result = await harness.command("list");

		expect(result.status).toBe(200);
		expect(result.posts).toHaveLength(0);
		const failure = harness.log.lines.find((line) =>
			line.message.startsWith("Posting the command result"),
		);
		expect(failure?.level).toBe("error");
		expect(failure?.extra).toMatchObject({
			team: "T0SANDBOX",
			user: "U0HANAKO",
			channel: "C0PLATFORM",
			operation: "registry.list",
			error: "http_500",
		});
	});
});

describe("wrong SAKURA credentials", () => {
	const wrongSecret = "wrong-secret-for-the-sandbox-key";
	let harness: Harness;

	beforeAll(async () => {
		harness = await startHarness({
			env: (env) => ({ ...env, SAKURA_ACCESS_TOKEN_SECRET: wrongSecret }),
		});
	});

	afterAll(async () => {
		await harness.close();
	});

	test("401 is explained", async () => {
		const result = await harness.command("list");

		expect(result.status).toBe(200);
		expect(onlyPost(result)).toContain("API key is invalid");
		expect(harness.emulator.requests.map((request) => request.status)).toEqual([
			401,
		]);
	});

	test("secret stays out of logs", () => {
		expect(harness.log.text()).not.toContain(wrongSecret);
		expect(harness.log.text()).not.toContain(
			SANDBOX_CREDENTIALS.accessTokenSecret,
		);
	});
});
