import {
	GetSecretValueCommand,
	SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";

/** Reading or parsing the Secrets Manager secret failed. Carries the AWS error name, never the value. */
export class SecretLoadError extends Error {
	constructor(
		readonly secretId: string,
		/** AWS exception name such as `ResourceNotFoundException`, or `InvalidSecretFormat`. */
		readonly reason: string,
		options?: { cause?: unknown },
	) {
		super(`Reading secret "${secretId}" failed: ${reason}`, options);
		this.name = "SecretLoadError";
	}
}

/**
 * Time limits of one Secrets Manager request, in milliseconds. The secret is read in Slack's
 * 3-second window on a cold start, so a hung endpoint must fail fast rather than hang the function.
 */
export const SECRETS_CONNECTION_TIMEOUT_MS = 1_000;
export const SECRETS_REQUEST_TIMEOUT_MS = 2_000;

/** Creates the Secrets Manager client with short timeouts and one retry. */
export function createSecretsManagerClient(): SecretsManagerClient {
	return new SecretsManagerClient({
		maxAttempts: 2,
		requestHandler: {
			connectionTimeout: SECRETS_CONNECTION_TIMEOUT_MS,
			requestTimeout: SECRETS_REQUEST_TIMEOUT_MS,
			throwOnRequestTimeout: true,
		},
	});
}

/**
 * Names an AWS SDK error: the exception name, plus the Node.js error code (such as `ECONNREFUSED`)
 * for network failures. It reads the fields directly because socket errors may come from another
 * realm, where `instanceof Error` is false.
 */
function describeAwsError(error: unknown): string {
	const fields = (error ?? {}) as {
		name?: unknown;
		code?: unknown;
		message?: unknown;
	};
	const name = typeof fields.name === "string" ? fields.name : "UnknownError";
	// The SDK wraps a foreign-realm socket error, keeping its code only in the message.
	const fromMessage =
		typeof fields.message === "string"
			? /\b(E[A-Z]{4,})\b/.exec(fields.message)?.[1]
			: undefined;
	const code = typeof fields.code === "string" ? fields.code : fromMessage;
	return code !== undefined && code !== name ? `${name} (${code})` : name;
}

export interface SecretLoaderOptions {
	secretId: string;
	/** How long a value is reused; 0 reads the secret on every call. */
	ttlMs: number;
	client?: SecretsManagerClient;
	now?: () => number;
}

/**
 * Creates a function that returns the secret's JSON object, cached for `ttlMs` per Lambda container.
 * Concurrent callers share one request; a failed read is not cached, so the next call tries again.
 */
export function createSecretLoader(
	options: SecretLoaderOptions,
): () => Promise<Record<string, unknown>> {
	const client = options.client ?? createSecretsManagerClient();
	const now = options.now ?? Date.now;
	let cached: { value: Record<string, unknown>; expiresAt: number } | undefined;
	let pending: Promise<Record<string, unknown>> | undefined;

	return async () => {
		if (cached !== undefined && now() < cached.expiresAt) {
			return cached.value;
		}
		if (pending === undefined) {
			pending = readSecret(client, options.secretId)
				.then((value) => {
					cached = { value, expiresAt: now() + options.ttlMs };
					return value;
				})
				.finally(() => {
					pending = undefined;
				});
		}
		return pending;
	};
}

async function readSecret(
	client: SecretsManagerClient,
	secretId: string,
): Promise<Record<string, unknown>> {
	let secretString: string | undefined;
	try {
		const response = await client.send(
			new GetSecretValueCommand({ SecretId: secretId }),
		);
		secretString =
			response.SecretString ??
			(response.SecretBinary
				? Buffer.from(response.SecretBinary).toString("utf8")
				: undefined);
	} catch (error) {
		const reason = describeAwsError(error);
		throw new SecretLoadError(secretId, reason, { cause: error });
	}

	if (secretString === undefined) {
		throw new SecretLoadError(secretId, "EmptySecret");
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(secretString);
	} catch {
		// The parse error message can quote part of the secret, so it is dropped.
		throw new SecretLoadError(
			secretId,
			"InvalidSecretFormat: the value is not a JSON object",
		);
	}
	if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
		throw new SecretLoadError(
			secretId,
			"InvalidSecretFormat: the value is not a JSON object",
		);
	}
	return parsed as Record<string, unknown>;
}
