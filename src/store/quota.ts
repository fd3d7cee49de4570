import {
	ConditionalCheckFailedException,
	DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { REQUESTS_TABLE_KEY, REQUESTS_TABLE_TTL_ATTRIBUTE } from "./table";

/** Prefix of counter items, which share the requests table but never collide with request ids. */
const QUOTA_ID_PREFIX = "quota:";

export interface DynamoQuotaOptions {
	tableName: string;
	client?: DynamoDBClient;
}

/**
 * Fixed-window counters in the requests table, for limits such as "at most N new requests per
 * person per hour". Each count is one conditional update, so concurrent requests from several
 * Lambda containers never pass the limit.
 */
export class DynamoQuota {
	readonly #documents: DynamoDBDocumentClient;
	readonly #tableName: string;

	constructor(options: DynamoQuotaOptions) {
		this.#tableName = options.tableName;
		this.#documents = DynamoDBDocumentClient.from(
			options.client ?? new DynamoDBClient({}),
		);
	}

	/**
	 * Counts one use of `key` in the window of `windowMs` that contains `now`.
	 * @returns false, counting nothing, when the window already has `limit` uses.
	 */
	async take(
		key: string,
		limit: number,
		windowMs: number,
		now: Date,
	): Promise<boolean> {
		const window = Math.floor(now.getTime() / windowMs);
		const windowEnd = (window + 1) * windowMs;
		try {
			await this.#documents.send(
				new UpdateCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: `${QUOTA_ID_PREFIX}${key}:${window}` },
					UpdateExpression: "ADD #uses :one SET #ttl = :ttl",
					// attribute_not_exists(#uses): the window's first use. #uses < :limit: room is left.
					ConditionExpression: "attribute_not_exists(#uses) OR #uses < :limit",
					ExpressionAttributeNames: {
						"#uses": "uses",
						"#ttl": REQUESTS_TABLE_TTL_ATTRIBUTE,
					},
					ExpressionAttributeValues: {
						":one": 1,
						":limit": limit,
						// DynamoDB removes the counter a day after its window ends.
						":ttl": Math.ceil(windowEnd / 1000) + 86_400,
					},
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
}
