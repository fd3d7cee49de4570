import {
	ConfigError,
	parseSecrets,
	parseSettings,
	SAKURA_DEFAULT_ROOT_URL,
} from "../src/config";

describe("parseSettings", () => {
	test("applies defaults to an empty environment", () => {
		const settings = parseSettings({});

		expect(settings.secretId).toBeUndefined();
		expect(settings.sakura).toEqual({
			rootUrl: SAKURA_DEFAULT_ROOT_URL,
			zone: "is1a",
			timeoutMs: 10_000,
		});
		expect(settings.secretCacheTtlMs).toBe(300_000);
		expect(settings.logLevel).toBe("INFO");
	});

	test("treats empty strings as unset", () => {
		const settings = parseSettings({
			APP_SECRET_ID: "",
			SAKURACLOUD_DEFAULT_ZONE: "",
		});

		expect(settings.secretId).toBeUndefined();
		expect(settings.sakura.zone).toBe("is1a");
	});

	test("trims a trailing slash from the root URL", () => {
		const settings = parseSettings({
			SAKURACLOUD_API_ROOT_URL: "http://127.0.0.1:9999/cloud/zone/",
		});

		expect(settings.sakura.rootUrl).toBe("http://127.0.0.1:9999/cloud/zone");
	});

	test.each([
		["SAKURACLOUD_DEFAULT_ZONE", "mars1a"],
		["SAKURACLOUD_API_ROOT_URL", "not a url"],
		["SAKURA_TIMEOUT_MS", "fast"],
		["SECRET_CACHE_TTL_SECONDS", "-1"],
		["SLACK_API_URL", "ftp://127.0.0.1/api/"],
		["LOG_LEVEL", "LOUD"],
	])("names the invalid variable %s", (name, value) => {
		const error = (() => {
			try {
				parseSettings({ [name]: value });
			} catch (caught) {
				return caught;
			}
			return undefined;
		})();

		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).problems.join(" ")).toContain(name);
	});
});

describe("parseSecrets", () => {
	const complete = {
		SLACK_SIGNING_SECRET: "sign",
		SLACK_BOT_TOKEN: "xoxb-1",
		SAKURACLOUD_ACCESS_TOKEN: "token",
		SAKURACLOUD_ACCESS_TOKEN_SECRET: "token-secret",
	};

	test("reads the four secrets", () => {
		expect(parseSecrets(complete, "the environment")).toEqual({
			slackSigningSecret: "sign",
			slackBotToken: "xoxb-1",
			sakuraAccessToken: "token",
			sakuraAccessTokenSecret: "token-secret",
		});
	});

	test("prefers the newer SAKURA_ names", () => {
		const secrets = parseSecrets(
			{
				...complete,
				SAKURA_ACCESS_TOKEN: "new-token",
				SAKURA_ACCESS_TOKEN_SECRET: "new-secret",
			},
			"the environment",
		);

		expect(secrets.sakuraAccessToken).toBe("new-token");
		expect(secrets.sakuraAccessTokenSecret).toBe("new-secret");
	});

	test("names every missing key and the source, never a value", () => {
		let error: ConfigError | undefined;
		try {
			parseSecrets(
				{ SLACK_SIGNING_SECRET: "sign-value", SLACK_BOT_TOKEN: "" },
				"secret bot/prod",
			);
		} catch (caught) {
			error = caught as ConfigError;
		}

		expect(error).toBeInstanceOf(ConfigError);
		expect(error?.problems).toHaveLength(3);
		expect(error?.message).toContain(
			"SLACK_BOT_TOKEN is missing from secret bot/prod",
		);
		expect(error?.message).toContain(
			"SAKURA_ACCESS_TOKEN or SAKURACLOUD_ACCESS_TOKEN",
		);
		expect(error?.message).not.toContain("sign-value");
	});
});
