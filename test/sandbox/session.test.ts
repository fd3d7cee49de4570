import { parseFieldValues, UNPARSED } from "../../src/sandbox/session";

describe("parseFieldValues", () => {
	test("reads plain, quoted and whole-quoted pairs", () => {
		const values = parseFieldValues(
			`field_name=web field_reason="CI pushes images" 'field_user=a b' "field_domain=x y"`,
		);

		expect(values).toEqual({
			field_name: "web",
			field_reason: "CI pushes images",
			field_user: "a b",
			field_domain: "x y",
		});
		expect(values[UNPARSED]).toBeUndefined();
	});

	test("reports words outside pairs", () => {
		const values = parseFieldValues("field_reason=CI pushes images");

		expect(values.field_reason).toBe("CI");
		expect(values[UNPARSED]).toBe("pushes images");
	});

	test("keeps an empty value", () => {
		expect(parseFieldValues("field_domain=")).toEqual({ field_domain: "" });
	});
});
