import type { Logger } from "@aws-lambda-powertools/logger";
import { SecretLoadError } from "../aws/secrets";
import {
	ConfigError,
	parseSakuraSecrets,
	parseSettings,
	parseSlackSecrets,
	type Settings,
} from "../config";
import type { Log } from "../logging";
import type { ApprovalContext } from "../operations/approvals";
import { parseStoredOperation } from "../operations/approvals";
import { runOperation } from "../operations/run";
import { SakuraClient } from "../sakura";
import { createSlackDirectory, createSlackUsers } from "../slack/directory";
import { dmPerson } from "../slack/dm-person";
import { createGrantBook } from "../slack/grants/grant-book";
import { type SweepReport, sweep } from "../slack/grants/sweep";
import type { QueryAnswer, RunJob, WorkerQuery } from "../slack/jobs";
import type { MessageDependencies } from "../slack/listeners/actions/effects";
import { createLocaleResolver } from "../slack/locale-resolver";
import {
	createWorkerWebClient,
	WORKER_RATE_LIMIT_RETRY,
	withRateLimitBudget,
} from "../slack/rate-limit-retry";
import { createAdminAlerts, sakuraKeyHash } from "../slack/worker/admin-alert";
import type { WorkerDependencies } from "../slack/worker/dependencies";
import {
	reportFailedJob,
	reportMisconfiguredJob,
} from "../slack/worker/job-failed";
import { answerQuery } from "../slack/worker/queries";
import { runJob } from "../slack/worker/run-job";
import { DynamoGrantStore, DynamoLocks, DynamoRequestStore } from "../store";
import {
	buildContainerState,
	type ContainerState,
	handlerLog,
	logBuildFailure,
	secretSource,
	sourceName,
} from "./parts";

export interface WorkerRuntimeOptions {
	/** @default process.env */
	env?: NodeJS.ProcessEnv;
	/** @default a Powertools JSON logger with service name `worker` */
	logger?: Log;
	/** Time source of claims, leases and outcomes. Tests set it. @default () => new Date() */
	clock?: () => Date;
	/**
	 * How long a claim holds when no Lambda context gives the remaining time, in milliseconds.
	 * @default 120_000
	 */
	defaultLeaseMs?: number;
}

/** The worker's three entry points, over one lazily built set of clients. */
export interface WorkerRuntime {
	/** Runs a job; see `runJob`. `remainingMs` is the Lambda invocation's remaining time. */
	run(job: RunJob, remainingMs?: number): Promise<void>;
	/** Replies to a query from the slack function. */
	answer(query: WorkerQuery): Promise<QueryAnswer>;
	/** Reports a job whose every delivery failed; see `reportFailedJob`. */
	reportFailed(job: RunJob): Promise<void>;
	/** Closes expired requests, reminds owners and deletes expired credentials; see `sweep`. */
	sweep(): Promise<SweepReport>;
	/** The worker's structured logger. */
	log: Log;
	/** Adds the Lambda context to the default logger's lines. */
	addContext(context: Parameters<Logger["addContext"]>[0]): void;
	close(): Promise<void>;
}

/**
 * Creates the worker's runtime. It reads the Slack secret (`SLACK_SECRET_ID`, for the bot token)
 * and the SAKURA secret (`SAKURA_SECRET_ID`), each cached for `SECRET_CACHE_TTL_SECONDS`, or both
 * from the environment when unset. Clients are built on first use and rebuilt when a secret's value
 * changes. A build failure is logged with the setting or secret it names; secret values never
 * appear in the log. A SAKURA secret that is missing, unreadable by the role or without its keys
 * fails the job at once with a "misconfigured" message to the requester. Any other failure is
 * thrown, so Lambda retries the job.
 */
