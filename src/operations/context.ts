import type { Log } from "../logging";
import type { RegistryApi } from "../sakura/types";
import type { CredentialDelivery } from "./types";

/** What every operation needs from the outside world. */
export interface OperationContext {
	registries: RegistryApi;
	delivery: CredentialDelivery;
	log: Log;
	/** Password source; tests may pass a fixed one, production uses `generatePassword`. */
	generatePassword?: () => string;
}
