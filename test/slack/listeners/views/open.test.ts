import { type Harness, startHarness } from "../../../handlers/slack-harness";
import {
	newTriggerId,
	shortcutPayload,
	viewButtonPayload,
} from "../../../helpers/slack-events";
import {
	callsOf,
	interact,
	latestView,
	onlyViewsOpen,
	slashCommand,
} from "../modal-harness";

let harness: Harness;

beforeAll(async () => {
	harness = await startHarness();
});

afterAll(async () => {
	await harness.close();
});

interface SentView {
	type: string;
	callback_id: string;
	private_metadata: string;
	title: { text: string };
	submit?: { text: string };
	blocks: {
		type: string;
		block_id?: string;
		elements?: { action_id: string; value: string }[];
		element?: Record<string, unknown>;
		optional?: boolean;
	}[];
}

function sentView(call: { body: Record<string, unknown> }): SentView {
	return call.body.view as SentView;
}

const ENTRY_ACTIONS = [
	"registry_choose:create",
	"registry_choose:user_add",
	"registry_choose:list",
	"registry_choose:show",
	"registry_choose:delete",
	"registry_choose:user_delete",
	"registry_choose:user_rotate",
];

describe("/registry without arguments", () => {
	it("opens the entry modal with the command's trigger_id", async () => {
		const triggerId = newTriggerId();
		const result = await slashCommand(harness, "", { trigger_id: triggerId });

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		const open = onlyViewsOpen(result.calls);
		expect(open.ok).toBe(true);
		expect(open.authorized).toBe(true);
		expect(open.body.trigger_id).toBe(triggerId);

		const view = sentView(open);
		expect(view.type).toBe("modal");
		expect(view.callback_id).toBe("registry_entry");
		expect(view.title.text).toBe("SAKURA Registry");
		expect(view.submit).toBeUndefined();
		expect(JSON.parse(view.private_metadata)).toEqual({
			channelId: "C0PLATFORM",
		});
		const actions = view.blocks.find((block) => block.type === "actions");
		expect(actions?.block_id).toBe("registry_entry_choices");
		expect(actions?.elements?.map((element) => element.action_id)).toEqual(
			ENTRY_ACTIONS,
		);
	});

	it("treats whitespace-only text as no arguments", async () => {
		const result = await slashCommand(harness, "   ");

		expect(sentView(onlyViewsOpen(result.calls)).callback_id).toBe(
			"registry_entry",
		);
	});

	it("still answers help with the help message", async () => {
		const result = await slashCommand(harness, "help");

		expect(callsOf(result.calls, "views.open")).toHaveLength(0);
		expect(JSON.stringify(result.ack)).toContain("How to use /registry");
	});

	it("reports a used trigger_id in an ephemeral ack", async () => {
		const triggerId = newTriggerId();
		await slashCommand(harness, "", { trigger_id: triggerId });
		const second = await slashCommand(harness, "", { trigger_id: triggerId });

		expect(onlyViewsOpen(second.calls).error).toBe("expired_trigger_id");
		expect(second.status).toBe(200);
		expect(second.ack).toEqual({
			response_type: "ephemeral",
			text: "The form could not be opened (Slack error expired_trigger_id). Run the command again, or type it in full: `/registry help` lists the commands.",
		});
	});
});

describe("commands without their required argument", () => {
	it("opens the create form for /registry create", async () => {
		const result = await slashCommand(harness, "create");

		expect(result.ack).toBeUndefined();
		const view = sentView(onlyViewsOpen(result.calls));
		expect(view.callback_id).toBe("registry_form:create");
		expect(view.blocks.map((block) => block.block_id)).toEqual([
			"field_name",
			"field_access_level",
			"field_domain",
			"field_description",
			"field_reason",
		]);
		const access = view.blocks[1].element as {
			type: string;
			initial_option: { value: string };
			options: { value: string; description?: { text: string } }[];
		};
		expect(access.type).toBe("radio_buttons");
		expect(access.initial_option.value).toBe("none");
		expect(access.options.map((option) => option.value)).toEqual([
			"none",
			"readonly",
		]);
		expect(access.options[1].description?.text).toMatch(/^Deprecated/);
		expect(view.blocks[0].optional).toBe(false);
		expect(view.blocks[2].optional).toBe(true);
		expect(view.blocks[3].optional).toBe(true);
		expect((view.blocks[4].element as { multiline: boolean }).multiline).toBe(
			true,
		);
	});

	it("opens the user add form with the derived user name", async () => {
		const result = await slashCommand(harness, "user add", {
			user_id: "U0TARO",
			user_name: "Taro.Suzuki",
		});

		const view = sentView(onlyViewsOpen(result.calls));
		expect(view.callback_id).toBe("registry_form:user_add");
		const [registry, permission, username] = view.blocks;
		expect(registry.element).toMatchObject({
			type: "external_select",
			action_id: "registry_select",
			min_query_length: 0,
		});
		expect(permission.element).toMatchObject({
			type: "radio_buttons",
			initial_option: { value: "readonly" },
		});
		expect(username.optional).toBe(true);
		expect(username.element).toMatchObject({
			placeholder: { type: "plain_text", text: "taro.suzuki" },
		});
	});

	it("keeps the error for an invalid create name", async () => {
		const result = await slashCommand(harness, "create Bad_Name");

		expect(callsOf(result.calls, "views.open")).toHaveLength(0);
		expect(JSON.stringify(result.ack)).toContain("not a valid registry name");
	});

	it("keeps the usage error for delete without a name", async () => {
		const result = await slashCommand(harness, "delete");

		expect(callsOf(result.calls, "views.open")).toHaveLength(0);
		expect(JSON.stringify(result.ack)).toContain(
			"`delete` needs &lt;name|id&gt;.",
		);
	});
});

