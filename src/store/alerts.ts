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

/** Prefix of alert items, which share the requests table but never collide with request ids. */
const ALERT_ID_PREFIX = "alert:";

export interface DynamoAlertLatchOptions {
	tableName: string;
	client?: DynamoDBClient;
}

/**
 * Marks in the requests table that an alert went out, so that of many Lambda containers that see
 * the same problem, one sends the alert per period. Each claim is one conditional put.
 */
export class DynamoAlertLatch {
	readonly #documents: DynamoDBDocumentClient;
	readonly #tableName: string;

	constructor(options: DynamoAlertLatchOptions) {
		this.#tableName = options.tableName;
		this.#documents = DynamoDBDocumentClient.from(
			options.client ?? new DynamoDBClient({}),
		);
	}

	/**
	 * Claims the alert `key` (stored as `alert:<key>`) for `periodMs` from `now`, on behalf of
	 * `claimant`. The key must hold no secret, because it is stored as is.
	 * @returns false when an earlier claim has not ended yet.
	 */
	async claim(
		key: string,
		claimant: string,
		periodMs: number,
		now: Date,
	): Promise<boolean> {
		const until = now.getTime() + periodMs;
		try {
			await this.#documents.send(
				new PutCommand({
					TableName: this.#tableName,
					Item: {
						[REQUESTS_TABLE_KEY]: `${ALERT_ID_PREFIX}${key}`,
						claimant,
						alertedAt: now.toISOString(),
						until,
						[REQUESTS_TABLE_TTL_ATTRIBUTE]: Math.ceil(until / 1000),
					},
					// attribute_not_exists(#id): no alert yet. #until <= :now: the last one is a period
					// old, but DynamoDB's time to live, which deletes expired items only after a delay,
					// has not deleted its item yet.
					ConditionExpression: "attribute_not_exists(#id) OR #until <= :now",
					ExpressionAttributeNames: {
						"#id": REQUESTS_TABLE_KEY,
						"#until": "until",
					},
					ExpressionAttributeValues: { ":now": now.getTime() },
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

	/**
	 * Removes `claimant`'s claim on `key`, after the alert could not be sent, so the next
	 * occurrence tries again. A claim made since by another claimant stays.
	 */
	async release(key: string, claimant: string): Promise<void> {
		try {
			await this.#documents.send(
				new DeleteCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: `${ALERT_ID_PREFIX}${key}` },
					// #claimant = :claimant: only the claim this caller made is removed.
					ConditionExpression: "#claimant = :claimant",
					ExpressionAttributeNames: { "#claimant": "claimant" },
					ExpressionAttributeValues: { ":claimant": claimant },
				}),
			);
		} catch (error) {
			if (!(error instanceof ConditionalCheckFailedException)) {
				throw error;
			}
		}
	}
}
