import fc from "fast-check";
import { operationSchema } from "../../../../src/operations/approvals/stored-operation";
import type { Requester } from "../../../../src/operations/types";
import type { Registry } from "../../../../src/sakura/types";
import {
	type FieldBlock,
	FORM_KINDS,
	type FormKind,
	REGISTRY_SELECT_ACTION,
} from "../../../../src/slack/blocks/modals";
import {
	isValidRegistryReference,
	REASON_MAX_LENGTH,
} from "../../../../src/slack/command-values";
import type { ViewStateValues } from "../../../../src/slack/listeners/views/form-fields";
import {
	type FormResult,
	readForm,
} from "../../../../src/slack/listeners/views/form-values";
import {
	encodeModalMetadata,
	parseModalMetadata,
} from "../../../../src/slack/listeners/views/metadata";
import { createCaptureLog } from "../../../helpers/capture-log";
import {
	anyString,
	FORM_BLOCKS,
	KNOWN_REGISTRY_IDS,
	OPERATION_OF_FORM,
	privateMetadata,
	stateValues,
} from "./form-state-arbitraries";

const RUNS_PER_FORM = 10_000;

/** Returns true for a character `parseReason` removes: a control other than a line break, or a bidirectional mark. */
function isUnsafeReasonCharacter(character: string): boolean {
	const code = character.codePointAt(0) ?? 0;
	return (
		(code < 0x20 && code !== 0x0a) ||
		(code >= 0x7f && code <= 0x9f) ||
		code === 0x200e ||
		code === 0x200f ||
		(code >= 0x202a && code <= 0x202e) ||
		(code >= 0x2066 && code <= 0x2069)
	);
}

/** Seed of every run, so a failure reproduces. fast-check prints it with the counterexample. */
const SEED = 20261204;

/**
 * Behavior of the registry list: SAKURA's list, a list that contains whatever was chosen, or a
 * failed load. With the second, only the form's own checks stop a crafted registry value.
 */
type ListerMode = "known" | "echo" | "fails";

function registry(id: string): Registry {
	return {
		id,
		name: `registry-${id}`,
		description: "",
		tags: [],
		subdomainLabel: `registry-${id}`,
		fqdn: `registry-${id}.sakuracr.jp`,
		accessLevel: "none",
		virtualDomain: "",
		availability: "available",
		createdAt: "2026-01-01T09:00:00+09:00",
		modifiedAt: "2026-01-01T09:00:00+09:00",
		settingsHash: null,
	};
}

/** Reads the chosen registry the way Slack nests it, or undefined for any other shape. */
function chosenRegistry(values: Record<string, unknown>): unknown {
	const block = values.field_registry as Record<string, unknown> | undefined;
	const action = block?.[REGISTRY_SELECT_ACTION] as
		| { selected_option?: { value?: unknown } }
		| undefined;
	return action?.selected_option?.value;
}

const requesterArbitrary: fc.Arbitrary<Requester> = fc.record({
	userId: fc.oneof(
		fc.constantFrom("U0HANAKO", "W0ENTERPRISE"),
		fc.string({ maxLength: 12 }),
	),
	userName: fc.oneof(
		fc.constantFrom("hanako", "taro.yamada", "Hanako", "山田", "", "-", "."),
		anyString,
	),
	teamId: fc.constant("T0SANDBOX"),
});

/** Returns what breaks the rules every form shares in one form read, empty when nothing does. */
function resultProblems(
	kind: FormKind,
	result: FormResult,
	listed: readonly string[],
): string[] {
	const problems: string[] = [];
	if (result.ok) {
		const parsed = operationSchema.safeParse(result.operation);
		if (!parsed.success) {
			problems.push(`operation fails the schema: ${parsed.error.message}`);
		}
		if (result.operation.kind !== OPERATION_OF_FORM[kind]) {
			problems.push(`operation kind is ${result.operation.kind}`);
		}
		if (Array.from(result.reason).length > REASON_MAX_LENGTH) {
			problems.push("reason is too long");
		}
		if (Array.from(result.reason).some(isUnsafeReasonCharacter)) {
			problems.push("reason contains a control or bidirectional character");
		}
		if (result.reason !== result.reason.trim()) {
			problems.push("reason is not trimmed");
		}
		if (
			"registry" in result.operation &&
			!listed.includes(result.operation.registry)
		) {
			problems.push("registry is not in the registry list");
		}
		return problems;
	}

	const entries = Object.entries(result.errors);
	if (entries.length === 0) {
		problems.push("rejected without a field error");
	}
	for (const [block, message] of entries) {
		if (!FORM_BLOCKS[kind].includes(block as FieldBlock)) {
			problems.push(`error keyed by ${block}, which the form does not have`);
		}
		if (typeof message !== "string" || message.trim() === "") {
			problems.push(`error of ${block} has no message`);
		}
	}
	return problems;
}

