import { z } from "zod";
import { catalogs, type Locale } from "./i18n";
import { ChannelLocalesError, parseChannelLocales } from "./i18n/locale";
import { parseDurationSeconds } from "./operations/grants/lifetime";

/** Raised when the environment or the secret is missing a value or contains an invalid one. */
export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration: ${problems.join("; ")}`);
		this.name = "ConfigError";
	}
}

/** Slack credentials, which every function reads. */
export interface SlackSecrets {
	slackSigningSecret: string;
	slackBotToken: string;
}

/** SAKURA Cloud API credentials, which only the worker reads. */
export interface SakuraSecrets {
	sakuraAccessToken: string;
	sakuraAccessTokenSecret: string;
}

/** Every credential the bot has, as the sandbox and the in-process worker see them. */
export type Secrets = SlackSecrets & SakuraSecrets;

/** Everything but the secrets, read from the environment. */
export interface Settings {
	/** Name or ARN of the secret with the Slack credentials; when absent, they come from the environment. */
	slackSecretId?: string;
	/** Name or ARN of the secret with the SAKURA credentials; when absent, they come from the environment. */
	sakuraSecretId?: string;
	/** How long a fetched secret is reused before it is read again. */
	secretCacheTtlMs: number;
	/**
	 * Lambda function that runs operations, from `WORKER_FUNCTION_NAME`. The slack function hands
	 * jobs to it; when absent, jobs run in the same process, as in the sandbox.
	 */
	workerFunctionName?: string;
	/** Slack Web API base URL; only the sandbox and tests change it. */
	slackApiUrl?: string;
	/**
	 * Channel (`C…` or `G…`) for alerts to admins, from `ADMIN_CHANNEL_ID`, else
	 * `APPROVAL_CHANNEL_ID`. When both are unset, alerts are log lines only.
	 */
	adminChannelId?: string;
	sakura: {
		rootUrl: string;
		zone: string;
		timeoutMs: number;
	};
	logLevel: string;
	approvals: {
		/** DynamoDB table of access requests, from `REQUESTS_TABLE`. */
		requestsTable: string;
		/**
		 * DynamoDB endpoint from `AWS_ENDPOINT_URL_DYNAMODB`, set only for dynalite. The AWS SDK reads
		 * the same variable from `process.env` by itself. It is also passed explicitly, so a handler
		 * built with its own environment reaches the same endpoint.
		 */
		dynamodbEndpoint?: string;
		/** Channel (`C…` or `G…`) that gets every approval card; when absent, the request's own channel. */
		channelId?: string;
		/** Policy file path; when absent, the `policy.json` bundled into the build. */
		policyPath?: string;
		/** Requests that wait for approval one person may make per hour, from `REQUESTS_PER_HOUR`. */
		requestsPerHour: number;
	};
	/** Seconds before a credential's expiry at which its owner gets a reminder, from `GRANT_REMINDERS`. */
	grantReminders: number[];
	locales: {
		/** Locale for readers whose Slack locale is neither Japanese nor English or unknown, from `DEFAULT_LOCALE`. */
		workspaceDefault: Locale;
		/** Locale of every approval card posted in a channel, by channel ID, from `CHANNEL_LOCALES`. */
		channels: ReadonlyMap<string, Locale>;
	};
}

/** Default SAKURA Cloud API root; the client appends `/{zone}/api/cloud/1.1`. */
export const SAKURA_DEFAULT_ROOT_URL = "https://secure.sakura.ad.jp/cloud/zone";

/** Zones SAKURA Cloud serves its API from. Registries are global, so any of them works. */
export const SAKURA_ZONES = [
	"is1a",
	"is1b",
	"is1c",
	"tk1a",
	"tk1b",
	"tk1v",
] as const;

const nonEmpty = z.string().trim().min(1);

const environmentSchema = z.object({
	SLACK_SECRET_ID: nonEmpty.optional(),
	SAKURA_SECRET_ID: nonEmpty.optional(),
	// Lambda function names: 1 to 64 characters from [a-zA-Z0-9_-], or a function ARN.
	WORKER_FUNCTION_NAME: z
		.string()
		.regex(
			/^([A-Za-z0-9_-]{1,64}|arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64})$/,
			"use the worker's Lambda function name, such as sakura-registry-bot-prod-worker",
		)
		.optional(),
	SECRET_CACHE_TTL_SECONDS: z.coerce
		.number()
		.int()
		.min(0)
		.max(86_400)
		.default(300),
	SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
	SAKURACLOUD_API_ROOT_URL: z
		.url({ protocol: /^https?$/ })
		.default(SAKURA_DEFAULT_ROOT_URL),
	SAKURACLOUD_DEFAULT_ZONE: z.enum(SAKURA_ZONES).default("is1a"),
	SAKURA_TIMEOUT_MS: z.coerce
		.number()
		.int()
		.min(100)
		.max(60_000)
		.default(10_000),
	// Powertools Logger's levels; the case does not matter, as for Powertools itself.
	LOG_LEVEL: z
		.preprocess(
			(value) =>
				typeof value === "string" ? value.trim().toUpperCase() : value,
			z.enum(["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "CRITICAL", "SILENT"]),
		)
		.default("INFO"),
	// DynamoDB table names: 3 to 255 characters from [a-zA-Z0-9_.-].
	REQUESTS_TABLE: z
		.string({
			error: (issue) =>
				issue.input === undefined
					? "missing; set it to the name of the DynamoDB requests table"
					: "use the DynamoDB table name as a string",
		})
		.regex(
			/^[A-Za-z0-9_.-]{3,255}$/,
			"use the DynamoDB table name: 3 to 255 characters from A-Z, a-z, 0-9, _, . and -",
		),
	AWS_ENDPOINT_URL_DYNAMODB: z.url({ protocol: /^https?$/ }).optional(),
	// Slack ids of public (C) and private (G) channels. A DM (D) has no other members to approve.
	APPROVAL_CHANNEL_ID: z
		.string()
		.regex(
			/^[CG][A-Z0-9]{2,}$/,
			"use a Slack channel id such as C0123456789, not the channel name",
		)
		.optional(),
	// Channel for alerts that only an admin can act on, such as a rejected SAKURA API key.
	ADMIN_CHANNEL_ID: z
		.string()
		.regex(
			/^[CG][A-Z0-9]{2,}$/,
			"use a Slack channel id such as C0123456789, not the channel name",
		)
		.optional(),
	POLICY_PATH: nonEmpty.optional(),
	REQUESTS_PER_HOUR: z.coerce.number().int().min(1).max(1_000).default(20),
	DEFAULT_LOCALE: z
		.preprocess(
			(value) =>
				typeof value === "string" ? value.trim().toLowerCase() : value,
			z.enum(Object.keys(catalogs) as [Locale, ...Locale[]], {
				error: `use one of: ${Object.keys(catalogs).join(", ")}`,
			}),
		)
		.default("en"),
	CHANNEL_LOCALES: z.string().optional(),
	GRANT_REMINDERS: z
		.string()
		.default("1d,1h")
		.transform((value, context) => {
			const seconds = value
				.split(",")
				.map((part) => parseDurationSeconds(part.trim()));
			if (seconds.some((entry) => entry === undefined)) {
				context.addIssue({
					code: "custom",
					message:
						"use durations before expiry separated by commas, such as 1d,1h (m, h or d)",
				});
				return z.NEVER;
			}
			return seconds as number[];
		}),
});

/**
 * Reads the non-secret settings from the environment. Empty strings count as unset, so an empty
 * variable in a deployment template falls back to the default instead of failing validation.
 * @throws ConfigError naming each invalid variable and the accepted values.
 */
export function parseSettings(env: NodeJS.ProcessEnv): Settings {
	const present = Object.fromEntries(
		Object.entries(env).filter(
			([, value]) => value !== undefined && value !== "",
		),
	);
	const result = environmentSchema.safeParse(present);
	if (!result.success) {
		throw new ConfigError(
			result.error.issues.map((issue) => {
				// Settings hold no secrets, so the rejected value is shown to help fix it.
				const name = issue.path.join(".");
				const value = present[name];
				const shown =
					value === undefined
						? ""
						: ` (value "${String(value).slice(0, 200)}")`;
				return `${name}: ${issue.message}${shown}`;
			}),
		);
	}

	const values = result.data;
	const channels = parseChannelLocaleSetting(values.CHANNEL_LOCALES);
	return {
		slackSecretId: values.SLACK_SECRET_ID,
		sakuraSecretId: values.SAKURA_SECRET_ID,
		secretCacheTtlMs: values.SECRET_CACHE_TTL_SECONDS * 1000,
		workerFunctionName: values.WORKER_FUNCTION_NAME,
		slackApiUrl: values.SLACK_API_URL,
		adminChannelId: values.ADMIN_CHANNEL_ID ?? values.APPROVAL_CHANNEL_ID,
		sakura: {
			rootUrl: values.SAKURACLOUD_API_ROOT_URL.replace(/\/+$/, ""),
			zone: values.SAKURACLOUD_DEFAULT_ZONE,
			timeoutMs: values.SAKURA_TIMEOUT_MS,
		},
		logLevel: values.LOG_LEVEL,
		approvals: {
			requestsTable: values.REQUESTS_TABLE,
			dynamodbEndpoint: values.AWS_ENDPOINT_URL_DYNAMODB,
			channelId: values.APPROVAL_CHANNEL_ID,
			policyPath: values.POLICY_PATH,
			requestsPerHour: values.REQUESTS_PER_HOUR,
		},
		grantReminders: values.GRANT_REMINDERS,
		locales: { workspaceDefault: values.DEFAULT_LOCALE, channels },
	};
}

/**
 * Parses `CHANNEL_LOCALES`, such as `C0123ABCD:ja,C0456EFGH:en`.
 * @throws ConfigError naming the variable and the invalid entry.
 */
function parseChannelLocaleSetting(
	value: string | undefined,
): ReadonlyMap<string, Locale> {
	try {
		return parseChannelLocales(value);
	} catch (error) {
		if (error instanceof ChannelLocalesError) {
			throw new ConfigError([`CHANNEL_LOCALES: ${error.message}`]);
		}
		throw error;
	}
}

/**
 * Secret names, as environment variables and as keys of the Secrets Manager JSON secrets. SAKURA's
 * newer `SAKURA_*` names take precedence over `SAKURACLOUD_*`, as in SAKURA's own tools.
 */
const SLACK_SECRET_KEYS = {
	slackSigningSecret: ["SLACK_SIGNING_SECRET"],
	slackBotToken: ["SLACK_BOT_TOKEN"],
} as const satisfies Record<keyof SlackSecrets, readonly string[]>;

const SAKURA_SECRET_KEYS = {
	sakuraAccessToken: ["SAKURA_ACCESS_TOKEN", "SAKURACLOUD_ACCESS_TOKEN"],
	sakuraAccessTokenSecret: [
		"SAKURA_ACCESS_TOKEN_SECRET",
		"SAKURACLOUD_ACCESS_TOKEN_SECRET",
	],
} as const satisfies Record<keyof SakuraSecrets, readonly string[]>;

/**
 * Picks the signing secret and the bot token out of `values` (the environment, or the parsed
 * secret JSON).
 * @param source Where the values came from, named in the error, such as `the environment`.
 * @throws ConfigError naming each missing key; values never appear in the message.
 */
export function parseSlackSecrets(
	values: Record<string, unknown>,
	source: string,
): SlackSecrets {
	return pickSecrets(values, source, SLACK_SECRET_KEYS);
}

/**
 * Picks the SAKURA API token and its secret out of `values`, as `parseSlackSecrets` does.
 * @throws ConfigError naming each missing key; values never appear in the message.
 */
export function parseSakuraSecrets(
	values: Record<string, unknown>,
	source: string,
): SakuraSecrets {
	return pickSecrets(values, source, SAKURA_SECRET_KEYS);
}

/** Picks all four credentials out of one set of values, as the sandbox's environment holds them. */
export function parseSecrets(
	values: Record<string, unknown>,
	source: string,
): Secrets {
	const problems: string[] = [];
	const collect = <T>(parse: () => T): T | undefined => {
		try {
			return parse();
		} catch (error) {
			if (!(error instanceof ConfigError)) {
				throw error;
			}
			problems.push(...error.problems);
			return undefined;
		}
	};
	const slack = collect(() => parseSlackSecrets(values, source));
	const sakura = collect(() => parseSakuraSecrets(values, source));
	if (slack === undefined || sakura === undefined) {
		throw new ConfigError(problems);
	}
	return { ...slack, ...sakura };
}

function pickSecrets<Field extends string>(
	values: Record<string, unknown>,
	source: string,
	keys: Record<Field, readonly string[]>,
): Record<Field, string> {
	const problems: string[] = [];
	const secrets: Partial<Record<Field, string>> = {};

	for (const [field, names] of Object.entries(keys) as [
		Field,
		readonly string[],
	][]) {
		const name = names.find(
			(candidate) =>
				typeof values[candidate] === "string" &&
				(values[candidate] as string).trim() !== "",
		);
		if (name === undefined) {
			problems.push(`${names.join(" or ")} is missing from ${source}`);
			continue;
		}
		secrets[field] = (values[name] as string).trim();
	}

	if (problems.length > 0) {
		throw new ConfigError(problems);
	}
	return secrets as Record<Field, string>;
}
