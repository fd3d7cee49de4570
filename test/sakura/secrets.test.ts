import { SakuraClient, SakuraError } from "../../src/sakura";
import { SANDBOX_CREDENTIALS } from "../../src/sandbox/sakura-emulator";
import { captureLogger } from "./capture-logger";
import {
	type EmulatorFixture,
	FAST_RETRIES,
	startFixture,
	stopFixture,
} from "./emulator-fixture";

const PASSWORD = "Never-Log-This-Pass-42";

/** Every form of the credentials that must stay out of logs and errors. */
function secretForms(): string[] {
	const pair = `${SANDBOX_CREDENTIALS.accessToken}:${SANDBOX_CREDENTIALS.accessTokenSecret}`;
	return [
		SANDBOX_CREDENTIALS.accessTokenSecret,
		Buffer.from(pair).toString("base64"),
		PASSWORD,
	];
}

/** Flattens an error, its cause chain and its own fields into one string. */
function describeError(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	while (current instanceof Error) {
		parts.push(String(current), current.stack ?? "", JSON.stringify(current));
		current = current.cause;
	}
	return parts.join("\n");
}

describe("SakuraClient secrets", () => {
	let fixture: EmulatorFixture | undefined;

	afterEach(async () => {
		await stopFixture(fixture);
		fixture = undefined;
	});

	it("keeps secrets out of retry logs and errors", async () => {
		const logger = captureLogger();
		fixture = await startFixture({ logger, maxAttempts: 2 });
		const registryId = fixture.emulator.seedRegistry({ name: "secret-test" });
		fixture.emulator.injectFault({
			method: "POST",
			times: 2,
			action: { kind: "status", status: 503 },
		});

		const error = await fixture.client
			.addUser(registryId, {
				username: "ci",
				password: PASSWORD,
				permission: "readonly",
			})
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraError);
		expect(logger.lines.length).toBeGreaterThan(0);
		const logged = logger.text();
		const described = describeError(error);
		for (const secret of secretForms()) {
			expect(logged).not.toContain(secret);
			expect(described).not.toContain(secret);
		}
	});

	it("keeps secrets out of a rejected user add", async () => {
		fixture = await startFixture();
		const registryId = fixture.emulator.seedRegistry({ name: "secret-test" });

		const error = await fixture.client
			.addUser(registryId, {
				username: "Invalid User!",
				password: PASSWORD,
				permission: "readonly",
			})
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraError);
		const described = describeError(error);
		for (const secret of secretForms()) {
			expect(described).not.toContain(secret);
		}
	});

	it("keeps secrets out of a reset user add", async () => {
		const logger = captureLogger();
		fixture = await startFixture({ logger });
		const registryId = fixture.emulator.seedRegistry({ name: "secret-test" });
		fixture.emulator.injectFault({
			method: "POST",
			action: { kind: "reset", afterApplying: false },
		});

		const error = await fixture.client
			.addUser(registryId, {
				username: "ci",
				password: PASSWORD,
				permission: "readonly",
			})
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(SakuraError);
		const described = describeError(error);
		for (const secret of secretForms()) {
			expect(described).not.toContain(secret);
			expect(logger.text()).not.toContain(secret);
		}
	});

	it("keeps the secret out of a 401 error", async () => {
		fixture = await startFixture();
		const client = new SakuraClient({
			accessToken: "11111111-2222-3333-4444-555555555555",
			accessTokenSecret: "wrong-secret-must-not-leak",
			rootUrl: fixture.emulator.rootUrl,
			...FAST_RETRIES,
		});

		try {
			const error = await client
				.listRegistries()
				.catch((caught: unknown) => caught);

			expect(describeError(error)).not.toContain("wrong-secret-must-not-leak");
		} finally {
			await client.close();
		}
	});
});
