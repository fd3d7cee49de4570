import { decide } from "../../../operations/policy";
import type { Operation, Requester } from "../../../operations/types";
import type { Registry } from "../../../sakura/types";
import {
	DeadlineExceededError,
	REGISTRY_LIST_DEADLINE_MS,
	withDeadline,
} from "./deadline";
import type { ModalListenerDependencies } from "./dependencies";

const LIST: Operation = { kind: "registry.list" };

/** The policy does not let the requester list registries. */
export class RegistryListForbiddenError extends Error {
	constructor(readonly userId: string) {
		super(`The policy does not let ${userId} list registries`);
		this.name = "RegistryListForbiddenError";
	}
}

/**
 * Lists the account's registries, through the worker that holds the SAKURA token, within `REGISTRY_LIST_DEADLINE_MS`,
 * logging why the list could not be loaded before rethrowing.
 *
 * With `checkPolicy`, a requester whom the policy forbids to list registries gets
 * `RegistryListForbiddenError`. A listing that would need approval runs anyway, because the picker
 * shows only names and host names, which the form needs to be usable at all.
 */
export async function listRegistriesInTime(
	dependencies: ModalListenerDependencies,
	requester: Requester,
	ids: Record<string, unknown>,
	options: { checkPolicy: boolean },
): Promise<Registry[]> {
	try {
		return await withDeadline(
			listRegistries(dependencies, requester, options.checkPolicy),
			REGISTRY_LIST_DEADLINE_MS,
		);
	} catch (error) {
		dependencies.log.warn("Loading the registry list failed", {
			...ids,
			error: error instanceof Error ? error.name : typeof error,
			errorCode: (error as { code?: unknown }).code,
			timedOut: error instanceof DeadlineExceededError,
		});
		throw error;
	}
}

async function listRegistries(
	dependencies: ModalListenerDependencies,
	requester: Requester,
	checkPolicy: boolean,
): Promise<Registry[]> {
	if (checkPolicy) {
		const { policy, directory } = dependencies.approvals;
		const decision = await decide(policy, LIST, requester, directory);
		if (decision.kind === "forbidden") {
			throw new RegistryListForbiddenError(requester.userId);
		}
	}

	const answer = await dependencies.worker.ask(
		{ type: "registries" },
		REGISTRY_LIST_DEADLINE_MS,
	);
	if (answer.type !== "registries") {
		throw new Error(`The registries query got a ${answer.type} answer`);
	}
	return answer.registries;
}
