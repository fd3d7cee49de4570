import {
	type ApiResponse,
	parseJsonBody,
	type RequestContext,
} from "./context";
import { conflict, EmulatorHttpError } from "./errors";
import { parseFindQuery, runFind } from "./search";
import { parseCreateRegistry, parseUpdateRegistry } from "./validation";
import { settingsHash, settingsOf, toNakedRegistry } from "./wire";

/** GET `/commonserviceitem?{json}`: SAKURA's list envelope with `Total`, `From` and `Count`. */
export function findRegistries(context: RequestContext): ApiResponse {
	const query = parseFindQuery(context.rawQuery);
	const result = runFind(context.store.list(), query);
	return {
		status: 200,
		body: {
			Total: result.total,
			From: result.from,
			Count: result.items.length,
			CommonServiceItems: result.items.map((registry) =>
				toNakedRegistry(registry, context.bigintAsInt),
			),
			is_ok: true,
		},
	};
}

/** POST `/commonserviceitem`: 201 with the new registry. Subdomain labels are DNS names, so unique. */
export function createRegistry(context: RequestContext): ApiResponse {
	const input = parseCreateRegistry(
		parseJsonBody(context.rawBody),
		context.rules,
	);

	if (context.store.findByLabel(input.subdomainLabel) !== undefined) {
		throw new EmulatorHttpError(
			context.rules.duplicateLabelStatus,
			`subdomain label ${input.subdomainLabel} is already in use`,
		);
	}

	const registry = context.store.create(input);
	return {
		status: 201,
		body: {
			CommonServiceItem: toNakedRegistry(registry, context.bigintAsInt),
			Success: true,
			is_ok: true,
		},
	};
}

/** GET `/commonserviceitem/{id}`. */
export function readRegistry(context: RequestContext, id: string): ApiResponse {
	const registry = context.store.get(id);
	return {
		status: 200,
		body: {
			CommonServiceItem: toNakedRegistry(registry, context.bigintAsInt),
			is_ok: true,
		},
	};
}

/**
 * PUT `/commonserviceitem/{id}`. With `enforceSettingsHash`, a `SettingsHash` other than the current
 * one is rejected with 409, the optimistic lock that SAKURA's clients intend by echoing it.
 */
export function updateRegistry(
	context: RequestContext,
	id: string,
): ApiResponse {
	const current = context.store.get(id);
	const request = parseUpdateRegistry(
		parseJsonBody(context.rawBody),
		context.rules,
		current,
	);

	const currentHash = settingsHash(settingsOf(current));
	if (
		context.rules.enforceSettingsHash &&
		request.settingsHash !== undefined &&
		request.settingsHash !== currentHash
	) {
		throw conflict(
			`SettingsHash ${request.settingsHash} is stale; the current one is ${currentHash}`,
		);
	}

	const registry = context.store.update(id, request.changes);
	return {
		status: 200,
		body: {
			CommonServiceItem: toNakedRegistry(registry, context.bigintAsInt),
			Success: true,
			is_ok: true,
		},
	};
}

/** DELETE `/commonserviceitem/{id}`: returns the deleted registry and deletes its users. */
export function deleteRegistry(
	context: RequestContext,
	id: string,
): ApiResponse {
	const registry = context.store.delete(id);
	return {
		status: 200,
		body: {
			CommonServiceItem: toNakedRegistry(registry, context.bigintAsInt),
			Success: true,
			is_ok: true,
		},
	};
}
