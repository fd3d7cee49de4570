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
			"Registry demo",
			"═════════════",
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

	test("numbers buttons and names mentioned users", () => {
		const text = renderBlocks(
			[
				{
					type: "section",
					text: {
						type: "mrkdwn",
						text: "<@U0TARO> approved <!date^1796487650^{date_short}|2026-12-05>",
					},
				},
				{
					type: "actions",
					block_id: "decision",
					elements: [
						{
							type: "button",
							action_id: "request.approve",
							text: { type: "plain_text", text: "Approve" },
						},
					],
				},
			],
			"",
			{
				userName: (id) => (id === "U0TARO" ? "taro" : undefined),
				buttonLabel: (button, blockId) =>
					`7: ${String(button.action_id)} in ${blockId}`,
			},
		);

		expect(text).toBe(
			"@taro approved 2026-12-05\n[ 7: request.approve in decision ]",
		);
	});

	test("shows modal inputs with their block ids", () => {
		const text = renderBlocks([
			{
				type: "input",
				block_id: "field_access_level",
				label: { type: "plain_text", text: "Access level" },
				element: {
					type: "static_select",
					options: [{ value: "none" }, { value: "readonly" }],
					initial_option: { value: "none" },
				},
			},
			{
				type: "input",
				block_id: "field_reason",
				optional: true,
				label: { type: "plain_text", text: "Reason" },
				element: { type: "plain_text_input" },
			},
		]);

		expect(text.split("\n")).toEqual([
			"  ✎ Access level [field_access_level]: one of none | readonly = none",
			"  ✎ Reason [field_reason]: plain_text_input, optional",
		]);
	});
});
