import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
	Context,
} from "aws-lambda";
import { createLambdaInvoker } from "../aws/lambda-invoke";
import {
	ConfigError,
	parseSettings,
	parseSlackSecrets,
	type Settings,
} from "../config";
import { t } from "../i18n";
import type { Log } from "../logging";
import type { ApprovalContext } from "../operations/approvals";
import { OperationError, type OperationErrorCode } from "../operations/errors";
import { PRECHECK_DEADLINE_MS } from "../operations/precheck";
import type { Operation } from "../operations/types";
import { createSlackApp } from "../slack/app";
import { createSlackDirectory, createSlackUsers } from "../slack/directory";
import type { QueryAnswer, Worker } from "../slack/jobs";
import { createLocaleResolver } from "../slack/locale-resolver";
import { createWebClient } from "../slack/web-client";
import {
	DynamoGrantStore,
	DynamoLocks,
	DynamoQuota,
	DynamoRequestStore,
} from "../store";
import {
	buildContainerState,
	type ContainerState,
	handlerLog,
	logBuildFailure,
	secretSource,
	sourceName,
} from "./parts";
import { createRemoteWorker } from "./remote-worker";
import { headerOf, validSignatureHash } from "./replay";

export type SlackHandler = (
	event: APIGatewayProxyEventV2,
	context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface SlackHandlerOptions {
	/**
	 * Environment to read settings and secrets from. The AWS SDK reads its own variables
	 * (`AWS_REGION`, `AWS_ENDPOINT_URL_SECRETS_MANAGER`, credentials) from `process.env` regardless.
	 * @default process.env
	 */
	env?: NodeJS.ProcessEnv;
	/** @default a Powertools JSON logger with service name `slack` */
	logger?: Log;
	/** Time source of the request lifecycle: approvals, expiry. Tests set it. @default () => new Date() */
	clock?: () => Date;
	/**
	 * Creates the worker that runs operations. The sandbox and tests pass one that runs in this
	 * process.
	 * @default the Lambda function named by `WORKER_FUNCTION_NAME`, invoked through the AWS SDK
	 */
	worker?: (settings: Settings, log: Log) => Worker;
}

/** The objects one Lambda container builds on its first request and keeps while the secret is unchanged. */
interface Runtime {
	/** JSON of the secret values it was built from; a different one means the secret changed. */
	fingerprint: string;
	handle: (
		event: APIGatewayProxyEventV2,
		context: Context,
	) => Promise<APIGatewayProxyStructuredResultV2>;
	/** Returns true for a validly signed request that this bot has served before. */
	isReplay(event: APIGatewayProxyEventV2): Promise<boolean>;
	close(): Promise<void>;
}

/**
 * Creates the Lambda handler for Slack requests from API Gateway HTTP API (payload 2.0). Each call
 * creates its own runtime, so tests and the sandbox get handlers that share no state.
 *
 * The runtime is built on the first request, not at import, so a missing setting cannot crash the
 * container at init. When building fails, the request gets HTTP 200 with an ephemeral message that
 * the bot is misconfigured, and the next request tries again. No signature is checked then, because
 * the signing secret is one of the values that may be missing; the message reveals no setting.
 * With `APP_SECRET_ID`, the secret is read again once `SECRET_CACHE_TTL_SECONDS` have passed, and a
 * changed value, such as a rotated key, rebuilds the runtime.
 */
export function createSlackHandler(
	options: SlackHandlerOptions = {},
): SlackHandler {
	const env = options.env ?? process.env;
	// The default logger also puts the Lambda request id on every line, through `addContext`.
	const { log, powertools } = handlerLog(options.logger, "slack");
	let loadSecretValues: (() => Promise<Record<string, unknown>>) | undefined;
	let runtime: Runtime | undefined;
	let container: (ContainerState & { worker: Worker }) | undefined;
	const createWorker = options.worker ?? remoteWorker;

	const getRuntime = async (): Promise<Runtime> => {
		const settings = parseSettings(env);
		loadSecretValues ??= secretSource(settings.slackSecretId, settings, env);
		container ??= {
			...buildContainerState(settings),
			worker: createWorker(settings, log),
		};
		const source = await loadSecretValues();
		const fingerprint = JSON.stringify(source);
		if (runtime !== undefined && runtime.fingerprint === fingerprint) {
			return runtime;
		}

		// Two requests that both see a new secret may both build; the later one wins, which is harmless.
		const previous = runtime;
		runtime = {
			...buildRuntime(settings, source, container, log, options.clock),
			fingerprint,
		};
		if (previous !== undefined) {
			// Requests still running on the old runtime keep its connections until they finish.
			setTimeout(() => void previous.close(), RETIRED_RUNTIME_GRACE_MS).unref();
		}
		return runtime;
	};

	return async (event, context) => {
		powertools?.addContext(context);

		if (isFromTheFuture(event)) {
			log.warn("Rejected a request signed with a timestamp in the future", {
				requestTimestamp: event.headers?.["x-slack-request-timestamp"],
			});
			return { statusCode: 401, body: "" };
		}

		let built: Runtime;
		try {
			built = await getRuntime();
		} catch (error) {
			logBuildFailure(error, log, "Slack handler");
			return misconfiguredResponse();
		}
		if (await built.isReplay(event)) {
			log.warn("Rejected a replayed request", {
				requestTimestamp: event.headers?.["x-slack-request-timestamp"],
			});
			return { statusCode: 401, body: "" };
		}
		try {
			const response = await built.handle(event, context);
			if (response.statusCode === 404) {
				// The request was signed, but no listener matched it: a renamed button on an old message,
				// or a forged payload. Slack would show an error icon for a 404, so it gets an empty 200.
				log.warn("No listener matched a signed request", {
					contentLength: event.body?.length ?? 0,
				});
				return { statusCode: 200, body: "" };
			}
			return response;
		} catch (error) {
			// Bolt's receiver parses the body before it checks the signature, and throws when the
			// body does not match its content type. Slack itself never sends such a request.
			log.warn("Rejected a request whose body could not be parsed", {
				contentType: event.headers?.["content-type"],
				error: error instanceof Error ? error.name : typeof error,
			});
			return { statusCode: 400, body: "" };
		}
	};
}

function buildRuntime(
	settings: Settings,
	source: Record<string, unknown>,
	container: ContainerState & { worker: Worker },
	log: Log,
	clock: (() => Date) | undefined,
): Omit<Runtime, "fingerprint"> {
	const secrets = parseSlackSecrets(source, sourceName(settings.slackSecretId));

	const client = createWebClient(secrets.slackBotToken, {
		slackApiUrl: settings.slackApiUrl,
		log,
	});
	const quota = new DynamoQuota({
		tableName: settings.approvals.requestsTable,
		client: container.dynamodb,
	});
	// One users.info cache serves both the approval policy and the choice of language.
	const users = createSlackUsers(client);
	const locales = createLocaleResolver({
		users,
		workspaceDefault: settings.locales.workspaceDefault,
		channels: settings.locales.channels,
		log,
	});
	const worker = container.worker;
	const approvals: ApprovalContext = {
		store: new DynamoRequestStore({
			tableName: settings.approvals.requestsTable,
			client: container.dynamodb,
		}),
		policy: container.policy,
		directory: createSlackDirectory(client, { users }),
		log,
		clock,
		precheck: (operation) => precheckThroughWorker(operation, worker, log),
		admitRequest: async (requester) => {
			const admitted = await quota.take(
				`requests:${requester.teamId}:${requester.userId}`,
				settings.approvals.requestsPerHour,
				HOUR_MS,
				(clock ?? (() => new Date()))(),
			);
			if (!admitted) {
				throw new OperationError("request_limit", {
					limit: String(settings.approvals.requestsPerHour),
				});
			}
		},
	};

	const { receiver } = createSlackApp({
		signingSecret: secrets.slackSigningSecret,
		botToken: secrets.slackBotToken,
		slackApiUrl: settings.slackApiUrl,
		requests: {
			approvals,
			client,
			worker,
			approvalChannelId: settings.approvals.channelId,
			locales,
			log,
			grants: new DynamoGrantStore({
				tableName: settings.approvals.requestsTable,
				client: container.dynamodb,
			}),
		},
		log,
	});
	log.info("Slack runtime ready", {
		secretSource:
			settings.slackSecretId === undefined ? "environment" : "secret",
		worker: worker.runsInline ? "in-process" : "lambda",
	});
	// One attempt with short limits: the check runs inside Slack's 3 seconds, and when DynamoDB is
	// slow or throttles, the request is served rather than held. Built on first use, so a container
	// that has served only help or suggestions has not paid for it.
	let replays: DynamoLocks | undefined;
	const replayGuard = () => {
		replays ??= new DynamoLocks({
			tableName: settings.approvals.requestsTable,
			client: new DynamoDBClient({
				...(settings.approvals.dynamodbEndpoint === undefined
					? {}
					: { endpoint: settings.approvals.dynamodbEndpoint }),
				maxAttempts: 1,
				requestHandler: {
					connectionTimeout: REPLAY_CHECK_TIMEOUT_MS,
					requestTimeout: REPLAY_CHECK_TIMEOUT_MS,
					throwOnRequestTimeout: true,
				},
			}),
		});
		return replays;
	};
	const isReplay = async (event: APIGatewayProxyEventV2): Promise<boolean> => {
		const signed = validSignatureHash(event, secrets.slackSigningSecret);
		if (signed === undefined || changesNothing(event)) {
			return false;
		}
		// Kept until Bolt would refuse the timestamp anyway, plus the allowed clock skew.
		const until = new Date(
			(signed.timestampSeconds + 2 * MAX_CLOCK_SKEW_SECONDS) * 1000,
		);
		try {
			// A lease per signed request, under a token of this call: the first use takes it, a copy
			// finds it taken, and the SDK's retry of a lost response finds it held by this call.
			const now = Date.now();
			const taken = await replayGuard().acquire(
				`replay:${signed.hash}`,
				randomBytes(12).toString("base64url"),
				until.getTime() - now,
				new Date(now),
			);
			return !taken;
		} catch (error) {
			// The store being down must not stop the bot; Bolt still checks the timestamp.
			log.error("Checking for a replayed request failed", {
				error: error instanceof Error ? error.name : typeof error,
			});
			return false;
		}
	};
	return {
		handle: receiver.toHandler(),
		isReplay,
		close: async () => undefined,
	};
}

/**
 * Asks the worker to check an operation before it waits for approvers, within
 * `PRECHECK_DEADLINE_MS`. A rejection becomes the OperationError it names. A missing reply only
 * skips the early check, because the operation checks again when it runs.
 */
async function precheckThroughWorker(
	operation: Operation,
	worker: Worker,
	log: Log,
): Promise<Operation> {
	let answer: QueryAnswer;
	try {
		answer = await worker.ask(
			{ type: "precheck", operation },
			PRECHECK_DEADLINE_MS,
		);
	} catch (error) {
		if (error instanceof OperationError) {
			throw error;
		}
		log.warn("Check before approval skipped: the worker did not respond", {
			operation: operation.kind,
			reason: (error as { reason?: unknown }).reason,
			error: error instanceof Error ? error.name : typeof error,
		});
		return operation;
	}
	if (answer.type === "refused") {
		throw new OperationError(answer.code as OperationErrorCode, answer.params);
	}
	return answer.type === "precheck" ? answer.operation : operation;
}

/**
 * Creates the worker behind `WORKER_FUNCTION_NAME`.
 * @throws ConfigError when the variable is unset.
 */
function remoteWorker(settings: Settings): Worker {
	if (settings.workerFunctionName === undefined) {
		throw new ConfigError([
			"WORKER_FUNCTION_NAME: missing; set it to the name of the worker Lambda function",
		]);
	}
	return createRemoteWorker(createLambdaInvoker(settings.workerFunctionName));
}

/**
 * Returns true for a request that reads no stored state and changes nothing, so a replay of it
 * does no harm: `/registry help` (or no text), and a `block_suggestion`, which Slack may send twice
 * in one second as someone types. Skipping them keeps a table write off the path of the commonest
 * read.
 */
function changesNothing(event: APIGatewayProxyEventV2): boolean {
	const body =
		event.isBase64Encoded === true
			? Buffer.from(event.body ?? "", "base64").toString("utf8")
			: (event.body ?? "");
	const form = new URLSearchParams(body);
	const payload = form.get("payload");
	if (payload === null) {
		const text = (form.get("text") ?? "").trim().toLowerCase();
		return form.has("command") && (text === "" || text === "help");
	}
	try {
		return (
			(JSON.parse(payload) as { type?: unknown }).type === "block_suggestion"
		);
	} catch {
		return false;
	}
}

/** Slack shows a 200 JSON body to the requester alone, so the admin hint reaches only them. */
function misconfiguredResponse(): APIGatewayProxyStructuredResultV2 {
	return {
		statusCode: 200,
		headers: { "Content-Type": "application/json" },
		body: JSON.stringify({
			response_type: "ephemeral",
			text: t("app.misconfigured"),
		}),
	};
}

/** How long a runtime replaced by a new secret keeps its connections open for requests in flight. */
const RETIRED_RUNTIME_GRACE_MS = 60_000;

/** Time limit of the replay check's DynamoDB calls, in milliseconds. */
const REPLAY_CHECK_TIMEOUT_MS = 500;

/** Slack's replay rule allows five minutes of clock difference in either direction. */
const MAX_CLOCK_SKEW_SECONDS = 300;

/**
 * Returns true for a request whose `X-Slack-Request-Timestamp` lies more than five minutes ahead.
 * Bolt's receiver rejects only old timestamps; a future one would let a captured request be
 * replayed long after it was signed.
 */
function isFromTheFuture(event: APIGatewayProxyEventV2): boolean {
	const header = headerOf(event, "x-slack-request-timestamp");
	if (header === undefined) {
		return false;
	}
	// The system clock, as Bolt's own check of old timestamps uses it.
	const now = Date.now() / 1000;
	return Number(header) - now > MAX_CLOCK_SKEW_SECONDS;
}

/** The window of the per-person request limit. */
const HOUR_MS = 3_600_000;
