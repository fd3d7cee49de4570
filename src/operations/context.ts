import type { Log } from "../logging";
import type { RegistryApi } from "../sakura/types";
import type { CredentialDelivery } from "./types";

/** Dependencies of every operation: the SAKURA API, credential delivery and logging. */
export interface OperationContext {
	registries: RegistryApi;
	delivery: CredentialDelivery;
	log: Log;
	/** Password source; tests may pass a fixed one, production uses `generatePassword`. */
	generatePassword?: () => string;
}
