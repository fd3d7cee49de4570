import type { Outcome } from "../../../src/operations/types";
import { outcomeMessage } from "../../../src/slack/blocks";
import {
	HOSTILE,
	sampleRegistries,
	sampleRegistry,
	sampleUsers,
} from "./samples";
import { allTexts, limitViolations, rawAngleBrackets } from "./slack-limits";

function texts(outcome: Outcome): string {
	return allTexts(outcomeMessage(outcome)).join("\n");
}

describe("outcomeMessage registry.list", () => {
	test("empty list says how to create one", () => {
		const message = outcomeMessage({ kind: "registry.list", registries: [] });
		expect(message.text).toContain("no registries yet");
		expect(message.text).toContain("`/registry create &lt;name&gt;`");
		expect(message.blocks).toHaveLength(1);
	});

	test("count header, one section each", () => {
		const message = outcomeMessage({
			kind: "registry.list",
			registries: sampleRegistries(3),
		});
		expect(message.text).toBe("3 registries");
		expect(message.blocks[0]).toEqual({
			type: "header",
			text: { type: "plain_text", text: "3 registries" },
		});
		expect(message.blocks).toHaveLength(4);
	});

	test("one registry is singular", () => {
		expect(
			outcomeMessage({ kind: "registry.list", registries: sampleRegistries(1) })
				.text,
		).toBe("1 registry");
	});

	test("item has name, host, access and reader's date", () => {
		// 01:11 JST on 18 June is 16:11 UTC on 17 June; Slack shows the day in each reader's zone.
		const registry = sampleRegistry({ createdAt: "2025-06-18T01:11:42+09:00" });
		const message = outcomeMessage({
			kind: "registry.list",
			registries: [registry],
		});
		expect(allTexts(message)).toContain(
			"*demo*  `demo.sakuracr.jp`\nAccess: none · Created: <!date^1750176702^{date_num}|2025-06-17>",
		);
	});

	test("missing access level is named", () => {
		const registry = sampleRegistry({ accessLevel: "" });
		expect(texts({ kind: "registry.list", registries: [registry] })).toContain(
			"Access: not reported",
		);
	});

	test.each([44, 45, 46, 200])(
		"%i registries stay under 50 blocks",
		(count) => {
			const message = outcomeMessage({
				kind: "registry.list",
				registries: sampleRegistries(count),
			});
			expect(message.blocks.length).toBeLessThanOrEqual(50);
			expect(limitViolations(message)).toEqual([]);
		},
	);

	test("long list says how many more", () => {
		const message = outcomeMessage({
			kind: "registry.list",
			registries: sampleRegistries(200),
		});
		const all = allTexts(message).join("\n");
		expect(all).toContain("registry-44");
		expect(all).not.toContain("registry-45");
		expect(all).toContain("…and 155 more. `/registry show &lt;name&gt;`");
	});

	test("45 registries need no more line", () => {
		const message = outcomeMessage({
			kind: "registry.list",
			registries: sampleRegistries(45),
		});
		expect(allTexts(message).join("\n")).not.toContain("more.");
	});
});

