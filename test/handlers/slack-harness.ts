import { join } from "node:path";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
	Context,
} from "aws-lambda";
import { inProcessWorker } from "../../src/handlers/in-process-worker";
import {
	createSlackHandler,
	type SlackHandler,
} from "../../src/handlers/runtime";
import { type DynaliteServer, startDynalite } from "../../src/sandbox/dynalite";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	type SakuraEmulatorOptions,
	startSakuraEmulator,
} from "../../src/sandbox/sakura-emulator";
import {
	type RecordedCall,
	type RecordedResponse,
	type SlackStandIn,
	startSlackStandIn,
} from "../../src/sandbox/slack-stand-in";
import {
	SAMPLE_USERS,
	type SampleUser,
} from "../../src/sandbox/slack-stand-in/users";
import { createRequestsTable, DynamoRequestStore } from "../../src/store";
import { type CapturedLine, createCaptureLog } from "../helpers/capture-log";
import {
	type ButtonClickOptions,
	buildSignedInteractionEvent,
	buttonClickPayload,
	slashCommandEvent,
} from "../helpers/slack-events";
import { makeClient } from "../store/store-fixture";

/**
 * A policy that runs every operation at once. Handler tests of the operations use it; tests of
 * approvals choose the bundled `policy.json` instead.
 */
export const RUN_ALL_POLICY = join(
	__dirname,
	"..",
	"fixtures",
	"policy-run-all.json",
);

/** Name of the requests table each harness creates in its own dynalite. */
export const REQUESTS_TABLE = "registry-bot-requests";

export const SIGNING_SECRET =
	"8f14e45fceea167a5a36dedd4bea2543-test-signing-secret";

/**
 * The sample users with their Slack locale set to `en-US`, so the bot writes English to all of
 * them. Tests of English texts use these; tests of languages pass `SAMPLE_USERS`, whose hanako
 * and taro read Japanese.
 */
export const ENGLISH_SAMPLE_USERS: readonly SampleUser[] = SAMPLE_USERS.map(
	(user) => ({ ...user, locale: "en-US" }),
);

/** A Lambda context with the fields the handler may read. */
export const LAMBDA_CONTEXT = {
	awsRequestId: "00000000-0000-4000-8000-000000000001",
	functionName: "registry-bot-slack",
	functionVersion: "$LATEST",
	invokedFunctionArn:
		"arn:aws:lambda:ap-northeast-1:000000000000:function:registry-bot-slack",
	memoryLimitInMB: "1024",
	logGroupName: "/aws/lambda/registry-bot-slack",
	logStreamName: "sandbox",
	callbackWaitsForEmptyEventLoop: true,
	getRemainingTimeInMillis: () => 6000,
	done: () => undefined,
	fail: () => undefined,
	succeed: () => undefined,
} as Context;

/** The replies a requester gets for one command, and the Web API calls the bot made on the way. */
export interface CommandResult {
	response: APIGatewayProxyStructuredResultV2;
	status: number | undefined;
	/** The parsed JSON ack body, the raw string for a text body, or undefined for an empty ack. */
	ack:
		| { response_type?: string; text?: string; blocks?: unknown[] }
		| string
		| undefined;
	/** Posts to this command's response_url, in order. */
	posts: RecordedResponse[];
	/** Web API calls made while the command ran. */
	calls: RecordedCall[];
}

export interface CommandOptions {
	base64?: boolean;
	userId?: string;
	userName?: string;
	/** The channel the command is typed in, such as `D0HANAKO` for a DM with the bot. */
	channelId?: string;
	signingSecret?: string;
	timestampSeconds?: number;
	/** Changes the event after signing, to test tampering. */
	alter?: (event: APIGatewayProxyEventV2) => void;
}

/** The reply to one interaction, and the Web API calls and response_url posts it caused. */
export interface InteractionResult {
	response: APIGatewayProxyStructuredResultV2;
	status: number | undefined;
	/** The parsed JSON ack body, or undefined for an empty ack. */
	ack: Record<string, unknown> | string | undefined;
	/** Posts to this interaction's response_url, in order. */
	posts: RecordedResponse[];
	calls: RecordedCall[];
}