describe("readForm properties", () => {
	it.each(FORM_KINDS)(
		"validates generated %s forms without throwing",
		async (kind) => {
			const outcomes = { accepted: 0, rejected: 0 };

			await fc.assert(
				fc.asyncProperty(
					stateValues(kind),
					requesterArbitrary,
					fc.constantFrom<ListerMode>("known", "echo", "fails"),
					async (values, requester, mode) => {
						const chosen = chosenRegistry(values);
						const listed: string[] = [];
						let listerCalls = 0;
						const listRegistries = async (): Promise<Registry[]> => {
							listerCalls += 1;
							if (mode === "fails") {
								throw new Error("registry list unavailable");
							}
							listed.push(...KNOWN_REGISTRY_IDS);
							if (mode === "echo" && typeof chosen === "string") {
								listed.push(chosen);
							}
							return listed.map(registry);
						};

						const result = await readForm(
							kind,
							values as ViewStateValues,
							requester,
							listRegistries,
						);

						outcomes[result.ok ? "accepted" : "rejected"] += 1;
						const problems = resultProblems(kind, result, listed);
						// The list is loaded at most once, and only for a reference that could name a registry.
						if (listerCalls > 1) {
							problems.push(`registry list loaded ${listerCalls} times`);
						}
						if (
							listerCalls === 1 &&
							!isValidRegistryReference(String(chosen))
						) {
							problems.push("registry list loaded for an invalid reference");
						}
						if (mode === "fails" && listerCalls === 1 && result.ok) {
							problems.push("accepted without a registry list");
						}
						if (problems.length > 0) {
							throw new Error(
								`${problems.join("; ")}\nresult: ${JSON.stringify(result)}`,
							);
						}
					},
				),
				{ numRuns: RUNS_PER_FORM, seed: SEED },
			);

			// Both outcomes must occur, or the generator no longer reaches one of them.
			expect(outcomes.accepted).toBeGreaterThan(0);
			expect(outcomes.rejected).toBeGreaterThan(0);
		},
	);

	it("rejects empty forms except list", async () => {
		const requester: Requester = {
			userId: "U0HANAKO",
			userName: "hanako",
			teamId: "T0SANDBOX",
		};
		const never = async (): Promise<Registry[]> => {
			throw new Error("the list must not be loaded without a choice");
		};

		for (const kind of FORM_KINDS) {
			const result = await readForm(kind, {}, requester, never);
			const expectedOk = kind === "list";
			expect({ kind, ok: result.ok }).toEqual({ kind, ok: expectedOk });
		}
	});
});

describe("parseModalMetadata properties", () => {
	it("returns a valid channel or nothing", () => {
		const log = createCaptureLog();

		fc.assert(
			fc.property(privateMetadata, (raw) => {
				const metadata = parseModalMetadata(raw, log, { user: "U0HANAKO" });

				expect(
					Object.keys(metadata).filter((key) => key !== "channelId"),
				).toEqual([]);
				if (metadata.channelId !== undefined) {
					expect(metadata.channelId).toMatch(/^[CDG][A-Z0-9]{2,20}$/);
					expect(typeof raw).toBe("string");
					expect(String(raw).length).toBeLessThanOrEqual(3000);
					expect(JSON.parse(String(raw))).toEqual({
						channelId: metadata.channelId,
					});
				}
			}),
			{ numRuns: RUNS_PER_FORM, seed: SEED },
		);
	});

	it("round-trips every valid channel id", () => {
		const log = createCaptureLog();

		fc.assert(
			fc.property(fc.stringMatching(/^[CDG][A-Z0-9]{2,20}$/), (channelId) => {
				const raw = encodeModalMetadata({ channelId });

				expect(parseModalMetadata(raw, log, {})).toEqual({ channelId });
			}),
			{ numRuns: 1_000, seed: SEED },
		);
		expect(log.lines).toEqual([]);
	});
});
