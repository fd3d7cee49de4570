import { type Harness, startHarness } from "../../../handlers/slack-harness";
import {
	radioState,
	registrySelectState,
	textState,
	VIEW_SUBMISSION_FIXTURE,
	viewSubmissionPayload,
} from "../../../helpers/slack-events";
import { callsOf, type Exchange, interact } from "../modal-harness";

let harness: Harness;
let registryId: string;

beforeAll(async () => {
	// The bundled policy: creating a registry waits for an approver, and a readonly user for
	// oneself is added at once. A SAKURA timeout above the slow listing's delay lets the abandoned
	// listing finish instead of retrying.
	harness = await startHarness({
		env: ({ POLICY_PATH: _runAll, ...env }) => ({
			...env,
			SAKURA_TIMEOUT_MS: "5000",
		}),
	});
	registryId = harness.emulator.seedRegistry({ name: "team-images" });
});

afterAll(async () => {
	await harness.close();
});

type Values = Record<string, Record<string, unknown>>;

interface InvalidCase {
	field: string;
	change: Values;
	errors: Record<string, string>;
}

const VALID_CREATE: Values = {
	field_name: textState("payments"),
	field_access_level: radioState("none"),
	field_domain: textState(null),
	field_description: textState(null),
	field_reason: textState("Images for the payments team"),
};

function validUserAdd(): Values {
	return {
		field_registry: registrySelectState(registryId),
		field_permission: radioState("readonly"),
		field_username: textState(null),
		field_reason: textState(null),
	};
}

function submit(
	form: string,
	values: Values,
	options: {
		privateMetadata?: string;
		user?: { id: string; name: string };
	} = {},
): Promise<Exchange> {
	return interact(
		harness,
		viewSubmissionPayload({
			callbackId: `registry_form:${form}`,
			values,
			...options,
		}),
	);
}

/** Asserts a submission was rejected with exactly these errors and started nothing. */
function expectErrors(result: Exchange, errors: Record<string, string>): void {
	expect(result.status).toBe(200);
	expect(result.ack).toEqual({ response_action: "errors", errors });
	expect(callsOf(result.calls, "chat.postMessage")).toHaveLength(0);
}

