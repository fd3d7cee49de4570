import {
	generatePassword,
	PASSWORD_LENGTH,
} from "../../src/operations/password";

describe("generatePassword", () => {
	test("uses 32 letters and digits", () => {
		const password = generatePassword();

		expect(password).toHaveLength(PASSWORD_LENGTH);
		expect(password).toMatch(/^[A-Za-z0-9]+$/);
	});

	test("never repeats across many draws", () => {
		const seen = new Set(
			Array.from({ length: 2_000 }, () => generatePassword()),
		);

		expect(seen.size).toBe(2_000);
	});

	test("draws every character of the alphabet", () => {
		const characters = new Set(
			Array.from({ length: 200 }, () => generatePassword()).join(""),
		);

		expect(characters.size).toBe(62);
	});
});
