import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Operation, Requester } from "../../../operations/types";
import type { GrantRecord } from "../../../store/grants";
import {
	GRANT_ID,
	grantGoneMessage,
	ownerOnlyMessage,
} from "../../blocks/grant-messages";
import { type RequestDependencies, startRequest } from "../../requests";
import { type ButtonClick, replyToClicker, replyToFailure } from "./effects";

type GrantButtonArgs = SlackActionMiddlewareArgs<ButtonClick> &
	AllMiddlewareArgs;

/** Operation a grant button requests, built from the stored grant, never from the button. */
type GrantAction = (grant: GrantRecord) => Operation;

// Each action names the registry by the grant's id, not its label: a registry deleted and created
// again with the same label is another registry, whose users the grant does not cover.

/** Rotate: a new password for the grant's user, through the approval policy like any rotation. */
export const rotateGrant: GrantAction = (grant) => ({
	kind: "user.rotate",
	registry: grant.registryId,
	username: grant.username,
});

/** Revoke now: the owner or an approver deletes the grant's user at once. */
export const revokeGrant: GrantAction = (grant) => ({
	kind: "user.delete",
	registry: grant.registryId,
	username: grant.username,
	revoke: true,
});

/** Extend: the grant's lifetime again from now, through the approval policy. */
export const extendGrant: GrantAction = (grant) => ({
	kind: "user.extend",
	registry: grant.registryId,
	username: grant.username,
});

/**
 * Creates the listener of one of a grant's buttons. The button carries only the grant id; the
 * stored grant says which registry user it is, and `startRequest` applies the policy to the
 * clicker, so a forged or reused value can at most ask for what the clicker could ask anyway. A
 * grant that has ended gets a reply that says so.
 */
export function grantButtonListener(
	action: GrantAction,
	dependencies: RequestDependencies,
) {
	return async ({ ack, body }: GrantButtonArgs): Promise<void> => {
		await ack();

		const id = body.actions[0]?.value;
		try {
			const grant =
				id !== undefined && GRANT_ID.test(id)
					? await dependencies.grants?.get(id)
					: undefined;
			if (grant === undefined || grant.status !== "active") {
				await replyToClicker(body, grantGoneMessage(), dependencies);
				return;
			}

			const operation = action(grant);
			// Only the owner rotates or extends: the new password, and the reminders of the new end,
			// go to whoever asked. Revocation is also open to approvers; startRequest checks it.
			if (
				operation.kind !== "user.delete" &&
				body.user.id !== grant.owner.userId
			) {
				await replyToClicker(
					body,
					ownerOnlyMessage(grant.owner.userId),
					dependencies,
				);
				return;
			}

			const requester: Requester = {
				userId: body.user.id,
				userName: body.user.username ?? body.user.name ?? "",
				teamId: body.user.team_id ?? grant.owner.teamId,
			};
			const started = await startRequest(
				{
					operation,
					requester,
					reason: "",
					origin: {
						channelId: body.container?.channel_id ?? body.user.id,
						responseUrl: body.response_url,
					},
				},
				dependencies,
			);
			dependencies.log.info("Grant button handled", {
				grantId: grant.id,
				user: requester.userId,
				action: body.actions[0]?.action_id,
				result: started.kind,
			});
			if (started.kind === "reply") {
				await replyToClicker(body, started.message, dependencies);
			}
		} catch (error) {
			await replyToFailure(body, error, dependencies);
		}
	};
}
