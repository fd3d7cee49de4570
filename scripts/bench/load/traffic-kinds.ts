import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
} from "aws-lambda";
import { t } from "../../../src/i18n";
import type { Sandbox } from "../../../src/sandbox/start";
import {
	finishedClickScenario,
	helpScenario,
	slashCommandEvent,
} from "../scenarios";
import {
	catalogMatcher,
	commandResponseUrl,
	interactionResponseUrl,
	type ResponseIndex,
	textOf,
} from "./replies";

/** A kind of request in the mixed load, with how to build one and how to check its replies. */
export interface TrafficKind {
	name: string;
	/** Builds a freshly signed event and the response URL it carries, outside the timed part. */
	build: () => { event: APIGatewayProxyEventV2; responseUrl: string };
	/** Returns why the ack or the reply is wrong, or undefined when both are as expected. */
	problem: (
		response: APIGatewayProxyStructuredResultV2,
		responseUrl: string,
	) => string | undefined;
}

/**
 * Builds the four kinds of the mixed load, in the order help, list, show, click. The setup
 * requests registry `registryName` as hanako and approves it once as alex, so the registry
 * exists for list and show, and every later Approve click meets a finished request.
 * @throws Error when the setup's create, approval or first repeated click goes wrong.
 */
export async function trafficKinds(
	sandbox: Sandbox,
	replies: ResponseIndex,
	registryName: string,
): Promise<[TrafficKind, TrafficKind, TrafficKind, TrafficKind]> {
	const fqdn = `${registryName}.sakuracr.jp`;
	const helpCheck = helpScenario(sandbox).check;
	const finished = await finishedClickScenario(sandbox, registryName);
	const isAlreadyApproved = catalogMatcher([
		"request.click.approved",
		"request.click.duplicate",
	]);
	const showFallbacks = (["en", "ja"] as const).map((locale) =>
		t("registry.show_fallback", { name: registryName, fqdn }, locale),
	);

	const command = (text: string) => () => {
		const event = slashCommandEvent(text, sandbox.signingSecret, sandbox.slack);
		return { event, responseUrl: commandResponseUrl(event) };
	};
	const onlyReply = (url: string, expected: (body: unknown) => boolean) => {
		const posts = replies.postsTo(url);
		if (posts.length !== 1) {
			return `${posts.length} posts to the response URL, expected 1`;
		}
		if (!expected(posts[0].body)) {
			return `unexpected reply: ${JSON.stringify(posts[0].body).slice(0, 200)}`;
		}
		return undefined;
	};

	return [
		{
			name: "/registry help",
			build: command("help"),
			problem: (response) => {
				try {
					helpCheck(response);
					return undefined;
				} catch (error) {
					return error instanceof Error ? error.message : String(error);
				}
			},
		},
		{
			name: "/registry list",
			build: command("list"),
			problem: (response, url) =>
				statusProblem(response) ??
				onlyReply(url, (body) => JSON.stringify(body).includes(fqdn)),
		},
		{
			name: `/registry show ${registryName}`,
			build: command(`show ${registryName}`),
			problem: (response, url) =>
				statusProblem(response) ??
				onlyReply(url, (body) => showFallbacks.includes(textOf(body))),
		},
		{
			name: "Approve click, finished request",
			build: () => {
				const event = finished.event();
				return { event, responseUrl: interactionResponseUrl(event) };
			},
			problem: (response, url) =>
				statusProblem(response) ??
				onlyReply(url, (body) => isAlreadyApproved(textOf(body))),
		},
	];
}

function statusProblem(
	response: APIGatewayProxyStructuredResultV2,
): string | undefined {
	if (response.statusCode !== 200) {
		return `HTTP ${response.statusCode}: ${String(response.body).slice(0, 200)}`;
	}
	return undefined;
}
