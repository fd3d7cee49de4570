/** Location and description of the first grammar error or repeated object key in a JSON text. */
export interface JsonSyntaxProblem {
	/** Zero-based offset into the text, in UTF-16 code units. */
	offset: number;
	/** One-based line and column of `offset`. */
	line: number;
	column: number;
	message: string;
}

class ScanFailure extends Error {
	constructor(
		readonly offset: number,
		message: string,
	) {
		super(message);
	}
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const ESCAPES = new Set(['"', "\\", "/", "b", "f", "n", "r", "t"]);
const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX_DIGITS_PATTERN = /^[0-9a-fA-F]{4}$/;

/**
 * Finds the first problem in a JSON text (RFC 8259), with its line and column. Node 20's
 * `JSON.parse` names no position for most errors, so the loader scans for itself. Duplicate keys
 * count as problems too, because `JSON.parse` silently keeps only the last value of a repeated key.
 * Returns undefined for valid JSON without repeated keys.
 */
export function findJsonSyntaxProblem(
	text: string,
): JsonSyntaxProblem | undefined {
	try {
		scanDocument(text);
		return undefined;
	} catch (error) {
		if (!(error instanceof ScanFailure)) {
			throw error;
		}
		return {
			...lineAndColumn(text, error.offset),
			offset: error.offset,
			message: error.message,
		};
	}
}

function lineAndColumn(
	text: string,
	offset: number,
): { line: number; column: number } {
	const before = text.slice(0, offset);
	const lineStart = before.lastIndexOf("\n") + 1;
	const line = before.split("\n").length;
	return { line, column: offset - lineStart + 1 };
}

/**
 * Scans the whole text and throws the first syntax error. A repeated key is thrown only when the
 * rest of the text is valid, so the reported problem is the one `JSON.parse` would also reject.
 */
function scanDocument(text: string): void {
	let position = 0;
	let firstDuplicateKey: ScanFailure | undefined;

	const fail = (message: string, at = position): never => {
		throw new ScanFailure(at, message);
	};

	const describeHere = (): string => {
		if (position >= text.length) {
			return "end of input";
		}
		if (text.startsWith("//", position) || text.startsWith("/*", position)) {
			return "a comment, which JSON does not allow";
		}
		return JSON.stringify(text[position]);
	};

	const skipWhitespace = (): void => {
		while (WHITESPACE.has(text[position])) {
			position++;
		}
	};

	const expect = (character: string, context: string): void => {
		if (text[position] !== character) {
			fail(`expected "${character}" ${context} but found ${describeHere()}`);
		}
		position++;
	};

	const scanString = (): string => {
		const start = position;
		position++;
		while (position < text.length) {
			const character = text[position];
			if (character === '"') {
				position++;
				return JSON.parse(text.slice(start, position)) as string;
			}
			if (character === "\\") {
				scanEscape();
				continue;
			}
			if (character < " ") {
				fail(
					"control character in a string; escape it, such as \\n for a line break",
				);
			}
			position++;
		}
		return fail("unterminated string", start);
	};

	const scanEscape = (): void => {
		const escaped = text[position + 1];
		if (escaped === "u") {
			if (!HEX_DIGITS_PATTERN.test(text.slice(position + 2, position + 6))) {
				fail("invalid \\u escape; use four hexadecimal digits");
			}
			position += 6;
			return;
		}
		if (!ESCAPES.has(escaped)) {
			fail(`invalid escape \\${escaped ?? ""} in a string`);
		}
		position += 2;
	};

	const scanNumber = (): void => {
		NUMBER_PATTERN.lastIndex = position;
		const match = NUMBER_PATTERN.exec(text);
		if (match === null) {
			fail(`invalid number starting with ${describeHere()}`);
			return;
		}
		position += match[0].length;
	};

	const scanLiteral = (): void => {
		for (const literal of ["true", "false", "null"]) {
			if (text.startsWith(literal, position)) {
				position += literal.length;
				return;
			}
		}
		fail(`expected a value but found ${describeHere()}`);
	};

	const scanObject = (): void => {
		position++;
		skipWhitespace();
		if (text[position] === "}") {
			position++;
			return;
		}

		const keys = new Set<string>();
		for (;;) {
			skipWhitespace();
			if (text[position] !== '"') {
				const trailing =
					text[position] === "}" ? "; remove the comma before it" : "";
				fail(
					`expected a key in double quotes but found ${describeHere()}${trailing}`,
				);
			}
			const keyStart = position;
			const key = scanString();
			if (keys.has(key) && firstDuplicateKey === undefined) {
				firstDuplicateKey = new ScanFailure(
					keyStart,
					`duplicate key ${JSON.stringify(key)}; JSON.parse would keep only the last value`,
				);
			}
			keys.add(key);

			skipWhitespace();
			expect(":", "after a key");
			scanValue();
			skipWhitespace();
			if (text[position] === ",") {
				position++;
				continue;
			}
			expect("}", "or a comma after a value");
			return;
		}
	};

	const scanArray = (): void => {
		position++;
		skipWhitespace();
		if (text[position] === "]") {
			position++;
			return;
		}

		for (;;) {
			skipWhitespace();
			if (text[position] === "]") {
				fail('expected a value but found "]"; remove the comma before it');
			}
			scanValue();
			skipWhitespace();
			if (text[position] === ",") {
				position++;
				continue;
			}
			expect("]", "or a comma after a value");
			return;
		}
	};

	const scanValue = (): void => {
		skipWhitespace();
		const character = text[position];
		if (character === "{") {
			scanObject();
		} else if (character === "[") {
			scanArray();
		} else if (character === '"') {
			scanString();
		} else if (character === "-" || (character >= "0" && character <= "9")) {
			scanNumber();
		} else {
			scanLiteral();
		}
	};

	scanValue();
	skipWhitespace();
	if (position < text.length) {
		fail(
			`expected end of input after the JSON value but found ${describeHere()}`,
		);
	}
	if (firstDuplicateKey !== undefined) {
		throw firstDuplicateKey;
	}
}
