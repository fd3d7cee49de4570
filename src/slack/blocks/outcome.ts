import type { KnownBlock } from "@slack/types";
import type { Outcome } from "../../operations/types";
import type { Registry } from "../../sakura/types";
import { auditMessage } from "./audit";
import {
	context,
	inline,
	message,
	render,
	type SlackMessage,
	section,
} from "./mrkdwn";
import { registryListMessage } from "./registry-list";
import { registryShowMessage } from "./registry-show";
import { registryArgument, userBlocks } from "./registry-text";
import { renderText, slackDate } from "./slack-markup";

/**
 * Builds the result message of a finished operation. An `Outcome` never carries a password, so
 * neither does this message: credentials go out only through `credentialsMessage`.
 */
export function outcomeMessage(outcome: Outcome): SlackMessage {
	switch (outcome.kind) {
		case "registry.list":
			return registryListMessage(outcome.registries);
		case "registry.show":
			return registryShowMessage(outcome.registry, outcome.users);
		case "registry.create":
			return createdMessage(outcome.registry);
		case "registry.delete":
			return single(
				render("registry.deleted", {
					name: inline(outcome.registry.name),
					fqdn: inline(outcome.registry.fqdn),
				}),
			);
		case "user.add":
			return single(
				render("user.added", {
					username: inline(outcome.username),
					permission: outcome.permission,
					registry: inline(outcome.registry.name),
				}),
			);
		case "user.list": {
			const fallback = render("user.list_fallback", {
				registry: inline(outcome.registry.name),
				count: outcome.users.length,
			});
			return message(fallback, userBlocks(outcome.registry, outcome.users));
		}
		case "user.audit":
			return auditMessage(outcome);
		case "user.delete":
			return single(
				render("user.deleted", {
					username: inline(outcome.username),
					registry: inline(outcome.registry.name),
				}),
			);
		case "user.rotate":
			return single(
				render("user.rotated", {
					username: inline(outcome.username),
					registry: inline(outcome.registry.name),
				}),
			);
		case "user.extend":
			return single(
				renderText("user.extended", {
					username: inline(outcome.username),
					registry: inline(outcome.registry.name),
					at: slackDate(outcome.expiresAt),
				}),
			);
	}
}

function createdMessage(registry: Registry): SlackMessage {
	const created = render("registry.created", {
		name: inline(registry.name),
		fqdn: inline(registry.fqdn),
	});
	const hint = render("registry.created_hint", {
		reference: registryArgument(registry),
	});
	return message(created, [section(created), context(hint)]);
}

function single(text: string): SlackMessage {
	const blocks: KnownBlock[] = [section(text)];
	return message(text, blocks);
}
