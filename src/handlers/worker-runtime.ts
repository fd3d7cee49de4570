import type { Logger } from "@aws-lambda-powertools/logger";
import {
	parseSakuraSecrets,
	parseSettings,
	parseSlackSecrets,
	type Settings,
} from "../config";
import { asLog, createLogger, type Log } from "../logging";
import type { ApprovalContext } from "../operations/approvals";
import { parseStoredOperation } from "../operations/approvals";
import { runOperation } from "../operations/run";
import { SakuraClient } from "../sakura";
import { createSlackDirectory, createSlackUsers } from "../slack/directory";
import type { QueryAnswer, RunJob, WorkerQuery } from "../slack/jobs";
import { createLocaleResolver } from "../slack/locale-resolver";
import { createWebClient } from "../slack/web-client";
import type { WorkerDependencies } from "../slack/worker/dependencies";
import { reportFailedJob } from "../slack/worker/job-failed";
import { answerQuery } from "../slack/worker/queries";
import { runJob } from "../slack/worker/run-job";
import { DynamoLocks, DynamoRequestStore } from "../store";
import {
	buildContainerState,
	type ContainerState,
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
	/** Answers a query from the slack function. */
	answer(query: WorkerQuery): Promise<QueryAnswer>;
	/** Reports a job whose every delivery failed; see `reportFailedJob`. */
	reportFailed(job: RunJob): Promise<void>;
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
 * changes. A build failure is logged with the setting or secret it names and then thrown, so
 * Lambda retries the job; its secrets never appear in the log.
 */
export function createWorkerRuntime(
	options: WorkerRuntimeOptions = {},
): WorkerRuntime {
	const env = options.env ?? process.env;
	let powertools: Logger | undefined;
	let log: Log;
	if (options.logger === undefined) {
		powertools = createLogger("worker");
		log = asLog(powertools);
	} else {
		log = options.logger;
	}

	let loaders:
		| {
				slack: () => Promise<Record<string, unknown>>;
				sakura: () => Promise<Record<string, unknown>>;
		  }
		| undefined;
	let container: ContainerState | undefined;
	let built:
		| {
				fingerprint: string;
				dependencies: WorkerDependencies;
				sakura: SakuraClient;
		  }
		| undefined;

	const dependencies = async (): Promise<WorkerDependencies> => {
		try {
			const settings = parseSettings(env);
			loaders ??= {
				slack: secretSource(settings.slackSecretId, settings, env),
				sakura: secretSource(settings.sakuraSecretId, settings, env),
			};
			container ??= buildContainerState(settings);
			const [slackValues, sakuraValues] = await Promise.all([
				loaders.slack(),
				loaders.sakura(),
			]);
			const fingerprint = JSON.stringify([slackValues, sakuraValues]);
			if (built !== undefined && built.fingerprint === fingerprint) {
				return built.dependencies;
			}

			const previous = built;
			built = {
				fingerprint,
				...buildDependencies(settings, slackValues, sakuraValues, container, {
					log,
					clock: options.clock,
					defaultLeaseMs: options.defaultLeaseMs ?? DEFAULT_LEASE_MS,
				}),
			};
			if (previous !== undefined) {
				setTimeout(() => void previous.sakura.close(), 60_000).unref();
			}
			return built.dependencies;
		} catch (error) {
			logBuildFailure(error, log, "Worker");
			throw error;
		}
	};

	return {
		log,
		async run(job, remainingMs) {
			await runJob(job, await dependencies(), { remainingMs });
		},
		async answer(query) {
			const ready = await dependencies();
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
		},
		async reportFailed(job) {
			await reportFailedJob(job, await dependencies());
		},
		addContext(context) {
			powertools?.addContext(context);
		},
		async close() {
			await built?.sakura.close();
		},
	};
}

/** Lease of a run outside Lambda: longer than the SAKURA client's retries of one call. */
const DEFAULT_LEASE_MS = 120_000;

function buildDependencies(
	settings: Settings,
	slackValues: Record<string, unknown>,
	sakuraValues: Record<string, unknown>,
	container: ContainerState,
	options: { log: Log; clock?: () => Date; defaultLeaseMs: number },
): { dependencies: WorkerDependencies; sakura: SakuraClient } {
	const { log } = options;
	const slackSecrets = parseSlackSecrets(
		slackValues,
		sourceName(settings.slackSecretId),
	);
	const sakuraSecrets = parseSakuraSecrets(
		sakuraValues,
		sourceName(settings.sakuraSecretId),
	);

	const sakura = new SakuraClient({
		accessToken: sakuraSecrets.sakuraAccessToken,
		accessTokenSecret: sakuraSecrets.sakuraAccessTokenSecret,
		rootUrl: settings.sakura.rootUrl,
		zone: settings.sakura.zone,
		timeoutMs: settings.sakura.timeoutMs,
		logger: log,
	});
	const client = createWebClient(slackSecrets.slackBotToken, {
		slackApiUrl: settings.slackApiUrl,
		log,
	});
	const locks = new DynamoLocks({
		tableName: settings.approvals.requestsTable,
		client: container.dynamodb,
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

	const dependencies: WorkerDependencies = {
		approvals,
		client,
		locales,
		log,
		registries: sakura,
		defaultLeaseMs: options.defaultLeaseMs,
		run: (operation, requester, delivery, runOptions) =>
			runOperation(operation, requester, {
				registries: sakura,
				delivery,
				log,
				locks,
				clock: options.clock,
				recovering: runOptions?.recovering,
			}),
	};
	return { dependencies, sakura };
}
