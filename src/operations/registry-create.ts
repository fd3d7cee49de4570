import { RegistryNotFoundError } from "../sakura/errors";
import type { AccessLevel, Registry } from "../sakura/types";
import type { OperationContext } from "./context";
import { OperationError } from "./errors";
import { toOperationError } from "./sakura-errors";
import type { Outcome } from "./types";
import { isUncertain, markUncertain } from "./uncertain-write";

export interface CreateRegistryRequest {
	name: string;
	accessLevel: AccessLevel;
	virtualDomain?: string;
	description?: string;
}

/**
 * Creates a registry whose display name and subdomain label are both `name`, as savac does, so it
 * is served at `<name>.sakuracr.jp`. A label already in use is reported before anything is sent.
 */
export async function createRegistry(
	request: CreateRegistryRequest,
	context: OperationContext,
): Promise<Outcome> {
	if (context.recovering === true) {
		const created = await findFromEarlierRun(request.name, context);
		if (created !== undefined) {
			return { kind: "registry.create", registry: created };
		}
	}
	await rejectTakenLabel(request.name, context);

	try {
		const registry = await context.registries.createRegistry({
			name: request.name,
			subdomainLabel: request.name,
			accessLevel: request.accessLevel,
			virtualDomain: request.virtualDomain,
			description: request.description,
		});
		return { kind: "registry.create", registry };
	} catch (error) {
		if (isUncertain(error)) {
			return {
				kind: "registry.create",
				registry: await findCreated(request.name, error, context),
			};
		}
		throw explainCreateError(error, request);
	}
}

/**
 * Looks for the registry after a create that timed out or lost its connection: the label was free
 * before, so a registry with it now is the one just created.
 */
async function findCreated(
	label: string,
	createError: unknown,
	context: OperationContext,
): Promise<Registry> {
	let registry: Registry;
	try {
		registry = await context.registries.resolveRegistry(label);
	} catch (error) {
		if (error instanceof RegistryNotFoundError) {
			throw toOperationError(createError);
		}
		throw markUncertain(error);
	}
	context.log.warn("Registry create timed out but the registry exists", {
		registryId: registry.id,
		label,
	});
	return registry;
}

/**
 * Looks for a registry with the label before an earlier run's create is repeated. That run
 * checked the label was free, so a registry with it now is the one it created.
 */
async function findFromEarlierRun(
	label: string,
	context: OperationContext,
): Promise<Registry | undefined> {
	try {
		const registry = await context.registries.resolveRegistry(label);
		context.log.warn("Registry exists from an earlier run of this request", {
			registryId: registry.id,
			label,
		});
		return registry;
	} catch (error) {
		if (error instanceof RegistryNotFoundError) {
			return undefined;
		}
		throw toOperationError(error);
	}
}

async function rejectTakenLabel(
	label: string,
	context: OperationContext,
): Promise<void> {
	try {
		await context.registries.resolveRegistry(label);
	} catch (error) {
		if (error instanceof RegistryNotFoundError) {
			return;
		}
		throw toOperationError(error);
	}
	throw new OperationError("registry_label_taken", { label });
}

/**
 * SAKURA returns 400 `bad_request` without saying which field it rejected. Since mid-2026 it
 * accepts only `none` for new registries, so a 400 on a `readonly` request is that rule.
 */
function explainCreateError(
	error: unknown,
	request: CreateRegistryRequest,
): OperationError {
	const operationError = toOperationError(error);
	if (
		operationError.code === "invalid_request" &&
		request.accessLevel !== "none"
	) {
		return new OperationError(
			"access_level_rejected",
			{ accessLevel: request.accessLevel, ...operationError.params },
			{ cause: error },
		);
	}
	if (operationError.params.status === "409") {
		return new OperationError(
			"registry_label_taken",
			{ label: request.name },
			{ cause: error },
		);
	}
	return operationError;
}
