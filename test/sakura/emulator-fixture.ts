import { SakuraClient, type SakuraClientOptions } from "../../src/sakura";
import {
	SANDBOX_CREDENTIALS,
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../src/sandbox/sakura-emulator";

/** Retry timing that keeps retry tests fast: waits of a few milliseconds. */
export const FAST_RETRIES = {
	retryBaseDelayMs: 5,
	maxRetryDelayMs: 20,
} as const;

export interface EmulatorFixture {
	emulator: SakuraEmulator;
	client: SakuraClient;
}

/** Starts an emulator on loopback and a client pointed at it with the sandbox credentials. */
export async function startFixture(
	options: Partial<SakuraClientOptions> = {},
): Promise<EmulatorFixture> {
	const emulator = await startSakuraEmulator();
	const client = new SakuraClient({
		...SANDBOX_CREDENTIALS,
		rootUrl: emulator.rootUrl,
		...FAST_RETRIES,
		...options,
	});
	return { emulator, client };
}

export async function stopFixture(
	fixture: EmulatorFixture | undefined,
): Promise<void> {
	await fixture?.client.close();
	await fixture?.emulator.close();
}
