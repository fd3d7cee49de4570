import type { OperationContext } from "./context";
import { createRegistry } from "./registry-create";
import { deleteRegistry } from "./registry-delete";
import { listRegistries } from "./registry-list";
import { showRegistry } from "./registry-show";
import type { Operation, Outcome, Requester } from "./types";
import { addUser } from "./user-add";
import { auditUsers } from "./user-audit";
import { deleteUser } from "./user-delete";
import { extendUser } from "./user-extend";
import { listUsers } from "./user-list";
import { rotateUser } from "./user-rotate";

/**
 * Runs one validated operation against SAKURA and returns what it did.
 * @throws OperationError with a code the Slack layer explains; other errors are bugs.
 */
export async function runOperation(
	operation: Operation,
	requester: Requester,
	context: OperationContext,
): Promise<Outcome> {
	const started = Date.now();
	const fields = {
		operation: operation.kind,
		requester: requester.userId,
		team: requester.teamId,
	};
	context.log.info("Operation started", fields);

	try {
		const outcome = await dispatch(operation, requester, context);
		context.log.info("Operation finished", {
			...fields,
			durationMs: Date.now() - started,
		});
		return outcome;
	} catch (error) {
		const code = (error as { code?: unknown }).code;
		context.log.warn("Operation failed", {
			...fields,
			durationMs: Date.now() - started,
			code,
		});
		throw error;
	}
}

function dispatch(
	operation: Operation,
	requester: Requester,
	context: OperationContext,
): Promise<Outcome> {
	switch (operation.kind) {
		case "registry.list":
			return listRegistries(context);
		case "registry.show":
			return showRegistry(operation.registry, context);
		case "registry.create":
			return createRegistry(operation, context);
		case "registry.delete":
			return deleteRegistry(operation.registry, requester, context);
		case "user.add":
			return addUser(operation, requester, context);
		case "user.list":
			return listUsers(operation.registry, context);
		case "user.delete":
			return deleteUser(
				operation.registry,
				operation.username,
				requester,
				context,
			);
		case "user.audit":
			return auditUsers(operation.registry, context);
		case "user.extend":
			return extendUser(operation, context);
		case "user.rotate":
			return rotateUser(
				operation.registry,
				operation.username,
				requester,
				context,
			);
	}
}
