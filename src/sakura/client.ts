import { Agent, type Dispatcher } from "undici";
import {
	AmbiguousRegistryError,
	RegistryNotFoundError,
	SakuraApiError,
} from "./errors";
import { SakuraHttp } from "./http";
import { resolveOptions, type SakuraClientOptions } from "./options";
import { REGISTRIES_PATH, registryPath, userPath, usersPath } from "./paths";
import { findQuery } from "./query";
import {
	findEnvelopeSchema,
	parseResponse,
	registryEnvelopeSchema,
	usersEnvelopeSchema,
} from "./schemas";
import type {
	AddUserInput,
	CreateRegistryInput,
	Registry,
	RegistryApi,
	RegistryUser,
	UpdateUserInput,
} from "./types";
import {
	addUserBody,
	createRegistryBody,
	isRegistryItem,
	toRegistry,
	updateUserBody,
} from "./wire";

/** How long an idle keep-alive connection of the default agent stays open, in milliseconds. */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;

/**
 * Client of the SAKURA Cloud API v1.1 for container registries and their users.
 *
 * Every call authenticates with HTTP Basic, times out per attempt and retries 423, 429 and 503
 * responses. Only GET is also retried after a timeout or a lost connection. Registries are global, so
 * the zone in the URL does not change which registries are listed.
 *
 * @example
 * const sakura = new SakuraClient({ accessToken, accessTokenSecret });
 * const registry = await sakura.resolveRegistry("team-images");
 * await sakura.addUser(registry.id, { username: "ci", password, permission: "readwrite" });
 * await sakura.close();
 */
export class SakuraClient implements RegistryApi {
	private readonly http: SakuraHttp;
	/** The agent this client created and must close; undefined when the caller passed a dispatcher. */
	private readonly ownedAgent: Agent | undefined;

	constructor(options: SakuraClientOptions) {
		const resolved = resolveOptions(options);

		let dispatcher: Dispatcher;
		if (options.dispatcher === undefined) {
			this.ownedAgent = new Agent({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS });
			dispatcher = this.ownedAgent;
		} else {
			dispatcher = options.dispatcher;
		}
		this.http = new SakuraHttp(resolved, dispatcher);
	}

	/** Closes the client's own keep-alive connections. A dispatcher passed in the options stays open. */
	async close(): Promise<void> {
		await this.ownedAgent?.close();
	}

	/** Lists every container registry of the account, reading as many pages as SAKURA reports. */
	async listRegistries(): Promise<Registry[]> {
		return this.findRegistries({});
	}

	/**
	 * Reads one registry by its decimal ID.
	 * @throws SakuraApiError with status 404 when no resource has the ID.
	 * @throws RegistryNotFoundError when the ID is not decimal or belongs to a resource of another kind.
	 */
	async getRegistry(id: string): Promise<Registry> {
		const path = registryPath(id);
		const body = await this.http.send({ method: "GET", path });
		const envelope = parseResponse(registryEnvelopeSchema, body, "GET", path);

		if (!isRegistryItem(envelope.CommonServiceItem)) {
			throw new RegistryNotFoundError(id);
		}
		return toRegistry(envelope.CommonServiceItem);
	}

	/**
	 * Finds the registry whose `Name` equals `name` exactly, using SAKURA's exact-match filter.
	 * @throws AmbiguousRegistryError when several registries have the name, because SAKURA does not
	 *   document registry names as unique.
	 */
	async findRegistryByName(name: string): Promise<Registry | undefined> {
		const found = await this.findRegistries({ Name: [name] });
		const matches = found.filter((registry) => registry.name === name);

		if (matches.length > 1) {
			throw new AmbiguousRegistryError(
				name,
				matches.map((registry) => registry.id),
			);
		}
		return matches[0];
	}

	/**
	 * Resolves a reference to a registry. A reference of only digits is tried as an ID first; when no
	 * registry has that ID, it is matched like any other reference, because a label such as
	 * `20260101` is valid too. Any other reference is matched exactly against registry names and,
	 * without case as DNS compares them, against subdomain labels.
	 * @throws RegistryNotFoundError when nothing matches.
	 * @throws AmbiguousRegistryError when the reference names several registries, for example the
	 *   name of one and the label of another, so a destructive command never picks one by guess.
	 */
	async resolveRegistry(nameOrId: string): Promise<Registry> {
		if (nameOrId === "") {
			throw new RegistryNotFoundError(nameOrId);
		}

		if (/^\d+$/.test(nameOrId)) {
			try {
				return await this.getRegistryOrNotFound(nameOrId);
			} catch (error) {
				if (!(error instanceof RegistryNotFoundError)) {
					throw error;
				}
			}
		}

		const label = nameOrId.toLowerCase();
		const registries = await this.listRegistries();
		const matches = registries.filter(
			(registry) =>
				registry.name === nameOrId || registry.subdomainLabel === label,
		);

		if (matches.length > 1) {
			throw new AmbiguousRegistryError(
				nameOrId,
				matches.map((registry) => registry.id),
			);
		}
		if (matches.length === 1) {
			return matches[0];
		}
		throw new RegistryNotFoundError(nameOrId);
	}

