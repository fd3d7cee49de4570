export { SakuraClient } from "./client";
export {
	AmbiguousRegistryError,
	RegistryNotFoundError,
	SakuraApiError,
	SakuraError,
	SakuraNetworkError,
	SakuraResponseError,
	SakuraTimeoutError,
} from "./errors";
export type { SakuraClientOptions, SakuraLogger } from "./options";
export * from "./types";
