import { App, AwsLambdaReceiver } from "@slack/bolt";
import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
	Context,
} from "aws-lambda";

export interface BaselineOptions {
	signingSecret: string;
	botToken: string;
	/** Web API base URL, pointed at the Slack stand-in, though the app makes no Web API call. */
	slackApiUrl: string;
}

export type BaselineHandler = (
	event: APIGatewayProxyEventV2,
	context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Builds the smallest Bolt 5 app behind AwsLambdaReceiver that handles `/registry`. It acks
 * with a fixed text and does nothing else. It is the baseline the bot's handler is compared with.
 * `botId` and `botUserId` are given, so Bolt makes no `auth.test` call, as the bot's own app
 * makes none either.
 */
export function createBaselineHandler(
	options: BaselineOptions,
): BaselineHandler {
	const receiver = new AwsLambdaReceiver({
		signingSecret: options.signingSecret,
	});
	const app = new App({
		receiver,
		token: options.botToken,
		botId: "B0BASELINE",
		botUserId: "U0BASELINE",
		clientOptions: { slackApiUrl: options.slackApiUrl },
	});

	app.command("/registry", async ({ ack }) => {
		await ack("ok");
	});
	return receiver.toHandler();
}