export function createWorkerRuntime(
	options: WorkerRuntimeOptions = {},
): WorkerRuntime {
	const env = options.env ?? process.env;
	const { log, powertools } = handlerLog(options.logger, "worker");

	let loaders:
		| {
				slack: () => Promise<Record<string, unknown>>;
				sakura: () => Promise<Record<string, unknown>>;
		  }
		| undefined;
	let container: ContainerState | undefined;
	let messagesBuilt:
		| { fingerprint: string; messages: MessageDependencies }
		| undefined;
	let sakuraBuilt:
		| { fingerprint: string; client: SakuraClient; keyHash: string }
		| undefined;

	const setup = () => {
		const settings = parseSettings(env);
		loaders ??= {
			slack: secretSource(settings.slackSecretId, settings, env),
			sakura: secretSource(settings.sakuraSecretId, settings, env),
		};
		container ??= buildContainerState(settings);
		return { settings, loaders, container };
	};

	/** Builds what reporting needs: Slack, the store and the policy, from the Slack secret. */
	const messagesPart = async (): Promise<MessageDependencies> => {
		try {
			const { settings, loaders, container } = setup();
			const values = await loaders.slack();
			const fingerprint = JSON.stringify(values);
			if (messagesBuilt?.fingerprint !== fingerprint) {
				messagesBuilt = {
					fingerprint,
					messages: buildMessages(settings, values, container, {
						log,
						clock: options.clock,
					}),
				};
			}
			return messagesBuilt.messages;
		} catch (error) {
			logBuildFailure(error, log, "Worker");
			throw error;
		}
	};

	/** Builds the SAKURA client from the SAKURA secret; a new value replaces the client. */
	const sakuraPart = async (): Promise<{
		client: SakuraClient;
		keyHash: string;
	}> => {
		try {
			const { settings, loaders } = setup();
			const values = await loaders.sakura();
			const fingerprint = JSON.stringify(values);
			if (sakuraBuilt?.fingerprint !== fingerprint) {
				const previous = sakuraBuilt;
				sakuraBuilt = {
					fingerprint,
					...buildSakuraClient(settings, values, log),
				};
				if (previous !== undefined) {
					// Runs still using the old client keep it until they finish.
					setTimeout(() => void previous.client.close(), 60_000).unref();
				}
			}
			return sakuraBuilt;
		} catch (error) {
			logBuildFailure(error, log, "Worker");
			throw error;
		}
	};

	const dependencies = async (): Promise<WorkerDependencies> => {
		const messages = await messagesPart();
		let sakura: SakuraClient;
		let keyHash: string;
		try {
			({ client: sakura, keyHash } = await sakuraPart());
		} catch (error) {
			throw new SakuraSetupError(error, messages);
		}
		const { settings, container } = setup();
		const locks = new DynamoLocks({
			tableName: settings.approvals.requestsTable,
			client: container.dynamodb,
		});
		const alerts = createAdminAlerts({
			locks,
			client: messages.client,
			channelId: settings.adminChannelId,
			keyHash,
			locales: messages.locales,
			log: messages.log,
			clock: options.clock,
		});
		return {
			...messages,
			alerts,
			registries: sakura,
			defaultLeaseMs: options.defaultLeaseMs ?? DEFAULT_LEASE_MS,
			run: (operation, requester, delivery, runOptions) =>
				runOperation(operation, requester, {
					registries: sakura,
					delivery,
					log: messages.log,
					locks,
					clock: options.clock,
					lifetimeCapsHours: container.policy.maxLifetimeHours,
					recovering: runOptions?.recovering,
					grants: runOptions?.grants,
				}),
			grantBookFor: (request) =>
				createGrantBook(
					{
						grants: new DynamoGrantStore({
							tableName: settings.approvals.requestsTable,
							client: container.dynamodb,
						}),
						client: messages.client,
						locales: messages.locales,
						log: messages.log,
						clock: options.clock,
						dm: (userId, build) => dmPerson(userId, build, messages),
					},
					request,
				),
		};
	};

	return {
		log,
		run(job, remainingMs) {
			return withRateLimitBudget(SLACK_WAIT_BUDGET_MS, async () => {
				let ready: WorkerDependencies;
				try {
					ready = await dependencies();
				} catch (error) {
					if (error instanceof SakuraSetupError && isPermanent(error.cause)) {
						// Retrying cannot help until an admin fixes the secret; the requester hears now.
						await reportMisconfiguredJob(job, error.messages);
						return;
					}
					throw error;
				}
				await runJob(job, ready, { remainingMs });
			});
		},
		async answer(query) {
			const ready = await dependencies();
			let answer: QueryAnswer;
			try {
				answer = await answerParsed(query, ready);
			} catch (error) {
				if (isSakuraUnauthorized(error)) {
					await ready.alerts?.sakuraUnauthorized();
				}
				throw error;
			}
			if (answer.type === "refused" && isSakuraUnauthorized(answer)) {
				await ready.alerts?.sakuraUnauthorized();
			}
			return answer;
		},
		sweep() {
			return withRateLimitBudget(SLACK_WAIT_BUDGET_MS, async () => {
				const ready = await dependencies();
				const { settings, container } = setup();
				return sweep({
					...ready,
					grants: new DynamoGrantStore({
						tableName: settings.approvals.requestsTable,
						client: container.dynamodb,
						onInvalidItem: (id, problem) =>
							log.error("Skipped an invalid grant item", { id, problem }),
					}),
					reminders: settings.grantReminders,
				});
			});
		},
		reportFailed(job) {
			return withRateLimitBudget(SLACK_WAIT_BUDGET_MS, async () => {
				await reportFailedJob(job, await messagesPart());
			});
		},
		addContext(context) {
			powertools?.addContext(context);
		},
		async close() {
			await sakuraBuilt?.client.close();
		},
	};
}

