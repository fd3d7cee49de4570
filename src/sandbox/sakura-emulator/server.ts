import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { recordForSecretScan } from "../secret-scan-record";
import type { Fault } from "./faults";
import { FaultQueue } from "./faults";
import { writeHtpasswd } from "./htpasswd";
import { resolveOptions, type SakuraEmulatorOptions } from "./options";
import {
	type EmulatorState,
	handleRequest,
	type RecordedRequest,
} from "./request-handler";
import { RegistryStore } from "./store";

/** A running emulator of SAKURA Cloud's container registry API. */
export interface SakuraEmulator {
	/** Root URL, like https://secure.sakura.ad.jp/cloud/zone: clients append /{zone}/api/cloud/1.1/... */
	rootUrl: string;
	/** Stops listening and ends every open connection, hung requests included. */
	close(): Promise<void>;
	injectFault(fault: Fault): void;
	clearFaults(): void;
	/** Sets the milliseconds added before every later response. */
	setLatency(ms: number): void;
	/** Every request received: method, path (without query), status sent. Never bodies or headers. */
	readonly requests: readonly RecordedRequest[];
	/** Inspection for tests, returning copies. */
	registries(): {
		id: string;
		name: string;
		subdomainLabel: string;
		accessLevel: string;
		virtualDomain: string;
		description: string;
	}[];
	/** Lists a registry's users, or none when the registry does not exist. */
	users(registryId: string): { username: string; permission: string }[];
	/** True when the user exists and the password matches (passwords are stored as hashes, never plain). */
	verifyPassword(
		registryId: string,
		username: string,
		password: string,
	): boolean;
	/**
	 * Adds a registry directly, bypassing HTTP and validation, for test setup. Returns its id.
	 * The subdomain label defaults to the name and the access level to `none`.
	 * @throws Error when the subdomain label is already in use.
	 */
	seedRegistry(input: {
		name: string;
		subdomainLabel?: string;
		accessLevel?: string;
	}): string;
}

/**
 * Starts the emulator on 127.0.0.1. It serves SAKURA Cloud's container registry endpoints under
 * `/cloud/zone/{zone}/api/cloud/1.1/commonserviceitem` (and under any other prefix), with HTTP Basic
 * auth, SAKURA's envelopes and error bodies, and injectable faults. It logs only unexpected
 * failures, and only to `options.log`.
 */
export async function startSakuraEmulator(
	options?: SakuraEmulatorOptions,
): Promise<SakuraEmulator> {
	const settings = resolveOptions(options);
	for (const pair of settings.credentials) {
		recordForSecretScan({
			type: "secret",
			kind: "sakura-access-token",
			value: pair.accessToken,
		});
		recordForSecretScan({
			type: "secret",
			kind: "sakura-access-token-secret",
			value: pair.accessTokenSecret,
		});
	}
	const timers = new Set<NodeJS.Timeout>();
	const state: EmulatorState = {
		settings,
		store: new RegistryStore(),
		faults: new FaultQueue(),
		requests: [],
		heldSockets: new Set(),
		latencyMs: settings.latencyMs,
		closed: false,
		sleep: (ms) =>
			new Promise<void>((resolve) => {
				if (ms <= 0) {
					resolve();
					return;
				}
				const timer = setTimeout(() => {
					timers.delete(timer);
					resolve();
				}, ms);
				timers.add(timer);
			}),
		log: options?.log,
	};
	const { store } = state;

	const { htpasswdPath } = settings;
	if (htpasswdPath !== undefined) {
		const syncHtpasswd = () =>
			writeHtpasswd(htpasswdPath, store.list(), settings.htpasswdRegistry);
		syncHtpasswd();
		store.onUsersChanged = syncHtpasswd;
	}

	const server = createServer((request, response) => {
		handleRequest(state, request, response).catch((error: unknown) => {
			state.log?.error("SAKURA emulator dropped a connection after a failure", {
				error: String(error),
			});
			response.destroy();
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once("error", reject);
		server.listen(settings.port, "127.0.0.1", () => {
			server.off("error", reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;

	return {
		rootUrl: `http://127.0.0.1:${port}/cloud/zone`,

		close: async () => {
			if (state.closed) {
				return;
			}
			state.closed = true;

			// Pending latency and delay waits never end, so no response is written after close.
			for (const timer of timers) {
				clearTimeout(timer);
			}
			timers.clear();
			for (const socket of state.heldSockets) {
				socket.destroy();
			}
			state.heldSockets.clear();

			const stopped = new Promise<void>((resolve) =>
				server.close(() => resolve()),
			);
			server.closeAllConnections();
			await stopped;
		},

		injectFault: (fault) => state.faults.add(fault),
		clearFaults: () => state.faults.clear(),
		setLatency: (ms) => {
			state.latencyMs = ms;
		},

		get requests() {
			return state.requests.map((entry) => ({ ...entry }));
		},

		registries: () =>
			store.list().map((registry) => ({
				id: registry.id,
				name: registry.name,
				subdomainLabel: registry.subdomainLabel,
				accessLevel: registry.accessLevel,
				virtualDomain: registry.virtualDomain,
				description: registry.description,
			})),

		users: (registryId) => {
			const registry = store
				.list()
				.find((candidate) => candidate.id === registryId);
			const users = registry?.users ?? [];
			return users.map((user) => ({
				username: user.username,
				permission: user.permission,
			}));
		},

		verifyPassword: (registryId, username, password) =>
			store.verifyPassword(registryId, username, password),

		seedRegistry: (input) => {
			const subdomainLabel = input.subdomainLabel ?? input.name;
			if (store.findByLabel(subdomainLabel) !== undefined) {
				throw new Error(
					`subdomain label ${subdomainLabel} is already in use; seed each registry with its own label`,
				);
			}
			const registry = store.create({
				name: input.name,
				description: "",
				tags: [],
				iconId: null,
				subdomainLabel,
				accessLevel: input.accessLevel ?? "none",
				virtualDomain: "",
			});
			return registry.id;
		},
	};
}
