import { randomBytes } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { type DynaliteServer, startDynalite } from "../../src/sandbox/dynalite";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../src/sandbox/sakura-emulator";
import {
	type SecretsManagerStandIn,
	startSecretsManagerStandIn,
} from "../../src/sandbox/secrets-manager-stand-in";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import {
	SANDBOX_REQUESTS_TABLE,
	SANDBOX_SAKURA_SECRET_ID,
	SANDBOX_SLACK_SECRET_ID,
} from "../../src/sandbox/start";
import { createRequestsTable } from "../../src/store";

/** Fake AWS credentials for every SDK client here and in the functions. No AWS account has them. */
export const FAKE_AWS_CREDENTIALS: Readonly<{
	accessKeyId: string;
	secretAccessKey: string;
}> = {
	accessKeyId: "AKIDOFFLINE",
	secretAccessKey: "offline-secret-access-key",
};

/** Region of the stand-ins' clients, which is also the region serverless.yml deploys to by default. */
export const OFFLINE_REGION = "ap-northeast-1";

/** The services the functions reach, each on 127.0.0.1 with an ephemeral port. */
export interface OfflineStandIns {
	slack: SlackStandIn;
	emulator: SakuraEmulator;
	secrets: SecretsManagerStandIn;
	dynalite: DynaliteServer;
	/** Slack signing secret of this run, random and valid only against these stand-ins. */
	signingSecret: string;
	/** DynamoDB table of access requests, already created in dynalite. */
	requestsTable: string;
	/** Secrets Manager secret with `SLACK_SIGNING_SECRET` and `SLACK_BOT_TOKEN`. */
	slackSecretId: string;
	/** Secrets Manager secret with the emulator's SAKURA API key. */
	sakuraSecretId: string;
	close(): Promise<void>;
}

/**
 * Starts the Slack Web API stand-in, the SAKURA API emulator, dynalite with the requests table,
 * and a Secrets Manager stand-in that contains the Slack and SAKURA credentials. The functions read
 * their credentials from Secrets Manager, as they do in AWS. If a later step fails, the stand-ins
 * already started are closed before the error is thrown.
 */
export async function startOfflineStandIns(): Promise<OfflineStandIns> {
	const started: { close(): Promise<void> }[] = [];
	try {
		const signingSecret = randomBytes(16).toString("hex");
		const slack = await startSlackStandIn();
		started.push(slack);
		const emulator = await startSakuraEmulator();
		started.push(emulator);
		const dynalite = await startDynalite();
		started.push(dynalite);
		await createTable(dynalite.endpoint, SANDBOX_REQUESTS_TABLE);

		const secrets = await startSecretsManagerStandIn({
			secrets: {
				[SANDBOX_SLACK_SECRET_ID]: JSON.stringify({
					SLACK_SIGNING_SECRET: signingSecret,
					SLACK_BOT_TOKEN: slack.botToken,
				}),
				[SANDBOX_SAKURA_SECRET_ID]: JSON.stringify({
					SAKURA_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
					SAKURA_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
				}),
			},
		});
		started.push(secrets);

		return {
			slack,
			emulator,
			secrets,
			dynalite,
			signingSecret,
			requestsTable: SANDBOX_REQUESTS_TABLE,
			slackSecretId: SANDBOX_SLACK_SECRET_ID,
			sakuraSecretId: SANDBOX_SAKURA_SECRET_ID,
			close: () => closeAll(started),
		};
	} catch (error) {
		await closeAll(started);
		throw error;
	}
}

async function createTable(endpoint: string, tableName: string): Promise<void> {
	const client = new DynamoDBClient({
		endpoint,
		region: OFFLINE_REGION,
		// A copy, because the SDK marks the credentials object it is given.
		credentials: { ...FAKE_AWS_CREDENTIALS },
	});
	try {
		await createRequestsTable(client, tableName);
	} finally {
		client.destroy();
	}
}

async function closeAll(
	servers: readonly { close(): Promise<void> }[],
): Promise<void> {
	await Promise.allSettled(servers.map((server) => server.close()));
}
