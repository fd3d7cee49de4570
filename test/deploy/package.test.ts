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

describe("serverless package", () => {
	let outputDir: string;
	let template: {
		Resources: Record<
			string,
			{ Type: string; Properties: Record<string, unknown> }
		>;
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

	test("bundles the handler without the sandbox", async () => {
		const { stdout } = await run("unzip", ["-l", join(outputDir, "slack.zip")]);
		const { stdout: bundle } = await run(
			"unzip",
			["-p", join(outputDir, "slack.zip"), "src/handlers/slack.js"],
			{
				maxBuffer: 64 * 1024 * 1024,
			},
		);

		expect(stdout).toContain("src/handlers/slack.js");
		expect(bundle).toContain("x-sakura-bigint-as-int");
		expect(bundle).not.toContain("startSakuraEmulator");
		expect(bundle).not.toContain("SANDBOX_CREDENTIALS");
		expect(bundle).not.toContain("sandbox-not-a-real-token");
	});

	test("runs on nodejs22.x arm64 behind the HTTP API route", () => {
		const functions = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::Lambda::Function",
		);
		const routes = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::ApiGatewayV2::Route",
		);

		expect(functions).toHaveLength(1);
		expect(functions[0].Properties.Runtime).toBe("nodejs22.x");
		expect(functions[0].Properties.Architectures).toEqual(["arm64"]);
		expect(routes.map((route) => route.Properties.RouteKey)).toEqual([
			"POST /slack/events",
		]);
	});

	test("grants access to the one secret and nothing wildcard", () => {
		const role = Object.values(template.Resources).find(
			(resource) => resource.Type === "AWS::IAM::Role",
		);
		const policies = role?.Properties.Policies as {
			PolicyDocument: { Statement: Statement[] };
		}[];
		const statements = policies.flatMap(
			(policy) => policy.PolicyDocument.Statement,
		);

		const secretStatements = statements.filter((statement) =>
			statement.Action.some((action) => action.startsWith("secretsmanager:")),
		);
		expect(secretStatements).toHaveLength(1);
		expect(secretStatements[0].Action).toEqual([
			"secretsmanager:GetSecretValue",
		]);
		expect(JSON.stringify(secretStatements[0].Resource)).toContain(
			":secret:sakura-registry-bot/dev-??????",
		);
		for (const statement of statements) {
			expect(statement.Resource).not.toContain("*");
			expect(statement.Action).not.toContain("*");
		}
	});

	test("declares the requests table", () => {
		const table = template.Resources.RequestsTable;

		expect(table.Type).toBe("AWS::DynamoDB::Table");
		expect(table.Properties.BillingMode).toBe("PAY_PER_REQUEST");
		expect(table.Properties.KeySchema).toEqual([
			{ AttributeName: "id", KeyType: "HASH" },
		]);
		expect(table.Properties.AttributeDefinitions).toEqual([
			{ AttributeName: "id", AttributeType: "S" },
		]);
		expect(table.Properties.TimeToLiveSpecification).toEqual({
			AttributeName: "ttl",
			Enabled: true,
		});
		expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
			PointInTimeRecoveryEnabled: true,
		});
	});

	test("passes the table and approval channel to the function", () => {
		const functions = Object.values(template.Resources).filter(
			(resource) => resource.Type === "AWS::Lambda::Function",
		);
		expect(functions).toHaveLength(1);
		const variables = (
			functions[0].Properties.Environment as {
				Variables: Record<string, unknown>;
			}
		).Variables;

		expect(variables.REQUESTS_TABLE).toEqual({ Ref: "RequestsTable" });
		expect(variables.APPROVAL_CHANNEL_ID).toBe("");
		expect(variables).not.toHaveProperty("POLICY_PATH");
	});

	test("grants item access to the requests table only", () => {
		const role = Object.values(template.Resources).find(
			(resource) => resource.Type === "AWS::IAM::Role",
		);
		const policies = role?.Properties.Policies as {
			PolicyDocument: { Statement: Statement[] };
		}[];
		const tableStatements = policies
			.flatMap((policy) => policy.PolicyDocument.Statement)
			.filter((statement) =>
				statement.Action.some((action) => action.startsWith("dynamodb:")),
			);

		expect(tableStatements).toHaveLength(1);
		expect(tableStatements[0].Action).toEqual([
			"dynamodb:GetItem",
			"dynamodb:PutItem",
			"dynamodb:UpdateItem",
			"dynamodb:DeleteItem",
		]);
		expect(tableStatements[0].Resource).toEqual([
			{ "Fn::GetAtt": ["RequestsTable", "Arn"] },
		]);
	});
});
