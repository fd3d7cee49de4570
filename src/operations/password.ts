import { randomInt } from "node:crypto";

/**
 * Letters and digits only. SAKURA documents no password charset, and these characters are safe in
 * every shell, in JSON and in a Slack code span, so a user can copy the password without escaping.
 */
const PASSWORD_ALPHABET =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 32 characters of a 62-letter alphabet carry about 190 bits of entropy. */
export const PASSWORD_LENGTH = 32;

/** Generates a registry password with the operating system's CSPRNG (`crypto.randomInt`). */
export function generatePassword(length: number = PASSWORD_LENGTH): string {
	let password = "";
	for (let i = 0; i < length; i++) {
		password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
	}
	return password;
}
