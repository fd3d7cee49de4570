import { createBaselineHandler } from "./baseline-app";

/**
 * Lambda entry point of the baseline app, bundled for the cold start measurement. It reads its
 * settings from the environment at load, as a Lambda handler does.
 */
export const handler = createBaselineHandler({
	signingSecret: requiredVariable("SLACK_SIGNING_SECRET"),
	botToken: requiredVariable("SLACK_BOT_TOKEN"),
	slackApiUrl: requiredVariable("SLACK_API_URL"),
});

function requiredVariable(name: string): string {
	const value = process.env[name];
	if (value === undefined || value === "") {
		throw new Error(`${name} is missing; the benchmark sets it`);
	}
	return value;
}
