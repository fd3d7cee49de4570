import type { Logger } from "@aws-lambda-powertools/logger";
import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
	Context,
} from "aws-lambda";
import { createSecretLoader, SecretLoadError } from "../aws/secrets";
import {
	ConfigError,
	parseSecrets,
	parseSettings,
	type Settings,
} from "../config";
import { t } from "../i18n";
import { asLog, createLogger, type Log } from "../logging";
import { runOperation } from "../operations/run";
import { SakuraClient } from "../sakura";
import { createSlackApp } from "../slack/app";
import { createInlineDispatcher, type RunOperation } from "../slack/job-runner";
import { createWebClient } from "../slack/web-client";

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
}

/** The objects one Lambda container builds on its first request and keeps while the secret is unchanged. */
interface Runtime {
	/** The secret values it was built from; a different object means the secret was read anew. */
	source: Record<string, unknown>;
	handle: (
		event: APIGatewayProxyEventV2,
		context: Context,
	) => Promise<APIGatewayProxyStructuredResultV2>;
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
	let powertools: Logger | undefined;
	let log: Log;
	if (options.logger === undefined) {
		powertools = createLogger("slack");
		log = asLog(powertools);
	} else {
		log = options.logger;
	}
	let loadSecretValues: (() => Promise<Record<string, unknown>>) | undefined;
	let runtime: Runtime | undefined;

	const getRuntime = async (): Promise<Runtime> => {
		const settings = parseSettings(env);
		loadSecretValues ??= secretSource(settings, env);
		const source = await loadSecretValues();
		if (runtime?.source === source) {
			return runtime;
		}

		// Two requests that both see a new secret may both build; the later one wins, which is harmless.
		const previous = runtime;
		runtime = buildRuntime(settings, source, log);
		await previous?.close();
		return runtime;
	};

	return async (event, context) => {
		powertools?.addContext(context);

		let built: Runtime;
		try {
			built = await getRuntime();
		} catch (error) {
			logBuildFailure(error, log);
			return misconfiguredResponse();
		}
		try {
			return await built.handle(event, context);
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
	log: Log,
): Runtime {
	const secrets = parseSecrets(
		source,
		settings.secretId === undefined
			? "the environment"
			: `secret ${settings.secretId}`,
	);

	// NOTE: the inline dispatcher runs SAKURA calls inside Slack's 3-second ack window. The client's
	// retries and SAKURA_TIMEOUT_MS can take longer; Slack then shows `operation_timeout`, and the
	// result still reaches the requester through the response_url.
	const sakura = new SakuraClient({
		accessToken: secrets.sakuraAccessToken,
		accessTokenSecret: secrets.sakuraAccessTokenSecret,
		rootUrl: settings.sakura.rootUrl,
		zone: settings.sakura.zone,
		timeoutMs: settings.sakura.timeoutMs,
		logger: log,
	});
	const client = createWebClient(secrets.slackBotToken, {
		slackApiUrl: settings.slackApiUrl,
		log,
	});
	const run: RunOperation = (operation, requester, delivery) =>
		runOperation(operation, requester, { registries: sakura, delivery, log });

	const { receiver } = createSlackApp({
		signingSecret: secrets.slackSigningSecret,
		botToken: secrets.slackBotToken,
		slackApiUrl: settings.slackApiUrl,
		dispatcher: createInlineDispatcher({ run, client, log }),
		log,
	});
	log.info("Slack runtime ready", {
		secretSource: settings.secretId === undefined ? "environment" : "secret",
	});
	return { source, handle: receiver.toHandler(), close: () => sakura.close() };
}

/**
 * Returns where the four secrets come from: the Secrets Manager secret named by `APP_SECRET_ID`,
 * cached for the configured TTL, or else the environment.
 */
function secretSource(
	settings: Settings,
	env: NodeJS.ProcessEnv,
): () => Promise<Record<string, unknown>> {
	if (settings.secretId === undefined) {
		// The environment is read on every request, but the same object is returned while it is
		// unchanged, so the runtime is rebuilt only when a value really changed.
		let values: Record<string, unknown> = {};
		let snapshot = "";
		return async () => {
			const current = JSON.stringify(env);
			if (current !== snapshot) {
				snapshot = current;
				values = { ...env };
			}
			return values;
		};
	}
	return createSecretLoader({
		secretId: settings.secretId,
		ttlMs: settings.secretCacheTtlMs,
	});
}

/** Logs why the runtime could not be built: variable names, the secret id and AWS error names only. */
function logBuildFailure(error: unknown, log: Log): void {
	if (error instanceof ConfigError) {
		log.error("Slack handler is misconfigured", { problems: error.problems });
		return;
	}
	if (error instanceof SecretLoadError) {
		log.error("Slack handler could not read its secret", {
			secretId: error.secretId,
			reason: error.reason,
		});
		return;
	}
	log.error("Slack handler could not start", {
		error: error instanceof Error ? error.name : typeof error,
		errorMessage: error instanceof Error ? error.message : undefined,
	});
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
