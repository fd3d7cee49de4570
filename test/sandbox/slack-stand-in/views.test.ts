import { webApi } from "@slack/bolt";
import {
	type SlackStandIn,
	startSlackStandIn,
} from "../../../src/sandbox/slack-stand-in";

let standIn: SlackStandIn;
let client: webApi.WebClient;

beforeEach(async () => {
	standIn = await startSlackStandIn();
	client = new webApi.WebClient(standIn.botToken, {
		slackApiUrl: standIn.apiUrl,
		retryConfig: { retries: 0 },
	});
});

afterEach(async () => {
	await standIn.close();
});

const MODAL = {
	type: "modal" as const,
	callback_id: "sample",
	title: { type: "plain_text" as const, text: "Sample" },
	private_metadata: '{"channelId":"C0PLATFORM"}',
	blocks: [
		{
			type: "section" as const,
			text: { type: "mrkdwn" as const, text: "first" },
		},
	],
};

/** Returns Slack's error code of a rejected Web API call. */
async function errorOf(call: Promise<unknown>): Promise<string> {
	try {
		await call;
	} catch (error) {
		if (error instanceof webApi.WebAPIPlatformError) {
			return String(error.data.error);
		}
		throw error;
	}
	throw new Error("The call succeeded");
}

describe("views.open", () => {
	it("returns the view with an id and hash", async () => {
		const result = await client.views.open({
			trigger_id: "1.2.a",
			view: MODAL,
		});

		expect(result.ok).toBe(true);
		expect(result.view?.id).toMatch(/^V[0-9A-F]{10}$/);
		expect(result.view?.hash).toMatch(/^\d+\.[0-9a-f]{12}$/);
		expect(result.view?.callback_id).toBe("sample");
		expect(result.view?.private_metadata).toBe(MODAL.private_metadata);
		expect(result.view?.root_view_id).toBe(result.view?.id);
		expect(standIn.views()).toHaveLength(1);
		expect(standIn.views()[0].view.blocks).toEqual(MODAL.blocks);
	});

	it("rejects a trigger_id used before", async () => {
		await client.views.open({ trigger_id: "1.2.b", view: MODAL });

		expect(
			await errorOf(client.views.open({ trigger_id: "1.2.b", view: MODAL })),
		).toBe("expired_trigger_id");
		expect(standIn.views()).toHaveLength(1);
	});

	it("rejects a view over 250 kB", async () => {
		const huge = {
			...MODAL,
			blocks: [
				{
					type: "section" as const,
					text: { type: "mrkdwn" as const, text: "x".repeat(250_001) },
				},
			],
		};

		expect(
			await errorOf(client.views.open({ trigger_id: "1.2.c", view: huge })),
		).toBe("view_too_large");
	});
});

describe("views.update", () => {
	it("replaces the view and changes its hash", async () => {
		const opened = await client.views.open({ trigger_id: "2.1", view: MODAL });
		const updated = await client.views.update({
			view_id: String(opened.view?.id),
			hash: opened.view?.hash,
			view: { ...MODAL, callback_id: "second" },
		});

		expect(updated.view?.id).toBe(opened.view?.id);
		expect(updated.view?.hash).not.toBe(opened.view?.hash);
		expect(standIn.views()[0].view.callback_id).toBe("second");
	});

	it("rejects a stale hash", async () => {
		const opened = await client.views.open({ trigger_id: "2.2", view: MODAL });
		await client.views.update({
			view_id: String(opened.view?.id),
			hash: opened.view?.hash,
			view: { ...MODAL, callback_id: "second" },
		});

		expect(
			await errorOf(
				client.views.update({
					view_id: String(opened.view?.id),
					hash: opened.view?.hash,
					view: { ...MODAL, callback_id: "third" },
				}),
			),
		).toBe("hash_conflict");
		expect(standIn.views()[0].view.callback_id).toBe("second");
	});

	it("rejects an unknown view id", async () => {
		expect(
			await errorOf(client.views.update({ view_id: "V0MISSING", view: MODAL })),
		).toBe("not_found");
	});
});

describe("views.push", () => {
	it("stacks at most two views on the root", async () => {
		const root = await client.views.open({ trigger_id: "3.1", view: MODAL });
		const first = await client.views.push({ trigger_id: "3.2", view: MODAL });
		const second = await client.views.push({ trigger_id: "3.3", view: MODAL });

		expect(first.view?.root_view_id).toBe(root.view?.id);
		expect(first.view?.previous_view_id).toBe(root.view?.id);
		expect(second.view?.previous_view_id).toBe(first.view?.id);
		expect(
			await errorOf(client.views.push({ trigger_id: "3.4", view: MODAL })),
		).toBe("push_limit_reached");
	});

	it("rejects a used trigger_id", async () => {
		await client.views.open({ trigger_id: "4.1", view: MODAL });

		expect(
			await errorOf(client.views.push({ trigger_id: "4.1", view: MODAL })),
		).toBe("expired_trigger_id");
	});
});
