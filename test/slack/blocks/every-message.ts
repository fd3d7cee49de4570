import {
	OperationError,
	type OperationErrorCode,
} from "../../../src/operations/errors";
import type {
	Operation,
	Outcome,
	Requester,
} from "../../../src/operations/types";
import {
	credentialsMessage,
	helpMessage,
	invalidCommandMessage,
	operationErrorMessage,
	outcomeMessage,
	type SlackMessage,
	unexpectedErrorMessage,
	workingMessage,
} from "../../../src/slack/blocks";
import {
	grantExpiredMessage,
	grantLine,
	grantReminderMessage,
} from "../../../src/slack/blocks/grant-messages";
import { parseRegistryCommand } from "../../../src/slack/grammar";
import type { GrantRecord } from "../../../src/store/grants";
import { sampleRegistries, sampleRegistry, sampleUsers } from "./samples";

export const SAMPLE_PASSWORD = "Zq7mX2pL9vR4tK8wN3bH6cJ1";

/** Command lines that each fail in a different way, covering every `parse.*` message. */
export const INVALID_COMMANDS = [
	"lst",
	"--user bob",
	"user",
	"user remove demo",
	'create "demo',
	"show",
	"list extra",
	"list --all",
	"create demo --user bob",
	"create demo --permission none --permission none",
	"create demo --permission",
	"user del demo",
	"create demo_1",
	"create Demo",
	"create デモ",
	"create \uFF44\uFF45\uFF4D\uFF4F",
	`create ${"a".repeat(64)}`,
	`show ${"r".repeat(65)}`,
	'show "a\u0007b"',
	"user add demo --user bob:x",
	"user add demo --user Bob",
	"user add demo --user ボブ",
	"user add demo --user \uFF42\uFF4F\uFF42",
	`user add demo --user ${"b".repeat(65)}`,
	"create demo --permission public",
	"create demo --permission readwrite",
	"user add demo --permission admin",
	"user add demo --ttl forever",
	"create demo --domain https://reg.example.com",
	`create demo --description "${"x".repeat(513)}"`,
	`list --reason "${"r".repeat(501)}"`,
	"x".repeat(3000),
];

export const OPERATIONS: Operation[] = [
	{ kind: "registry.list" },
	{ kind: "registry.show", registry: "demo" },
	{ kind: "registry.create", name: "demo", accessLevel: "none" },
	{ kind: "registry.delete", registry: "demo" },
	{
		kind: "user.add",
		registry: "demo",
		username: "alice",
		permission: "readonly",
	},
	{ kind: "user.list", registry: "demo" },
	{ kind: "user.delete", registry: "demo", username: "alice" },
	{ kind: "user.rotate", registry: "demo", username: "alice" },
	{ kind: "user.extend", registry: "demo", username: "alice" },
	{ kind: "user.audit", registry: "demo" },
];

export function outcomes(): Array<[string, Outcome]> {
	const registry = sampleRegistry();
	return [
		["registry.list empty", { kind: "registry.list", registries: [] }],
		[
			"registry.list one",
			{ kind: "registry.list", registries: sampleRegistries(1) },
		],
		[
			"registry.list three",
			{ kind: "registry.list", registries: sampleRegistries(3) },
		],
		[
			"registry.list 200",
			{ kind: "registry.list", registries: sampleRegistries(200) },
		],
		["registry.show no users", { kind: "registry.show", registry, users: [] }],
		[
			"registry.show users",
			{ kind: "registry.show", registry, users: sampleUsers(3) },
		],
		[
			"registry.show 500 users",
			{ kind: "registry.show", registry, users: sampleUsers(500) },
		],
		[
			"registry.show bare",
			{
				kind: "registry.show",
				registry: sampleRegistry({
					accessLevel: "",
					description: "",
					virtualDomain: "",
				}),
				users: [],
			},
		],
		[
			"registry.show custom domain",
			{
				kind: "registry.show",
				registry: sampleRegistry({
					accessLevel: "readonly",
					virtualDomain: "reg.example.com",
				}),
				users: [],
			},
		],
		["registry.create", { kind: "registry.create", registry }],
		["registry.delete", { kind: "registry.delete", registry }],
		[
			"user.add",
			{ kind: "user.add", registry, username: "alice", permission: "readonly" },
		],
		["user.list", { kind: "user.list", registry, users: sampleUsers(2) }],
		["user.list empty", { kind: "user.list", registry, users: [] }],
		["user.list 500", { kind: "user.list", registry, users: sampleUsers(500) }],
		["user.delete", { kind: "user.delete", registry, username: "alice" }],
		[
			"user.rotate",
			{ kind: "user.rotate", registry, username: "alice", permission: "all" },
		],
		[
			"user.audit",
			{
				kind: "user.audit",
				registry,
				unmanaged: sampleUsers(25),
				managed: 3,
			},
		],
		[
			"user.audit clean",
			{ kind: "user.audit", registry, unmanaged: [], managed: 3 },
		],
		[
			"user.extend",
			{
				kind: "user.extend",
				registry,
				username: "alice",
				expiresAt: "2030-03-08T00:00:00.000Z",
			},
		],
	];
}

const DETAILS = {
	status: "400",
	errorCode: "bad_request",
	serial: "c7e35fe92a54ab34bdc5cdcd7cbee571",
	sakuraMessage: "リクエストが不正です",
};

