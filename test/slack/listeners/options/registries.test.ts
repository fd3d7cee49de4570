import { type Harness, startHarness } from "../../../handlers/slack-harness";
import { blockSuggestionPayload } from "../../../helpers/slack-events";
import { interact } from "../modal-harness";

let harness: Harness;
const ids: Record<string, string> = {};

beforeAll(async () => {
	// A SAKURA timeout above the fault's delay lets an abandoned listing finish instead of retrying.
	harness = await startHarness({
		env: (env) => ({ ...env, SAKURA_TIMEOUT_MS: "5000" }),
	});
	for (const name of ["team-images", "payments", "team-tools"]) {
		ids[name] = harness.emulator.seedRegistry({ name });
	}
});

afterAll(async () => {
	await harness.close();
});

function suggest(value: string, actionId = "registry_select") {
	return interact(
		harness,
		blockSuggestionPayload({ actionId, blockId: "field_registry", value }),
	);
}

interface OptionsAck {
	options: { text: { type: string; text: string }; value: string }[];
}

describe("registry picker options", () => {
	it("lists every registry before anything is typed", async () => {
		const result = await suggest("");

		expect(result.status).toBe(200);
		const ack = result.ack as OptionsAck;
		expect(ack.options.map((option) => option.value)).toEqual([
			ids.payments,
			ids["team-images"],
			ids["team-tools"],
		]);
		expect(ack.options[0].text).toEqual({
			type: "plain_text",
			text: "payments (payments.sakuracr.jp)",
		});
	});

	it("filters by the typed text, ignoring case", async () => {
		const result = await suggest("TEAM-");

		const ack = result.ack as OptionsAck;
		expect(ack.options.map((option) => option.value)).toEqual([
			ids["team-images"],
			ids["team-tools"],
		]);
	});

	it("matches a registry ID", async () => {
		const result = await suggest(ids.payments);

		const ack = result.ack as OptionsAck;
		expect(ack.options.map((option) => option.value)).toEqual([ids.payments]);
	});

	it("returns no options for an unmatched query", async () => {
		const result = await suggest("nothing-like-this");

		expect(result.ack).toEqual({ options: [] });
	});

	it("answers within the deadline when SAKURA is slow", async () => {
		harness.emulator.injectFault({
			method: "GET",
			action: { kind: "delay", ms: 2_500 },
		});
		const started = Date.now();
		try {
			const result = await suggest("");

			expect(result.status).toBe(200);
			expect(result.ack).toEqual({ options: [] });
			expect(Date.now() - started).toBeLessThan(2_900);
			expect(
				harness.log.lines.some(
					(line) =>
						line.message === "Loading the registry list failed" &&
						line.extra?.timedOut === true,
				),
			).toBe(true);
		} finally {
			harness.emulator.clearFaults();
			await settleAbandonedListing(started);
		}
	});

	it("returns no options when SAKURA rejects the key", async () => {
		harness.emulator.injectFault({
			method: "GET",
			action: { kind: "status", status: 401 },
		});
		try {
			const result = await suggest("");

			expect(result.ack).toEqual({ options: [] });
		} finally {
			harness.emulator.clearFaults();
		}
	});
});

/**
 * Waits until a delayed listing, which the listener stopped waiting for, has had its response, so
 * no request from this test is still open when the next one starts or the emulator closes.
 */
async function settleAbandonedListing(started: number): Promise<void> {
	const remaining = started + 2_500 + 200 - Date.now();
	if (remaining > 0) {
		await new Promise((resolve) => setTimeout(resolve, remaining));
	}
}