describe("form submission validation", () => {
	const writesBefore = () =>
		harness.emulator.requests.filter((request) => request.method !== "GET")
			.length;

	it.each<InvalidCase>([
		{
			field: "a label with an underscore",
			change: { field_name: textState("team_images") },
			errors: {
				field_name:
					'"team_images" is not a valid registry name. A name becomes the host name "<name>.sakuracr.jp", so it may contain only lowercase letters a-z, digits and hyphens, and must start and end with a letter or digit.',
			},
		},
		{
			field: "an uppercase label",
			change: { field_name: textState("Team-Images") },
			errors: {
				field_name:
					'"Team-Images" contains uppercase letters, but registry names are lowercase because they become host names. Try "team-images".',
			},
		},
		{
			field: "a non-ASCII label",
			change: { field_name: textState("チーム") },
			errors: {
				field_name:
					'"チーム" contains characters other than a-z, 0-9 and hyphens. Registry names become host names, so only lowercase ASCII letters, digits and hyphens are allowed.',
			},
		},
		{
			field: "a full-width label",
			change: { field_name: textState("ｔｅａｍ") },
			errors: {
				field_name:
					'"ｔｅａｍ" contains full-width characters. Registry names allow only half-width lowercase letters, digits and hyphens. Try "team".',
			},
		},
		{
			field: "a label of 64 characters",
			change: { field_name: textState("a".repeat(64)) },
			errors: {
				field_name:
					"The registry name is 64 characters long, but the maximum is 63, the length of one DNS label.",
			},
		},
		{
			field: "a URL as domain",
			change: { field_domain: textState("https://registry.example.com") },
			errors: {
				field_domain:
					'"https://registry.example.com" is not a valid domain name. Give a fully qualified name such as "registry.example.com", without "https://" and in ASCII (punycode) form.',
			},
		},
		{
			field: "a description of 513 characters",
			change: { field_description: textState("d".repeat(513)) },
			errors: {
				field_description:
					"The description is 513 characters long, but SAKURA Cloud allows at most 512.",
			},
		},
		{
			field: "the removed readwrite access level",
			change: { field_access_level: radioState("readwrite") },
			errors: {
				field_access_level:
					"SAKURA Cloud removed the readwrite access level (anonymous push) in 2026. Choose none, then add registry users.",
			},
		},
		{
			field: "an access level outside the options",
			change: { field_access_level: radioState("public") },
			errors: {
				field_access_level:
					'"public" is not an access level. Choose none (private) or readonly.',
			},
		},
		{
			field: "a missing name",
			change: { field_name: textState("   ") },
			errors: { field_name: "Enter a value." },
		},
	])("rejects $field in the create form", async ({ change, errors }) => {
		const writes = writesBefore();
		const result = await submit("create", { ...VALID_CREATE, ...change });

		expectErrors(result, errors);
		expect(writesBefore()).toBe(writes);
	});

	it("reports every invalid create field at once", async () => {
		const result = await submit("create", {
			...VALID_CREATE,
			field_name: textState("Bad"),
			field_domain: textState("localhost"),
			field_reason: textState("r".repeat(501)),
		});

		expect(result.ack).toMatchObject({ response_action: "errors" });
		const errors = (result.ack as { errors: Record<string, string> }).errors;
		expect(Object.keys(errors).sort()).toEqual([
			"field_domain",
			"field_name",
			"field_reason",
		]);
		expect(errors.field_reason).toContain("501");
	});

	it.each<InvalidCase>([
		{
			field: "an invalid user name",
			change: { field_username: textState("Bad Name!") },
			errors: {
				field_username:
					'"Bad Name!" is not a valid user name. Use lowercase letters a-z, digits, ".", "_" and "-", starting with a letter or digit.',
			},
		},
		{
			field: "an uppercase user name",
			change: { field_username: textState("Alice") },
			errors: {
				field_username:
					'"Alice" contains uppercase letters, but user names are lowercase. Try "alice".',
			},
		},
		{
			field: "a permission outside the options",
			change: { field_permission: radioState("owner") },
			errors: {
				field_permission:
					'"owner" is not a user permission. Choose readonly (pull), readwrite (pull and push) or all (also delete).',
			},
		},
		{
			field: "a lifetime that is no duration",
			change: { field_lifetime: textState("forever") },
			errors: {
				field_lifetime:
					'"forever" is not a lifetime. Use a whole number of minutes, hours or days, such as "30m", "8h" or "3d".',
			},
		},
		{
			field: "a lifetime above the permission's cap",
			change: {
				field_permission: radioState("all"),
				field_lifetime: textState("2d"),
			},
			errors: {
				field_lifetime:
					'"2d" is longer than a "all" credential may live. Ask for "1d" or less.',
			},
		},
		{
			field: "an unknown registry ID",
			change: { field_registry: registrySelectState("999999999999") },
			errors: {
				field_registry:
					"No registry has the ID 999999999999. Choose a registry from the list.",
			},
		},
		{
			field: "a registry with control characters",
			change: { field_registry: registrySelectState("team\nimages") },
			errors: {
				field_registry:
					'"team images" contains control characters. Give the registry\'s name or ID.',
			},
		},
		{
			field: "a missing registry",
			change: { field_registry: {} },
			errors: { field_registry: "Choose a registry from the list." },
		},
	])("rejects $field in the user add form", async ({ change, errors }) => {
		const writes = writesBefore();
		const result = await submit("user_add", { ...validUserAdd(), ...change });

		expectErrors(result, errors);
		expect(writesBefore()).toBe(writes);
	});

	it("rejects a registry name in place of the chosen ID", async () => {
		const result = await submit("user_add", {
			...validUserAdd(),
			field_registry: registrySelectState("team-images"),
		});

		expectErrors(result, {
			field_registry:
				"No registry has the ID team-images. Choose a registry from the list.",
		});
	});

	it("requires the user name to delete a user", async () => {
		const result = await submit("user_delete", {
			field_registry: registrySelectState(registryId),
			field_username: textState(null),
		});

		expectErrors(result, { field_username: "Enter a value." });
	});

	it.each([
		{ failure: "rejects the API key", action: { kind: "status", status: 401 } },
		{ failure: "answers too late", action: { kind: "delay", ms: 2_500 } },
	] as const)("asks to retry when SAKURA $failure", async ({ action }) => {
		harness.emulator.injectFault({ method: "GET", action });
		const started = Date.now();
		try {
			const result = await submit("user_add", validUserAdd());

			expectErrors(result, {
				field_registry:
					"The registry list could not be loaded from SAKURA Cloud, so your choice could not be checked. Try again in a few minutes.",
			});
			expect(Date.now() - started).toBeLessThan(2_900);
		} finally {
			harness.emulator.clearFaults();
			if (action.kind === "delay") {
				await settleAbandonedListing(started);
			}
		}
	});
});

