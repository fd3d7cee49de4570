import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { basicAuth, call } from "./http";

let emulator: SakuraEmulator;

afterEach(async () => {
	await emulator.close();
});

function expectUnauthorized(result: Awaited<ReturnType<typeof call>>): void {
	expect(result.status).toBe(401);
	expect(result.headers.get("www-authenticate")).toMatch(/^Basic realm=".+"$/);
	expect(result.json.error_code).toBe("unauthorized");
	expect(result.json.status).toBe("401 Unauthorized");
	expect(result.json.is_fatal).toBe(true);
	expect(result.json.serial).toMatch(/^[0-9a-f]{32}$/);
	expect(result.json.error_msg).toBe("error-unauthorized");
}

describe("auth", () => {
	beforeEach(async () => {
		emulator = await startSakuraEmulator();
	});

	test("sandbox credentials pass", async () => {
		const result = await call(emulator, "GET", "");

		expect(result.status).toBe(200);
	});

	test("missing header is 401", async () => {
		expectUnauthorized(
			await call(emulator, "GET", "", { authorization: null }),
		);
	});

	test("wrong secret is 401", async () => {
		const authorization = basicAuth(SANDBOX_CREDENTIALS.accessToken, "wrong");

		expectUnauthorized(await call(emulator, "GET", "", { authorization }));
	});

	test("wrong token is 401", async () => {
		const authorization = basicAuth(
			"11111111-1111-1111-1111-111111111111",
			SANDBOX_CREDENTIALS.accessTokenSecret,
		);

		expectUnauthorized(await call(emulator, "GET", "", { authorization }));
	});

	test("secret with extra suffix is 401", async () => {
		const authorization = basicAuth(
			SANDBOX_CREDENTIALS.accessToken,
			`${SANDBOX_CREDENTIALS.accessTokenSecret}x`,
		);

		expectUnauthorized(await call(emulator, "GET", "", { authorization }));
	});

	test("bearer scheme is 401", async () => {
		const authorization = `Bearer ${SANDBOX_CREDENTIALS.accessToken}`;

		expectUnauthorized(await call(emulator, "GET", "", { authorization }));
	});

	test("credentials without colon are 401", async () => {
		const authorization = `Basic ${Buffer.from("no-colon").toString("base64")}`;

		expectUnauthorized(await call(emulator, "GET", "", { authorization }));
	});

	test("unauthorized create changes nothing", async () => {
		const result = await call(emulator, "POST", "", {
			authorization: null,
			body: {},
		});

		expect(result.status).toBe(401);
		expect(emulator.registries()).toEqual([]);
	});

	test("unauthorized request to unknown path is 401", async () => {
		const result = await call(emulator, "GET", "/abc/def", {
			authorization: null,
		});

		expect(result.status).toBe(401);
	});
});

describe("configured credentials", () => {
	const pairs = [
		{ accessToken: "token-a", accessTokenSecret: "secret-a" },
		{ accessToken: "token-b", accessTokenSecret: "secret:with:colons" },
	];

	beforeEach(async () => {
		emulator = await startSakuraEmulator({ credentials: pairs });
	});

	test("each configured pair passes", async () => {
		for (const pair of pairs) {
			const authorization = basicAuth(pair.accessToken, pair.accessTokenSecret);
			const result = await call(emulator, "GET", "", { authorization });
			expect({ token: pair.accessToken, status: result.status }).toEqual({
				token: pair.accessToken,
				status: 200,
			});
		}
	});

	test("pairs do not mix", async () => {
		const authorization = basicAuth("token-a", "secret:with:colons");

		expectUnauthorized(await call(emulator, "GET", "", { authorization }));
	});

	test("sandbox pair is rejected", async () => {
		expectUnauthorized(await call(emulator, "GET", ""));
	});
});
