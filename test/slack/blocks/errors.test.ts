import { OperationError } from "../../../src/operations/errors";
import type { Operation } from "../../../src/operations/types";
import {
	operationErrorMessage,
	unexpectedErrorMessage,
} from "../../../src/slack/blocks";
import { operationErrors } from "./every-message";
import { HOSTILE } from "./samples";
import { allTexts, limitViolations, rawAngleBrackets } from "./slack-limits";

const DETAILS = {
	status: "400",
	errorCode: "bad_request",
	serial: "c7e35fe92a54ab34bdc5cdcd7cbee571",
	sakuraMessage: "リクエストが不正です",
};

function texts(error: OperationError, operation?: Operation): string {
	return allTexts(operationErrorMessage(error, operation)).join("\n");
}

describe("operationErrorMessage", () => {
	test("registry_not_found points to list", () => {
		const message = operationErrorMessage(
			new OperationError("registry_not_found", { registry: "foo" }),
		);
		expect(message.text).toBe(
			"No registry named `foo`. `/registry list` shows the ones that exist.",
		);
		expect(allTexts(message).join("\n")).not.toContain("lowercase");
	});

	test("registry_not_found hints at lowercase", () => {
		const all = texts(
			new OperationError("registry_not_found", { registry: "Demo" }),
		);
		expect(all).toContain("did you mean `demo`?");
	});

	test("registry_ambiguous lists the IDs", () => {
		const all = texts(
			new OperationError("registry_ambiguous", {
				registry: "demo",
				ids: "900000000001, 900000000002",
			}),
		);
		expect(all).toContain("More than one registry is named `demo`");
		expect(all).toContain("900000000001, 900000000002");
	});

	test("registry_label_taken", () => {
		expect(
			texts(new OperationError("registry_label_taken", { label: "demo" })),
		).toContain("`demo.sakuracr.jp` is already taken");
	});

	test("access_level_rejected suggests none", () => {
		const all = texts(
			new OperationError("access_level_rejected", {
				accessLevel: "readonly",
				...DETAILS,
			}),
		);
		expect(all).toContain("rejected the access level `readonly`");
		expect(all).toContain("accepts only `none`");
		expect(all).toContain("`readonly` is deprecated");
		expect(all).toContain("`--permission none` (the default)");
		expect(all).toContain(DETAILS.serial);
	});

	test("user_exists suggests rotate", () => {
		expect(
			texts(
				new OperationError("user_exists", {
					registry: "demo",
					username: "alice",
				}),
			),
		).toContain("`/registry user rotate demo --user alice`");
	});

	test("user_not_found suggests user list", () => {
		expect(
			texts(
				new OperationError("user_not_found", {
					registry: "team registry",
					username: "bob",
				}),
			),
		).toContain('`/registry user list "team registry"` shows its users');
	});

	test("invalid_request shows message and serial", () => {
		const all = texts(new OperationError("invalid_request", DETAILS));
		expect(all).toContain(
			`rejected the request as invalid. SAKURA's message, in Japanese: ${DETAILS.sakuraMessage}`,
		);
		expect(all).toContain(`serial \`${DETAILS.serial}\``);
		expect(all).toContain("HTTP 400");
	});

	test("invalid_request without a message", () => {
		expect(
			texts(
				new OperationError("invalid_request", {
					...DETAILS,
					sakuraMessage: "",
				}),
			),
		).toContain("in Japanese: (no message)");
	});

	test("sakura_unauthorized tells an admin", () => {
		const all = texts(
			new OperationError("sakura_unauthorized", { ...DETAILS, status: "401" }),
		);
		expect(all).toContain("API key is invalid or lacks permission");
		expect(all).toContain("Ask an admin");
	});

	test.each(["sakura_unavailable", "sakura_timeout"] as const)(
		"%s says try again",
		(code) => {
			expect(texts(new OperationError(code))).toContain(
				"Try again in a few minutes.",
			);
		},
	);

	test.each<[Operation, string]>([
		[
			{ kind: "registry.create", name: "demo", accessLevel: "none" },
			"check `/registry list`",
		],
		[
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "readonly",
			},
			"check `/registry user list demo`",
		],
		[
			{ kind: "user.rotate", registry: "demo", username: "alice" },
			"Run the command again",
		],
		[{ kind: "registry.delete", registry: "demo" }, "check `/registry list`"],
	])(
		"uncertain timeout during %j says what to check",
		(operation, expected) => {
			const error = new OperationError("sakura_timeout", { uncertain: "true" });

			expect(texts(error, operation)).toContain(expected);
		},
	);

	test("certain failure adds no check", () => {
		const message = operationErrorMessage(
			new OperationError("sakura_unavailable", { status: "503" }),
			{
				kind: "user.add",
				registry: "demo",
				username: "alice",
				permission: "readonly",
			},
		);

		expect(allTexts(message).join("\n")).not.toContain("may have");
	});

	test("timeout during a read adds nothing", () => {
		const message = operationErrorMessage(
			new OperationError("sakura_timeout"),
			{
				kind: "registry.list",
			},
		);
		expect(allTexts(message).join("\n")).not.toContain("check");
	});

	test("uncertain failure without operation gives the general note", () => {
		const all = texts(
			new OperationError("sakura_unavailable", { uncertain: "true" }),
		);
		expect(all).toContain(
			"check `/registry list` or `/registry user list &lt;registry&gt;` first",
		);
	});

	test.each([
		["channel_not_found", "revoked", "Messages tab"],
		["missing_scope", "revoked", "Ask an admin of this Slack app"],
		["http_503", "revoked", "Try again in a few minutes"],
		[
			"rate_limited (retry after 30 s)",
			"revoked",
			"Try again in a few minutes",
		],
	])(
		"undelivered DM with %s advises accordingly",
		(deliveryError, first, advice) => {
			const all = texts(
				new OperationError("credentials_undelivered", {
					registry: "demo",
					username: "alice",
					revoked: "true",
					deliveryError,
				}),
			);

			expect(all).toContain(first);
			expect(all).toContain(advice);
		},
	);

	test("unrevoked password asks for cleanup", () => {
		const all = texts(
			new OperationError("credentials_undelivered", {
				registry: "demo",
				username: "alice",
				revoked: "false",
				deliveryError: "channel_not_found",
			}),
		);

		expect(all).toContain("may still work");
		expect(all).toContain("/registry user del demo --user alice");
		expect(all).not.toContain("nobody can use it");
	});

	test("sakura_failed names status, code, serial", () => {
		const all = texts(
			new OperationError("sakura_failed", {
				...DETAILS,
				status: "500",
				errorCode: "internal",
			}),
		);
		expect(all).toContain("HTTP 500, code `internal`");
		expect(all).toContain(`serial \`${DETAILS.serial}\``);
	});

	test("sakura_failed without details", () => {
		expect(
			texts(new OperationError("sakura_failed", { status: "502" })),
		).toContain("code `unknown`");
	});

	test("credentials_undelivered says how to fix DMs", () => {
		const all = texts(
			new OperationError("credentials_undelivered", {
				registry: "demo",
				username: "alice",
			}),
		);
		expect(all).toContain("could not send you a direct message");
		expect(all).toContain("revoked");
		expect(all).toContain("Messages tab");
		expect(all).toContain("run the command again");
	});

	test.each(operationErrors().map((error) => [error.code, error] as const))(
		"%s fits Slack limits",
		(_code, error) => {
			expect(limitViolations(operationErrorMessage(error))).toEqual([]);
		},
	);

	test("hostile params are escaped", () => {
		for (const error of operationErrors()) {
			const hostile = Object.fromEntries(
				Object.keys(error.params).map((name) => [name, HOSTILE]),
			);
			const message = operationErrorMessage(
				new OperationError(error.code, hostile),
			);
			expect([error.code, rawAngleBrackets(message)]).toEqual([error.code, []]);
		}
	});
});

describe("unexpectedErrorMessage", () => {
	test("names the reference", () => {
		const message = unexpectedErrorMessage("req-7f3a9c");
		expect(message.text).toContain("Something went wrong");
		expect(message.text).toContain("`req-7f3a9c`");
	});
});
