import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** Returns a header's value whatever the case of its name, as Bolt reads headers. */
export function headerOf(
	event: APIGatewayProxyEventV2,
	name: string,
): string | undefined {
	const headers = event.headers ?? {};
	const key = Object.keys(headers).find(
		(candidate) => candidate.toLowerCase() === name,
	);
	return key === undefined ? undefined : headers[key];
}

/**
 * Returns a key for a validly signed request, the same for every spelling of it that Bolt
 * accepts, or undefined for a request that is unsigned or signed wrongly, which Bolt rejects by
 * itself. Bolt reads the timestamp as a number and compares only the part of the signature after
 * the first `=`, so the key is the HMAC of `v0:<number>:<raw body>`, not the header as sent.
 */
export function validSignatureHash(
	event: APIGatewayProxyEventV2,
	signingSecret: string,
): { hash: string; timestampSeconds: number } | undefined {
	const signature = headerOf(event, "x-slack-signature");
	const timestamp = Number(headerOf(event, "x-slack-request-timestamp"));
	if (signature === undefined || !Number.isFinite(timestamp)) {
		return undefined;
	}
	const [version, given] = signature.split("=");
	if (version !== "v0" || given === undefined) {
		return undefined;
	}
	const body =
		event.isBase64Encoded === true
			? Buffer.from(event.body ?? "", "base64").toString("utf8")
			: (event.body ?? "");
	const expected = createHmac("sha256", signingSecret)
		.update(`v0:${timestamp}:${body}`)
		.digest("hex");
	const givenBytes = Buffer.from(given);
	const expectedBytes = Buffer.from(expected);
	if (
		givenBytes.length !== expectedBytes.length ||
		!timingSafeEqual(givenBytes, expectedBytes)
	) {
		return undefined;
	}
	return {
		hash: createHash("sha256").update(expected).digest("hex").slice(0, 32),
		timestampSeconds: timestamp,
	};
}
