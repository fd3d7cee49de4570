import { z } from "zod";
import type { AccessLevel, UserPermission } from "../../sakura/types";
import type { OperationKind } from "../types";
import {
	ACCESS_LEVEL_VALUES,
	ANY_OPERATION,
	OPERATION_KINDS,
	USER_PERMISSION_VALUES,
} from "./kinds";
import { allowing, describeUnknownKeys, describeValue } from "./messages";

/** Bounds of `approvals`: at most five distinct people can be asked to approve one request. */
export const MIN_APPROVALS = 0;
export const MAX_APPROVALS = 5;

/** Bounds of `requestTtlHours`: a pending request expires after one hour to seven days. */
export const MIN_REQUEST_TTL_HOURS = 1;
export const MAX_REQUEST_TTL_HOURS = 168;
export const DEFAULT_REQUEST_TTL_HOURS = 24;

/**
 * Slack user IDs start with `U`, or `W` on Enterprise Grid; user group IDs start with `S`. Both are
 * uppercase letters and digits. Display names and `@handles` are rejected because users can change them.
 */
const SLACK_USER_ID_PATTERN = /^[UW][A-Z0-9]{2,}$/;
const SLACK_GROUP_ID_PATTERN = /^S[A-Z0-9]{2,}$/;

/** Wraps `z.strictObject` so unknown keys, such as the typo `aprovals`, fail with the allowed keys. */
function strictObject<Shape extends z.core.$ZodLooseShape>(
	shape: Shape,
	what: string,
) {
	const allowedKeys = Object.keys(shape);
	return z.strictObject(shape, {
		error: (issue) => {
			if (issue.code === "unrecognized_keys") {
				return describeUnknownKeys(issue.keys, allowedKeys);
			}
			return `${describeValue(issue.input)} is invalid; use ${what} with the keys ${allowedKeys.join(", ")}`;
		},
	});
}

const slackUserIdSchema = z
	.string(allowing('a Slack user ID such as "U012AB3CD", not a display name'))
	.regex(SLACK_USER_ID_PATTERN);

const slackGroupIdSchema = z
	.string(
		allowing('a Slack user group ID such as "S012AB3CD", not a group handle'),
	)
	.regex(SLACK_GROUP_ID_PATTERN);

const userIdsSchema = z.array(
	slackUserIdSchema,
	allowing("a list of Slack user IDs"),
);
const groupIdsSchema = z.array(
	slackGroupIdSchema,
	allowing("a list of Slack user group IDs"),
);

const approverSetSchema = strictObject(
	{
		users: userIdsSchema.default([]),
		groups: groupIdsSchema.default([]),
		workspaceAdmins: z.boolean(allowing("true or false")).default(false),
	},
	"an object",
);

const requesterSetSchema = strictObject(
	{
		anyone: z.boolean(allowing("true or false")).default(false),
		users: userIdsSchema.default([]),
		groups: groupIdsSchema.default([]),
		workspaceAdmins: z.boolean(allowing("true or false")).default(false),
	},
	"an object",
);

const operationPatternSchema = z.enum(
	[ANY_OPERATION, ...OPERATION_KINDS] as [
		typeof ANY_OPERATION,
		...OperationKind[],
	],
	allowing(`"${ANY_OPERATION}" or one of ${OPERATION_KINDS.join(", ")}`),
);

const permissionSchema = z.enum(
	USER_PERMISSION_VALUES as [UserPermission, ...UserPermission[]],
	allowing(`one of ${USER_PERMISSION_VALUES.join(", ")}`),
);

const accessLevelSchema = z.enum(
	ACCESS_LEVEL_VALUES as [AccessLevel, ...AccessLevel[]],
	allowing(`one of ${ACCESS_LEVEL_VALUES.join(", ")}`),
);

const approvalsSchema = z
	.number(allowing(`a whole number from ${MIN_APPROVALS} to ${MAX_APPROVALS}`))
	.int()
	.min(MIN_APPROVALS)
	.max(MAX_APPROVALS);