describe("valid form submissions", () => {
	it("stores a create request and posts its approval card", async () => {
		const writes = harness.emulator.requests.length;
		const result = await submit("create", VALID_CREATE);

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		const posts = callsOf(result.calls, "chat.postMessage");
		const card = posts.find((call) => call.body.channel === "C0PLATFORM");
		expect(card?.ok).toBe(true);
		expect(JSON.stringify(card?.body.blocks)).toContain("payments");
		expect(JSON.stringify(card?.body.blocks)).toContain(
			"Images for the payments team",
		);
		const dm = posts.find((call) => call.body.channel === "U0HANAKO");
		expect(dm?.ok).toBe(true);

		const requestId = /"value":"([^"]+)"/.exec(
			JSON.stringify(card?.body.blocks),
		)?.[1];
		const record = await harness.store.get(String(requestId));
		expect(record?.status).toBe("pending");
		expect(record?.requester.userId).toBe("U0HANAKO");
		expect(record?.reason).toBe("Images for the payments team");
		expect(record?.origin).toEqual({ channelId: "C0PLATFORM" });
		expect(record?.operation).toEqual({
			kind: "registry.create",
			name: "payments",
			accessLevel: "none",
		});
		// The request waits for an approver, so nothing reached SAKURA yet.
		expect(
			harness.emulator.requests
				.slice(writes)
				.filter((request) => request.method !== "GET"),
		).toHaveLength(0);
		expect(
			harness.emulator
				.registries()
				.some((registry) => registry.name === "payments"),
		).toBe(false);
	});

	it("runs a readonly user add for oneself at once", async () => {
		const result = await submit("user_add", validUserAdd());

		expect(result.ack).toBeUndefined();
		expect(harness.emulator.users(registryId)).toContainEqual({
			username: "hanako",
			permission: "readonly",
		});
		const dms = callsOf(result.calls, "chat.postMessage").filter(
			(call) => call.body.channel === "U0HANAKO",
		);
		// One DM carries the credentials, the other the outcome.
		expect(dms).toHaveLength(2);
		expect(dms.every((call) => call.ok)).toBe(true);
	});

	it("sends the registry list by DM", async () => {
		const result = await submit("list", { field_reason: textState(null) });

		expect(result.ack).toBeUndefined();
		const dms = callsOf(result.calls, "chat.postMessage");
		expect(dms).toHaveLength(1);
		expect(dms[0].body.channel).toBe("U0HANAKO");
		expect(JSON.stringify(dms[0].body.blocks)).toContain("team-images");
	});

	it("stores a delete request for two approvers", async () => {
		const result = await submit("delete", {
			field_registry: registrySelectState(registryId),
			field_reason: textState("Replaced by payments"),
		});

		expect(result.ack).toBeUndefined();
		const card = callsOf(result.calls, "chat.postMessage").find(
			(call) => call.body.channel === "C0PLATFORM",
		);
		const requestId = /"value":"([^"]+)"/.exec(
			JSON.stringify(card?.body.blocks),
		)?.[1];
		const record = await harness.store.get(String(requestId));
		// The form sends the registry's ID; the request names it by label, which the card shows.
		expect(record?.operation).toEqual({
			kind: "registry.delete",
			registry: "team-images",
		});
		expect(JSON.stringify(card?.body.blocks)).toContain("team-images");
		expect(JSON.stringify(card?.body.blocks)).not.toContain(registryId);
		expect(record?.requiredApprovals).toBe(2);
		expect(harness.emulator.registries().map((r) => r.id)).toContain(
			registryId,
		);
	});

	it("accepts the fixture payload as Slack sends it", async () => {
		const payload = structuredClone(VIEW_SUBMISSION_FIXTURE);
		payload.view.state.values.field_name = textState("fixture-images");
		const result = await interact(harness, payload);

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		expect(
			callsOf(result.calls, "chat.postMessage").some(
				(call) => call.body.channel === "U0HANAKO" && call.ok,
			),
		).toBe(true);
	});
});

describe("tampered private_metadata", () => {
	it("cannot change the requester or the operation", async () => {
		const smuggled = JSON.stringify({
			channelId: "C0OTHER",
			requester: { userId: "U0HANAKO", userName: "hanako" },
			operation: { kind: "registry.delete", registry: registryId },
		});
		const result = await submit("user_add", validUserAdd(), {
			privateMetadata: smuggled,
			user: { id: "U0TARO", name: "taro" },
		});

		expect(result.ack).toBeUndefined();
		// The signed user is the requester: the user is named after taro, and taro gets the DMs.
		expect(harness.emulator.users(registryId)).toContainEqual({
			username: "taro",
			permission: "readonly",
		});
		const posts = callsOf(result.calls, "chat.postMessage");
		expect(posts.map((call) => call.body.channel)).toEqual([
			"U0TARO",
			"U0TARO",
		]);
		expect(harness.emulator.registries().map((r) => r.id)).toContain(
			registryId,
		);
		expect(
			harness.log.lines.some(
				(line) =>
					line.message === "Ignored invalid modal private_metadata" &&
					line.extra?.user === "U0TARO",
			),
		).toBe(true);
	});

	it.each([
		{ kind: "not JSON", metadata: "channel=C0OTHER" },
		{ kind: "a user id as channel", metadata: '{"channelId":"U0ALEX"}' },
		{ kind: "too long", metadata: `{"channelId":"C0${"A".repeat(3000)}"}` },
	])("falls back to the requester's DM for $kind", async ({ metadata }) => {
		const result = await submit(
			"create",
			{
				...VALID_CREATE,
				field_name: textState(
					`fallback-${Math.random().toString(36).slice(2, 8)}`,
				),
			},
			{ privateMetadata: metadata },
		);

		expect(result.ack).toBeUndefined();
		const posts = callsOf(result.calls, "chat.postMessage");
		expect(posts.some((call) => call.body.channel === "U0ALEX")).toBe(false);
		expect(posts.some((call) => call.body.channel === "C0OTHER")).toBe(false);
		expect(callsOf(result.calls, "conversations.open")[0]?.body.users).toBe(
			"U0HANAKO",
		);
	});

	it("ignores a submission of an unknown form", async () => {
		const result = await submit("registry.delete", {});

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		expect(callsOf(result.calls, "chat.postMessage")).toHaveLength(0);
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
