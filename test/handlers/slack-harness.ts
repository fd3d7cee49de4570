import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
	Context,
} from "aws-lambda";
import {
	createSlackHandler,
	type SlackHandler,
} from "../../src/handlers/runtime";
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
import { type CapturedLine, createCaptureLog } from "../helpers/capture-log";
import { slashCommandEvent } from "../helpers/slack-events";

export const SIGNING_SECRET =
	"8f14e45fceea167a5a36dedd4bea2543-test-signing-secret";

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
	signingSecret?: string;
	timestampSeconds?: number;
	/** Changes the event after signing, to test tampering. */
	alter?: (event: APIGatewayProxyEventV2) => void;
}

export interface Harness {
	emulator: SakuraEmulator;
	standIn: SlackStandIn;
	log: ReturnType<typeof createCaptureLog>;
	env: NodeJS.ProcessEnv;
	handler: SlackHandler;
	command(text: string, options?: CommandOptions): Promise<CommandResult>;
	close(): Promise<void>;
}

/** The environment that points the handler at the emulator and the stand-in, with secrets inline. */
export function handlerEnvironment(
	emulator: SakuraEmulator,
	standIn: SlackStandIn,
): NodeJS.ProcessEnv {
	return {
		SLACK_SIGNING_SECRET: SIGNING_SECRET,
		SLACK_BOT_TOKEN: standIn.botToken,
		SAKURA_ACCESS_TOKEN: SANDBOX_CREDENTIALS.accessToken,
		SAKURA_ACCESS_TOKEN_SECRET: SANDBOX_CREDENTIALS.accessTokenSecret,
		SAKURACLOUD_API_ROOT_URL: emulator.rootUrl,
		SLACK_API_URL: standIn.apiUrl,
		SAKURA_TIMEOUT_MS: "2000",
		LOG_LEVEL: "DEBUG",
	};
}

/** Starts the emulator and the stand-in on loopback and a handler with its own runtime and log. */
export async function startHarness(
	options: {
		emulator?: SakuraEmulatorOptions;
		env?: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
	} = {},
): Promise<Harness> {
	const emulator = await startSakuraEmulator(options.emulator);
	const standIn = await startSlackStandIn();
	const log = createCaptureLog();
	const baseEnv = handlerEnvironment(emulator, standIn);
	const env = options.env ? options.env(baseEnv) : baseEnv;
	const handler = createSlackHandler({ env, logger: log });

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
		command,
		close: async () => {
			await standIn.close();
			await emulator.close();
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

/** Methods the emulator saw that change state. */
export function writesOf(
	emulator: SakuraEmulator,
): { method: string; path: string }[] {
	return emulator.requests.filter((request) => request.method !== "GET");
}

export type { CapturedLine };
