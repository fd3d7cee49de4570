import {
	ConditionalCheckFailedException,
	DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
	DynamoDBDocumentClient,
	GetCommand,
	PutCommand,
	ScanCommand,
	UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { RETENTION_AFTER_EXPIRY_SECONDS } from "./marshal";
import { REQUESTS_TABLE_KEY, REQUESTS_TABLE_TTL_ATTRIBUTE } from "./table";

/**
 * A registry user the bot created, with its owner and its end. `active` works until `expiresAt`;
 * `revoking` has been claimed by one sweep or click that is deleting the user; `revoked` is gone
 * from SAKURA.
 */
export type GrantStatus = "active" | "revoking" | "revoked";

export interface GrantRecord {
	/** `grant:<registryId>:<username>`: one grant per registry user. */
	id: string;
	registryId: string;
	/** The registry's subdomain label, for messages. */
	registryLabel: string;
	username: string;
	permission: string;
	owner: { userId: string; teamId: string };
	/** The request that created the user. */
	requestId: string;
	reason: string;
	/** ISO 8601 UTC. */
	issuedAt: string;
	/** ISO 8601 UTC; the sweeper deletes the user at or after this time. */
	expiresAt: string;
	status: GrantStatus;
	/** Reminder thresholds, in seconds before expiry, whose DM has gone out since the last extension. */
	warned: number[];
	/** The DM that carried the current password, edited once that password stops working. */
	credentialDm?: { channelId: string; ts: string };
	/** The claim of the run that is deleting the user; set while `revoking`. */
	revocation?: {
		claimant: string;
		/** ISO 8601 UTC; after it, another sweep may take the deletion over. */
		leaseUntil: string;
		/** `expired`, or the Slack id of the person who revoked the grant early. */
		by: string;
		attempts: number;
		/** SAKURA's error code of the last failed attempt. */
		lastError?: string;
	};
	/** ISO 8601 UTC, once `revoked`. */
	revokedAt?: string;
	version: number;
}

/** Prefix of grant ids, which share the requests table with requests and leases. */
export const GRANT_ID_PREFIX = "grant:";

/** Returns the id of the grant of one registry user. */
export function grantId(registryId: string, username: string): string {
	return `${GRANT_ID_PREFIX}${registryId}:${username}`;
}

const grantSchema = z.object({
	id: z.string(),
	registryId: z.string(),
	registryLabel: z.string(),
	username: z.string(),
	permission: z.string(),
	owner: z.object({ userId: z.string(), teamId: z.string() }),
	requestId: z.string(),
	reason: z.string(),
	issuedAt: z.string(),
	expiresAt: z.string(),
	status: z.enum(["active", "revoking", "revoked"]),
	warned: z.array(z.number()),
	credentialDm: z.object({ channelId: z.string(), ts: z.string() }).optional(),
	revocation: z
		.object({
			claimant: z.string(),
			leaseUntil: z.string(),
			by: z.string(),
			attempts: z.number(),
			lastError: z.string().optional(),
		})
		.optional(),
	revokedAt: z.string().optional(),
	version: z.number(),
});

export interface DynamoGrantStoreOptions {
	tableName: string;
	client?: DynamoDBClient;
	/**
	 * Hears of a grant item that does not have a grant's fields, which lists skip, so that one bad
	 * item cannot stop a sweep of all the others.
	 */
	onInvalidItem?: (id: string, problem: string) => void;
}

/**
 * Grants in the requests table. Every change is one conditional write, so two sweeps at once
 * send each reminder once and delete each user once.
 */
export class DynamoGrantStore {
	readonly #documents: DynamoDBDocumentClient;
	readonly #tableName: string;
	readonly #onInvalidItem: DynamoGrantStoreOptions["onInvalidItem"];

	constructor(options: DynamoGrantStoreOptions) {
		this.#tableName = options.tableName;
		this.#onInvalidItem = options.onInvalidItem;
		this.#documents = DynamoDBDocumentClient.from(
			options.client ?? new DynamoDBClient({}),
			{ marshallOptions: { removeUndefinedValues: true } },
		);
	}

	/**
	 * Stores a new grant for a registry user. It replaces a revoked grant of the same user, and an
	 * active one too, because the user was just created again and the old grant's user is gone.
	 */
	async put(grant: GrantRecord): Promise<void> {
		const parsed = grantSchema.parse(grant);
		await this.#documents.send(
			new PutCommand({
				TableName: this.#tableName,
				Item: { ...parsed, [REQUESTS_TABLE_TTL_ATTRIBUTE]: ttlOf(parsed) },
			}),
		);
	}

	async get(id: string): Promise<GrantRecord | undefined> {
		const output = await this.#documents.send(
			new GetCommand({
				TableName: this.#tableName,
				Key: { [REQUESTS_TABLE_KEY]: id },
				ConsistentRead: true,
			}),
		);
		return output.Item === undefined ? undefined : parseGrant(output.Item);
	}

	/**
	 * Returns every grant that is not yet revoked, for the sweeper.
	 * NOTE: a Scan reads the whole table. It suits the few thousand items a team's bot keeps; a
	 * larger table needs an index on status and expiry.
	 */
	async listOpen(): Promise<GrantRecord[]> {
		return this.#scan(
			"#status IN (:active, :revoking)",
			{ "#status": "status" },
			{ ":active": "active", ":revoking": "revoking" },
		);
	}

	/** Returns the grants one person owns, newest first, revoked ones included. */
	async listByOwner(userId: string): Promise<GrantRecord[]> {
		const grants = await this.#scan(
			"#owner.#userId = :owner",
			{ "#owner": "owner", "#userId": "userId" },
			{ ":owner": userId },
		);
		return grants.sort((a, b) => b.issuedAt.localeCompare(a.issuedAt));
	}

	/**
	 * Records that the reminder for `thresholdSeconds` before `expiresAt` went out. Of several
	 * sweeps, exactly one gets true and sends the DM; none does once an extension moved the end.
	 */
	async markWarned(
		id: string,
		thresholdSeconds: number,
		expiresAt: string,
	): Promise<boolean> {
		return this.#update(id, {
			update: "SET #warned = list_append(#warned, :threshold)",
			// #status = :active: a grant being revoked gets no reminder.
			// NOT contains(...): this reminder has not gone out since the last extension.
			// #expiresAt = :expiresAt: the end the reminder states is still the grant's end.
			condition:
				"#status = :active AND NOT contains(#warned, :t) AND #expiresAt = :expiresAt",
			names: {
				"#warned": "warned",
				"#status": "status",
				"#expiresAt": "expiresAt",
			},
			values: {
				":threshold": [thresholdSeconds],
				":t": thresholdSeconds,
				":active": "active",
				":expiresAt": expiresAt,
			},
		});
	}

	/**
	 * Moves an active grant's expiry and clears its reminders, after an approved extension. A grant
	 * whose expiry has passed is not extended: its user is about to be deleted.
	 */
	async extend(id: string, expiresAt: Date, now: Date): Promise<boolean> {
		return this.#update(id, {
			update: "SET #expiresAt = :expiresAt, #warned = :none",
			// #expiresAt > :now: still before its end. Both are toISOString() strings.
			condition: "#status = :active AND #expiresAt > :now",
			names: {
				"#expiresAt": "expiresAt",
				"#warned": "warned",
				"#status": "status",
			},
			values: {
				":expiresAt": expiresAt.toISOString(),
				":none": [],
				":active": "active",
				":now": now.toISOString(),
			},
		});
	}

	/**
	 * Stores the DM that carried the current password and the person who got it, who owns the
	 * credential from now on.
	 */
	async setCredentialDm(
		id: string,
		dm: { channelId: string; ts: string },
		owner: { userId: string; teamId: string },
	): Promise<boolean> {
		return this.#update(id, {
			update: "SET #dm = :dm, #owner = :owner",
			condition: "attribute_exists(#id)",
			names: {
				"#dm": "credentialDm",
				"#owner": "owner",
				"#id": REQUESTS_TABLE_KEY,
			},
			values: { ":dm": dm, ":owner": owner },
		});
	}

	/**
	 * Claims a grant's deletion: an active grant whose time is up (or any active grant, when a
	 * person revokes it early), or a revocation whose earlier claim's lease has ended. Exactly one
	 * caller gets the grant back; everyone else gets undefined.
	 */
	async claimRevocation(
		id: string,
		claim: {
			now: Date;
			claimant: string;
			leaseUntil: Date;
			/** `expired`, or the Slack id of the person revoking early. */
			by: string;
		},
	): Promise<GrantRecord | undefined> {
		const early = claim.by !== "expired";
		const fresh = early
			? "#status = :active"
			: "(#status = :active AND #expiresAt <= :now)";
		try {
			const output = await this.#documents.send(
				new UpdateCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: id },
					UpdateExpression:
						"SET #status = :revoking, #revocation = :revocation, #version = #version + :one",
					// An active grant due now, or one a person ends early; or a deletion whose claimant
					// stopped, since its lease has ended. Both sides of <= are toISOString() strings.
					ConditionExpression: `${fresh} OR (#status = :revoking AND #revocation.#leaseUntil <= :now)`,
					ExpressionAttributeNames: {
						"#status": "status",
						"#revocation": "revocation",
						"#leaseUntil": "leaseUntil",
						"#version": "version",
						...(early ? {} : { "#expiresAt": "expiresAt" }),
					},
					ExpressionAttributeValues: {
						":active": "active",
						":revoking": "revoking",
						":now": claim.now.toISOString(),
						":one": 1,
						":revocation": {
							claimant: claim.claimant,
							leaseUntil: claim.leaseUntil.toISOString(),
							by: claim.by,
							attempts: 1,
						},
					},
					ReturnValues: "ALL_NEW",
				}),
			);
			return parseGrant(output.Attributes ?? {});
		} catch (error) {
			if (error instanceof ConditionalCheckFailedException) {
				return undefined;
			}
			throw error;
		}
	}

	/** Marks a claimed grant revoked once its user is gone from SAKURA. */
	async finishRevocation(
		id: string,
		claimant: string,
		at: Date,
	): Promise<GrantRecord | undefined> {
		try {
			const output = await this.#documents.send(
				new UpdateCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: id },
					UpdateExpression:
						"SET #status = :revoked, #revokedAt = :at, #version = #version + :one",
					// Only the claimant that deleted the user records it, and only once.
					ConditionExpression:
						"#status = :revoking AND #revocation.#claimant = :claimant",
					ExpressionAttributeNames: {
						"#status": "status",
						"#revokedAt": "revokedAt",
						"#revocation": "revocation",
						"#claimant": "claimant",
						"#version": "version",
					},
					ExpressionAttributeValues: {
						":revoked": "revoked",
						":revoking": "revoking",
						":claimant": claimant,
						":at": at.toISOString(),
						":one": 1,
					},
					ReturnValues: "ALL_NEW",
				}),
			);
			return parseGrant(output.Attributes ?? {});
		} catch (error) {
			if (error instanceof ConditionalCheckFailedException) {
				return undefined;
			}
			throw error;
		}
	}

	/**
	 * Leaves a claimed grant `revoking` after a failed deletion, with its lease ended and the error
	 * kept, so the next sweep tries again. The grant is never marked revoked while its user works.
	 */
	async failRevocation(
		id: string,
		claimant: string,
		now: Date,
		errorCode: string,
	): Promise<boolean> {
		return this.#update(id, {
			update:
				"SET #revocation.#leaseUntil = :now, #revocation.#lastError = :error",
			condition: "#status = :revoking AND #revocation.#claimant = :claimant",
			names: {
				"#status": "status",
				"#revocation": "revocation",
				"#leaseUntil": "leaseUntil",
				"#lastError": "lastError",
				"#claimant": "claimant",
			},
			values: {
				":revoking": "revoking",
				":claimant": claimant,
				":now": now.toISOString(),
				":error": errorCode,
			},
		});
	}

	async #update(
		id: string,
		change: {
			update: string;
			condition: string;
			names: Record<string, string>;
			values: Record<string, unknown>;
		},
	): Promise<boolean> {
		try {
			await this.#documents.send(
				new UpdateCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: id },
					UpdateExpression: `${change.update}, #version = #version + :one`,
					ConditionExpression: change.condition,
					ExpressionAttributeNames: { ...change.names, "#version": "version" },
					ExpressionAttributeValues: { ...change.values, ":one": 1 },
				}),
			);
			return true;
		} catch (error) {
			if (error instanceof ConditionalCheckFailedException) {
				return false;
			}
			throw error;
		}
	}

	async #scan(
		filter: string,
		names: Record<string, string>,
		values: Record<string, unknown>,
	): Promise<GrantRecord[]> {
		const grants: GrantRecord[] = [];
		let start: Record<string, unknown> | undefined;
		do {
			const output = await this.#documents.send(
				new ScanCommand({
					TableName: this.#tableName,
					FilterExpression: `begins_with(#id, :prefix) AND ${filter}`,
					ExpressionAttributeNames: { "#id": REQUESTS_TABLE_KEY, ...names },
					ExpressionAttributeValues: { ":prefix": GRANT_ID_PREFIX, ...values },
					ConsistentRead: true,
					ExclusiveStartKey: start,
				}),
			);
			for (const item of output.Items ?? []) {
				const parsed = grantSchema.safeParse(item);
				if (parsed.success) {
					grants.push(parsed.data);
				} else {
					this.#onInvalidItem?.(String(item.id), z.prettifyError(parsed.error));
				}
			}
			start = output.LastEvaluatedKey;
		} while (start !== undefined);
		return grants;
	}
}

function parseGrant(item: Record<string, unknown>): GrantRecord {
	return grantSchema.parse(item);
}

/** Keeps a grant's record for the retention after its expiry, like a request's. */
function ttlOf(grant: GrantRecord): number {
	return (
		Math.floor(Date.parse(grant.expiresAt) / 1000) +
		RETENTION_AFTER_EXPIRY_SECONDS
	);
}
