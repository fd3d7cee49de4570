import fc from "fast-check";
import type { Operation } from "../../../../src/operations/types";
import {
	FIELD_ACTION,
	FIELD_BLOCKS,
	type FieldBlock,
	type FormKind,
	REGISTRY_SELECT_ACTION,
} from "../../../../src/slack/blocks/modals";

/** Input blocks of each form, as the form builders lay them out. */
export const FORM_BLOCKS: Readonly<Record<FormKind, readonly FieldBlock[]>> = {
	create: [
		FIELD_BLOCKS.name,
		FIELD_BLOCKS.accessLevel,
		FIELD_BLOCKS.domain,
		FIELD_BLOCKS.description,
		FIELD_BLOCKS.reason,
	],
	user_add: [
		FIELD_BLOCKS.registry,
		FIELD_BLOCKS.permission,
		FIELD_BLOCKS.username,
		FIELD_BLOCKS.lifetime,
		FIELD_BLOCKS.reason,
	],
	list: [FIELD_BLOCKS.reason],
	show: [FIELD_BLOCKS.registry, FIELD_BLOCKS.reason],
	delete: [FIELD_BLOCKS.registry, FIELD_BLOCKS.reason],
	user_delete: [
		FIELD_BLOCKS.registry,
		FIELD_BLOCKS.username,
		FIELD_BLOCKS.reason,
	],
	user_rotate: [
		FIELD_BLOCKS.registry,
		FIELD_BLOCKS.username,
		FIELD_BLOCKS.reason,
	],
};

/** The operation kind a valid submission of each form must produce. */
export const OPERATION_OF_FORM: Readonly<Record<FormKind, Operation["kind"]>> =
	{
		create: "registry.create",
		user_add: "user.add",
		list: "registry.list",
		show: "registry.show",
		delete: "registry.delete",
		user_delete: "user.delete",
		user_rotate: "user.rotate",
	};

/** Registry IDs the tests' registry lists contain, in SAKURA's 12-digit decimal form. */
export const KNOWN_REGISTRY_IDS = ["113701684393", "113701684394"] as const;

/** Strings close to what each field accepts, so generated forms are often valid. */
const NEAR_VALID = [
	"team-images",
	"a",
	"a".repeat(63),
	"a".repeat(64),
	"Team-Images",
	"team_images",
	"-team",
	"team-",
	"ｔｅａｍ",
	"チーム",
	"alice",
	"alice.bot_1",
	"Alice",
	".alice",
	"none",
	"NONE",
	"readonly",
	"ReadOnly",
	"readwrite",
	"all",
	"public",
	"reg.example.com",
	"REG.Example.COM",
	"https://reg.example.com",
	"localhost",
	"\u212A.example.com",
	"113701684393",
	"113701684394",
	"999999999999",
	"constructor",
	"__proto__",
	"toString",
	"",
	" ",
	"\u3000",
	"\n",
	"a\u0000b",
	"a\u202Eb",
	"a\u2066b",
	"\uD800",
	"😀".repeat(64),
	"😀".repeat(65),
	"d".repeat(512),
	"d".repeat(513),
	"r".repeat(500),
	"r".repeat(501),
	"`rm -rf`",
	"{value}",
	"<@U0ALEX>",
];

/** Strings of every kind a crafted submission may carry: unicode, control characters, very long. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
	{ weight: 6, arbitrary: fc.constantFrom(...NEAR_VALID) },
	{
		weight: 2,
		arbitrary: fc
			.tuple(
				fc.constantFrom(" ", "", "\t", "\u3000", "\n"),
				fc.constantFrom(...NEAR_VALID),
				fc.constantFrom(" ", "", "\t", "\u00A0", "\n"),
			)
			.map((parts) => parts.join("")),
	},
	{ weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
	{ weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
	{
		weight: 2,
		arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/),
	},
	{
		weight: 1,
		arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,70}$/),
	},
	{
		weight: 1,
		arbitrary: fc.domain(),
	},
	{
		weight: 1,
		arbitrary: fc.string({
			unit: "binary-ascii",
			minLength: 400,
			maxLength: 3200,
		}),
	},
);

/** Any JSON value, the most a signed Slack payload can carry in place of a field. */
const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

/** A value where a string belongs: usually a string, sometimes another JSON type. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 8, arbitrary: anyString },
	{ weight: 1, arbitrary: fc.constant(null) },
	{
		weight: 1,
		arbitrary: fc.oneof(
			fc.integer(),
			fc.double(),
			fc.boolean(),
			fc.array(anyString, { maxLength: 3 }),
			fc.dictionary(anyString, anyString, {
				maxKeys: 3,
				noNullPrototype: true,
			}),
			anyJson,
		),
	},
);

/** Generates an action's state: Slack's shape with a generated value, or a tampered shape. */
function actionState(
	action: string,
	element: "text" | "option",
): fc.Arbitrary<unknown> {
	const inShape =
		element === "text"
			? fieldValue.map((value) => ({
					[action]: { type: "plain_text_input", value },
				}))
			: fieldValue.map((value) => ({
					[action]: {
						type: "radio_buttons",
						selected_option: {
							text: { type: "plain_text", text: "option" },
							value,
						},
					},
				}));
	const tampered = fc.oneof(
		fieldValue.map((value) => ({ [action]: { selected_option: value } })),
		fieldValue.map((value) => ({
			[action]: { value, selected_option: value },
		})),
		fieldValue.map((value) => ({ [action]: value })),
		fieldValue.map((value) => ({ other_action: { type: "x", value } })),
		anyJson,
	);
	return fc.oneof(
		{ weight: 8, arbitrary: inShape },
		{ weight: 2, arbitrary: tampered },
	);
}

