import { DynamoLocks } from "../../src/store";
import {
	type StoreFixture,
	startStoreFixture,
	stopStoreFixture,
} from "./store-fixture";

describe("DynamoLocks", () => {
	let fixture: StoreFixture;
	let locks: DynamoLocks;
	const now = new Date("2030-01-01T00:00:00.000Z");
	const later = (ms: number) => new Date(now.getTime() + ms);

	beforeAll(async () => {
		fixture = await startStoreFixture();
		locks = new DynamoLocks({
			tableName: fixture.tableName,
			client: fixture.client,
		});
	});

	afterAll(async () => {
		await stopStoreFixture(fixture);
	});

	test("one owner at a time", async () => {
		expect(await locks.acquire("user:1:ci", "owner-a", 60_000, now)).toBe(true);
		expect(await locks.acquire("user:1:ci", "owner-b", 60_000, now)).toBe(
			false,
		);

		await locks.release("user:1:ci", "owner-a");

		expect(await locks.acquire("user:1:ci", "owner-b", 60_000, now)).toBe(true);
	});

	test("expired lease can be taken over", async () => {
		expect(await locks.acquire("user:2:ci", "owner-a", 1_000, now)).toBe(true);

		expect(await locks.acquire("user:2:ci", "owner-b", 1_000, later(500))).toBe(
			false,
		);
		expect(
			await locks.acquire("user:2:ci", "owner-b", 1_000, later(1_500)),
		).toBe(true);
	});

	test("lease is free when it ends", async () => {
		expect(await locks.acquire("daily", "owner-a", 86_400_000, now)).toBe(true);

		expect(
			await locks.acquire("daily", "owner-b", 86_400_000, later(86_399_999)),
		).toBe(false);
		expect(
			await locks.acquire("daily", "owner-c", 86_400_000, later(86_400_000)),
		).toBe(true);
	});

	test("release by another owner keeps the lease", async () => {
		expect(await locks.acquire("user:3:ci", "owner-a", 60_000, now)).toBe(true);

		await locks.release("user:3:ci", "owner-b");

		expect(await locks.acquire("user:3:ci", "owner-c", 60_000, now)).toBe(
			false,
		);
	});

	test("twenty concurrent acquires: one wins", async () => {
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				locks.acquire("user:4:ci", `owner-${index}`, 60_000, now),
			),
		);

		expect(results.filter(Boolean)).toHaveLength(1);
	});

	test("lock items are not requests", async () => {
		await locks.acquire("user:5:ci", "owner-a", 60_000, now);

		expect(await fixture.store.get("user:5:ci")).toBeUndefined();
	});
});
