import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";

const ROOT = join(__dirname, "..", "..");
const SCHEMA_PATH = join(
	ROOT,
	"test",
	"fixtures",
	"slack-manifest-schema",
	"manifest.schema.1.0.0.json",
);

function loadManifest(): Record<string, unknown> {
	return parse(readFileSync(join(ROOT, "manifest.yml"), "utf8")) as Record<
		string,
		unknown
	>;
}

function validator() {
	const schema = JSON.parse(readFileSync(SCHEMA_PATH, "utf8")) as Record<
		string,
		unknown
	>;
	// Slack's schema uses draft-07 keywords and a few formats ajv does not know, such as "uri".
	const ajv = new Ajv({
		allErrors: true,
		strict: false,
		validateFormats: false,
	});
	return ajv.compile(schema);
}

describe("manifest.yml", () => {
	test("matches Slack's published manifest schema", () => {
		const validate = validator();

		const valid = validate(loadManifest());

		expect(validate.errors ?? []).toEqual([]);
		expect(valid).toBe(true);
	});

	test("schema rejects a broken manifest", () => {
		const validate = validator();
		const broken = loadManifest();
		const features = broken.features as Record<string, unknown>;
		features.slash_commands = [
			{ command: "registry", description: "no leading slash" },
		];

		expect(validate(broken)).toBe(false);
	});

	test("declares the command, shortcut and scopes the code uses", () => {
		const manifest = loadManifest() as {
			features: {
				slash_commands: { command: string }[];
				shortcuts: { callback_id: string }[];
			};
			oauth_config: { scopes: { bot: string[] } };
			settings: {
				interactivity: {
					is_enabled: boolean;
					request_url: string;
					message_menu_options_url: string;
				};
			};
		};

		expect(
			manifest.features.slash_commands.map((command) => command.command),
		).toEqual(["/registry"]);
		expect(
			manifest.features.shortcuts.map((shortcut) => shortcut.callback_id),
		).toEqual(["registry_open"]);
		expect(manifest.settings.interactivity.is_enabled).toBe(true);
		// The forms' registry pickers are external selects, which load options from this URL.
		expect(manifest.settings.interactivity.message_menu_options_url).toBe(
			manifest.settings.interactivity.request_url,
		);
		for (const scope of [
			"commands",
			"chat:write",
			"im:write",
			"users:read",
			"usergroups:read",
		]) {
			expect(manifest.oauth_config.scopes.bot).toContain(scope);
		}
	});
});
