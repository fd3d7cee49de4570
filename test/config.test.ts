import {
	ConfigError,
	parseSakuraSecrets,
	parseSecrets,
	parseSettings,
	parseSlackSecrets,
	SAKURA_DEFAULT_ROOT_URL,
} from "../src/config";

/** The one required setting, so each test names only what it checks. */
const REQUIRED = { REQUESTS_TABLE: "registry-bot-requests" };

describe("parseSettings", () => {
	test("applies defaults to an empty environment", () => {
		const settings = parseSettings(REQUIRED);

		expect(settings.slackSecretId).toBeUndefined();
		expect(settings.sakuraSecretId).toBeUndefined();
		expect(settings.workerFunctionName).toBeUndefined();
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
			...REQUIRED,
			SLACK_SECRET_ID: "",
			SAKURA_SECRET_ID: "",
			SAKURACLOUD_DEFAULT_ZONE: "",
		});

		expect(settings.slackSecretId).toBeUndefined();
		expect(settings.sakuraSecretId).toBeUndefined();
		expect(settings.sakura.zone).toBe("is1a");
	});

	test("trims a trailing slash from the root URL", () => {
		const settings = parseSettings({
			...REQUIRED,
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
		["REQUESTS_TABLE", "requests table"],
		["REQUESTS_TABLE", "ab"],
		["APPROVAL_CHANNEL_ID", "#registry-approvals"],
		["APPROVAL_CHANNEL_ID", "D0HANAKO"],
		["ADMIN_CHANNEL_ID", "#registry-admins"],
		["ADMIN_CHANNEL_ID", "U0HANAKO"],
		["AWS_ENDPOINT_URL_DYNAMODB", "127.0.0.1:8000"],
	])("names the invalid variable %s", (name, value) => {
		const error = (() => {
			try {
				parseSettings({ ...REQUIRED, [name]: value });
			} catch (caught) {
				return caught;
			}
			return undefined;
		})();

		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).problems.join(" ")).toContain(name);
	});
});

describe("parseSettings approvals", () => {
	test("requires REQUESTS_TABLE", () => {
		expect(() => parseSettings({})).toThrow(ConfigError);
		expect(() => parseSettings({ REQUESTS_TABLE: "" })).toThrow(
			/REQUESTS_TABLE: missing/,
		);
	});

	test("leaves optional approval settings unset", () => {
		const settings = parseSettings(REQUIRED);

		expect(settings.approvals).toEqual({
			requestsTable: "registry-bot-requests",
			dynamodbEndpoint: undefined,
			channelId: undefined,
			policyPath: undefined,
			requestsPerHour: 20,
		});
	});

	test("reads every approval setting", () => {
		const settings = parseSettings({
			...REQUIRED,
			AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:8000",
			APPROVAL_CHANNEL_ID: "C0APPROVALS",
			POLICY_PATH: "/opt/policy.json",
		});

		expect(settings.approvals).toEqual({
			requestsTable: "registry-bot-requests",
			dynamodbEndpoint: "http://127.0.0.1:8000",
			channelId: "C0APPROVALS",
			policyPath: "/opt/policy.json",
			requestsPerHour: 20,
		});
	});

	test("treats an empty APPROVAL_CHANNEL_ID as unset", () => {
		const settings = parseSettings({ ...REQUIRED, APPROVAL_CHANNEL_ID: "" });

		expect(settings.approvals.channelId).toBeUndefined();
	});
});

describe("ADMIN_CHANNEL_ID", () => {
	test("defaults to APPROVAL_CHANNEL_ID", () => {
		const settings = parseSettings({
			...REQUIRED,
			APPROVAL_CHANNEL_ID: "C0APPROVALS",
		});

		expect(settings.adminChannelId).toBe("C0APPROVALS");
	});

	test("takes precedence over APPROVAL_CHANNEL_ID", () => {
		const settings = parseSettings({
			...REQUIRED,
			APPROVAL_CHANNEL_ID: "C0APPROVALS",
			ADMIN_CHANNEL_ID: "G0ADMINS",
		});

		expect(settings.adminChannelId).toBe("G0ADMINS");
	});

	test("is unset when both are unset", () => {
		const settings = parseSettings({ ...REQUIRED, ADMIN_CHANNEL_ID: "" });

		expect(settings.adminChannelId).toBeUndefined();
	});
});

describe("WORKER_FUNCTION_NAME", () => {
	test("accepts a function name and a function ARN", () => {
		const arn =
			"arn:aws:lambda:ap-northeast-1:123456789012:function:registry-bot-prod-worker";

		expect(
			parseSettings({
				...REQUIRED,
				WORKER_FUNCTION_NAME: "registry-bot-prod-worker",
			}).workerFunctionName,
		).toBe("registry-bot-prod-worker");
		expect(
			parseSettings({ ...REQUIRED, WORKER_FUNCTION_NAME: arn })
				.workerFunctionName,
		).toBe(arn);
	});

	test("rejects a URL and names the variable and the value", () => {
		expect(() =>
			parseSettings({
				...REQUIRED,
				WORKER_FUNCTION_NAME: "https://lambda.example/worker",
			}),
		).toThrow(
			/WORKER_FUNCTION_NAME: use the worker's Lambda function name.*https:\/\/lambda\.example\/worker/,
		);
	});
});