describe("registry_open shortcut", () => {
	it("opens the same entry modal as the command", async () => {
		const fromCommand = sentView(
			onlyViewsOpen((await slashCommand(harness, "")).calls),
		);
		const payload = shortcutPayload();
		const result = await interact(harness, payload);

		expect(result.status).toBe(200);
		expect(result.ack).toBeUndefined();
		const open = onlyViewsOpen(result.calls);
		expect(open.body.trigger_id).toBe(payload.trigger_id);
		const view = sentView(open);
		expect(view.blocks).toEqual(fromCommand.blocks);
		expect(view.callback_id).toBe(fromCommand.callback_id);
		expect(JSON.parse(view.private_metadata)).toEqual({});
	});

	it("ignores another shortcut's callback id", async () => {
		const result = await interact(
			harness,
			shortcutPayload({ callback_id: "something_else" }),
		);

		expect(callsOf(result.calls, "views.open")).toHaveLength(0);
	});
});

describe("entry modal buttons", () => {
	async function openEntry() {
		await slashCommand(harness, "");
		// A copy, because the stand-in updates its stored view in place.
		return { ...latestView(harness) };
	}

	it("replaces the entry modal with the chosen form", async () => {
		const entry = await openEntry();
		const result = await interact(
			harness,
			viewButtonPayload({
				actionId: "registry_choose:user_rotate",
				value: "user_rotate",
				view: {
					id: entry.id,
					hash: entry.hash,
					private_metadata: String(entry.view.private_metadata),
					callback_id: "registry_entry",
				},
			}),
		);

		expect(result.status).toBe(200);
		const [update] = callsOf(result.calls, "views.update");
		expect(update.ok).toBe(true);
		expect(update.body.view_id).toBe(entry.id);
		expect(update.body.hash).toBe(entry.hash);
		const stored = latestView(harness);
		expect(stored.view.callback_id).toBe("registry_form:user_rotate");
		expect(JSON.parse(String(stored.view.private_metadata))).toEqual({
			channelId: "C0PLATFORM",
		});
	});

	it("drops unknown metadata fields when it shows a form", async () => {
		const entry = await openEntry();
		await interact(
			harness,
			viewButtonPayload({
				actionId: "registry_choose:create",
				value: "create",
				view: {
					id: entry.id,
					hash: entry.hash,
					private_metadata: JSON.stringify({
						channelId: "C0PLATFORM",
						operation: { kind: "registry.delete", registry: "prod" },
					}),
					callback_id: "registry_entry",
				},
			}),
		);

		const stored = latestView(harness);
		expect(stored.view.callback_id).toBe("registry_form:create");
		expect(JSON.parse(String(stored.view.private_metadata))).toEqual({});
	});

	it("leaves the view alone on a stale hash", async () => {
		const entry = await openEntry();
		const result = await interact(
			harness,
			viewButtonPayload({
				actionId: "registry_choose:create",
				value: "create",
				view: {
					id: entry.id,
					hash: "1700000000.stale",
					private_metadata: String(entry.view.private_metadata),
					callback_id: "registry_entry",
				},
			}),
		);

		expect(result.status).toBe(200);
		expect(callsOf(result.calls, "views.update")[0].error).toBe(
			"hash_conflict",
		);
		expect(latestView(harness).view.callback_id).toBe("registry_entry");
		expect(
			harness.log.lines.some(
				(line) =>
					line.message === "Showing the chosen form failed" &&
					line.extra?.error === "hash_conflict",
			),
		).toBe(true);
	});
});
