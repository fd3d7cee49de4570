import { OperationError } from "../../operations/errors";
import { precheckOperation } from "../../operations/precheck";
import { toOperationError } from "../../operations/sakura-errors";
import type { RegistryApi } from "../../sakura/types";
import type { QueryAnswer, WorkerQuery } from "../jobs";

/**
 * Answers a query from the slack function with what only the SAKURA token can read. A refusal by
 * the check before approval is an answer, not a failure; any other error is thrown, and the asking
 * side treats it like no answer.
 */
export async function answerQuery(
	query: WorkerQuery,
	registries: RegistryApi,
): Promise<QueryAnswer> {
	if (query.type === "registries") {
		try {
			const list = await registries.listRegistries();
			list.sort((a, b) => a.name.localeCompare(b.name));
			return { type: "registries", registries: list };
		} catch (error) {
			throw toOperationError(error);
		}
	}

	try {
		const operation = await precheckOperation(query.operation, registries);
		return { type: "precheck", operation };
	} catch (error) {
		if (error instanceof OperationError) {
			return { type: "refused", code: error.code, params: error.params };
		}
		throw error;
	}
}
