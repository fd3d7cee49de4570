import { DynamoQuota } from "../../src/store";
import {
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "./store-fixture";

describe("DynamoQuota", () => {
	let fixture: StoreFixture;
	let quota: DynamoQuota;
	const hour = 3_600_000;
	const now = new Date("2030-01-01T00:10:00.000Z");

	beforeAll(async () => {
		fixture = await startStoreFixture();
		quota = new DynamoQuota({
			tableName: fixture.tableName,
			client: fixture.client,
		});
	});

	afterAll(async () => {
		await stopStoreFixture(fixture);
	});

	test("allows up to the limit in a window", async () => {
		const results = [];
		for (let use = 0; use < 4; use++) {
			results.push(await quota.take("requests:U0A", 3, hour, now));
		}

		expect(results).toEqual([true, true, true, false]);
	});

	test("a new window starts a new count", async () => {
		for (let use = 0; use < 2; use++) {
			await quota.take("requests:U0B", 2, hour, now);
		}

		expect(await quota.take("requests:U0B", 2, hour, now)).toBe(false);
		expect(
			await quota.take("requests:U0B", 2, hour, new Date(now.getTime() + hour)),
		).toBe(true);
	});

	test("concurrent uses never pass the limit", async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, () =>
				quota.take("requests:U0C", 5, hour, now),
			),
		);

		expect(results.filter(Boolean)).toHaveLength(5);
	});

	test("keys count separately", async () => {
		expect(await quota.take("requests:U0D", 1, hour, now)).toBe(true);
		expect(await quota.take("requests:U0E", 1, hour, now)).toBe(true);
		expect(await quota.take("requests:U0D", 1, hour, now)).toBe(false);
	});
});
