import { renderBlocks } from "../../src/sandbox/render-blocks";

describe("renderBlocks", () => {
	test("renders header, section, fields, context and divider", () => {
		const text = renderBlocks([
			{ type: "header", text: { type: "plain_text", text: "Registry demo" } },
			{
				type: "section",
				text: { type: "mrkdwn", text: "*FQDN* `demo.sakuracr.jp`" },
				fields: [{ type: "mrkdwn", text: "*Access*\nnone" }],
			},
			{ type: "divider" },
			{
				type: "context",
				elements: [{ type: "mrkdwn", text: "Created 2026-12-04" }],
			},
		]);

		expect(text.split("\n")).toEqual([
			"REGISTRY DEMO",
			"FQDN `demo.sakuracr.jp`",
			"  Access none",
			"────────────────────────",
			"  Created 2026-12-04",
		]);
	});

	test("shows buttons and decodes entities", () => {
		const text = renderBlocks([
			{
				type: "section",
				text: {
					type: "mrkdwn",
					text: "a &lt;b&gt; &amp; <https://example.test|link>",
				},
			},
			{
				type: "actions",
				elements: [
					{ type: "button", text: { type: "plain_text", text: "Approve" } },
				],
			},
		]);

		expect(text).toBe("a <b> & link (https://example.test)\n[ Approve ]");
	});

	test("falls back to the text when there are no blocks", () => {
		expect(renderBlocks(undefined, "only *text*")).toBe("only text");
	});

	test("names block types it cannot render", () => {
		expect(renderBlocks([{ type: "video" }])).toBe("(video block)");
	});
});
