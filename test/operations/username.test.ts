import { deriveUsername } from "../../src/operations/username";
import { isValidUsername } from "../../src/operations/validation";

describe("deriveUsername", () => {
	test.each([
		["alice", "alice"],
		["Alice.Smith", "alice.smith"],
		["bob the builder", "bob-the-builder"],
		["__carol__", "carol"],
		["dave@@example", "dave-example"],
		["ｅｖｅ", "eve"],
	])("turns %s into %s", (slackName, expected) => {
		expect(deriveUsername(slackName, "U0TEST")).toBe(expected);
	});

	test("falls back to the Slack user ID for a name with no usable characters", () => {
		expect(deriveUsername("山田太郎", "U0ABC123")).toBe("slack-u0abc123");
	});

	test("caps the length at 64 and stays valid", () => {
		const derived = deriveUsername(
			`${"a".repeat(63)}-b${"c".repeat(30)}`,
			"U1",
		);

		expect(derived.length).toBeLessThanOrEqual(64);
		expect(isValidUsername(derived)).toBe(true);
	});

	test("always yields a valid name", () => {
		for (const name of [
			"",
			"-",
			"...",
			"a-",
			"x y z",
			"😀",
			"O'Brien",
			"user:name/../x",
		]) {
			expect(isValidUsername(deriveUsername(name, "U9ZZ"))).toBe(true);
		}
	});
});
