import {
	ConditionalCheckFailedException,
	DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
	DeleteCommand,
	DynamoDBDocumentClient,
	PutCommand,
} from "@aws-sdk/lib-dynamodb";
import { REQUESTS_TABLE_KEY, REQUESTS_TABLE_TTL_ATTRIBUTE } from "./table";

/** Prefix of lock items, which share the requests table but never collide with request ids. */
const LOCK_ID_PREFIX = "lock:";

export interface DynamoLocksOptions {
	tableName: string;
	client?: DynamoDBClient;
}

/**
 * Short leases in the requests table that keep two changes to the same thing from running at once,
 * across Lambda containers. A lease ends when its holder releases it, or at `expiresAt` when the
 * holder stopped without releasing, so a crash cannot block the thing for good.
 */
export class DynamoLocks {
	readonly #documents: DynamoDBDocumentClient;
	readonly #tableName: string;

	constructor(options: DynamoLocksOptions) {
		this.#tableName = options.tableName;
		this.#documents = DynamoDBDocumentClient.from(
			options.client ?? new DynamoDBClient({}),
		);
	}

	/**
	 * Takes the lease on `key` for `leaseMs` on behalf of `owner`.
	 * @returns false when another owner holds an unexpired lease.
	 */
	async acquire(
		key: string,
		owner: string,
		leaseMs: number,
		now: Date,
	): Promise<boolean> {
		const expiresAt = now.getTime() + leaseMs;
		try {
			await this.#documents.send(
				new PutCommand({
					TableName: this.#tableName,
					Item: {
						[REQUESTS_TABLE_KEY]: `${LOCK_ID_PREFIX}${key}`,
						owner,
						expiresAt,
						[REQUESTS_TABLE_TTL_ATTRIBUTE]: Math.ceil(expiresAt / 1000) + 3600,
					},
					// attribute_not_exists(#id): the lease is free. #expiresAt <= :now: the lease has
					// ended without a release. #owner = :owner: this owner's own retried write.
					ConditionExpression:
						"attribute_not_exists(#id) OR #expiresAt <= :now OR #owner = :owner",
					ExpressionAttributeNames: {
						"#id": REQUESTS_TABLE_KEY,
						"#expiresAt": "expiresAt",
						"#owner": "owner",
					},
					ExpressionAttributeValues: { ":now": now.getTime(), ":owner": owner },
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

	/** Ends `owner`'s lease on `key`; a lease that expired and was taken by another stays theirs. */
	async release(key: string, owner: string): Promise<void> {
		try {
			await this.#documents.send(
				new DeleteCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: `${LOCK_ID_PREFIX}${key}` },
					// #owner = :owner: only the holder ends its own lease.
					ConditionExpression: "#owner = :owner",
					ExpressionAttributeNames: { "#owner": "owner" },
					ExpressionAttributeValues: { ":owner": owner },
				}),
			);
		} catch (error) {
			if (!(error instanceof ConditionalCheckFailedException)) {
				throw error;
			}
		}
	}
}
