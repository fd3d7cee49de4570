import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

/**
 * Returns the hash of a request's Slack signature when the signature is valid for `signingSecret`,
 * or undefined for a request that is unsigned or signed wrongly, which Bolt rejects by itself.
 * Slack signs `v0:<timestamp>:<raw body>` with HMAC-SHA256 and sends `v0=<hex>`.
 */
export function validSignatureHash(
	event: APIGatewayProxyEventV2,
	signingSecret: string,
): { hash: string; timestampSeconds: number } | undefined {
	const signature = event.headers?.["x-slack-signature"];
	const timestamp = event.headers?.["x-slack-request-timestamp"];
	if (signature === undefined || timestamp === undefined) {
		return undefined;
	}
	const body =
		event.isBase64Encoded === true
			? Buffer.from(event.body ?? "", "base64").toString("utf8")
			: (event.body ?? "");
	const expected = `v0=${createHmac("sha256", signingSecret)
		.update(`v0:${timestamp}:${body}`)
		.digest("hex")}`;
	const given = Buffer.from(signature);
	const wanted = Buffer.from(expected);
	if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
		return undefined;
	}
	return {
		hash: createHash("sha256").update(signature).digest("hex").slice(0, 32),
		timestampSeconds: Number(timestamp),
	};
}
