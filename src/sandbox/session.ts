import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import {
	blockActionsPayload,
	newTriggerId,
	type Pressable,
	shortcutPayload,
	viewSubmissionPayload,
} from "./interactions";
import {
	buildSignedEvent,
	buildSignedInteractionEvent,
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

/** Callback id of the app's global shortcut, as in manifest.yml. */
const SHORTCUT_CALLBACK_ID = "registry_open";

export const SESSION_HELP = [
	"  /registry ...          run the slash command (try /registry help)",
	"  /press N               click button N as the current user",
	"  /submit id=value ...   send the open form; ids are shown in [brackets]",
	"  /close                 close the open form",
	"  /shortcut              open the app's global shortcut",
	"  /as NAME               switch the sample user; /users lists them",
	"  /quit                  end the sandbox",
].join("\n");

/**
 * A terminal in the sandbox workspace. `run` takes what a person types and returns what they would
 * see in Slack. Commands, clicks and form submissions become signed requests in Slack's exact
 * formats to the same handler Lambda runs; every button the bot shows gets a number for `/press`.
 */
export class SandboxSession {
	private user: SampleUser = SAMPLE_USERS[0];
	private readonly buttons: Pressable[] = [];
	/** The open modal of each user, by user id. */
	private readonly openViews = new Map<string, string>();

	constructor(private readonly sandbox: Sandbox) {}

	get userName(): string {
		return this.user.name;
	}

	/** Runs one typed line and returns the text to print. */
	async run(line: string): Promise<string> {
		const input = line.trim();
		const [word, ...rest] = input.split(/\s+/);
		const argument = rest.join(" ");

		switch (word) {
			case "":
				return "";
			case "/help":
				return SESSION_HELP;
			case "/users":
				return SAMPLE_USERS.map(
					(user) => `  ${user.name} (${user.realName}, ${user.locale})`,
				).join("\n");
			case "/as":
				return this.switchUser(argument);
			case "/registry":
				return this.command(argument);
			case "/press":
				return this.press(argument);
			case "/submit":
				return this.submit(argument);
			case "/close":
				return this.closeView();
			case "/shortcut":
				return this.send(
					buildSignedInteractionEvent({
						payload: shortcutPayload(SHORTCUT_CALLBACK_ID, this.user),
						signingSecret: this.sandbox.signingSecret,
					}),
				);
			default:
				return `  Unknown input "${input}". Type /help for what the sandbox understands.`;
		}
	}

	private switchUser(name: string): string {
		if (name === "") {
			return `  Name a sample user: /as NAME. The users are: ${namesOfUsers()}.`;
		}
		const user = SAMPLE_USERS.find((candidate) => candidate.name === name);
		if (user === undefined) {
			return `  No sample user named "${name}". Choose one of: ${namesOfUsers()}.`;
		}
		this.user = user;
		return `  You are now ${user.name} (${user.realName}).`;
	}

	/** Sends `/registry <text>` as a signed slash command. */
	private command(text: string): Promise<string> {
		const body = encodeSlashCommand({
			...SAMPLE_SLASH_COMMAND,
			user_id: this.user.id,
			user_name: this.user.name,
			text,
			response_url: this.sandbox.slack.newResponseUrl(),
			trigger_id: newTriggerId(),
		});
		return this.send(
			buildSignedEvent({ body, signingSecret: this.sandbox.signingSecret }),
		);
	}

	private press(argument: string): Promise<string> | string {
		const button = /^\d+$/.test(argument)
			? this.buttons[Number(argument) - 1]
			: undefined;
		if (button === undefined) {
			if (this.buttons.length === 0) {
				return "  No buttons have been shown yet.";
			}
			const given = argument === "" ? "given" : `"${argument}"`;
			return `  No button ${given}. Buttons are numbered 1 to ${this.buttons.length}: /press N.`;
		}

		const viewId =
			button.container.type === "view" ? button.container.viewId : undefined;
		const view = viewId === undefined ? undefined : this.storedView(viewId);
		const payload = blockActionsPayload(
			button,
			this.user,
			this.sandbox.slack.newResponseUrl(),
			view,
		);
		return this.send(
			buildSignedInteractionEvent({
				payload,
				signingSecret: this.sandbox.signingSecret,
			}),
		);
	}

	private async submit(argument: string): Promise<string> {
		const viewId = this.openViews.get(this.user.id);
		const view = viewId === undefined ? undefined : this.storedView(viewId);
		if (view === undefined) {
			return "  No form is open for you. Open one with /registry, /registry create or /shortcut.";
		}

		const values = parseFieldValues(argument);
		const payload = viewSubmissionPayload(view, this.user, values);
		const output = await this.send(
			buildSignedInteractionEvent({
				payload,
				signingSecret: this.sandbox.signingSecret,
			}),
			(statusCode, body) => {
				// An empty 200 closes the modal, as Slack's client does.
				if (statusCode === 200 && (body === undefined || body === "")) {
					this.openViews.delete(this.user.id);
				}
			},
		);
		return output === "" ? "  The form closed." : output;
	}

	private closeView(): string {
		if (!this.openViews.delete(this.user.id)) {
			return "  No form is open for you.";
		}
		return "  The form closed.";
	}

	private storedView(viewId: string) {
		return this.sandbox.slack
			.views()
			.find((candidate) => candidate.id === viewId);
	}

	/**
	 * Sends one signed request through the handler and collects, in order, what the bot posted
	 * meanwhile and its HTTP answer.
	 */
	private async send(
		event: APIGatewayProxyEventV2,
		onAnswer?: (
			statusCode: number | undefined,
			body: string | undefined,
		) => void,
	): Promise<string> {
		const output: string[] = [];
		const commandChannel = SAMPLE_SLASH_COMMAND.channel_id;
		const addButton = (
			button: Omit<Pressable, "container">,
			container: Pressable["container"],
		) => {
			this.buttons.push({ ...button, container });
			return this.buttons.length;
		};
		const unsubscribe = this.sandbox.slack.onRecord((record) => {
			const described = describeRecord(
				record,
				SAMPLE_USERS,
				addButton,
				commandChannel,
			);
			if (described === undefined) {
				return;
			}
			output.push(described.text);
			if (
				described.openedView !== undefined &&
				described.openedView.method !== "views.update"
			) {
				this.openViews.set(this.user.id, described.openedView.id);
			}
		});

		try {
			const result = await this.sandbox.handler(event, SANDBOX_LAMBDA_CONTEXT);
			const body = typeof result.body === "string" ? result.body : undefined;
			onAnswer?.(result.statusCode, body);
			const ack = describeAck(
				result.statusCode,
				body,
				addButton,
				commandChannel,
				SAMPLE_USERS,
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

function namesOfUsers(): string {
	return SAMPLE_USERS.map((user) => user.name).join(", ");
}

/** Parses `id=value id="value with spaces"` into a map from block id to value. */
export function parseFieldValues(text: string): Record<string, string> {
	const values: Record<string, string> = {};
	const pattern = /([\w.-]+)=(?:"([^"]*)"|'([^']*)'|(\S*))/g;
	for (const match of text.matchAll(pattern)) {
		values[match[1]] = match[2] ?? match[3] ?? match[4] ?? "";
	}
	return values;
}
