import { randomUUID } from "node:crypto";
import {
	createServer,
	type IncomingMessage,
	type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/** An error the stand-in returns instead of the secret, with AWS's exception name and HTTP status. */
export interface SecretsManagerFault {
	type: string;
	status?: number;
	message?: string;
	/** Only requests for this secret take the fault. @default any secret */
	secretId?: string;
}

export interface SecretsManagerStandIn {
	/** Value for `AWS_ENDPOINT_URL_SECRETS_MANAGER`. */
	endpoint: string;
	/** Every request received: the target operation and the SecretId, never a value. */
	readonly requests: readonly { target: string; secretId: string }[];
	setSecret(secretId: string, value: string): void;
	/** Fails the next request with an AWS error, e.g. `AccessDeniedException`. */
	failNext(fault: SecretsManagerFault): void;
	close(): Promise<void>;
}

/**
 * Starts a Secrets Manager stand-in on 127.0.0.1 that speaks the AWS JSON 1.1 protocol the SDK
 * uses: `POST /` with `X-Amz-Target: secretsmanager.GetSecretValue` and `{"SecretId": ...}`.
 * Only GetSecretValue is implemented; other targets get `UnknownOperationException`.
 */
export async function startSecretsManagerStandIn(options: {
	secrets: Record<string, string>;
}): Promise<SecretsManagerStandIn> {
	const secrets = new Map(Object.entries(options.secrets));
	const requests: { target: string; secretId: string }[] = [];
	const faults: SecretsManagerFault[] = [];

	const server = createServer((request, response) => {
		void handle(request, response);
	});

	async function handle(
		request: IncomingMessage,
		response: ServerResponse,
	): Promise<void> {
		const target = String(request.headers["x-amz-target"] ?? "");
		const body = await readBody(request);
		let secretId = "";
		try {
			secretId = String(
				(JSON.parse(body) as { SecretId?: unknown }).SecretId ?? "",
			);
		} catch {
			sendError(
				response,
				400,
				"SerializationException",
				"The request body is not valid JSON.",
			);
			return;
		}
		requests.push({ target, secretId });

		const index = faults.findIndex(
			(candidate) =>
				candidate.secretId === undefined || candidate.secretId === secretId,
		);
		const fault = index === -1 ? undefined : faults.splice(index, 1)[0];
		if (fault !== undefined) {
			sendError(
				response,
				fault.status ?? 400,
				fault.type,
				fault.message ?? `${fault.type} injected by the stand-in.`,
			);
			return;
		}
		if (target !== "secretsmanager.GetSecretValue") {
			sendError(
				response,
				400,
				"UnknownOperationException",
				`The stand-in does not implement ${target}.`,
			);
			return;
		}

		const value = secrets.get(secretId);
		if (value === undefined) {
			sendError(
				response,
				400,
				"ResourceNotFoundException",
				"Secrets Manager can't find the specified secret.",
			);
			return;
		}
		send(response, 200, {
			ARN: `arn:aws:secretsmanager:ap-northeast-1:000000000000:secret:${secretId}-AbCdEf`,
			Name: secretId,
			SecretString: value,
			VersionId: randomUUID(),
			VersionStages: ["AWSCURRENT"],
			// The SDK parses CreatedDate as epoch seconds; an ISO string breaks deserialisation.
			CreatedDate: Math.floor(Date.now() / 1000),
		});
	}

	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as AddressInfo;

	return {
		endpoint: `http://127.0.0.1:${port}`,
		requests,
		setSecret: (secretId, value) => {
			secrets.set(secretId, value);
		},
		failNext: (fault) => {
			faults.push(fault);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		request.on("data", (chunk: Buffer) => chunks.push(chunk));
		request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
		request.on("error", reject);
	});
}

function send(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, {
		"content-type": "application/x-amz-json-1.1",
		"x-amzn-requestid": randomUUID(),
	});
	response.end(JSON.stringify(body));
}

function sendError(
	response: ServerResponse,
	status: number,
	type: string,
	message: string,
): void {
	send(response, status, { __type: type, message });
}