export interface Harness {
	emulator: SakuraEmulator;
	standIn: SlackStandIn;
	log: ReturnType<typeof createCaptureLog>;
	env: NodeJS.ProcessEnv;
	handler: SlackHandler;
	/** The requests table the handler writes, for assertions. */
	store: DynamoRequestStore;
	command(text: string, options?: CommandOptions): Promise<CommandResult>;
	/** Sends a signed button click on a message; the response URL is made fresh. */
	click(
		options: Omit<ButtonClickOptions, "responseUrl">,
	): Promise<InteractionResult>;
	/** Sends any signed interaction payload, such as a `view_submission`. */
	interact(payload: unknown): Promise<InteractionResult>;
	close(): Promise<void>;
}

/** Where the handler finds its requests table. */
export interface RequestsTable {
	endpoint: string;
	tableName: string;
}

/**
 * The environment that points the handler at the emulator, the stand-in and a requests table,
 * with secrets inline.
 */
export function handlerEnvironment(
	emulator: SakuraEmulator,
	standIn: SlackStandIn,
	table: RequestsTable,
): NodeJS.ProcessEnv {
	return {
		REQUESTS_TABLE: table.tableName,
		AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
		POLICY_PATH: RUN_ALL_POLICY,
		SLACK_SIGNING_SECRET: SIGNING_SECRET,
		SLACK_BOT_TOKEN: standIn.botToken,
		SAKURA_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
		SAKURA_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
		SAKURACLOUD_API_ROOT_URL: emulator.rootUrl,
		SLACK_API_URL: standIn.apiUrl,
		SAKURA_TIMEOUT_MS: "2000",
		LOG_LEVEL: "DEBUG",
		DEFAULT_LOCALE: "en",
	};
}

/**
 * Starts the emulator, the stand-in and dynalite with a requests table on loopback, and a handler
 * with its own runtime and log. The handler runs every operation at once unless the test's `env`
 * removes `POLICY_PATH` to use the bundled policy.
 */
export async function startHarness(
	options: {
		emulator?: SakuraEmulatorOptions;
		env?: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
		/** Time source of the request lifecycle. @default the real time */
		clock?: () => Date;
		/** Members of the stand-in's workspace. @default ENGLISH_SAMPLE_USERS */
		users?: readonly SampleUser[];
	} = {},
): Promise<Harness> {
	const emulator = await startSakuraEmulator(options.emulator);
	const standIn = await startSlackStandIn({
		users: options.users ?? ENGLISH_SAMPLE_USERS,
	});
	const dynalite: DynaliteServer = await startDynalite();
	const dynamodb: DynamoDBClient = makeClient(dynalite.endpoint);
	await createRequestsTable(dynamodb, REQUESTS_TABLE);
	const store = new DynamoRequestStore({
		tableName: REQUESTS_TABLE,
		client: dynamodb,
	});
	const log = createCaptureLog();
	const baseEnv = handlerEnvironment(emulator, standIn, {
		endpoint: dynalite.endpoint,
		tableName: REQUESTS_TABLE,
	});
	const env = options.env ? options.env(baseEnv) : baseEnv;
	const handler = createSlackHandler({
		env,
		logger: log,
		clock: options.clock,
		worker: inProcessWorker({ env, logger: log, clock: options.clock }),
	});

	const interactWith = async (
		payload: unknown,
		responseUrl: string | undefined,
	): Promise<InteractionResult> => {
		const firstCall = standIn.calls.length;
		const event = buildSignedInteractionEvent({
			payload,
			signingSecret: SIGNING_SECRET,
		});
		const response = await handler(event, LAMBDA_CONTEXT);
		return {
			response,
			status: response.statusCode,
			ack: parseAck(response.body) as InteractionResult["ack"],
			posts: standIn.responses.filter((post) => post.url === responseUrl),
			calls: standIn.calls.slice(firstCall),
		};
	};

	const command = async (
		text: string,
		commandOptions: CommandOptions = {},
	): Promise<CommandResult> => {
		const responseUrl = standIn.newResponseUrl();
		const firstCall = standIn.calls.length;
		const event = slashCommandEvent({
			text,
			responseUrl,
			signingSecret: commandOptions.signingSecret ?? SIGNING_SECRET,
			timestampSeconds: commandOptions.timestampSeconds,
			base64: commandOptions.base64,
			fields: {
				...(commandOptions.userId ? { user_id: commandOptions.userId } : {}),
				...(commandOptions.userName
					? { user_name: commandOptions.userName }
					: {}),
				...(commandOptions.channelId
					? { channel_id: commandOptions.channelId }
					: {}),
			},
		});
		commandOptions.alter?.(event);

		const response = await handler(event, LAMBDA_CONTEXT);
		return {
			response,
			status: response.statusCode,
			ack: parseAck(response.body),
			posts: standIn.responses.filter((post) => post.url === responseUrl),
			calls: standIn.calls.slice(firstCall),
		};
	};

	return {
		emulator,
		standIn,
		log,
		env,
		handler,
		store,
		command,
		click: (clickOptions) => {
			const responseUrl = standIn.newResponseUrl();
			return interactWith(
				buttonClickPayload({ ...clickOptions, responseUrl }),
				responseUrl,
			);
		},
		interact: (payload) => interactWith(payload, undefined),
		close: async () => {
			await standIn.close();
			await emulator.close();
			dynamodb.destroy();
			await dynalite.close();
		},
	};
}

