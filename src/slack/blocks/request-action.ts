import { formatDuration } from "../../operations/grants/lifetime";
import type { Operation } from "../../operations/types";
import { inline } from "./mrkdwn";
import { type Markup, mention, renderMarkup } from "./slack-markup";

/** Domain under which SAKURA serves every registry as `<name>.sakuracr.jp`. */
const REGISTRY_DOMAIN = "sakuracr.jp";

/**
 * Describes in plain words exactly what an operation will change on SAKURA Cloud, such as
 * "Creates registry `demo` at `demo.sakuracr.jp`". Credentials always go to the requester, so the
 * description names them as the one who gets the password.
 */
export function describeAction(
	operation: Operation,
	requesterId: string,
): Markup {
	const requester = mention(requesterId);

	switch (operation.kind) {
		case "registry.list":
			return renderMarkup("request.action.registry.list");
		case "registry.show":
			return renderMarkup("request.action.registry.show", {
				registry: inline(operation.registry),
			});
		case "registry.create":
			return describeCreate(operation);
		case "registry.delete":
			return renderMarkup("request.action.registry.delete", {
				registry: inline(operation.registry),
			});
		case "user.add":
			if (operation.lifetimeSeconds !== undefined) {
				return renderMarkup("request.action.user.add_for", {
					username: inline(operation.username),
					permission: operation.permission,
					registry: inline(operation.registry),
					requester,
					lifetime: formatDuration(operation.lifetimeSeconds),
				});
			}
			return renderMarkup("request.action.user.add", {
				username: inline(operation.username),
				permission: operation.permission,
				registry: inline(operation.registry),
				requester,
			});
		case "user.list":
			return renderMarkup("request.action.user.list", {
				registry: inline(operation.registry),
			});
		case "user.audit":
			return renderMarkup("request.action.user.audit", {
				registry: inline(operation.registry),
			});
		case "user.delete":
			return renderMarkup("request.action.user.delete", {
				username: inline(operation.username),
				registry: inline(operation.registry),
			});
		case "user.rotate":
			return renderMarkup("request.action.user.rotate", {
				username: inline(operation.username),
				registry: inline(operation.registry),
				requester,
			});
		case "user.extend":
			return renderMarkup("request.action.user.extend", {
				username: inline(operation.username),
				registry: inline(operation.registry),
			});
	}
}

function describeCreate(
	operation: Extract<Operation, { kind: "registry.create" }>,
): Markup {
	const parts = [
		renderMarkup("request.action.registry.create", {
			name: inline(operation.name),
			fqdn: inline(`${operation.name}.${REGISTRY_DOMAIN}`),
			accessLevel: operation.accessLevel,
		}).markup,
	];
	if (operation.virtualDomain !== undefined) {
		parts.push(
			renderMarkup("request.action.registry.create_domain", {
				domain: inline(operation.virtualDomain),
			}).markup,
		);
	}
	if (operation.description !== undefined) {
		parts.push(
			renderMarkup("request.action.registry.create_description", {
				description: inline(operation.description),
			}).markup,
		);
	}
	return { markup: parts.join(" ") };
}
