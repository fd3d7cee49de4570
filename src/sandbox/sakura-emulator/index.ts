export type { Fault, FaultAction } from "./faults";
export {
	type ApiCredentials,
	type DuplicateLabelStatus,
	SANDBOX_CREDENTIALS,
	type SakuraEmulatorOptions,
} from "./options";
export type { RecordedRequest } from "./request-handler";
export { KNOWN_ZONES } from "./routes";
export { type SakuraEmulator, startSakuraEmulator } from "./server";
