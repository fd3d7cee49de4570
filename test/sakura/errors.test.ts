import { SakuraApiError, SakuraClient } from "../../src/sakura";
import {
	type EmulatorFixture,
	FAST_RETRIES,
	startFixture,
	stopFixture,
} from "./emulator-fixture";

/** Runs a call that must fail and returns its error as a SakuraApiError. */
async function apiErrorOf(call: Promise<unknown>): Promise<SakuraApiError> {
	const error = await call.then(
		() => undefined,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(SakuraApiError);
	return error as SakuraApiError;
}

describe("SakuraClient API errors", () => {
	let fixture: EmulatorFixture;

	beforeEach(async () => {
		fixture = await startFixture();
	});

	afterEach(async () => {
		await stopFixture(fixture);
	});

	it("raises 400 bad_request for an invalid label", async () => {
		const error = await apiErrorOf(
			fixture.client.createRegistry({
				name: "bad",
				subdomainLabel: "Bad_Label!",
				accessLevel: "none",
			}),
		);

		expect(error.status).toBe(400);
		expect(error.errorCode).toBe("bad_request");
		expect(error.serial).toMatch(/^[0-9a-f]{32}$/);
		expect(error.apiMessage).not.toBe("");
		expect(fixture.emulator.registries()).toEqual([]);
	});

	it("raises 400 for a removed access level", async () => {
		const error = await apiErrorOf(
			fixture.client.createRegistry({
				name: "rw",
				subdomainLabel: "rw",
				accessLevel: "readwrite",
			}),
		);

		expect(error.status).toBe(400);
		expect(error.errorCode).toBe("bad_request");
	});

	it("raises 409 for a duplicate label", async () => {
		fixture.emulator.seedRegistry({ name: "first", subdomainLabel: "taken" });

		const error = await apiErrorOf(
			fixture.client.createRegistry({
				name: "second",
				subdomainLabel: "taken",
				accessLevel: "none",
			}),
		);

		expect(error.status).toBe(409);
		expect(error.errorCode).toBe("conflict");
		expect(fixture.emulator.registries()).toHaveLength(1);
	});

	it("raises 404 for an unknown registry ID", async () => {
		const error = await apiErrorOf(fixture.client.getRegistry("999999999999"));

		expect(error.status).toBe(404);
		expect(error.errorCode).toBe("not_found");
		expect(error.message).toContain("GET /commonserviceitem/999999999999");
	});

	it("raises 404 when deleting an unknown registry", async () => {
		const error = await apiErrorOf(
			fixture.client.deleteRegistry("999999999999"),
		);

		expect(error.status).toBe(404);
	});

	it("raises 404 for an unknown user", async () => {
		const registryId = fixture.emulator.seedRegistry({ name: "no-users" });

		const error = await apiErrorOf(
			fixture.client.deleteUser(registryId, "ghost"),
		);

		expect(error.status).toBe(404);
		expect(error.errorCode).toBe("not_found");
	});

	it("raises 401 for wrong credentials", async () => {
		const client = new SakuraClient({
			accessToken: "00000000-0000-0000-0000-000000000000",
			accessTokenSecret: "wrong-secret",
			rootUrl: fixture.emulator.rootUrl,
			...FAST_RETRIES,
		});

		try {
			const error = await apiErrorOf(client.listRegistries());

			expect(error.status).toBe(401);
			expect(error.errorCode).toBe("unauthorized");
			expect(fixture.emulator.requests).toHaveLength(1);
		} finally {
			await client.close();
		}
	});
});
