import { timingSafeEqual } from "node:crypto";
import type { ApiCredentials } from "./options";

/** Realm sent in `WWW-Authenticate` on every 401. */
export const AUTH_REALM = "SAKURA Cloud API emulator";

/**
 * Checks an `Authorization` header against the accepted key pairs. SAKURA's cloud API takes HTTP
 * Basic with the access token as user name and the access-token secret as password.
 */
export function isAuthorized(
	header: string | undefined,
	credentials: readonly ApiCredentials[],
): boolean {
	if (header === undefined) {
		return false;
	}

	const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
	if (match === null) {
		return false;
	}

	const decoded = Buffer.from(match[1], "base64").toString("utf8");
	const separator = decoded.indexOf(":");
	if (separator < 0) {
		return false;
	}
	const token = decoded.slice(0, separator);
	const secret = decoded.slice(separator + 1);

	return credentials.some(
		(pair) =>
			equalsConstantTime(pair.accessToken, token) &&
			equalsConstantTime(pair.accessTokenSecret, secret),
	);
}

function equalsConstantTime(expected: string, actual: string): boolean {
	const expectedBytes = Buffer.from(expected, "utf8");
	const actualBytes = Buffer.from(actual, "utf8");
	if (expectedBytes.length !== actualBytes.length) {
		return false;
	}
	return timingSafeEqual(expectedBytes, actualBytes);
}
