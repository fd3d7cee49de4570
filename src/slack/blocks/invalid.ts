import { t } from "../../i18n";
import type { ParseFailure } from "../grammar";
import {
	context,
	inline,
	message,
	render,
	type SlackMessage,
	section,
} from "./mrkdwn";

/**
 * Builds the reply to a command line that could not be parsed: what is wrong with which value,
 * the usage line of the command when it was recognised, and how to see help.
 */
export function invalidCommandMessage(failure: ParseFailure): SlackMessage {
	const params: Record<string, string> = {};
	for (const [name, value] of Object.entries(failure.params)) {
		params[name] = inline(value);
	}

	const problem = render(failure.key, params);
	const lines = [problem];
	if (failure.usage !== undefined) {
		lines.push(render("parse.usage", { usage: t(failure.usage) }));
	}

	return message(problem, [
		section(lines.join("\n")),
		context(render("parse.see_help")),
	]);
}
