import { setTimeout as sleep } from "node:timers/promises";
import { isDeepStrictEqual } from "node:util";
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
import {
	backoffDelayMs,
	buildApprovalUpdate,
	findApprovalRefusal,
	MAX_APPROVAL_ATTEMPTS,
} from "./approval";
import { ApprovalConflictError, RequestNotFoundError } from "./errors";
import { assertCanonicalTimestamp, fromItem, toItem } from "./marshal";
import { REQUESTS_TABLE_KEY } from "./table";
import {
	type ApprovalResult,
	type Decision,
	RequestExistsError,
	type RequestRecord,
	type RequestStore,
	type TransitionResult,
} from "./types";

export interface DynamoRequestStoreOptions {
	/** Name of a table made like `createRequestsTable` makes it. */
	tableName: string;
	/**
	 * Client for DynamoDB or dynalite. Throttling errors (`ProvisionedThroughputExceededException`,
	 * `ThrottlingException`) are retried by the SDK's default retry strategy, which this store keeps:
	 * standard mode, 4 attempts for DynamoDB in @aws-sdk/client-dynamodb 3.1178, changed by
	 * `AWS_MAX_ATTEMPTS`.
	 * @default new DynamoDBClient({}), which takes region and credentials from the environment
	 */
	client?: DynamoDBClient;
}

type UnchangedReason = Extract<
	TransitionResult,
	{ kind: "unchanged" }
>["because"];

/** One conditional UpdateItem that changes a request's state. */
interface Transition {
	id: string;
	/** Assignments for the SET clause. `#transition` adds the version increment and `updatedAt`. */
	assignments: string[];
	condition: string;
	names: Record<string, string>;
	values: Record<string, unknown>;
	updatedAt: string;
	/** Tells why the condition failed, from the record as read after the failure. */
	explain(record: RequestRecord): UnchangedReason;
	/** True when the record as read shows that this very write was applied. */
	isOwnWrite?: (record: RequestRecord) => boolean;
}

/**
 * Requests in a DynamoDB table, where every state change is one conditional write. Of several
 * concurrent clicks that ask for the same change, only one write succeeds.
 *
 * When a condition fails, the store reads the item again with a consistent read to tell the caller
 * why. It does not use `ReturnValuesOnConditionCheckFailure`, because dynalite 4.0 ignores that
 * parameter, so that code would never run in local tests. The read may already show a later write.
 */
export class DynamoRequestStore implements RequestStore {
	readonly #tableName: string;
	readonly #documents: DynamoDBDocumentClient;

