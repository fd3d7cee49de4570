import { type MessageKey, t } from "../../i18n";
import {
	context,
	header,
	message,
	render,
	type SlackMessage,
	section,
} from "./mrkdwn";

const REGISTRY_COMMANDS: ReadonlyArray<[MessageKey, MessageKey]> = [
	["help.list", "usage.list"],
	["help.show", "usage.show"],
	["help.create", "usage.create"],
	["help.delete", "usage.delete"],
];

const USER_COMMANDS: ReadonlyArray<[MessageKey, MessageKey]> = [
	["help.user_add", "usage.user_add"],
	["help.user_list", "usage.user_list"],
	["help.user_delete", "usage.user_delete"],
	["help.user_rotate", "usage.user_rotate"],
];

const GRANT_COMMANDS: ReadonlyArray<[MessageKey, MessageKey]> = [
	["help.access", "usage.access"],
	["help.mine", "usage.mine"],
	["help.revoke", "usage.revoke"],
	["help.audit", "usage.audit"],
];

/** Builds the `/registry help` message: every command with its usage line, defaults and aliases. */
export function helpMessage(): SlackMessage {
	const describe = ([help, usage]: [MessageKey, MessageKey]) =>
		render(help, { usage: t(usage) });

	return message(render("help.fallback"), [
		header(t("help.title")),
		section(
			[
				render("help.registries_heading"),
				...REGISTRY_COMMANDS.map(describe),
			].join("\n\n"),
		),
		section(
			[render("help.users_heading"), ...USER_COMMANDS.map(describe)].join(
				"\n\n",
			),
		),
		section(
			[render("help.grants_heading"), ...GRANT_COMMANDS.map(describe)].join(
				"\n\n",
			),
		),
		context(render("help.notes")),
	]);
}
