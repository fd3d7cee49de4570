import type { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createSecretLoader, SecretLoadError } from "../aws/secrets";
import { ConfigError, type Settings } from "../config";
import { asLog, createLogger, type Log } from "../logging";
import { loadPolicy, type Policy, PolicyError } from "../operations/policy";

/** State a container keeps across runtimes, because a changed secret does not change it. */
export interface ContainerState {
	/** One DynamoDB client per container, so its connections are reused across requests. */
	dynamodb: DynamoDBClient;
	/** The approval policy, loaded and validated once. */
	policy: Policy;
}

/**
 * Loads the policy and creates the DynamoDB client. Without `AWS_ENDPOINT_URL_DYNAMODB` the SDK
 * takes the endpoint, region and credentials from the Lambda environment.
 * @throws PolicyError naming the policy file and each problem in it.
 */
export function buildContainerState(settings: Settings): ContainerState {
	const policy = loadPolicy(settings.approvals.policyPath);
	const endpoint = settings.approvals.dynamodbEndpoint;
	return {
		policy,
		dynamodb: new DynamoDBClient(endpoint === undefined ? {} : { endpoint }),
	};
}

/**
 * Returns where a set of secrets comes from: the Secrets Manager secret `secretId`, cached for the
 * configured TTL, or else the environment.
 */
export function secretSource(
	secretId: string | undefined,
	settings: Settings,
	env: NodeJS.ProcessEnv,
): () => Promise<Record<string, unknown>> {
	if (secretId === undefined) {
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
	return createSecretLoader({ secretId, ttlMs: settings.secretCacheTtlMs });
}

/** Names where secrets came from, for the errors that name a missing one. */
export function sourceName(secretId: string | undefined): string {
	return secretId === undefined ? "the environment" : `secret ${secretId}`;
}

/**
 * Logs why a runtime could not be built: variable names, the policy file and its problems, the
 * secret id and AWS error names only.
 * @param subject the function, as the log line names it, such as `Slack handler`.
 */
export function logBuildFailure(
	error: unknown,
	log: Log,
	subject: string,
): void {
	if (error instanceof ConfigError) {
		log.error(`${subject} is misconfigured`, { problems: error.problems });
		return;
	}
	if (error instanceof PolicyError) {
		log.error(`${subject}'s approval policy is invalid`, {
			policyFile: error.source,
			problems: error.problems.map((problem) =>
				problem.path === ""
					? problem.message
					: `${problem.path}: ${problem.message}`,
			),
		});
		return;
	}
	if (error instanceof SecretLoadError) {
		log.error(`${subject} could not read its secret`, {
			secretId: error.secretId,
			reason: error.reason,
		});
		return;
	}
	log.error(`${subject} could not start`, {
		error: error instanceof Error ? error.name : typeof error,
		errorMessage: error instanceof Error ? error.message : undefined,
	});
}

/**
 * Returns the log a handler writes to: `logger` when given, as tests and the sandbox pass one, or
 * else a Powertools JSON logger for `service`, returned as `powertools` too so the handler can add
 * the Lambda request id to every line.
 */
export function handlerLog(
	logger: Log | undefined,
	service: string,
): { log: Log; powertools?: Logger } {
	if (logger !== undefined) {
		return { log: logger };
	}
	const powertools = createLogger(service);
	return { log: asLog(powertools), powertools };
}
