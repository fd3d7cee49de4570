import { t } from "../../i18n";
import type { Credentials } from "../../operations/types";
import {
	context,
	fieldsSection,
	header,
	message,
	render,
	type SlackMessage,
	section,
} from "./mrkdwn";
import { renderText, slackDate } from "./slack-markup";

/** A word the shells people paste into (bash, zsh, PowerShell) read literally without quotes. */
const SHELL_SAFE = /^[A-Za-z0-9._-]+$/;

/** Quotes a value for a POSIX shell command line unless it is already safe as one word. */
function shellWord(value: string): string {
	return SHELL_SAFE.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Builds the direct message that hands a new registry password to the requester. The password
 * appears exactly once, in its own code block. The `docker login` line leaves it out: Docker
 * then asks for it with hidden input, so it stays out of shell history and process lists. The
 * notification `text`, which phones show on the lock screen, never contains the password.
 */
export function credentialsMessage(credentials: Credentials): SlackMessage {
	const { registry, username, password, permission, rotated } = credentials;
	const host = shellWord(registry.fqdn);
	const user = shellWord(username);

	const fallback = rotated
		? render("credentials.fallback_rotated", { username, fqdn: registry.fqdn })
		: render("credentials.fallback_new", { fqdn: registry.fqdn });

	const notes = [render("credentials.store")];
	if (rotated) {
		notes.push(render("credentials.old_password", { username }));
	}
	if (credentials.expiresAt !== undefined) {
		notes.push(
			renderText("credentials.expires", {
				at: slackDate(credentials.expiresAt),
			}),
		);
	}

	return message(fallback, [
		header(t(rotated ? "credentials.title_rotated" : "credentials.title_new")),
		fieldsSection([
			render("credentials.field_registry", { fqdn: registry.fqdn }),
			render("credentials.field_username", { username }),
			render("credentials.field_permission", { permission }),
		]),
		section(render("credentials.password", { password })),
		section(render("credentials.login", { host, username: user })),
		section(render("credentials.login_ci", { host, username: user })),
		context(notes.join("\n")),
	]);
}