	/**
	 * Creates a registry. The request is sent once even when it times out or its connection drops,
	 * because SAKURA may have created the registry already. List the registries before trying again.
	 * @throws SakuraApiError such as 400 `bad_request` for an invalid label or access level.
	 */
	async createRegistry(input: CreateRegistryInput): Promise<Registry> {
		const body = await this.http.send({
			method: "POST",
			path: REGISTRIES_PATH,
			body: createRegistryBody(input),
		});
		const envelope = parseResponse(
			registryEnvelopeSchema,
			body,
			"POST",
			REGISTRIES_PATH,
		);
		return toRegistry(envelope.CommonServiceItem);
	}

	/**
	 * Deletes a registry and, with it, its users. The ID is read first, so that an ID of another kind
	 * of CommonServiceItem, such as a DNS zone, is never deleted through this call.
	 * @throws SakuraApiError with status 404 when no resource has the ID.
	 * @throws RegistryNotFoundError when the ID belongs to a resource of another kind.
	 */
	async deleteRegistry(id: string): Promise<void> {
		await this.getRegistry(id);
		await this.http.sendDiscardingBody({
			method: "DELETE",
			path: registryPath(id),
		});
	}

	/** Lists the users of a registry, in SAKURA's order, which is not guaranteed. Passwords are never returned. */
	async listUsers(registryId: string): Promise<RegistryUser[]> {
		const path = usersPath(registryId);
		const body = await this.http.send({ method: "GET", path });
		const envelope = parseResponse(usersEnvelopeSchema, body, "GET", path);

		const users = envelope.ContainerRegistry?.users ?? [];
		return users.map((user) => ({
			username: user.username,
			permission: user.permission,
		}));
	}

	/**
	 * Adds a registry user. Sent once even when it times out, like `createRegistry`.
	 * Logins with the new password may fail for a few seconds while SAKURA propagates it.
	 */
	async addUser(registryId: string, input: AddUserInput): Promise<void> {
		await this.http.sendDiscardingBody({
			method: "POST",
			path: usersPath(registryId),
			body: addUserBody(input),
		});
	}

	/** Changes a user's permission, and its password unless `input.password` is empty. */
	async updateUser(
		registryId: string,
		username: string,
		input: UpdateUserInput,
	): Promise<void> {
		await this.http.sendDiscardingBody({
			method: "PUT",
			path: userPath(registryId, username),
			body: updateUserBody(input),
		});
	}

	async deleteUser(registryId: string, username: string): Promise<void> {
		await this.http.sendDiscardingBody({
			method: "DELETE",
			path: userPath(registryId, username),
		});
	}

	private async getRegistryOrNotFound(id: string): Promise<Registry> {
		try {
			return await this.getRegistry(id);
		} catch (error) {
			if (error instanceof SakuraApiError && error.status === 404) {
				throw new RegistryNotFoundError(id);
			}
			throw error;
		}
	}

	/**
	 * Reads every page of a find. Pages advance by the number of items received until `Total` is
	 * reached or a page comes back empty. An ID seen on an earlier page is skipped, in case the server
	 * shifted the pages while they were read.
	 */
	private async findRegistries(
		filter: Record<string, string[]>,
	): Promise<Registry[]> {
		const registries = new Map<string, Registry>();
		let from = 0;

		for (;;) {
			const body = await this.http.send({
				method: "GET",
				path: REGISTRIES_PATH,
				query: findQuery(from, filter),
			});
			const page = parseResponse(
				findEnvelopeSchema,
				body,
				"GET",
				REGISTRIES_PATH,
			);

			for (const item of page.CommonServiceItems) {
				if (isRegistryItem(item) && !registries.has(item.ID)) {
					registries.set(item.ID, toRegistry(item));
				}
			}

			from += page.CommonServiceItems.length;
			if (page.CommonServiceItems.length === 0 || from >= page.Total) {
				return [...registries.values()];
			}
		}
	}
}
