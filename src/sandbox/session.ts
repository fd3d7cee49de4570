import type { Context } from "aws-lambda";
import {
	buildSignedEvent,
	encodeSlashCommand,
	SAMPLE_SLASH_COMMAND,
} from "./slack-request";
import { SAMPLE_USERS, type SampleUser } from "./slack-stand-in";
import type { Sandbox } from "./start";
import { describeAck, describeRecord } from "./transcript";

/** The Lambda context fields the handler reads; the rest keep Lambda's shapes with sandbox values. */
const SANDBOX_LAMBDA_CONTEXT: Context = {
	callbackWaitsForEmptyEventLoop: true,
	functionName: "sakura-registry-bot-sandbox-slack",
	functionVersion: "$LATEST",
	invokedFunctionArn:
		"arn:aws:lambda:ap-northeast-1:000000000000:function:sakura-registry-bot-sandbox-slack",
	memoryLimitInMB: "512",
	awsRequestId: "sandbox",
	logGroupName: "/aws/lambda/sakura-registry-bot-sandbox-slack",
	logStreamName: "sandbox",
	getRemainingTimeInMillis: () => 29_000,
	done: () => undefined,
	fail: () => undefined,
	succeed: () => undefined,
};

/**
 * One person's terminal in the sandbox workspace. `run` takes what they type and returns what they
 * would see in Slack. Lines starting with `/registry` become signed slash command requests to the
 * handler; `/as NAME` switches the sample user; `/users` lists them.
 */
export class SandboxSession {
	private user: SampleUser = SAMPLE_USERS[0];

	constructor(private readonly sandbox: Sandbox) {}

	get userName(): string {
		return this.user.name;
	}

	/** Runs one typed line and returns the text to print. */
	async run(line: string): Promise<string> {
		const input = line.trim();
		if (input === "") {
			return "";
		}
		if (input === "/users") {
			return SAMPLE_USERS.map(
				(user) => `  ${user.name} (${user.realName}, ${user.locale})`,
			).join("\n");
		}
		if (input.startsWith("/as")) {
			return this.switchUser(input.slice(3).trim());
		}
		if (input === "/registry" || input.startsWith("/registry ")) {
			return this.command(input.slice("/registry".length).trim());
		}
		return `  Unknown input "${input}". Type /registry help, /as NAME, /users, or /quit.`;
	}

	private switchUser(name: string): string {
		const user = SAMPLE_USERS.find((candidate) => candidate.name === name);
		if (user === undefined) {
			const names = SAMPLE_USERS.map((candidate) => candidate.name).join(", ");
			return `  No sample user named "${name}". Choose one of: ${names}.`;
		}
		this.user = user;
		return `  You are now ${user.name} (${user.realName}).`;
	}

	/** Sends `/registry <text>` through the handler and collects what the bot posted meanwhile. */
	private async command(text: string): Promise<string> {
		const output: string[] = [];
		const unsubscribe = this.sandbox.slack.onRecord((record) => {
			const described = describeRecord(record, SAMPLE_USERS);
			if (described !== undefined) {
				output.push(described);
			}
		});

		try {
			const body = encodeSlashCommand({
				...SAMPLE_SLASH_COMMAND,
				user_id: this.user.id,
				user_name: this.user.name,
				text,
				response_url: this.sandbox.slack.newResponseUrl(),
			});
			const event = buildSignedEvent({
				body,
				signingSecret: this.sandbox.signingSecret,
			});
			const result = await this.sandbox.handler(event, SANDBOX_LAMBDA_CONTEXT);

			const ack = describeAck(
				result.statusCode,
				typeof result.body === "string" ? result.body : undefined,
			);
			if (ack !== undefined) {
				output.unshift(ack);
			}
		} finally {
			unsubscribe();
		}
		return output.join("\n");
	}
}
