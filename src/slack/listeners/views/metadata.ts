import { z } from "zod";
import type { Log } from "../../../logging";

/**
 * Data a modal carries in `private_metadata` between opening and submission. Slack returns the
 * string unchanged, but the listener treats it as untrusted. It names only where the modal was
 * opened, never who submits it or which operation to run.
 */
export interface ModalMetadata {
	/** Channel of the `/registry` command that opened the modal, or absent for the shortcut. */
	channelId?: string;
}

/** Slack conversation ids: `C` public, `G` private (legacy) and `D` direct message channels. */
const CHANNEL_ID_PATTERN = /^[CDG][A-Z0-9]{2,20}$/;

/** Slack's limit on `private_metadata`, in characters. */
export const PRIVATE_METADATA_MAX_LENGTH = 3000;

const metadataSchema = z
	.object({ channelId: z.string().regex(CHANNEL_ID_PATTERN).optional() })
	.strict();

/** Encodes modal metadata as the JSON string Slack stores in `private_metadata`. */
export function encodeModalMetadata(metadata: ModalMetadata): string {
	return JSON.stringify(metadata);
}

/**
 * Decodes `private_metadata`. Anything but the exact shape `encodeModalMetadata` writes, such as
 * an unknown field, a malformed channel id or more than 3,000 characters, yields empty metadata
 * and a warning, so the request falls back to the requester's DM.
 */
export function parseModalMetadata(
	raw: unknown,
	log: Log,
	ids: Record<string, unknown>,
): ModalMetadata {
	if (raw === "" || raw === undefined) {
		return {};
	}
	if (typeof raw !== "string" || raw.length > PRIVATE_METADATA_MAX_LENGTH) {
		log.warn("Ignored invalid modal private_metadata", {
			...ids,
			reason: "not a string of at most 3000 characters",
		});
		return {};
	}

	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		log.warn("Ignored invalid modal private_metadata", {
			...ids,
			reason: "not JSON",
		});
		return {};
	}

	const parsed = metadataSchema.safeParse(json);
	if (!parsed.success) {
		log.warn("Ignored invalid modal private_metadata", {
			...ids,
			reason: parsed.error.issues.map((issue) => issue.message).join("; "),
		});
		return {};
	}
	return parsed.data;
}
