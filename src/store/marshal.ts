import { z } from "zod";
import { InvalidRequestRecordError, StoredRequestInvalidError } from "./errors";
import type { RequestRecord } from "./types";

/** Seconds that a request stays in the table after `expiresAt` before DynamoDB's TTL removes it. */
export const RETENTION_AFTER_EXPIRY_SECONDS = 90 * 24 * 60 * 60;

/**
 * A request as stored: the record plus two attributes that only the table uses. `approverIds`
 * lists the user ids in `approvals`, so a condition can test `contains(approverIds, :approver)`.
 * `ttl` is the epoch second after which DynamoDB may delete the item.
 */
export type RequestItem = RequestRecord & {
	approverIds: string[];
	ttl: number;
};

const decisionSchema = z.object({ userId: z.string(), at: z.string() });

const statusSchema = z.enum([
	"pending",
	"approved",
	"running",
	"succeeded",
	"failed",
	"rejected",
	"cancelled",
	"expired",
]);

/** Keeps the fields of `RequestRecord` and drops the table's own attributes. */
const recordSchema = z.object({
	id: z.string(),
	kind: z.string(),
	operation: z.record(z.string(), z.unknown()),
	requester: z.object({
		userId: z.string(),
		userName: z.string(),
		teamId: z.string(),
	}),
	reason: z.string(),
	status: statusSchema,
	requiredApprovals: z.number(),
	approvals: z.array(decisionSchema),
	rejection: decisionSchema.extend({ reason: z.string() }).optional(),
	cancellation: decisionSchema.optional(),
	createdAt: z.string(),
	expiresAt: z.string(),
	updatedAt: z.string(),
	card: z.object({ channelId: z.string(), ts: z.string() }).optional(),
	origin: z
		.object({ channelId: z.string(), responseUrl: z.string().optional() })
		.optional(),
	result: z
		.object({ at: z.string(), errorCode: z.string().optional() })
		.optional(),
	claimant: z.string().optional(),
	leaseUntil: z.string().optional(),
	attempt: z.number().optional(),
	version: z.number(),
});

/**
 * Checks that `value` is an ISO 8601 UTC timestamp in the exact form `Date.prototype.toISOString`
 * produces (`2030-01-31T09:00:00.000Z`). Conditions compare these strings with `<` and `>`, which
 * orders times correctly only when every string has this one fixed-width form.
 */
export function assertCanonicalTimestamp(
	id: string,
	field: string,
	value: string,
): void {
	const time = Date.parse(value);
	if (Number.isNaN(time) || new Date(time).toISOString() !== value) {
		throw new InvalidRequestRecordError(
			id,
			field,
			`${JSON.stringify(value)} is not in the form 2030-01-31T09:00:00.000Z; use Date.prototype.toISOString()`,
		);
	}
}

/** Key names that suggest a credential. No stored operation may contain such a key. */
const SECRET_KEY_PATTERN = /password|secret/i;

/** Finds the path of the first key in `value` whose name suggests a credential. */
function findSecretKey(value: unknown, path: string): string | undefined {
	if (Array.isArray(value)) {
		for (const [index, element] of value.entries()) {
			const found = findSecretKey(element, `${path}[${index}]`);
			if (found !== undefined) return found;
		}
		return undefined;
	}
	if (value === null || typeof value !== "object") {
		return undefined;
	}
	for (const [key, child] of Object.entries(value)) {
		if (SECRET_KEY_PATTERN.test(key)) return `${path}.${key}`;
		const found = findSecretKey(child, `${path}.${key}`);
		if (found !== undefined) return found;
	}
	return undefined;
}

/**
 * Converts a record into the item that `create` writes: only the fields `RequestRecord` declares,
 * plus `approverIds` and `ttl`.
 *
 * @throws InvalidRequestRecordError when a field has the wrong type, `createdAt`, `expiresAt` or
 * `updatedAt` is not in `toISOString` form, `requiredApprovals` is not a positive integer, or
 * `operation` has a key containing "password" or "secret".
 */
export function toItem(input: RequestRecord): RequestItem {
	const parsed = recordSchema.safeParse(input);
	if (!parsed.success) {
		throw new InvalidRequestRecordError(
			String(input.id),
			"record",
			z.prettifyError(parsed.error),
		);
	}
	const record = parsed.data;

	const secretKey = findSecretKey(record.operation, "operation");
	if (secretKey !== undefined) {
		throw new InvalidRequestRecordError(
			record.id,
			secretKey,
			"a request never stores credentials; generate them when the operation runs",
		);
	}
	assertCanonicalTimestamp(record.id, "createdAt", record.createdAt);
	assertCanonicalTimestamp(record.id, "expiresAt", record.expiresAt);
	assertCanonicalTimestamp(record.id, "updatedAt", record.updatedAt);
	// A request that runs at once is stored approved with no approvals to wait for.
	const fewest = record.status === "approved" ? 0 : 1;
	if (
		!Number.isInteger(record.requiredApprovals) ||
		record.requiredApprovals < fewest
	) {
		throw new InvalidRequestRecordError(
			record.id,
			"requiredApprovals",
			fewest === 0
				? `${record.requiredApprovals} is not a whole number of at least 0`
				: `${record.requiredApprovals} is not a positive integer`,
		);
	}

	const expiresAtSeconds = Math.floor(Date.parse(record.expiresAt) / 1000);
	return {
		...record,
		approverIds: record.approvals.map((approval) => approval.userId),
		ttl: expiresAtSeconds + RETENTION_AFTER_EXPIRY_SECONDS,
	};
}

/**
 * Converts a stored item back into a record. Attributes that `RequestRecord` does not declare,
 * such as `approverIds` and `ttl`, are left out.
 *
 * @throws StoredRequestInvalidError when the item lacks a field or has one of the wrong type.
 */
export function fromItem(item: Record<string, unknown>): RequestRecord {
	const parsed = recordSchema.safeParse(item);
	if (!parsed.success) {
		const id = typeof item.id === "string" ? item.id : "(no id)";
		throw new StoredRequestInvalidError(id, z.prettifyError(parsed.error));
	}
	return parsed.data;
}
