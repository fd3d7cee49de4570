/**
 * Slack workspace facts the policy needs at decision time. The Slack layer implements it with the
 * Web API; the policy never calls Slack itself. Errors thrown here propagate to the caller of
 * `decide` or `checkApprover`.
 */
export interface Directory {
	/** True when the Slack user is in the Slack user group (id S...). */
	isInGroup(userId: string, groupId: string): Promise<boolean>;
	/** True when the Slack user is a workspace admin or owner. */
	isWorkspaceAdmin(userId: string): Promise<boolean>;
}
