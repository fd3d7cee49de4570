import type { Credentials, Outcome } from "../../../src/operations/types";
import { credentialsMessage, outcomeMessage } from "../../../src/slack/blocks";
import { SAMPLE_PASSWORD } from "./every-message";
import { sampleRegistry } from "./samples";
import { allTexts, limitViolations, rawAngleBrackets } from "./slack-limits";

function credentials(overrides: Partial<Credentials> = {}): Credentials {
	return {
		registry: sampleRegistry(),
		username: "alice",
		password: SAMPLE_PASSWORD,
		permission: "readonly",
		rotated: false,
		...overrides,
	};
}

function occurrences(haystack: string, needle: string): number {
	return haystack.split(needle).length - 1;
}

describe("credentialsMessage", () => {
	test.each([false, true])("password once in blocks, rotated=%s", (rotated) => {
		const message = credentialsMessage(credentials({ rotated }));
		expect(occurrences(JSON.stringify(message.blocks), SAMPLE_PASSWORD)).toBe(
			1,
		);
	});

	test.each([false, true])(
		"text never has the password, rotated=%s",
		(rotated) => {
			const message = credentialsMessage(credentials({ rotated }));
			expect(message.text).not.toContain(SAMPLE_PASSWORD);
		},
	);

	test("text names the registry", () => {
		expect(credentialsMessage(credentials()).text).toBe(
			"New credentials for demo.sakuracr.jp",
		);
	});

	test("rotated text names the user", () => {
		expect(credentialsMessage(credentials({ rotated: true })).text).toBe(
			"New password for alice on demo.sakuracr.jp",
		);
	});

	test("password in its own code block", () => {
		const texts = allTexts(credentialsMessage(credentials()));
		expect(texts).toContain(`*Password*\n\`\`\`${SAMPLE_PASSWORD}\`\`\``);
	});

	test("shows registry, user and permission", () => {
		const texts = allTexts(
			credentialsMessage(credentials({ permission: "readwrite" })),
		);
		expect(texts).toContain("*Registry*\n`demo.sakuracr.jp`");
		expect(texts).toContain("*User name*\n`alice`");
		expect(texts).toContain("*Permission*\nreadwrite");
	});

	test("docker login lines keep the password out", () => {
		const texts = allTexts(credentialsMessage(credentials())).join("\n");
		expect(texts).toContain(
			"```docker login demo.sakuracr.jp --username alice```",
		);
		expect(texts).toContain(
			"```printf '%s' \"$REGISTRY_PASSWORD\" \\\n  | docker login demo.sakuracr.jp \\\n    --username alice --password-stdin```",
		);
	});

	test("login lines fit a phone screen", () => {
		const texts = allTexts(credentialsMessage(credentials())).join("\n");
		const codeLines = [...texts.matchAll(/```([^`]*)```/g)].flatMap((match) =>
			match[1].split("\n"),
		);

		for (const line of codeLines) {
			expect(line.length).toBeLessThanOrEqual(50);
		}
	});

	test("unusual host name is shell-quoted", () => {
		const registry = sampleRegistry({ fqdn: "it's $(reboot).example" });
		const texts = allTexts(credentialsMessage(credentials({ registry }))).join(
			"\n",
		);
		expect(texts).toContain(
			"docker login 'it'\\''s $(reboot).example' --username alice",
		);
	});

	test("new credentials ask to store the password", () => {
		const texts = allTexts(credentialsMessage(credentials())).join("\n");
		expect(texts).toContain("Store the password in a secret manager now");
		expect(texts).toContain("cannot show it again");
		expect(texts).not.toContain("stopped working");
	});

	test("rotation says the old password stopped", () => {
		const texts = allTexts(
			credentialsMessage(credentials({ rotated: true })),
		).join("\n");
		expect(texts).toContain("The old password of `alice` stopped working.");
	});

	test("fits Slack limits", () => {
		expect(limitViolations(credentialsMessage(credentials()))).toEqual([]);
	});

	test("escapes a hostile host name", () => {
		const registry = sampleRegistry({ fqdn: "<!channel>.sakuracr.jp" });
		expect(
			rawAngleBrackets(credentialsMessage(credentials({ registry }))),
		).toEqual([]);
	});
});

describe("outcome messages never carry a password", () => {
	// An Outcome built carelessly from the credentials object still contains the password at run time;
	// the builders must pick their fields and never serialise the whole object.
	const careless = (kind: "user.add" | "user.rotate"): Outcome =>
		({ ...credentials(), kind }) as unknown as Outcome;

	test.each(["user.add", "user.rotate"] as const)("%s", (kind) => {
		const message = outcomeMessage(careless(kind));
		expect(JSON.stringify(message)).not.toContain(SAMPLE_PASSWORD);
	});

	test("user add names the DM", () => {
		const message = outcomeMessage(careless("user.add"));
		expect(message.text).toContain(
			"Credentials for `alice` were sent to you by direct message.",
		);
	});

	test("user rotate names the DM", () => {
		const message = outcomeMessage(careless("user.rotate"));
		expect(message.text).toContain("A new password was sent to you by DM");
	});
});