/** Returns the state arbitrary of each input block. The registry picker often chooses one of `registryIds`. */
function blockStates(
	registryIds: readonly string[],
): Readonly<Record<FieldBlock, fc.Arbitrary<unknown>>> {
	const listedChoice = fc.constantFrom(...registryIds).map((id) => ({
		[REGISTRY_SELECT_ACTION]: {
			type: "external_select",
			selected_option: {
				text: { type: "plain_text", text: id },
				value: id,
			},
		},
	}));
	return {
		field_name: actionState(FIELD_ACTION, "text"),
		field_access_level: actionState(FIELD_ACTION, "option"),
		field_domain: actionState(FIELD_ACTION, "text"),
		field_description: actionState(FIELD_ACTION, "text"),
		field_registry: fc.oneof(
			{ weight: 4, arbitrary: actionState(REGISTRY_SELECT_ACTION, "option") },
			{ weight: 4, arbitrary: listedChoice },
			{ weight: 1, arbitrary: actionState(FIELD_ACTION, "option") },
		),
		field_permission: actionState(FIELD_ACTION, "option"),
		field_username: actionState(FIELD_ACTION, "text"),
		field_lifetime: actionState(FIELD_ACTION, "text"),
		field_reason: actionState(FIELD_ACTION, "text"),
	};
}

/** Block ids that no form has, including names that exist on `Object.prototype`. */
const extraBlockId = fc.oneof(
	fc.constantFrom(
		"__proto__",
		"constructor",
		"toString",
		"hasOwnProperty",
		"field_unknown",
		"field_Name",
	),
	fc.string({ maxLength: 12 }),
);

/**
 * Generates a `view.state.values` object for a form: each of its blocks present or missing, in
 * Slack's shape or tampered, the blocks of other forms now and then, and extra blocks. The
 * registry picker chooses one of `registryIds` in 4 of 9 registry blocks. Extra blocks are own
 * properties, as `JSON.parse` creates them, so `__proto__` stays a plain key.
 */
export function stateValues(
	kind: FormKind,
	registryIds: readonly string[] = KNOWN_REGISTRY_IDS,
): fc.Arbitrary<Record<string, unknown>> {
	const states = blockStates(registryIds);
	const ownBlocks = FORM_BLOCKS[kind];
	const otherBlocks = Object.values(FIELD_BLOCKS).filter(
		(block) => !ownBlocks.includes(block),
	);
	const blockEntries = (blocks: readonly FieldBlock[], presence: number) =>
		fc.tuple(
			...blocks.map((block) =>
				fc.option(
					states[block].map((state) => [block, state] as const),
					{ freq: presence, nil: undefined },
				),
			),
		);

	return fc
		.tuple(
			blockEntries(ownBlocks, 8),
			blockEntries(otherBlocks, 2),
			fc.array(fc.tuple(extraBlockId, anyJson), { maxLength: 3 }),
		)
		.map(([own, other, extra]) => {
			const values: Record<string, unknown> = {};
			for (const [block, state] of [...extra, ...own, ...other].filter(
				(entry) => entry !== undefined,
			)) {
				Object.defineProperty(values, block, {
					value: state,
					enumerable: true,
					writable: true,
					configurable: true,
				});
			}
			return values;
		});
}

/** A `private_metadata` value: the encoded shape, near misses, other JSON, and non-strings. */
export const privateMetadata: fc.Arbitrary<unknown> = fc.oneof(
	{
		weight: 4,
		arbitrary: fc
			.oneof(
				fc.stringMatching(/^[CDG][A-Z0-9]{2,20}$/),
				fc.constantFrom("U0ALEX", "C0", "c0platform", "C0PLATFORM\n", ""),
				anyString,
			)
			.map((channelId) => JSON.stringify({ channelId })),
	},
	{
		weight: 2,
		arbitrary: fc
			.record(
				{ channelId: fieldValue, requester: anyJson, operation: anyJson },
				{ requiredKeys: [] },
			)
			.map((object) => JSON.stringify(object)),
	},
	{ weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
	{ weight: 2, arbitrary: anyString },
	{
		weight: 1,
		arbitrary: fc
			.string({ unit: "binary-ascii", minLength: 2990, maxLength: 3010 })
			.map((padding) => JSON.stringify({ channelId: `C0${padding}` })),
	},
	{ weight: 1, arbitrary: fc.constantFrom(undefined, null, 0, [], {}) },
);