describe("split secrets", () => {
	test("the Slack secret needs only the Slack keys", () => {
		expect(
			parseSlackSecrets(
				{ SLACK_SIGNING_SECRET: "signing", SLACK_BOT_TOKEN: "xoxb-1" },
				"secret registry-bot/slack",
			),
		).toEqual({ slackSigningSecret: "signing", slackBotToken: "xoxb-1" });
	});

	test("the SAKURA secret names a missing key and its secret", () => {
		expect(() =>
			parseSakuraSecrets(
				{ SAKURA_ACCESS_TOKEN: "token" },
				"secret registry-bot/sakura",
			),
		).toThrow(
			"SAKURA_ACCESS_TOKEN_SECRET or SAKURACLOUD_ACCESS_TOKEN_SECRET is missing from secret registry-bot/sakura",
		);
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

describe("parseSettings log level and values", () => {
	test("accepts any case of a log level", () => {
		expect(
			parseSettings({ LOG_LEVEL: "debug", REQUESTS_TABLE: "requests" })
				.logLevel,
		).toBe("DEBUG");
		expect(
			parseSettings({ LOG_LEVEL: "Critical", REQUESTS_TABLE: "requests" })
				.logLevel,
		).toBe("CRITICAL");
	});

	test("shows the rejected value", () => {
		let error: ConfigError | undefined;
		try {
			parseSettings({
				SAKURACLOUD_DEFAULT_ZONE: "bad zone",
				REQUESTS_TABLE: "requests",
			});
		} catch (caught) {
			error = caught as ConfigError;
		}

		expect(error?.message).toContain("SAKURACLOUD_DEFAULT_ZONE");
		expect(error?.message).toContain('(value "bad zone")');
	});
});

describe("parseSecrets blank values", () => {
	test("treats a blank value as missing", () => {
		expect(() =>
			parseSecrets(
				{
					SLACK_SIGNING_SECRET: "sign",
					SLACK_BOT_TOKEN: "   ",
					SAKURACLOUD_ACCESS_TOKEN: "token",
					SAKURACLOUD_ACCESS_TOKEN_SECRET: "secret",
				},
				"the environment",
			),
		).toThrow("SLACK_BOT_TOKEN is missing from the environment");
	});
});

describe("parseSettings locales", () => {
	function problemsOf(env: NodeJS.ProcessEnv): string[] {
		try {
			parseSettings(env);
		} catch (error) {
			if (error instanceof ConfigError) {
				return error.problems;
			}
			throw error;
		}
		return [];
	}

	test("defaults to English without overrides", () => {
		const { locales } = parseSettings(REQUIRED);

		expect(locales.workspaceDefault).toBe("en");
		expect([...locales.channels]).toEqual([]);
	});

	test("reads DEFAULT_LOCALE in any case", () => {
		expect(
			parseSettings({ ...REQUIRED, DEFAULT_LOCALE: " JA " }).locales
				.workspaceDefault,
		).toBe("ja");
		expect(
			parseSettings({ ...REQUIRED, DEFAULT_LOCALE: "en" }).locales
				.workspaceDefault,
		).toBe("en");
	});

	test("rejects an unknown DEFAULT_LOCALE", () => {
		const problems = problemsOf({ ...REQUIRED, DEFAULT_LOCALE: "ja-JP" });

		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain("DEFAULT_LOCALE");
		expect(problems[0]).toContain("en, ja");
		expect(problems[0]).toContain('(value "ja-JP")');
	});

	test("reads CHANNEL_LOCALES", () => {
		const { locales } = parseSettings({
			...REQUIRED,
			CHANNEL_LOCALES: "C0APPROVALS:ja, C0SHARED : en",
		});

		expect([...locales.channels]).toEqual([
			["C0APPROVALS", "ja"],
			["C0SHARED", "en"],
		]);
	});

	test("names the invalid CHANNEL_LOCALES entry", () => {
		const problems = problemsOf({
			...REQUIRED,
			CHANNEL_LOCALES: "C0APPROVALS:ja,#shared:en",
		});

		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(/^CHANNEL_LOCALES: /);
		expect(problems[0]).toContain('"#shared:en"');
	});

	test("rejects an unknown locale in CHANNEL_LOCALES", () => {
		const problems = problemsOf({
			...REQUIRED,
			CHANNEL_LOCALES: "C0APPROVALS:fr",
		});

		expect(problems).toHaveLength(1);
		expect(problems[0]).toContain('unknown locale "fr"');
	});
});

describe("parseSettings request limit", () => {
	test("defaults to 20 per hour", () => {
		expect(
			parseSettings({ REQUESTS_TABLE: "requests" }).approvals.requestsPerHour,
		).toBe(20);
	});

	test("rejects zero and names the variable", () => {
		expect(() =>
			parseSettings({ REQUESTS_TABLE: "requests", REQUESTS_PER_HOUR: "0" }),
		).toThrow("REQUESTS_PER_HOUR");
	});
});
