import { DynamoAlertLatch } from "../../src/store/alerts";
import {
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "./store-fixture";

describe("DynamoAlertLatch", () => {
	let fixture: StoreFixture;
	let latch: DynamoAlertLatch;
	const now = new Date("2030-01-01T00:00:00.000Z");
	const DAY_MS = 24 * 60 * 60 * 1000;
	const later = (ms: number) => new Date(now.getTime() + ms);

	beforeAll(async () => {
		fixture = await startStoreFixture();
		latch = new DynamoAlertLatch({
			tableName: fixture.tableName,
			client: fixture.client,
		});
	});

	afterAll(async () => {
		await stopStoreFixture(fixture);
	});

	test("ten concurrent claims, one wins", async () => {
		const claims = await Promise.all(
			Array.from({ length: 10 }, (_, i) =>
				latch.claim("race", `claimant-${i}`, DAY_MS, now),
			),
		);

		expect(claims.filter(Boolean)).toHaveLength(1);
	});

	test("claim ends after its period", async () => {
		expect(await latch.claim("daily", "a", DAY_MS, now)).toBe(true);
		expect(await latch.claim("daily", "b", DAY_MS, later(DAY_MS - 1))).toBe(
			false,
		);
		expect(await latch.claim("daily", "c", DAY_MS, later(DAY_MS))).toBe(true);
	});

	test("release frees only its own claim", async () => {
		expect(await latch.claim("released", "a", DAY_MS, now)).toBe(true);

		await latch.release("released", "someone-else");
		expect(await latch.claim("released", "b", DAY_MS, now)).toBe(false);

		await latch.release("released", "a");
		expect(await latch.claim("released", "b", DAY_MS, now)).toBe(true);
	});
});