	constructor(options: DynamoRequestStoreOptions) {
		this.#tableName = options.tableName;
		this.#documents = DynamoDBDocumentClient.from(
			options.client ?? new DynamoDBClient({}),
			{ marshallOptions: { removeUndefinedValues: true } },
		);
	}

	/**
	 * Writes a new request.
	 *
	 * @throws RequestExistsError when the id is taken.
	 * @throws InvalidRequestRecordError when a field has the wrong type, a date is not in
	 * `toISOString` form, `requiredApprovals` is not a positive integer, or `operation` has a key
	 * containing "password" or "secret".
	 */
	async create(record: RequestRecord): Promise<void> {
		const item = toItem(record);
		try {
			await this.#documents.send(
				new PutCommand({
					TableName: this.#tableName,
					Item: item,
					// attribute_not_exists(#id): no item has this id yet, so a create never
					// overwrites a request.
					ConditionExpression: "attribute_not_exists(#id)",
					ExpressionAttributeNames: { "#id": REQUESTS_TABLE_KEY },
				}),
			);
		} catch (error) {
			if (!(error instanceof ConditionalCheckFailedException)) {
				throw error;
			}
			// The SDK retries a write whose response was lost, and the retry then finds the item the
			// first attempt wrote. Ids are random, so an identical stored request is this very write.
			const stored = await this.get(record.id);
			if (
				stored !== undefined &&
				isDeepStrictEqual(stored, fromItem({ ...item }))
			) {
				return;
			}
			throw new RequestExistsError(record.id);
		}
	}

	/** Reads a request with a strongly consistent read, which reflects every write acknowledged before it. */
	async get(id: string): Promise<RequestRecord | undefined> {
		const output = await this.#documents.send(
			new GetCommand({
				TableName: this.#tableName,
				Key: { [REQUESTS_TABLE_KEY]: id },
				ConsistentRead: true,
			}),
		);
		return output.Item === undefined ? undefined : fromItem(output.Item);
	}

	/**
	 * Adds one approval with an optimistic write: read, check, then write on the condition that
	 * the version is unchanged. After a version conflict it reads again and retries, up to 10
	 * attempts with a random wait of a few milliseconds, so concurrent approvals by different
	 * approvers are all recorded until the request completes.
	 *
	 * @throws ApprovalConflictError when all 10 attempts lost to other writes.
	 */
	async recordApproval(
		id: string,
		approval: Decision,
		now: Date,
	): Promise<ApprovalResult> {
		for (let attempt = 1; attempt <= MAX_APPROVAL_ATTEMPTS; attempt++) {
			const record = await this.get(id);
			if (record === undefined) {
				return { kind: "not_found" };
			}

			const refusal = findApprovalRefusal(record, approval.userId, now);
			if (refusal !== undefined) {
				return { kind: "unchanged", record, because: refusal };
			}

			const { input, complete } = buildApprovalUpdate(
				this.#tableName,
				record,
				approval,
				now,
			);
			try {
				const output = await this.#documents.send(new UpdateCommand(input));
				return {
					kind: "recorded",
					record: fromItem(output.Attributes ?? {}),
					complete,
				};
			} catch (error) {
				if (!(error instanceof ConditionalCheckFailedException)) {
					throw error;
				}
			}

			await sleep(backoffDelayMs(attempt));
		}
		throw new ApprovalConflictError(id, MAX_APPROVAL_ATTEMPTS);
	}

	async reject(
		id: string,
		rejection: Decision & { reason: string },
	): Promise<TransitionResult> {
		return this.#transition({
			id,
			assignments: ["#status = :rejected", "#rejection = :rejection"],
			// #status = :pending: only a request still waiting for approvals can be rejected.
			condition: "#status = :pending",
			names: { "#status": "status", "#rejection": "rejection" },
			values: {
				":rejected": "rejected",
				":pending": "pending",
				":rejection": {
					userId: rejection.userId,
					at: rejection.at,
					reason: rejection.reason,
				},
			},
			updatedAt: rejection.at,
			explain: () => "status",
		});
	}

	async cancel(id: string, cancellation: Decision): Promise<TransitionResult> {
		return this.#transition({
			id,
			assignments: ["#status = :cancelled", "#cancellation = :cancellation"],
			// #requester.#userId = :canceller: only the requester may cancel their request.
			// #status IN (:pending, :approved): a request can be cancelled until a runner claims it.
			condition:
				"#requester.#userId = :canceller AND #status IN (:pending, :approved)",
			names: {
				"#status": "status",
				"#cancellation": "cancellation",
				"#requester": "requester",
				"#userId": "userId",
			},
			values: {
				":cancelled": "cancelled",
				":cancellation": { userId: cancellation.userId, at: cancellation.at },
				":canceller": cancellation.userId,
				":pending": "pending",
				":approved": "approved",
			},
			updatedAt: cancellation.at,
			explain: (record) =>
				record.requester.userId === cancellation.userId
					? "status"
					: "not_requester",
		});
	}

	async claim(
		id: string,
		at: Date,
		claimant: string,
		leaseUntil: Date,
	): Promise<TransitionResult> {
		assertCanonicalTimestamp(id, "leaseUntil", leaseUntil.toISOString());
		return this.#transition({
			id,
			assignments: [
				"#status = :running",
				"#claimant = :claimant",
				"#leaseUntil = :leaseUntil",
				"#attempt = :first",
			],
			// #status = :approved: only an approved request runs, and the first claim moves it to
			// running, so every later claim fails and the operation runs once.
			condition: "#status = :approved",
			names: {
				"#status": "status",
				"#claimant": "claimant",
				"#leaseUntil": "leaseUntil",
				"#attempt": "attempt",
			},
			values: {
				":running": "running",
				":approved": "approved",
				":claimant": claimant,
				":leaseUntil": leaseUntil.toISOString(),
				":first": 1,
			},
			updatedAt: at.toISOString(),
			explain: () => "status",
			// The SDK retries a write whose response was lost; the retry then fails its condition
			// although the first attempt claimed the request for this caller.
			isOwnWrite: (record) =>
				record.status === "running" && record.claimant === claimant,
		});
	}

	async takeOver(
		id: string,
		at: Date,
		previousClaimant: string,
		claimant: string,
		leaseUntil: Date,
	): Promise<TransitionResult> {
		return this.#transition({
			id,
			assignments: [
				"#claimant = :claimant",
				"#leaseUntil = :leaseUntil",
				"#attempt = if_not_exists(#attempt, :zero) + :one",
			],
			// #status = :running AND #claimant = :previous: the run being replaced still holds the
			// request, so of several retries only one takes it over.
			// #leaseUntil <= :now: that run's lease has ended, so it can no longer be running. Both
			// sides are toISOString() strings, which order as the times do.
			condition:
				"#status = :running AND #claimant = :previous AND #leaseUntil <= :now",
			names: {
				"#status": "status",
				"#claimant": "claimant",
				"#leaseUntil": "leaseUntil",
				"#attempt": "attempt",
			},
			values: {
				":running": "running",
				":previous": previousClaimant,
				":claimant": claimant,
				":leaseUntil": leaseUntil.toISOString(),
				":now": at.toISOString(),
				":zero": 0,
			},
			updatedAt: at.toISOString(),
			explain: () => "status",
			isOwnWrite: (record) =>
				record.status === "running" && record.claimant === claimant,
		});
	}

	async abandon(
		id: string,
		at: Date,
		errorCode: string,
	): Promise<TransitionResult> {
		return this.#transition({
			id,
			assignments: ["#status = :failed", "#result = :result"],
			// #status = :approved: no run has claimed the request.
			// #status = :running AND #leaseUntil <= :now: the run that claimed it has stopped, since
			// its lease has ended. A finished request keeps its outcome, and a live run is left alone.
			condition:
				"#status = :approved OR (#status = :running AND #leaseUntil <= :now)",
			names: {
				"#status": "status",
				"#result": "result",
				"#leaseUntil": "leaseUntil",
			},
			values: {
				":failed": "failed",
				":approved": "approved",
				":running": "running",
				":now": at.toISOString(),
				":result": { at: at.toISOString(), errorCode },
			},
			updatedAt: at.toISOString(),
			explain: () => "status",
		});
	}

	async finish(
		id: string,
		status: "succeeded" | "failed",
		result: { at: string; errorCode?: string },
	): Promise<TransitionResult> {
		return this.#transition({
			id,
			assignments: ["#status = :final", "#result = :result"],
			// #status = :running: only the claimed run records an outcome, and only once.
			condition: "#status = :running",
			names: { "#status": "status", "#result": "result" },
			values: {
				":final": status,
				":running": "running",
				":result":
					result.errorCode === undefined
						? { at: result.at }
						: { at: result.at, errorCode: result.errorCode },
			},
			updatedAt: result.at,
			explain: () => "status",
		});
	}

	/**
	 * Returns the ids of pending requests whose expiry has passed, for the sweeper.
	 * NOTE: a Scan reads the whole table. It suits the few thousand items a team's bot keeps; a
	 * larger table needs an index on status and expiry.
	 */
	async listPendingDue(now: Date): Promise<string[]> {
		const ids: string[] = [];
		let start: Record<string, unknown> | undefined;
		do {
			const output = await this.#documents.send(
				new ScanCommand({
					TableName: this.#tableName,
					// Requests have no prefix; leases and grants do, and have no "pending" status.
					FilterExpression: "#status = :pending AND #expiresAt <= :now",
					ExpressionAttributeNames: {
						"#id": REQUESTS_TABLE_KEY,
						"#status": "status",
						"#expiresAt": "expiresAt",
					},
					ExpressionAttributeValues: {
						":pending": "pending",
						":now": now.toISOString(),
					},
					ProjectionExpression: "#id",
					ExclusiveStartKey: start,
				}),
			);
			for (const item of output.Items ?? []) {
				ids.push(String(item.id));
			}
			start = output.LastEvaluatedKey;
		} while (start !== undefined);
		return ids;
	}

	/** Returns the requests one person made, newest first, at most `limit`. */
	async listByRequester(
		userId: string,
		limit: number,
	): Promise<RequestRecord[]> {
		const records = await this.#scanRecords(
			"#requester.#userId = :user",
			{ "#requester": "requester", "#userId": "userId" },
			{ ":user": userId },
		);
		return records
			.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
			.slice(0, limit);
	}

	/** Returns every request that waits for approvals, oldest first. */
	async listPending(): Promise<RequestRecord[]> {
		const records = await this.#scanRecords(
			"#status = :pending",
			{ "#status": "status" },
			{ ":pending": "pending" },
		);
		return records.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
	}

	async #scanRecords(
		filter: string,
		names: Record<string, string>,
		values: Record<string, unknown>,
	): Promise<RequestRecord[]> {
		const records: RequestRecord[] = [];
		let start: Record<string, unknown> | undefined;
		do {
			const output = await this.#documents.send(
				new ScanCommand({
					TableName: this.#tableName,
					FilterExpression: filter,
					ExpressionAttributeNames: names,
					ExpressionAttributeValues: values,
					ExclusiveStartKey: start,
				}),
			);
			for (const item of output.Items ?? []) {
				records.push(fromItem(item));
			}
			start = output.LastEvaluatedKey;
		} while (start !== undefined);
		return records;
	}

	async expire(id: string, now: Date): Promise<TransitionResult> {
		return this.#transition({
			id,
			assignments: ["#status = :expired"],
			// #status = :pending: only a request still waiting for approvals expires.
			// #expiresAt <= :now: its expiry has passed. Both sides are toISOString() strings,
			//   which order the same way as the times.
			condition: "#status = :pending AND #expiresAt <= :now",
			names: { "#status": "status", "#expiresAt": "expiresAt" },
			values: {
				":expired": "expired",
				":pending": "pending",
				":now": now.toISOString(),
			},
			updatedAt: now.toISOString(),
			explain: (record) => (record.status === "pending" ? "not_due" : "status"),
		});
	}

	/**
	 * Stores where the approval card was posted, in any status. It increments `version` like every
	 * write but leaves `updatedAt` alone, because the request's state does not change.
	 *
	 * @throws RequestNotFoundError when no request has this id.
	 */
	async setCard(
		id: string,
		card: { channelId: string; ts: string },
	): Promise<void> {
		try {
			await this.#documents.send(
				new UpdateCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: id },
					UpdateExpression: "SET #card = :card, #version = #version + :one",
					// attribute_exists(#id): the request exists, so UpdateItem does not create
					// an item that holds only a card.
					ConditionExpression: "attribute_exists(#id)",
					ExpressionAttributeNames: {
						"#id": REQUESTS_TABLE_KEY,
						"#card": "card",
						"#version": "version",
					},
					ExpressionAttributeValues: {
						":card": { channelId: card.channelId, ts: card.ts },
						":one": 1,
					},
				}),
			);
		} catch (error) {
			if (error instanceof ConditionalCheckFailedException) {
				throw new RequestNotFoundError(id);
			}
			throw error;
		}
	}

	/**
	 * Runs one conditional UpdateItem that also increments `version` and sets `updatedAt`. Every
	 * condition tests `#status`, which a missing item lacks, so the write never creates an item.
	 */
	async #transition(transition: Transition): Promise<TransitionResult> {
		const assignments = [
			...transition.assignments,
			"#version = #version + :one",
			"#updatedAt = :updatedAt",
		];
		try {
			const output = await this.#documents.send(
				new UpdateCommand({
					TableName: this.#tableName,
					Key: { [REQUESTS_TABLE_KEY]: transition.id },
					UpdateExpression: `SET ${assignments.join(", ")}`,
					ConditionExpression: transition.condition,
					ExpressionAttributeNames: {
						...transition.names,
						"#version": "version",
						"#updatedAt": "updatedAt",
					},
					ExpressionAttributeValues: {
						...transition.values,
						":one": 1,
						":updatedAt": transition.updatedAt,
					},
					ReturnValues: "ALL_NEW",
				}),
			);
			return { kind: "changed", record: fromItem(output.Attributes ?? {}) };
		} catch (error) {
			if (!(error instanceof ConditionalCheckFailedException)) {
				throw error;
			}
		}

		const record = await this.get(transition.id);
		if (record === undefined) {
			return { kind: "not_found" };
		}
		if (transition.isOwnWrite?.(record) === true) {
			return { kind: "changed", record };
		}
		return {
			kind: "unchanged",
			record,
			because: transition.explain(record),
		};
	}
}
