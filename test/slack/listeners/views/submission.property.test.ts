import fc from "fast-check";
import {
	FORM_CALLBACK_PREFIX,
	FORM_KINDS,
	type FormKind,
	formCallbackId,
} from "../../../../src/slack/blocks/modals";
import { type Harness, startHarness } from "../../../handlers/slack-harness";
import { viewSubmissionPayload } from "../../../helpers/slack-events";
import { callsOf, type Exchange, interact } from "../modal-harness";
import {
	anyString,
	FORM_BLOCKS,
	privateMetadata,
	stateValues,
} from "./form-state-arbitraries";

/** Each run is a signed HTTP exchange with the emulator, the stand-in and dynalite behind it. */
const RUNS = 500;

/** Seed of every run, so a failure reproduces. fast-check prints it with the counterexample. */
const SEED = 20261204;

let harness: Harness;
let registryIds: string[];

beforeAll(async () => {
	// The bundled policy: creating and deleting a registry wait for approvers, so those submissions
	// store a request and leave SAKURA unchanged.
	harness = await startHarness({
		env: ({ POLICY_PATH: _runAll, ...env }) => env,
	});
	registryIds = [
		harness.emulator.seedRegistry({ name: "team-images" }),
		harness.emulator.seedRegistry({ name: "payments" }),
	];
});

afterAll(async () => {
	await harness.close();
});

interface Submission {
	/** The form kind, or undefined for a callback id that names no form. */
	kind: FormKind | undefined;
	callbackId: string;
	values: Record<string, unknown>;
	privateMetadata: unknown;
	user: { id: string; name: string };
}

const users = fc.constantFrom(
	{ id: "U0HANAKO", name: "hanako" },
	{ id: "U0TARO", name: "taro" },
	{ id: "U0HANAKO", name: "Hanako Yamada" },
);

function submissions(ids: readonly string[]): fc.Arbitrary<Submission> {
	const knownForm = fc.constantFrom(...FORM_KINDS).chain((kind) =>
		fc.record({
			kind: fc.constant<FormKind | undefined>(kind),
			callbackId: fc.constant(formCallbackId(kind)),
			values: stateValues(kind, ids),
			privateMetadata,
			user: users,
		}),
	);
	const unknownForm = fc.record({
		kind: fc.constant<FormKind | undefined>(undefined),
		callbackId: fc.oneof(
			fc.constantFrom("registry_form:", "registry_form:CREATE"),
			anyString.map((suffix) => `${FORM_CALLBACK_PREFIX}${suffix}`),
		),
		values: stateValues("create", ids),
		privateMetadata,
		user: users,
	});
	return fc.oneof(
		{ weight: 9, arbitrary: knownForm },
		{ weight: 1, arbitrary: unknownForm },
	);
}

function sakuraWrites(): number {
	return harness.emulator.requests.filter((request) => request.method !== "GET")
		.length;
}

/** Sends a submission built from the fixture, with `private_metadata` set even to a non-string. */
function submit(submission: Submission): Promise<Exchange> {
	const payload = viewSubmissionPayload({
		callbackId: submission.callbackId,
		values: submission.values as Record<string, Record<string, unknown>>,
		user: submission.user,
	});
	(payload.view as Record<string, unknown>).private_metadata =
		submission.privateMetadata;
	return interact(harness, payload);
}

/** Returns what is wrong with the ack of a submission, empty when nothing is. */
function ackProblems(submission: Submission, ack: unknown): string[] {
	if (ack === undefined) {
		return [];
	}
	if (submission.kind === undefined) {
		return ["a submission of an unknown form got a non-empty ack"];
	}
	const reply = ack as { response_action?: unknown; errors?: unknown };
	if (reply.response_action !== "errors" || typeof reply.errors !== "object") {
		return [`unexpected ack ${JSON.stringify(ack)}`];
	}

	const problems: string[] = [];
	const entries = Object.entries(reply.errors ?? {});
	if (entries.length === 0) {
		problems.push("errors ack without a field error");
	}
	const blocks: readonly string[] = FORM_BLOCKS[submission.kind];
	for (const [block, message] of entries) {
		if (!blocks.includes(block)) {
			problems.push(`error keyed by ${block}, which the form does not have`);
		}
		if (typeof message !== "string" || message.trim() === "") {
			problems.push(`error of ${block} has no message`);
		}
	}
	return problems;
}

describe("view_submission handler properties", () => {
	it("acks every generated submission with 200", async () => {
		let rejected = 0;
		let accepted = 0;

		await fc.assert(
			fc.asyncProperty(submissions(registryIds), async (submission) => {
				const writesBefore = sakuraWrites();
				const result = await submit(submission);

				const problems = ackProblems(submission, result.ack);
				if (result.status !== 200) {
					problems.push(`status ${result.status}`);
				}
				if (result.ack !== undefined) {
					rejected += 1;
					if (sakuraWrites() !== writesBefore) {
						problems.push("a rejected submission wrote to SAKURA");
					}
					if (callsOf(result.calls, "chat.postMessage").length > 0) {
						problems.push("a rejected submission posted a message");
					}
				} else if (submission.kind === undefined) {
					if (sakuraWrites() !== writesBefore) {
						problems.push("an unknown form wrote to SAKURA");
					}
				} else {
					accepted += 1;
				}

				if (problems.length > 0) {
					throw new Error(
						`${problems.join("; ")}\nack: ${JSON.stringify(result.ack)}`,
					);
				}
			}),
			{ numRuns: RUNS, seed: SEED },
		);

		// Both outcomes must occur, or the generator no longer reaches one of them.
		expect(rejected).toBeGreaterThan(0);
		expect(accepted).toBeGreaterThan(0);
	});
});

describe("view_submission without state values", () => {
	// Slack always sends `state.values`; a signed payload without them must still get a 200.
	it.each([
		{ shape: "no state", state: undefined },
		{ shape: "a state without values", state: {} },
		{ shape: "null values", state: { values: null } },
	])("acks a submission with $shape", async ({ state }) => {
		const payload = viewSubmissionPayload({
			callbackId: formCallbackId("create"),
			values: {},
		});
		(payload.view as Record<string, unknown>).state = state;
		const failuresBefore = listenerFailures();
		const writesBefore = sakuraWrites();

		const result = await interact(harness, payload);

		expect(result.status).toBe(200);
		expect(listenerFailures()).toBe(failuresBefore);
		expect(sakuraWrites()).toBe(writesBefore);
	});
});

function listenerFailures(): number {
	return harness.log.lines.filter(
		(line) => line.message === "Slack listener failed",
	).length;
}