/** Returns an error of each code, with the params the operations layer sets for it. */
export function operationErrors(): OperationError[] {
	const samples: Array<[OperationErrorCode, Record<string, string>]> = [
		["registry_not_found", { registry: "demo" }],
		["registry_not_found", { registry: "Demo" }],
		[
			"registry_ambiguous",
			{ registry: "demo", ids: "900000000001, 900000000002" },
		],
		["registry_label_taken", { label: "demo" }],
		["access_level_rejected", { accessLevel: "readonly", ...DETAILS }],
		["user_exists", { registry: "demo", username: "alice" }],
		["user_not_found", { registry: "demo", username: "alice" }],
		["user_busy", { registry: "demo", username: "alice" }],
		["request_limit", { limit: "20" }],
		["invalid_request", DETAILS],
		["invalid_request", { ...DETAILS, sakuraMessage: "" }],
		[
			"sakura_unauthorized",
			{ ...DETAILS, status: "401", errorCode: "unauthorized" },
		],
		["sakura_unavailable", {}],
		["sakura_unavailable", { ...DETAILS, status: "503" }],
		["sakura_timeout", {}],
		["sakura_timeout", { uncertain: "true" }],
		[
			"sakura_failed",
			{ ...DETAILS, status: "500", errorCode: "internal_server_error" },
		],
		["sakura_failed", { status: "502" }],
		["credentials_undelivered", { registry: "demo", username: "alice" }],
		["job_failed", {}],
		["grant_not_found", { registry: "demo", username: "alice" }],
		[
			"credentials_undelivered",
			{
				registry: "demo",
				username: "alice",
				revoked: "false",
				deliveryError: "missing_scope",
			},
		],
		[
			"credentials_undelivered",
			{
				registry: "demo",
				username: "alice",
				revoked: "true",
				deliveryError: "http_500",
			},
		],
	];
	return samples.map(([code, params]) => new OperationError(code, params));
}

const requester: Requester = { userId: "U1", userName: "alice", teamId: "T1" };

/** Builds every kind of message from sample data, each with a name for test output. */
export function everyMessage(): Array<[string, SlackMessage]> {
	const messages: Array<[string, SlackMessage]> = [["help", helpMessage()]];

	for (const text of INVALID_COMMANDS) {
		const parsed = parseRegistryCommand(text, requester);
		if (parsed.kind !== "invalid") {
			throw new Error(`sample ${JSON.stringify(text)} did not fail`);
		}
		messages.push([
			`invalid ${parsed.failure.key}`,
			invalidCommandMessage(parsed.failure),
		]);
	}
	// The grammar cannot produce this one while `deriveUsername` always returns a valid name.
	messages.push([
		"invalid parse.ttl_too_long",
		invalidCommandMessage({
			key: "parse.ttl_too_long",
			params: { value: "2d", permission: "all", max: "1d" },
		}),
	]);
	messages.push([
		"invalid parse.derived_username_invalid",
		invalidCommandMessage({
			key: "parse.derived_username_invalid",
			params: {},
			usage: "usage.user_add",
		}),
	]);
	for (const operation of OPERATIONS) {
		messages.push([`working ${operation.kind}`, workingMessage(operation)]);
	}
	for (const [name, outcome] of outcomes()) {
		messages.push([`outcome ${name}`, outcomeMessage(outcome)]);
	}
	for (const error of operationErrors()) {
		messages.push([`error ${error.code}`, operationErrorMessage(error)]);
		for (const operation of OPERATIONS) {
			messages.push([
				`error ${error.code} during ${operation.kind}`,
				operationErrorMessage(error, operation),
			]);
		}
	}
	messages.push(["unexpected", unexpectedErrorMessage("req-7f3a9c")]);

	const credentials = {
		registry: sampleRegistry(),
		username: "alice",
		password: SAMPLE_PASSWORD,
		permission: "readonly" as const,
	};
	messages.push([
		"credentials new",
		credentialsMessage({ ...credentials, rotated: false }),
	]);
	messages.push([
		"credentials rotated",
		credentialsMessage({ ...credentials, rotated: true }),
	]);
	messages.push([
		"credentials with an expiry",
		credentialsMessage({
			...credentials,
			rotated: false,
			expiresAt: "2030-03-08T00:00:00.000Z",
		}),
	]);
	const grant = sampleGrant();
	messages.push(["grant reminder", grantReminderMessage(grant)]);
	messages.push(["grant expired", grantExpiredMessage(grant)]);
	messages.push([
		"grant lines",
		{
			text: "grants",
			blocks: [
				grantLine(grant),
				grantLine({
					...grant,
					status: "revoked",
					revokedAt: "2030-03-08T00:00:00.000Z",
				}),
			],
		},
	]);
	return messages;
}

/** A grant as the store returns it, for message builders. */
export function sampleGrant(): GrantRecord {
	return {
		id: "grant:113700000001:alice",
		registryId: "113700000001",
		registryLabel: "team-images",
		username: "alice",
		permission: "readwrite",
		owner: { userId: "U0HANAKO", teamId: "T0SANDBOX" },
		requestId: "request-1",
		reason: "",
		issuedAt: "2030-03-01T00:00:00.000Z",
		expiresAt: "2030-03-08T00:00:00.000Z",
		status: "active",
		warned: [],
		version: 1,
	};
}