/**
 * Waiting for Slack's `Retry-After` that one job may spend, across all its Web API calls: 20 s of
 * the worker's 60-second Lambda timeout and of jobFailed's 30 s.
 */
const SLACK_WAIT_BUDGET_MS = WORKER_RATE_LIMIT_RETRY.maxWaitMs;

/** Parses a query's operation again, because a query event is plain JSON, and runs the query. */
function answerParsed(
	query: WorkerQuery,
	ready: WorkerDependencies,
): Promise<QueryAnswer> {
	if (query.type === "precheck") {
		const operation = parseStoredOperation(
			query.operation as unknown as Record<string, unknown>,
		);
		if (operation === undefined) {
			throw new Error("The precheck query has an invalid operation");
		}
		return answerQuery({ type: "precheck", operation }, ready.registries);
	}
	return answerQuery(query, ready.registries);
}

/** Returns true for an error or a refusal that means SAKURA rejected the bot's API key. */
function isSakuraUnauthorized(value: unknown): boolean {
	return (value as { code?: unknown } | null)?.code === "sakura_unauthorized";
}

/** Lease of a run outside Lambda: longer than the SAKURA client's retries of one call. */
const DEFAULT_LEASE_MS = 120_000;

/** The SAKURA secret could not be read or lacks a key; `messages` can still report that. */
class SakuraSetupError extends Error {
	constructor(
		override readonly cause: unknown,
		readonly messages: MessageDependencies,
	) {
		super("The worker could not set up its SAKURA client", { cause });
		this.name = "SakuraSetupError";
	}
}

/**
 * AWS errors and secret contents that stay wrong until an admin changes something. Throttling and
 * network errors are not among them: Lambda retries those jobs.
 */
const PERMANENT_SECRET_FAILURE =
	/^(ResourceNotFoundException|AccessDeniedException|DecryptionFailure|InvalidRequestException|InvalidParameterException|InvalidSecretFormat|EmptySecret)/;

function isPermanent(error: unknown): boolean {
	if (error instanceof ConfigError) {
		return true;
	}
	return (
		error instanceof SecretLoadError &&
		PERMANENT_SECRET_FAILURE.test(error.reason)
	);
}

/** Builds the SAKURA client, and the hash of its access token that names the key in alerts. */
function buildSakuraClient(
	settings: Settings,
	values: Record<string, unknown>,
	log: Log,
): { client: SakuraClient; keyHash: string } {
	const secrets = parseSakuraSecrets(
		values,
		sourceName(settings.sakuraSecretId),
	);
	const client = new SakuraClient({
		accessToken: secrets.sakuraAccessToken,
		accessTokenSecret: secrets.sakuraAccessTokenSecret,
		rootUrl: settings.sakura.rootUrl,
		zone: settings.sakura.zone,
		timeoutMs: settings.sakura.timeoutMs,
		logger: log,
	});
	return { client, keyHash: sakuraKeyHash(secrets.sakuraAccessToken) };
}

function buildMessages(
	settings: Settings,
	values: Record<string, unknown>,
	container: ContainerState,
	options: { log: Log; clock?: () => Date },
): MessageDependencies {
	const { log } = options;
	const slackSecrets = parseSlackSecrets(
		values,
		sourceName(settings.slackSecretId),
	);
	const client = createWorkerWebClient(slackSecrets.slackBotToken, {
		slackApiUrl: settings.slackApiUrl,
		log,
	});
	const users = createSlackUsers(client);
	const locales = createLocaleResolver({
		users,
		workspaceDefault: settings.locales.workspaceDefault,
		channels: settings.locales.channels,
		log,
	});
	const approvals: ApprovalContext = {
		store: new DynamoRequestStore({
			tableName: settings.approvals.requestsTable,
			client: container.dynamodb,
		}),
		policy: container.policy,
		directory: createSlackDirectory(client, { users }),
		log,
		clock: options.clock,
	};
	return { approvals, client, locales, log };
}
