import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = join(__dirname, "..", "..");

interface Statement {
	Effect: string;
	Action: string[];
	Resource: unknown[];
}

type Resource = { Type: string; Properties: Record<string, unknown> };

describe("serverless package", () => {
	let outputDir: string;
	let template: {
		Resources: Record<string, Resource>;
	};

	beforeAll(async () => {
		outputDir = await mkdtemp(join(tmpdir(), "registry-bot-package-"));
		await run(
			process.execPath,
			[
				join(ROOT, "node_modules", "serverless", "bin", "serverless.js"),
				"package",
				"--package",
				outputDir,
			],
			{
				cwd: ROOT,
				env: {
					...process.env,
					SLS_TELEMETRY_DISABLED: "1",
					SLS_NOTIFICATIONS_MODE: "off",
				},
				timeout: 120_000,
			},
		);
		template = JSON.parse(
			await readFile(
				join(outputDir, "cloudformation-template-update-stack.json"),
				"utf8",
			),
		);
	}, 150_000);

	afterAll(async () => {
		await rm(outputDir, { recursive: true, force: true });
	});

	/** Reads one file of a packaged function's zip. */
	async function unzipped(zip: string, file: string): Promise<string> {
		const { stdout } = await run("unzip", ["-p", join(outputDir, zip), file], {
			maxBuffer: 64 * 1024 * 1024,
		});
		return stdout;
	}

	function functionsByName(): Record<string, Resource> {
		return {
			slack: template.Resources.SlackLambdaFunction,
			worker: template.Resources.WorkerLambdaFunction,
			jobFailed: template.Resources.JobFailedLambdaFunction,
			sweeper: template.Resources.SweeperLambdaFunction,
		};
	}

	function statementsOf(roleName: string): Statement[] {
		const role = template.Resources[roleName];
		expect(role?.Type).toBe("AWS::IAM::Role");
		const policies = role.Properties.Policies as {
			PolicyDocument: { Statement: Statement[] };
		}[];
		return policies.flatMap((policy) => policy.PolicyDocument.Statement);
	}

	function resourcesFor(statements: Statement[], prefix: string): string {
		return JSON.stringify(
			statements
				.filter((statement) =>
					statement.Action.some((action) => action.startsWith(prefix)),
				)
				.flatMap((statement) => statement.Resource),
		);
	}

	test("bundles each function without the sandbox; the SAKURA client only in the worker", async () => {
		const slack = await unzipped("slack.zip", "src/handlers/slack.js");
		const worker = await unzipped("worker.zip", "src/handlers/worker.js");
		const jobFailed = await unzipped(
			"jobFailed.zip",
			"src/handlers/job-failed.js",
		);

		for (const bundle of [slack, worker, jobFailed]) {
			expect(bundle).not.toContain("startSakuraEmulator");
			expect(bundle).not.toContain("SANDBOX_CREDENTIALS");
			expect(bundle).not.toContain("sandbox-not-a-real-token");
		}
		// The header every SAKURA API call sends: the HTTP path never calls SAKURA.
		expect(slack).not.toContain("x-sakura-bigint-as-int");
		expect(worker).toContain("x-sakura-bigint-as-int");
	});

	test("runs four functions on nodejs22.x arm64, one behind the HTTP API route", () => {
		const functions = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::Lambda::Function",
		);
		const routes = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::ApiGatewayV2::Route",
		);

		expect(functions).toHaveLength(4);
		for (const fn of Object.values(functionsByName())) {
			expect(fn.Properties.Runtime).toBe("nodejs22.x");
			expect(fn.Properties.Architectures).toEqual(["arm64"]);
		}
		expect(routes.map((route) => route.Properties.RouteKey)).toEqual([
			"POST /slack/events",
		]);
	});

	test("gives each function its own role, and the slack function no SAKURA secret", () => {
		const { slack, worker, jobFailed } = functionsByName();
		expect(slack.Properties.Role).toEqual({
			"Fn::GetAtt": ["SlackRole", "Arn"],
		});
		expect(worker.Properties.Role).toEqual({
			"Fn::GetAtt": ["WorkerRole", "Arn"],
		});
		expect(jobFailed.Properties.Role).toEqual({
			"Fn::GetAtt": ["WorkerRole", "Arn"],
		});

		const slackSecrets = resourcesFor(
			statementsOf("SlackRole"),
			"secretsmanager:",
		);
		const workerSecrets = resourcesFor(
			statementsOf("WorkerRole"),
			"secretsmanager:",
		);
		expect(slackSecrets).toContain(
			":secret:sakura-registry-bot/dev/slack-??????",
		);
		expect(slackSecrets).not.toContain("/sakura-");
		expect(workerSecrets).toContain(
			":secret:sakura-registry-bot/dev/slack-??????",
		);
		expect(workerSecrets).toContain(
			":secret:sakura-registry-bot/dev/sakura-??????",
		);
	});

	test("names only the project's resources in every statement, never a wildcard", () => {
		const roles = Object.entries(template.Resources).filter(
			([, resource]) => resource.Type === "AWS::IAM::Role",
		);
		expect(roles.map(([name]) => name).sort()).toEqual([
			"SlackRole",
			"WorkerRole",
		]);

		const known = [
			"RequestsTable",
			"JobsDeadLetterQueue",
			":secret:sakura-registry-bot/dev/slack-??????",
			":secret:sakura-registry-bot/dev/sakura-??????",
			":function:sakura-registry-bot-dev-worker",
			":function:sakura-registry-bot-dev-jobFailed",
			":log-group:/aws/lambda/sakura-registry-bot-dev-",
		];
		for (const [name] of roles) {
			for (const statement of statementsOf(name)) {
				expect(statement.Effect).toBe("Allow");
				expect(statement.Action).not.toContain("*");
				for (const action of statement.Action) {
					expect(action).not.toMatch(/\*/);
				}
				for (const resource of statement.Resource) {
					const text = JSON.stringify(resource);
					expect(text).not.toBe('"*"');
					expect(known.some((part) => text.includes(part))).toBe(true);
				}
			}
		}

		const invoke = resourcesFor(statementsOf("SlackRole"), "lambda:");
		expect(invoke).toContain(":function:sakura-registry-bot-dev-worker");
		expect(invoke).not.toContain("jobFailed");
	});

	test("retries a failed job twice and then hands it to jobFailed", () => {
		const configs = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::Lambda::EventInvokeConfig",
		);
		const workerConfig = configs.find(
			(config) =>
				JSON.stringify(config.Properties.FunctionName) ===
				JSON.stringify({ Ref: "WorkerLambdaFunction" }),
		);

		expect(workerConfig?.Properties.MaximumRetryAttempts).toBe(2);
		expect(
			JSON.stringify(workerConfig?.Properties.DestinationConfig),
		).toContain("JobFailedLambdaFunction");
		expect(template.Resources.JobsDeadLetterQueue.Type).toBe("AWS::SQS::Queue");
	});

	test("runs the sweeper every 5 minutes, and scans only the one table", () => {
		const rules = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::Events::Rule",
		);
		expect(rules.map((rule) => rule.Properties.ScheduleExpression)).toEqual([
			"rate(5 minutes)",
		]);
		expect(JSON.stringify(rules[0].Properties.Targets)).toContain(
			"SweeperLambdaFunction",
		);
		expect(functionsByName().sweeper.Properties.Role).toEqual({
			"Fn::GetAtt": ["WorkerRole", "Arn"],
		});
		const scans = (role: string) =>
			statementsOf(role).filter((statement) =>
				statement.Action.includes("dynamodb:Scan"),
			);
		for (const role of ["SlackRole", "WorkerRole"]) {
			expect(scans(role)).toHaveLength(1);
			expect(scans(role)[0].Resource).toEqual([
				{ "Fn::GetAtt": ["RequestsTable", "Arn"] },
			]);
		}
	});

	test("keeps logs for 30 days", () => {
		const groups = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::Logs::LogGroup",
		);
		expect(groups).toHaveLength(4);
		for (const group of groups) {
			expect(group.Properties.RetentionInDays).toBe(30);
		}
	});

	test("declares the requests table", () => {
		const table = template.Resources.RequestsTable;

		expect(table.Type).toBe("AWS::DynamoDB::Table");
		expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
		expect(table.Properties.KeySchema).toEqual([
			{ AttributeName: "id", KeyType: "HASH" },
		]);
		expect(table.Properties.TimeToLiveSpecification).toEqual({
			AttributeName: "ttl",
			Enabled: true,
		});
		expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
			PointInTimeRecoveryEnabled: true,
		});
	});

	test("passes each function only the settings it needs", () => {
		const { slack, worker } = functionsByName();
		const variables = (fn: Resource) =>
			(fn.Properties.Environment as { Variables: Record<string, unknown> })
				.Variables;

		expect(variables(slack).REQUESTS_TABLE).toEqual({ Ref: "RequestsTable" });
		expect(variables(slack).APPROVAL_CHANNEL_ID).toBe("");
		expect(variables(slack).WORKER_FUNCTION_NAME).toBe(
			"sakura-registry-bot-dev-worker",
		);
		expect(variables(slack)).not.toHaveProperty("SAKURA_SECRET_ID");
		expect(variables(worker).SAKURA_SECRET_ID).toBe(
			"sakura-registry-bot/dev/sakura",
		);
		expect(variables(slack)).not.toHaveProperty("POLICY_PATH");
	});
});
