import {
	AmbiguousRegistryError,
	RegistryNotFoundError,
	SakuraApiError,
	SakuraNetworkError,
	SakuraResponseError,
	SakuraTimeoutError,
} from "../sakura/errors";
import { OperationError } from "./errors";

/** HTTP statuses SAKURA uses for "busy, try later"; the client has already retried them. */
const UNAVAILABLE_STATUSES = new Set([423, 429, 502, 503, 504]);

/**
 * Translates a SAKURA client error into an `OperationError` the Slack layer can explain.
 * Errors that are already `OperationError`s pass through; anything else is re-thrown unchanged.
 */
export function toOperationError(
	error: unknown,
	registry?: string,
): OperationError {
	if (error instanceof OperationError) {
		return error;
	}
	if (error instanceof RegistryNotFoundError) {
		return new OperationError(
			"registry_not_found",
			{ registry: error.registry },
			{ cause: error },
		);
	}
	if (error instanceof AmbiguousRegistryError) {
		return new OperationError(
			"registry_ambiguous",
			{ registry: error.registry, ids: error.ids.join(", ") },
			{ cause: error },
		);
	}
	if (error instanceof SakuraResponseError) {
		return new OperationError(
			"sakura_failed",
			{ status: "200", errorCode: "unexpected_response" },
			{ cause: error },
		);
	}
	if (error instanceof SakuraTimeoutError) {
		return new OperationError("sakura_timeout", {}, { cause: error });
	}
	if (error instanceof SakuraNetworkError) {
		return new OperationError("sakura_unavailable", {}, { cause: error });
	}
	if (error instanceof SakuraApiError) {
		return fromApiError(error, registry);
	}
	throw error;
}

function fromApiError(
	error: SakuraApiError,
	registry: string | undefined,
): OperationError {
	const details = {
		status: String(error.status),
		errorCode: error.errorCode,
		serial: error.serial,
		sakuraMessage: error.apiMessage,
	};

	if (error.status === 401 || error.status === 403) {
		return new OperationError("sakura_unauthorized", details, { cause: error });
	}
	if (error.status === 404 && registry !== undefined) {
		return new OperationError(
			"registry_not_found",
			{ registry },
			{ cause: error },
		);
	}
	if (UNAVAILABLE_STATUSES.has(error.status)) {
		return new OperationError("sakura_unavailable", details, { cause: error });
	}
	if (error.status === 400) {
		return new OperationError("invalid_request", details, { cause: error });
	}
	return new OperationError("sakura_failed", details, { cause: error });
}