function parseAck(body: string | undefined): CommandResult["ack"] {
	if (body === undefined || body === "") {
		return undefined;
	}
	try {
		return JSON.parse(body) as CommandResult["ack"];
	} catch {
		return body;
	}
}

/**
 * Collects every `text` string in a message body or block list, so assertions can search what
 * Slack would show. A plain string body counts as one text.
 */
export function textsOf(value: unknown): string[] {
	if (typeof value === "string") {
		return [value];
	}
	return nestedTexts(value);
}

function nestedTexts(value: unknown): string[] {
	if (Array.isArray(value)) {
		return value.flatMap(nestedTexts);
	}
	if (typeof value === "object" && value !== null) {
		return Object.entries(value).flatMap(([key, field]) =>
			key === "text" && typeof field === "string"
				? [field]
				: nestedTexts(field),
		);
	}
	return [];
}

/** Returns everything a message shows as one string. */
export function shownText(value: unknown): string {
	return textsOf(value).join("\n");
}

/** Reads the user name and password out of a credentials DM's blocks. */
export function credentialsFromDm(call: RecordedCall): {
	username: string;
	password: string;
} {
	const text = shownText(call.body.blocks);
	const password = /\*Password\*\n```([^`]+)```/.exec(text)?.[1];
	const username = /\*User name\*\n`([^`]+)`/.exec(text)?.[1];
	if (password === undefined || username === undefined) {
		throw new Error(`The DM shows no user name and password: ${text}`);
	}
	return { username, password };
}

/** Returns the value of the button with `actionId` in a message's actions blocks. */
export function buttonValue(blocks: unknown, actionId: string): string {
	const elements = (blocks as { type: string; elements?: unknown[] }[])
		.filter((block) => block.type === "actions")
		.flatMap(
			(block) => block.elements as { action_id: string; value: string }[],
		);
	const button = elements.find((element) => element.action_id === actionId);
	if (button === undefined) {
		throw new Error(`No ${actionId} button in ${JSON.stringify(blocks)}`);
	}
	return button.value;
}

/** Methods the emulator saw that change state. */
export function writesOf(
	emulator: SakuraEmulator,
): { method: string; path: string }[] {
	return emulator.requests.filter((request) => request.method !== "GET");
}

export type { CapturedLine };
