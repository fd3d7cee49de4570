import { recordForSecretScan } from "../secret-scan-record";
import {
	type ApiResponse,
	parseJsonBody,
	type RequestContext,
} from "./context";
import { parseAddUser, parseUpdateUser } from "./validation";

// NOTE: SAKURA's status codes and bodies for adding, changing and deleting a user are not published,
// and official clients ignore the body. These return 200 with SAKURA's usual success flags.
const USER_CHANGE_RESPONSE: ApiResponse = {
	status: 200,
	body: { Success: true, is_ok: true },
};

/** GET `…/containerregistry/users`: names and permissions without passwords, `users: []` when none. */
export function listUsers(
	context: RequestContext,
	registryId: string,
): ApiResponse {
	const users = context.store.get(registryId).users.map((user) => ({
		username: user.username,
		permission: user.permission,
	}));
	return { status: 200, body: { ContainerRegistry: { users }, is_ok: true } };
}

/** POST `…/containerregistry/users`. A second user with the same name is a 409 `conflict`. */
export function addUser(
	context: RequestContext,
	registryId: string,
): ApiResponse {
	context.store.get(registryId);
	const user = parseAddUser(parseJsonBody(context.rawBody), context.rules);
	context.store.addUser(registryId, user);
	recordAcceptedPassword(user.password);
	return USER_CHANGE_RESPONSE;
}

/** PUT `…/containerregistry/users/{username}`: sets the permission, and the password unless it is `""`. */
export function updateUser(
	context: RequestContext,
	registryId: string,
	username: string,
): ApiResponse {
	context.store.get(registryId);
	const change = parseUpdateUser(parseJsonBody(context.rawBody), context.rules);
	context.store.updateUser(registryId, username, change);
	recordAcceptedPassword(change.password);
	return USER_CHANGE_RESPONSE;
}

/** DELETE `…/containerregistry/users/{username}`. */
export function deleteUser(
	context: RequestContext,
	registryId: string,
	username: string,
): ApiResponse {
	context.store.deleteUser(registryId, username);
	return USER_CHANGE_RESPONSE;
}

/**
 * Hands a password the emulator stored to the test suite's secret scan, which checks that it
 * appears nowhere but in the requester's DM. An empty password leaves the old one unchanged.
 */
function recordAcceptedPassword(password: string): void {
	if (password === "") {
		return;
	}
	recordForSecretScan({
		type: "secret",
		kind: "registry-password",
		value: password,
	});
}
