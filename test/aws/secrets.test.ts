import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { createSecretLoader, SecretLoadError } from "../../src/aws/secrets";
import {
	type SecretsManagerStandIn,
	startSecretsManagerStandIn,
} from "../../src/sandbox/secrets-manager-stand-in";

const SECRET_VALUE = JSON.stringify({
	SLACK_BOT_TOKEN: "xoxb-test-token",
	SLACK_SIGNING_SECRET: "signing",
});

describe("createSecretLoader", () => {
	let standIn: SecretsManagerStandIn;
	let client: SecretsManagerClient;

	beforeEach(async () => {
		standIn = await startSecretsManagerStandIn({
			secrets: { "bot/secret": SECRET_VALUE, "bot/text": "not json" },
		});
		client = new SecretsManagerClient({
			endpoint: standIn.endpoint,
			region: "ap-northeast-1",
			credentials: {
				accessKeyId: "AKIDTEST",
				secretAccessKey: "fake-secret-key",
			},
			maxAttempts: 1,
		});
	});

	afterEach(async () => {
		client.destroy();
		await standIn.close();
	});

	test("reads and parses the JSON secret", async () => {
		const load = createSecretLoader({
			secretId: "bot/secret",
			ttlMs: 60_000,
			client,
		});

		const value = await load();

		expect(value).toEqual({
			SLACK_BOT_TOKEN: "xoxb-test-token",
			SLACK_SIGNING_SECRET: "signing",
		});
		expect(standIn.requests).toEqual([
			{ target: "secretsmanager.GetSecretValue", secretId: "bot/secret" },
		]);
	});

	test("caches until the TTL passes", async () => {
		let now = 1_000;
		const load = createSecretLoader({
			secretId: "bot/secret",
			ttlMs: 5_000,
			client,
			now: () => now,
		});

		await load();
		await load();
		expect(standIn.requests).toHaveLength(1);

		now += 5_001;
		await load();
		expect(standIn.requests).toHaveLength(2);
	});

	test("shares one request between concurrent callers", async () => {
		const load = createSecretLoader({
			secretId: "bot/secret",
			ttlMs: 60_000,
			client,
		});

		await Promise.all([load(), load(), load()]);

		expect(standIn.requests).toHaveLength(1);
	});

	test("names the secret and the AWS error when missing", async () => {
		const load = createSecretLoader({
			secretId: "bot/absent",
			ttlMs: 60_000,
			client,
		});

		const error = await load().catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SecretLoadError);
		expect((error as SecretLoadError).secretId).toBe("bot/absent");
		expect((error as SecretLoadError).reason).toBe("ResourceNotFoundException");
		expect((error as Error).message).toContain("bot/absent");
	});

	test("reports access denied and retries on the next call", async () => {
		standIn.failNext({ type: "AccessDeniedException", message: "not allowed" });
		const load = createSecretLoader({
			secretId: "bot/secret",
			ttlMs: 60_000,
			client,
		});

		const error = await load().catch((caught: unknown) => caught);
		expect((error as SecretLoadError).reason).toBe("AccessDeniedException");

		await expect(load()).resolves.toHaveProperty("SLACK_BOT_TOKEN");
	});

	test("rejects a value that is not JSON without quoting it", async () => {
		const load = createSecretLoader({
			secretId: "bot/text",
			ttlMs: 60_000,
			client,
		});

		const error = (await load().catch(
			(caught: unknown) => caught,
		)) as SecretLoadError;

		expect(error.reason).toMatch(/^InvalidSecretFormat/);
		expect(error.message).not.toContain("not json");
	});
});

describe("createSecretsManagerClient", () => {
	test("gives up on an endpoint that never answers", async () => {
		const { createServer } = await import("node:http");
		const sockets = new Set<import("node:net").Socket>();
		const server = createServer(() => {
			// Accepts the request and never answers.
		});
		server.on("connection", (socket) => sockets.add(socket));
		await new Promise<void>((resolve) =>
			server.listen(0, "127.0.0.1", resolve),
		);
		const { port } = server.address() as import("node:net").AddressInfo;
		const saved = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${port}`;

		try {
			const load = createSecretLoader({ secretId: "bot/hung", ttlMs: 0 });
			const started = Date.now();
			const error = (await load().catch(
				(caught: unknown) => caught,
			)) as SecretLoadError;

			expect(error).toBeInstanceOf(SecretLoadError);
			expect(error.reason).toMatch(/Timeout|ECONNRESET|socket hang up/i);
			expect(Date.now() - started).toBeLessThan(8_000);
		} finally {
			process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = saved;
			for (const socket of sockets) {
				socket.destroy();
			}
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	}, 15_000);

	test("names the connection error of a closed port", async () => {
		const saved = process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER;
		process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = "http://127.0.0.1:9";

		try {
			const error = (await createSecretLoader({
				secretId: "bot/closed",
				ttlMs: 0,
			})().catch((caught: unknown) => caught)) as SecretLoadError;

			expect(error.reason).toContain("ECONNREFUSED");
		} finally {
			process.env.AWS_ENDPOINT_URL_SECRETS_MANAGER = saved;
		}
	});
});
