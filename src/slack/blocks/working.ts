import type { Operation } from "../../operations/types";
import { inline, message, render, type SlackMessage, section } from "./mrkdwn";

/** Builds the short note shown while an operation runs, such as "Creating registry `demo`…". */
export function workingMessage(operation: Operation): SlackMessage {
	const text = workingText(operation);
	return message(text, [section(text)]);
}

function workingText(operation: Operation): string {
	switch (operation.kind) {
		case "registry.list":
			return render("working.registry.list");
		case "registry.show":
			return render("working.registry.show", {
				registry: inline(operation.registry),
			});
		case "registry.create":
			return render("working.registry.create", {
				name: inline(operation.name),
			});
		case "registry.delete":
			return render("working.registry.delete", {
				registry: inline(operation.registry),
			});
		case "user.add":
			return render("working.user.add", {
				registry: inline(operation.registry),
				username: inline(operation.username),
			});
		case "user.list":
			return render("working.user.list", {
				registry: inline(operation.registry),
			});
		case "user.audit":
			return render("working.user.audit", {
				registry: inline(operation.registry),
			});
		case "user.delete":
			return render("working.user.delete", {
				registry: inline(operation.registry),
				username: inline(operation.username),
			});
		case "user.rotate":
			return render("working.user.rotate", {
				registry: inline(operation.registry),
				username: inline(operation.username),
			});
		case "user.extend":
			return render("working.user.extend", {
				registry: inline(operation.registry),
				username: inline(operation.username),
			});
	}
}
