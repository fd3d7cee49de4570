import fc from "fast-check";
import { findJsonSyntaxProblem } from "../../../src/operations/policy/json-syntax";

function parses(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

describe("findJsonSyntaxProblem", () => {
	test("accepts everything JSON.stringify writes", () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.boolean(), (value, indented) => {
				const text = JSON.stringify(value, null, indented ? "\t" : undefined);
				expect(findJsonSyntaxProblem(text)).toBeUndefined();
			}),
		);
	});

	test("agrees with JSON.parse on mutated text", () => {
		const fragments = fc.constantFrom(
			"{",
			"}",
			"[",
			"]",
			",",
			":",
			'"',
			"\\",
			"1",
			"-",
			".",
			"e",
			"t",
			"n",
			" ",
			"\n",
			"/",
			"\u0001",
		);
		fc.assert(
			fc.property(
				fc.jsonValue(),
				fc.nat(),
				fragments,
				(value, at, fragment) => {
					const text = JSON.stringify(value) ?? "null";
					const index = at % (text.length + 1);
					const mutated = text.slice(0, index) + fragment + text.slice(index);

					const problem = findJsonSyntaxProblem(mutated);
					const onlyRepeatsKey =
						problem === undefined ||
						problem.message.startsWith("duplicate key");
					expect(onlyRepeatsKey).toBe(parses(mutated));
				},
			),
			{ numRuns: 2000 },
		);
	});

	test.each([
		[
			"[1, 2,]",
			1,
			7,
			'expected a value but found "]"; remove the comma before it',
		],
		['{"a" 1}', 1, 6, 'expected ":" after a key but found "1"'],
		[
			'{"a": 1 "b": 2}',
			1,
			9,
			'expected "}" or a comma after a value but found "\\""',
		],
		['"abc', 1, 1, "unterminated string"],
		['"a\\x"', 1, 3, "invalid escape \\x in a string"],
		['"\\u12g4"', 1, 2, "invalid \\u escape; use four hexadecimal digits"],
		["01", 1, 2, 'expected end of input after the JSON value but found "1"'],
		["-", 1, 1, 'invalid number starting with "-"'],
		["tru", 1, 1, 'expected a value but found "t"'],
		[
			"{}\n{}",
			2,
			1,
			'expected end of input after the JSON value but found "{"',
		],
		[
			'{"a":\n  /* x */ 1}',
			2,
			3,
			"expected a value but found a comment, which JSON does not allow",
		],
		[
			'{"a": {"b": 1, "b": 2}}',
			1,
			16,
			'duplicate key "b"; JSON.parse would keep only the last value',
		],
	])("locates the problem in %s", (text, line, column, message) => {
		expect(findJsonSyntaxProblem(text)).toMatchObject({
			line,
			column,
			message,
		});
	});

	test("reports a syntax error after a repeated key", () => {
		expect(findJsonSyntaxProblem('{"a": 1, "a": 2,}')).toMatchObject({
			column: 17,
		});
	});

	test("allows the same key in sibling objects", () => {
		expect(findJsonSyntaxProblem('[{"a": 1}, {"a": 2}]')).toBeUndefined();
	});

	test("treats escaped and plain keys as one key", () => {
		expect(findJsonSyntaxProblem('{"a": 1, "\\u0061": 2}')).toMatchObject({
			message: 'duplicate key "a"; JSON.parse would keep only the last value',
		});
	});
});