describe("outcomeMessage registry.show", () => {
	test("header and fields", () => {
		const message = outcomeMessage({
			kind: "registry.show",
			registry: sampleRegistry(),
			users: sampleUsers(2),
		});
		expect(message.blocks[0]).toEqual({
			type: "header",
			text: { type: "plain_text", text: "demo" },
		});
		const block = message.blocks[1];
		expect(
			block.type === "section" && block.fields?.map((field) => field.text),
		).toEqual([
			"*Host name*\n`demo.sakuracr.jp`",
			"*Access level*\nnone",
			"*Custom domain*\nnone",
			"*Created*\n<!date^1750176702^{date_num}|2025-06-17>",
			"*ID*\n`113701684393`",
			"*Description*\nTeam images",
		]);
	});

	test("lists users with permissions", () => {
		const all = texts({
			kind: "registry.show",
			registry: sampleRegistry(),
			users: sampleUsers(2),
		});
		expect(all).toContain(
			"*Users of `demo`* (2)\n• `user-0`: readonly\n• `user-1`: readwrite",
		);
	});

	test("no users gives the add command", () => {
		const all = texts({
			kind: "registry.show",
			registry: sampleRegistry(),
			users: [],
		});
		expect(all).toContain(
			"`demo` has no users yet. Add one with `/registry user add demo`.",
		);
	});

	test("custom domain and empty description", () => {
		const registry = sampleRegistry({
			virtualDomain: "reg.example.com",
			description: "",
		});
		const all = texts({ kind: "registry.show", registry, users: [] });
		expect(all).toContain("*Custom domain*\nreg.example.com");
		expect(all).toContain("*Description*\nnone");
	});

	test("500 users fit and point to user list", () => {
		const message = outcomeMessage({
			kind: "registry.show",
			registry: sampleRegistry(),
			users: sampleUsers(500),
		});
		expect(limitViolations(message)).toEqual([]);
		expect(allTexts(message).join("\n")).toContain(
			"…and 400 more. `/registry user list demo` lists them all.",
		);
	});

	test("long description is clipped to a field", () => {
		const registry = sampleRegistry({ description: "&".repeat(512) });
		const message = outcomeMessage({
			kind: "registry.show",
			registry,
			users: [],
		});
		expect(limitViolations(message)).toEqual([]);
		expect(allTexts(message).join("\n")).toMatch(/(&amp;)+…/);
	});

	test("hostile values are escaped", () => {
		const registry = sampleRegistry({
			name: HOSTILE,
			description: HOSTILE,
			virtualDomain: HOSTILE,
			id: HOSTILE,
			fqdn: HOSTILE,
			createdAt: HOSTILE,
		});
		const message = outcomeMessage({
			kind: "registry.show",
			registry,
			users: [{ username: HOSTILE, permission: "all" }],
		});
		expect(rawAngleBrackets(message)).toEqual([]);
		expect(allTexts(message).join("\n")).toContain("&lt;!channel&gt;");
	});

	test("name with spaces is quoted in hints", () => {
		const registry = sampleRegistry({
			name: "team registry",
			subdomainLabel: "",
		});
		expect(texts({ kind: "registry.show", registry, users: [] })).toContain(
			'`/registry user add "team registry"`',
		);
	});

	test("hints use the subdomain label", () => {
		const registry = sampleRegistry({
			name: "Team Registry",
			subdomainLabel: "team",
		});
		expect(texts({ kind: "registry.show", registry, users: [] })).toContain(
			"`/registry user add team`",
		);
	});
});

describe("outcomeMessage changes", () => {
	const registry = sampleRegistry();

	test("create names the host and suggests user add", () => {
		const message = outcomeMessage({ kind: "registry.create", registry });
		expect(message.text).toBe("Registry `demo` created: `demo.sakuracr.jp`");
		expect(allTexts(message).join("\n")).toContain("`/registry user add demo`");
	});

	test("delete", () => {
		expect(outcomeMessage({ kind: "registry.delete", registry }).text).toBe(
			"Registry `demo` (`demo.sakuracr.jp`) was deleted.",
		);
	});

	test("user add", () => {
		const message = outcomeMessage({
			kind: "user.add",
			registry,
			username: "alice",
			permission: "readonly",
		});
		expect(message.text).toBe(
			"User `alice` (readonly) was added to `demo`. Credentials for `alice` were sent to you by direct message.",
		);
	});

	test("user list", () => {
		const message = outcomeMessage({
			kind: "user.list",
			registry,
			users: sampleUsers(3),
		});
		expect(message.text).toBe("Users of demo: 3");
		expect(allTexts(message).join("\n")).toContain("• `user-2`: all");
	});

	test("user list empty", () => {
		const message = outcomeMessage({ kind: "user.list", registry, users: [] });
		expect(allTexts(message).join("\n")).toContain("`demo` has no users yet.");
	});

	test("user delete", () => {
		expect(
			outcomeMessage({ kind: "user.delete", registry, username: "alice" }).text,
		).toBe(
			"User `alice` was deleted from `demo`. Its password no longer works.",
		);
	});

	test("user rotate", () => {
		const message = outcomeMessage({
			kind: "user.rotate",
			registry,
			username: "alice",
			permission: "all",
		});
		expect(message.text).toContain("A new password was sent to you by DM");
	});

	test("backtick in a name cannot end the code span", () => {
		const message = outcomeMessage({
			kind: "registry.delete",
			registry: sampleRegistry({ name: "a`b" }),
		});
		expect(message.text).toBe(
			"Registry `a\u02CBb` (`demo.sakuracr.jp`) was deleted.",
		);
	});
});
