import type { KnownBlock } from "@slack/types";
import { type MessageKey, t } from "../../i18n";
import type { OperationError } from "../../operations/errors";
import type { Operation } from "../../operations/types";
import { slackErrorRemedy } from "../web-api-errors";
import {
	commandArgument,
	context,
	inline,
	message,
	render,
	type SlackMessage,
	section,
} from "./mrkdwn";

/**
 * Builds the reply to an operation that failed, in plain words that state what to do next. Pass
 * the operation when it is known. After a timeout or an unavailable SAKURA, the message then
 * states what to check for that operation, in place of a general note.
 */
export function operationErrorMessage(
	error: OperationError,
	operation?: Operation,
): SlackMessage {
	const params = error.params;
	const value = (name: string, fallback: MessageKey = "value.unknown") => {
		const paramValue = params[name];
		return paramValue === undefined || paramValue === ""
			? t(fallback)
			: inline(paramValue);
	};

	const registry = value("registry");
	const reference = inline(commandArgument(params.registry ?? ""));
	const lines: string[] = [];
	const notes: string[] = [];

	switch (error.code) {
		case "registry_not_found":
			lines.push(render("error.registry_not_found", { registry }));
			if (
				params.registry !== undefined &&
				params.registry !== params.registry.toLowerCase()
			) {
				lines.push(
					render("error.registry_not_found_uppercase", {
						suggestion: inline(params.registry.toLowerCase()),
					}),
				);
			}
			break;
		case "registry_ambiguous":
			lines.push(
				render("error.registry_ambiguous", { registry, ids: value("ids") }),
			);
			break;
		case "registry_label_taken":
			lines.push(
				render("error.registry_label_taken", { label: value("label") }),
			);
			break;
		case "access_level_rejected":
			lines.push(
				render("error.access_level_rejected", {
					accessLevel: value("accessLevel"),
				}),
			);
			notes.push(...details(params));
			break;
		case "user_exists":
			lines.push(
				render("error.user_exists", {
					registry,
					reference,
					username: value("username"),
				}),
			);
			break;
		case "user_not_found":
			lines.push(
				render("error.user_not_found", {
					registry,
					reference,
					username: value("username"),
				}),
			);
			break;
		case "user_busy":
			lines.push(
				render("error.user_busy", {
					registry,
					username: value("username"),
				}),
			);
			break;
		case "request_limit":
			lines.push(render("error.request_limit", { limit: value("limit") }));
			break;
		case "invalid_request":
			lines.push(
				render("error.invalid_request", {
					sakuraMessage: value("sakuraMessage", "value.empty_message"),
				}),
			);
			notes.push(...details(params));
			break;
		case "sakura_unauthorized":
			lines.push(render("error.sakura_unauthorized"));
			notes.push(...details(params));
			break;
		case "sakura_unavailable":
		case "sakura_timeout":
			lines.push(render(`error.${error.code}`));
			// Only a write that got no response may have happened, because a refusal or a failed read changed nothing.
			if (params.uncertain === "true") {
				lines.push(...mayHaveGoneThrough(operation));
			}
			notes.push(...details(params));
			break;
		case "sakura_failed":
			lines.push(
				render("error.sakura_failed", {
					status: value("status"),
					errorCode: value("errorCode"),
					serial: value("serial"),
					sakuraMessage: value("sakuraMessage", "value.empty_message"),
				}),
			);
			break;
		case "grant_not_found":
			lines.push(
				render("error.grant_not_found", {
					registry,
					reference,
					username: value("username"),
				}),
			);
			break;
		case "job_failed":
			lines.push(render("error.job_failed"));
			lines.push(...mayHaveGoneThrough(operation));
			break;
		case "credentials_undelivered":
			lines.push(
				render(
					params.revoked === "false"
						? "error.credentials_unrevoked"
						: "error.credentials_undelivered",
					{ registry, username: value("username") },
				),
			);
			lines.push(
				render(deliveryAdvice(params.deliveryError), {
					deliveryError: value("deliveryError"),
				}),
			);
			break;
		default:
			return assertNever(error.code);
	}

	const text = lines.join("\n");
	const blocks: KnownBlock[] = [section(text)];
	if (notes.length > 0) {
		blocks.push(context(notes.join("\n")));
	}
	return message(lines[0], blocks);
}

/**
 * Returns the HTTP status, SAKURA error code and serial of a SAKURA error response, when the
 * error carries them. An admin needs the serial to ask SAKURA's support about a request.
 */
function details(params: Record<string, string>): string[] {
	if (params.status === undefined && params.serial === undefined) {
		return [];
	}
	const detail = (name: string) => inline(params[name] || t("value.unknown"));
	return [
		render("error.details", {
			status: detail("status"),
			errorCode: detail("errorCode"),
			serial: detail("serial"),
		}),
	];
}

/**
 * Returns what to check before retrying. A request that timed out or met an unavailable SAKURA may
 * still have been carried out.
 */
function mayHaveGoneThrough(operation: Operation | undefined): string[] {
	switch (operation?.kind) {
		case "registry.create":
			return [render("error.check_create")];
		case "user.add":
			return [
				render("error.check_user_add", {
					reference: inline(commandArgument(operation.registry)),
				}),
			];
		case "user.rotate":
			return [render("error.check_rotate")];
		case "registry.delete":
			return [render("error.check_delete")];
		case undefined:
			return [render("error.check_any")];
		default:
			// Reads, and a user deletion, which a retry repeats safely.
			return [];
	}
}

/**
 * Builds the reply to a failure the bot did not expect, such as a bug. `reference` is an id that
 * also appears in the logs, so an admin can find the details; the message shows nothing else.
 */
export function unexpectedErrorMessage(reference: string): SlackMessage {
	const text = render("error.unexpected", { reference: inline(reference) });
	return message(text, [section(text)]);
}

/** Picks what the requester should do about a failed credentials DM, by Slack's error code. */
function deliveryAdvice(deliveryError: string | undefined): MessageKey {
	switch (slackErrorRemedy(deliveryError)) {
		case "admin":
			return "error.dm_advice_admin";
		case "retry":
			return "error.dm_advice_retry";
		default:
			return "error.dm_advice_open_dm";
	}
}

function assertNever(code: never): never {
	throw new Error(`No message for operation error code ${String(code)}`);
}