const ruleSchema = strictObject(
	{
		description: z.string(allowing("a string")).optional(),
		operations: z
			.array(
				operationPatternSchema,
				allowing("a non-empty list of operation kinds"),
			)
			.min(1),
		forSelf: z.boolean(allowing("true or false")).optional(),
		permissions: z
			.array(permissionSchema, allowing("a non-empty list of user permissions"))
			.min(1)
			.optional(),
		accessLevels: z
			.array(accessLevelSchema, allowing("a non-empty list of access levels"))
			.min(1)
			.optional(),
		approvals: approvalsSchema,
		approvers: approverSetSchema.optional(),
		requesters: requesterSetSchema.optional(),
		allowSelfApproval: z.boolean(allowing("true or false")).optional(),
	},
	"an object",
);

/**
 * The longest a credential of each permission lives, in hours, unless the policy says otherwise:
 * the more it can change, the sooner it ends.
 */
export const DEFAULT_MAX_LIFETIME_HOURS = {
	readonly: 30 * 24,
	readwrite: 7 * 24,
	all: 24,
} as const;

/** Bounds of a credential lifetime cap: one hour to one year. */
const lifetimeHours = z
	.number(allowing("a whole number of hours from 1 to 8760"))
	.int()
	.min(1)
	.max(8_760);

/**
 * The policy file's structure. Missing top-level keys take these defaults: `requestTtlHours` 24,
 * `approvers` workspace admins and owners only, `requesters` anyone, `allowSelfApproval` false,
 * `maxLifetimeHours` 720 for readonly, 168 for readwrite and 24 for all.
 * Inside an approver or requester set, a missing list is empty and a missing flag is false, so a set
 * names everyone it admits. Rules and their fields are described on `PolicyRule`.
 */
export const policySchema = strictObject(
	{
		requestTtlHours: z
			.number(
				allowing(
					`a whole number of hours from ${MIN_REQUEST_TTL_HOURS} to ${MAX_REQUEST_TTL_HOURS}`,
				),
			)
			.int()
			.min(MIN_REQUEST_TTL_HOURS)
			.max(MAX_REQUEST_TTL_HOURS)
			.default(DEFAULT_REQUEST_TTL_HOURS),
		approvers: approverSetSchema.default({
			users: [],
			groups: [],
			workspaceAdmins: true,
		}),
		requesters: requesterSetSchema.default({
			anyone: true,
			users: [],
			groups: [],
			workspaceAdmins: false,
		}),
		allowSelfApproval: z.boolean(allowing("true or false")).default(false),
		maxLifetimeHours: strictObject(
			{
				readonly: lifetimeHours.default(DEFAULT_MAX_LIFETIME_HOURS.readonly),
				readwrite: lifetimeHours.default(DEFAULT_MAX_LIFETIME_HOURS.readwrite),
				all: lifetimeHours.default(DEFAULT_MAX_LIFETIME_HOURS.all),
			},
			"an object with readonly, readwrite and all",
		).default(DEFAULT_MAX_LIFETIME_HOURS),
		rules: z.array(ruleSchema, allowing("a non-empty list of rules")).min(1),
	},
	"a JSON object",
);

/**
 * Set of people who may approve: listed Slack users, members of listed user groups, and optionally
 * workspace admins and owners.
 */
export type ApproverSet = z.output<typeof approverSetSchema>;

/**
 * Set of people who may request: anyone, or listed Slack users, members of listed user groups, and
 * optionally workspace admins and owners. A set that admits no one forbids the operations its rule
 * matches.
 */
export type RequesterSet = z.output<typeof requesterSetSchema>;

/**
 * One rule. It matches when the operation kind is listed (or `"*"` is) and every condition it sets
 * holds: `forSelf` compares the operation's registry user name with the name derived from the
 * requester's Slack name, `permissions` tests `user.add`'s permission, and `accessLevels` tests
 * `registry.create`'s access level. A kind that lacks the tested field never matches the condition.
 * `approvers`, `requesters` and `allowSelfApproval` replace the top-level values for this rule.
 */
export type PolicyRule = z.output<typeof ruleSchema>;

/** A validated policy; build it with `loadPolicy` or `parsePolicy`, which also run the cross-rule checks. */
export type Policy = z.output<typeof policySchema>;

export type OperationPattern = PolicyRule["operations"][number];
