/** One word of a slash command's text after quote removal. */
export interface Token {
	text: string;
	/** True when the word started with a quote, so it is always a value and never a flag. */
	quoted: boolean;
}

export type TokenizeResult =
	| { ok: true; tokens: Token[] }
	| { ok: false; unclosedQuote: string };

/**
 * Quote characters and the family each belongs to. The Slack clients on phones and Macs replace
 * straight quotes with curly ones as the user types. They may pick the opening or the closing form
 * from the preceding character, so any quote of a family closes any quote of that family.
 */
const QUOTE_FAMILIES: Readonly<Record<string, "double" | "single">> = {
	'"': "double",
	"\u201C": "double",
	"\u201D": "double",
	"\u201E": "double",
	"\u201F": "double",
	"'": "single",
	"\u2018": "single",
	"\u2019": "single",
	"\u201A": "single",
	"\u201B": "single",
};

const WHITESPACE = /\s/u;

/**
 * Undoes what Slack does to slash command text before sending it: Slack escapes `&`, `<` and `>`
 * as HTML entities, and it may wrap URLs as `<https://example.com|example.com>`. Links become
 * their label (or URL), then the three entities are decoded in one pass, so `&amp;lt;` becomes
 * `&lt;` and not `<`.
 */
export function decodeSlackText(text: string): string {
	const unlinked = text.replace(
		/<((?:https?|mailto):[^|>\s]*)(?:\|([^>]*))?>/g,
		(_link, url: string, label: string | undefined) => label ?? url,
	);

	return unlinked.replace(/&(lt|gt|amp);/g, (_entity, name: string) => {
		if (name === "lt") {
			return "<";
		}
		if (name === "gt") {
			return ">";
		}
		return "&";
	});
}

/**
 * Splits command text into words the way a shell does, with fewer rules:
 *
 * - Any Unicode whitespace separates words, including the full-width space of Japanese input.
 * - A quote opens a quoted part only at the start of a word or right after `=` (as in
 *   `--description="team images"`). Elsewhere it is a literal character, so `don't` needs no
 *   quoting.
 * - A quoted part ends at a quote of the same family that is followed by whitespace or the end of
 *   the text. Other quotes inside it are literal.
 * - Inside double quotes, a backslash before a double quote or a backslash makes that character
 *   literal. Every other backslash is literal.
 *
 * Returns the unclosed quote character when a quoted part never ends.
 */
export function tokenize(text: string): TokenizeResult {
	const characters = Array.from(text);
	const tokens: Token[] = [];
	let index = 0;

	while (index < characters.length) {
		if (WHITESPACE.test(characters[index])) {
			index += 1;
			continue;
		}

		const word = readWord(characters, index);
		if (!word.ok) {
			return { ok: false, unclosedQuote: word.unclosedQuote };
		}
		tokens.push(word.token);
		index = word.end;
	}

	return { ok: true, tokens };
}

type WordResult =
	| { ok: true; token: Token; end: number }
	| { ok: false; unclosedQuote: string };

/** Reads one word starting at `start`, which is not whitespace. */
function readWord(characters: string[], start: number): WordResult {
	const quoted = QUOTE_FAMILIES[characters[start]] !== undefined;
	let text = "";
	let index = start;

	while (index < characters.length && !WHITESPACE.test(characters[index])) {
		const character = characters[index];
		const family = QUOTE_FAMILIES[character];
		const opensQuote =
			family !== undefined &&
			(index === start || characters[index - 1] === "=");

		if (!opensQuote) {
			text += character;
			index += 1;
			continue;
		}

		const part = readQuoted(characters, index + 1, family);
		if (part === undefined) {
			return { ok: false, unclosedQuote: character };
		}
		text += part.text;
		index = part.end;
	}

	return { ok: true, token: { text, quoted }, end: index };
}

/**
 * Reads a quoted part whose content starts at `start`. Returns the content and the index after the
 * closing quote, or undefined when no closing quote exists.
 */
function readQuoted(
	characters: string[],
	start: number,
	family: "double" | "single",
): { text: string; end: number } | undefined {
	let text = "";
	let index = start;

	while (index < characters.length) {
		const character = characters[index];
		const next = characters[index + 1];

		if (
			family === "double" &&
			character === "\\" &&
			next !== undefined &&
			isEscapable(next)
		) {
			text += next;
			index += 2;
			continue;
		}

		const closes =
			QUOTE_FAMILIES[character] === family &&
			(next === undefined || WHITESPACE.test(next));
		if (closes) {
			return { text, end: index + 1 };
		}

		text += character;
		index += 1;
	}

	return undefined;
}

function isEscapable(character: string): boolean {
	return character === "\\" || QUOTE_FAMILIES[character] === "double";
}
