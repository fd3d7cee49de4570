import { randomBytes } from "node:crypto";
import {
	ConditionalCheckFailedException,
	DynamoDBClient,
} from "@aws-sdk/client-dynamodb";
import {
	DynamoDBDocumentClient,
	GetCommand,
	PutCommand,
} from "@aws-sdk/lib-dynamodb";
import { REQUESTS_TABLE_KEY, REQUESTS_TABLE_TTL_ATTRIBUTE } from "./table";

/** Prefix of replay items, which share the requests table but never collide with request ids. */
const REPLAY_ID_PREFIX = "replay:";

export interface DynamoReplayGuardOptions {
	tableName: string;
	client?: DynamoDBClient;
}

/**
 * Remembers each signed request the bot has served until its signature can no longer be accepted,
 * so that a captured request sent again is recognised in any Lambda container. One conditional put
 * per request.
 */
export class DynamoReplayGuard {
	readonly #documents: DynamoDBDocumentClient;
	readonly #tableName: string;

	constructor(options: DynamoReplayGuardOptions) {
		this.#tableName = options.tableName;
		this.#documents = DynamoDBDocumentClient.from(
			options.client ?? new DynamoDBClient({}),
		);
	}

	/**
	 * Records the request whose signature hashes to `key`, kept until `until`.
	 * @returns false when the same signed request was recorded before: a replay.
	 */
	async firstUse(key: string, until: Date): Promise<boolean> {
		// A token of this call, so that a retry whose first attempt was applied but whose response
		// was lost recognises the stored item as its own, not as an earlier request's.
		const holder = randomBytes(12).toString("base64url");
		try {
			await this.#documents.send(
				new PutCommand({
					TableName: this.#tableName,
					Item: {
						[REQUESTS_TABLE_KEY]: `${REPLAY_ID_PREFIX}${key}`,
						holder,
						[REQUESTS_TABLE_TTL_ATTRIBUTE]: Math.ceil(until.getTime() / 1000),
					},
					// attribute_not_exists(#id): this signed request was not served before.
					ConditionExpression: "attribute_not_exists(#id)",
					ExpressionAttributeNames: { "#id": REQUESTS_TABLE_KEY },
				}),
			);
			return true;
		} catch (error) {
			if (!(error instanceof ConditionalCheckFailedException)) {
				throw error;
			}
		}
		const stored = await this.#documents.send(
			new GetCommand({
				TableName: this.#tableName,
				Key: { [REQUESTS_TABLE_KEY]: `${REPLAY_ID_PREFIX}${key}` },
				ConsistentRead: true,
			}),
		);
		return stored.Item?.holder === holder;
	}
}
