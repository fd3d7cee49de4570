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
	const client = options.client ?? new SecretsManagerClient({});
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
		const reason = error instanceof Error ? error.name : "UnknownError";
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
