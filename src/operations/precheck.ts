import { RegistryNotFoundError } from "../sakura/errors";
import type { Registry, RegistryApi, RegistryUser } from "../sakura/types";
import { OperationError } from "./errors";
import { toOperationError } from "./sakura-errors";
import type { Operation } from "./types";

/**
 * Checks what SAKURA can tell before an operation waits for approvers, so approvers are never asked about
 * a request that cannot succeed: the registry it names must exist, a new registry's label must be
 * free, a user to add must be new and a user to delete or rotate must exist. The operation itself checks again when it runs, because approval can take hours.
 * @returns the operation with its registry named by subdomain label, which is unique and readable on
 *   the approval card even when the request named the registry by ID (as the forms do).
 * @throws OperationError such as `registry_not_found` or `registry_label_taken`.
 */
export async function precheckOperation(
	operation: Operation,
	registries: RegistryApi,
): Promise<Operation> {
	if (operation.kind === "registry.list") {
		return operation;
	}

	if (operation.kind === "registry.create") {
		try {
			await registries.resolveRegistry(operation.name);
		} catch (error) {
			if (error instanceof RegistryNotFoundError) {
				return operation;
			}
			throw toOperationError(error);
		}
		throw new OperationError("registry_label_taken", { label: operation.name });
	}

	let registry: Registry;
	try {
		registry = await registries.resolveRegistry(operation.registry);
	} catch (error) {
		throw toOperationError(error, operation.registry);
	}

	if (
		operation.kind === "user.add" ||
		operation.kind === "user.delete" ||
		operation.kind === "user.rotate"
	) {
		await checkUser(operation, registry, registries);
	}
	return { ...operation, registry: registry.subdomainLabel };
}

/** Checks that a user to add is new, and that a user to delete or rotate exists. */
async function checkUser(
	operation: Extract<Operation, { username: string }>,
	registry: Registry,
	registries: RegistryApi,
): Promise<void> {
	let users: RegistryUser[];
	try {
		users = await registries.listUsers(registry.id);
	} catch (error) {
		throw toOperationError(error, operation.registry);
	}

	const exists = users.some((user) => user.username === operation.username);
	const params = { registry: registry.name, username: operation.username };
	if (operation.kind === "user.add" && exists) {
		throw new OperationError("user_exists", params);
	}
	if (operation.kind !== "user.add" && !exists) {
		throw new OperationError("user_not_found", params);
	}
}

/**
 * Time the check before approval may take, in milliseconds. It runs before Slack's 3-second ack, so
 * a slow SAKURA must not hold the ack; the operation checks again when it runs.
 */
export const PRECHECK_DEADLINE_MS = 1_500;

/**
 * Runs `precheckOperation`, but gives up after `deadlineMs` and returns the operation unchanged, so a
 * slow SAKURA only skips the early check. A check that fails within the deadline still throws.
 */
export async function precheckWithin(
	operation: Operation,
	registries: RegistryApi,
	deadlineMs: number = PRECHECK_DEADLINE_MS,
): Promise<Operation> {
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<Operation>((resolve) => {
		timer = setTimeout(() => resolve(operation), deadlineMs);
	});
	const check = precheckOperation(operation, registries);
	// A check that fails after the deadline is ignored, so it must not reject unhandled.
	check.catch(() => undefined);
	try {
		return await Promise.race([check, deadline]);
	} finally {
		clearTimeout(timer);
	}
}
