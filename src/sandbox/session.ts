import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import { parseDurationSeconds } from "../operations/grants/lifetime";
import {
	blockActionsPayload,
	blockSuggestionPayload,
	inputFields,
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
import {
	SAMPLE_USERS,
	type SampleUser,
	type StandInRecord,
} from "./slack-stand-in";
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
	"  /options id [text]     list the choices of a form's search field, as typing text would",
	"  /close                 close the open form",
	"  /shortcut              open the app's global shortcut",
	"  /home                  open the bot's Home tab",
	"  /sweep [+8h]           run the sweeper, after moving the clock ahead if given",
	"  /as NAME               switch the sample user; /users lists them",
	"  /help                  show this list",
	"  /quit                  end the sandbox (Ctrl-D too)",
].join("\n");

/**
 * A terminal in the sandbox workspace. `run` takes what a person types and returns what they would
 * see in Slack. Commands, clicks and form submissions become signed requests in Slack's exact
 * formats to the same handler Lambda runs. Every button the bot shows gets a number for `/press`.
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
			case "/options":
				return this.options(rest[0] ?? "", rest.slice(1).join(" "));
			case "/close":
				return this.closeView();
			case "/sweep":
				return this.sweep(argument);
			case "/home":
				return this.send(
					buildSignedEvent({
						body: JSON.stringify(homeOpenedEvent(this.user)),
						signingSecret: this.sandbox.signingSecret,
						contentType: "application/json",
					}),
				);
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

		if (button.stale === true) {
			return "  That button belongs to a form that is no longer open.";
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
		if (values[UNPARSED] !== undefined) {
			return `  Not an id=value pair: ${values[UNPARSED]}. Quote values with spaces, as id="a b".`;
		}
		const known = inputFields(view).map((field) => field.blockId);
		const unknown = Object.keys(values).filter((id) => !known.includes(id));
		if (unknown.length > 0) {
			return `  This form has no field ${unknown.join(", ")}. Its fields are: ${known.join(", ") || "none"}.`;
		}
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
					this.retireButtons(view.id);
				}
			},
		);
		return output === "" ? "  The form closed." : output;
	}

	/** Asks the app for the choices of an external select, as Slack does while the user types. */
	private async options(blockId: string, query: string): Promise<string> {
		const viewId = this.openViews.get(this.user.id);
		const view = viewId === undefined ? undefined : this.storedView(viewId);
		if (view === undefined) {
			return "  No form is open for you.";
		}
		const field = inputFields(view).find(
			(candidate) => candidate.blockId === blockId,
		);
		if (field === undefined || field.type !== "external_select") {
			const searchable = inputFields(view)
				.filter((candidate) => candidate.type === "external_select")
				.map((candidate) => candidate.blockId);
			return `  No search field "${blockId}" in this form. Its search fields are: ${searchable.join(", ") || "none"}.`;
		}

		const payload = blockSuggestionPayload(
			view,
			this.user,
			field.blockId,
			field.actionId,
			query,
		);
		const result = await this.sandbox.handler(
			buildSignedInteractionEvent({
				payload,
				signingSecret: this.sandbox.signingSecret,
			}),
			SANDBOX_LAMBDA_CONTEXT,
		);
		return describeOptions(
			result.statusCode,
			typeof result.body === "string" ? result.body : undefined,
		);
	}

	private closeView(): string {
		const viewId = this.openViews.get(this.user.id);
		if (viewId === undefined) {
			return "  No form is open for you.";
		}
		this.openViews.delete(this.user.id);
		this.retireButtons(viewId);
		return "  The form closed.";
	}

	/** Marks the buttons of a form as stale when the app replaces it or opens another. */
	private retireReplacedButtons(record: StandInRecord): void {
		if (record.type !== "call" || !record.call.ok) {
			return;
		}
		if (record.call.method === "views.update") {
			const viewId = String(record.call.body.view_id ?? "");
			this.retireButtons(viewId);
		}
		if (record.call.method === "views.open") {
			const previous = this.openViews.get(this.user.id);
			if (previous !== undefined) {
				this.retireButtons(previous);
			}
		}
	}

	private retireButtons(viewId: string): void {
		for (const button of this.buttons) {
			if (
				button.container.type === "view" &&
				button.container.viewId === viewId
			) {
				button.stale = true;
			}
		}
	}

	private storedView(viewId: string) {
		return this.sandbox.slack
			.views()
			.find((candidate) => candidate.id === viewId);
	}

	/**
	 * Sends one signed request through the handler and collects, in order, what the bot posted
	 * meanwhile and its HTTP response.
	 */
	/** Prints every Slack call and response_url post from now on into `output`, until unsubscribed. */
	private listen(output: string[]): () => void {
		const addButton = (
			button: Omit<Pressable, "container">,
			container: Pressable["container"],
		) => {
			this.buttons.push({ ...button, container });
			return this.buttons.length;
		};
		return this.sandbox.slack.onRecord((record) => {
			this.retireReplacedButtons(record);
			const described = describeRecord(
				record,
				SAMPLE_USERS,
				addButton,
				SAMPLE_SLASH_COMMAND.channel_id,
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
	}

	/**
	 * Runs the sweeper once, as the schedule does every 5 minutes on AWS. With `+8h` or `+7d`, the
	 * sandbox clock first moves that far ahead, so reminders and expiry can be tried at once.
	 */
	private async sweep(argument: string): Promise<string> {
		const output: string[] = [];
		if (argument !== "") {
			const seconds = parseDurationSeconds(argument.replace(/^\+/, ""));
			if (seconds === undefined) {
				return `  "${argument}" is not a duration. Type /sweep, or /sweep +8h to let 8 hours pass first (m, h or d).`;
			}
			this.sandbox.advanceClock(seconds * 1000);
			output.push(
				`  The sandbox clock is now ${this.sandbox.now().toISOString()}.`,
			);
		}
		const unsubscribe = this.listen(output);
		try {
			const report = await this.sandbox.sweep();
			output.push(
				`  Sweep done. Reminders sent: ${report.reminders}. Users deleted: ${report.revoked}. Deletions to retry: ${report.retrying}. Requests expired: ${report.expiredRequests}.`,
			);
		} finally {
			unsubscribe();
		}
		return output.join("\n");
	}

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
		const unsubscribe = this.listen(output);

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

/** An Events API callback for `app_home_opened` on the Home tab, as Slack sends it. */
export function homeOpenedEvent(user: SampleUser): Record<string, unknown> {
	return {
		token: "sandbox-verification-token",
		team_id: user.teamId,
		api_app_id: "A0SANDBOX",
		type: "event_callback",
		event_id: `Ev${Date.now().toString(36).toUpperCase()}`,
		event_time: Math.floor(Date.now() / 1000),
		event: {
			type: "app_home_opened",
			user: user.id,
			channel: `D${user.id.slice(1)}`,
			tab: "home",
			event_ts: String(Date.now() / 1000),
		},
	};
}

function namesOfUsers(): string {
	return SAMPLE_USERS.map((user) => user.name).join(", ");
}

/**
 * Parses `id=value id="value with spaces"` (or `"id=value with spaces"`) into a map from block id to
 * value. Words outside any `id=` pair are reported, so nothing typed is dropped silently.
 */
export function parseFieldValues(
	text: string,
): Record<string, string> & { [UNPARSED]?: string } {
	const values: Record<string, string> & { [UNPARSED]?: string } = {};
	const leftover: string[] = [];
	const pattern =
		/"([\w.-]+)=([^"]*)"|'([\w.-]+)=([^']*)'|([\w.-]+)=(?:"([^"]*)"|'([^']*)'|(\S*))|(\S+)/g;
	for (const match of text.matchAll(pattern)) {
		if (match[1] !== undefined) {
			values[match[1]] = match[2];
		} else if (match[3] !== undefined) {
			values[match[3]] = match[4];
		} else if (match[5] !== undefined) {
			values[match[5]] = match[6] ?? match[7] ?? match[8] ?? "";
		} else {
			leftover.push(match[9]);
		}
	}
	if (leftover.length > 0) {
		values[UNPARSED] = leftover.join(" ");
	}
	return values;
}

/** Key under which `parseFieldValues` returns the words that were not part of an `id=value` pair. */
export const UNPARSED = Symbol("unparsed");
/** Lists the options an options request returned, one `value  text` line each. */
function describeOptions(
	statusCode: number | undefined,
	body: string | undefined,
): string {
	if (statusCode !== 200) {
		return `  (Slack would show no choices: the app answered HTTP ${statusCode ?? "none"})`;
	}
	let options: { value?: unknown; text?: { text?: unknown } }[] = [];
	try {
		options = (
			(JSON.parse(body ?? "{}") as { options?: typeof options }).options ?? []
		).slice();
	} catch {
		return "  (the app's answer was not JSON)";
	}
	if (options.length === 0) {
		return "  No choices match.";
	}
	return options
		.map(
			(option) =>
				`  ${String(option.value)}  ${String(option.text?.text ?? "")}`,
		)
		.join("\n");
}
