import type { Requester } from "../../../operations/types";

/** The `user` and `team` objects of an interaction payload that name who acted. */
interface InteractionIdentity {
	user: { id: string; name?: string; username?: string; team_id?: string };
	team: { id: string } | null;
}

/**
 * Returns the requester of an interaction from its signed `user` object. Slack sends the legacy
 * user name as `user.name` in `view_submission` and `block_suggestion` payloads and as
 * `user.username` in `shortcut` and `block_actions` payloads. It is the same value a slash command
 * sends as `user_name`.
 */
export function interactionRequester(body: InteractionIdentity): Requester {
	return {
		userId: body.user.id,
		userName: body.user.name ?? body.user.username ?? "",
		teamId: body.user.team_id ?? body.team?.id ?? "",
	};
}

/** Returns the ids that every log line of an interaction carries. */
export function interactionIds(requester: Requester): Record<string, string> {
	return { team: requester.teamId, user: requester.userId };
}
