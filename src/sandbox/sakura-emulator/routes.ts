import type { ApiResponse, RequestContext } from "./context";
import { badRequest, EmulatorHttpError, notFound } from "./errors";
import {
	createRegistry,
	deleteRegistry,
	findRegistries,
	readRegistry,
	updateRegistry,
} from "./registry-handlers";
import { addUser, deleteUser, listUsers, updateUser } from "./user-handlers";

/** Zones of SAKURA Cloud. Registries are global, so every zone serves the same set. */
export const KNOWN_ZONES: readonly string[] = [
	"is1a",
	"is1b",
	"is1c",
	"tk1a",
	"tk1b",
	"tk1v",
];

/**
 * `…/{zone}/api/cloud/1.1/commonserviceitem` under any prefix, since official tools let the API root
 * URL be set to anything. The rest of the path is matched segment by segment.
 */
const BASE_PATTERN =
	/^.*\/([^/]+)\/api\/cloud\/1\.1\/commonserviceitem(\/.*)?$/;

type Route =
	| { kind: "registries" }
	| { kind: "registry"; id: string }
	| { kind: "users"; id: string }
	| { kind: "user"; id: string; username: string };

/**
 * Dispatches an authenticated request to its handler.
 * @throws EmulatorHttpError for unknown paths (404), wrong methods (405) and every handler error.
 */
export function routeRequest(
	path: string,
	context: RequestContext,
): ApiResponse {
	const route = matchRoute(path);
	const { method } = context;

	switch (route.kind) {
		case "registries":
			if (method === "GET") return findRegistries(context);
			if (method === "POST") return createRegistry(context);
			break;
		case "registry":
			if (method === "GET") return readRegistry(context, route.id);
			if (method === "PUT") return updateRegistry(context, route.id);
			if (method === "DELETE") return deleteRegistry(context, route.id);
			break;
		case "users":
			if (method === "GET") return listUsers(context, route.id);
			if (method === "POST") return addUser(context, route.id);
			break;
		case "user":
			if (method === "PUT")
				return updateUser(context, route.id, route.username);
			if (method === "DELETE")
				return deleteUser(context, route.id, route.username);
			break;
	}
	throw new EmulatorHttpError(405, `${method} is not allowed on ${path}`);
}

/** Matches a path, allowing one trailing `/` as SAKURA's own examples use before the query. */
function matchRoute(path: string): Route {
	const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
	const match = BASE_PATTERN.exec(trimmed);
	if (match === null) {
		throw notFound(`no route for ${path}`);
	}

	const [, zone, rest] = match;
	if (!KNOWN_ZONES.includes(zone)) {
		throw notFound(`unknown zone ${zone}`);
	}

	const segments = rest === undefined ? [] : rest.slice(1).split("/");
	if (segments.length === 0) {
		return { kind: "registries" };
	}

	const [id, subresource, collection, username, ...extra] = segments;
	if (!/^[0-9]+$/.test(id)) {
		throw notFound(`registry ID ${id} is not decimal`);
	}
	if (subresource === undefined) {
		return { kind: "registry", id };
	}
	if (
		subresource !== "containerregistry" ||
		collection !== "users" ||
		extra.length > 0
	) {
		throw notFound(`no route for ${path}`);
	}
	if (username === undefined) {
		return { kind: "users", id };
	}
	return { kind: "user", id, username: decodePathSegment(username) };
}

function decodePathSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw badRequest(`path segment ${segment} has an invalid percent escape`);
	}
}
