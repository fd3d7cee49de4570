import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from "@slack/bolt";
import { AUDIT_REMOVE_VALUE } from "../../blocks/audit";
import { grantGoneMessage } from "../../blocks/grant-messages";
import { type RequestDependencies, startRequest } from "../../requests";
import { type ButtonClick, replyToClicker, replyToFailure } from "./effects";

type RemoveArgs = SlackActionMiddlewareArgs<ButtonClick> & AllMiddlewareArgs;

/**
 * Creates the listener of an audit's Remove button. It asks to delete the user as the clicker,
 * through the approval policy, exactly as `/registry user delete` would. The button's value only
 * names the registry and the user, so a forged one can ask for nothing the clicker could not type.
 */
export function auditRemoveListener(dependencies: RequestDependencies) {
	return async ({ ack, body }: RemoveArgs): Promise<void> => {
		await ack();

		const match = AUDIT_REMOVE_VALUE.exec(body.actions[0]?.value ?? "");
		if (match === null) {
			await replyToClicker(body, grantGoneMessage(), dependencies);
			return;
		}
		try {
			const started = await startRequest(
				{
					operation: {
						kind: "user.delete",
						registry: match[1],
						username: match[2],
					},
					requester: {
						userId: body.user.id,
						userName: body.user.username ?? body.user.name ?? "",
						teamId: body.user.team_id ?? "",
					},
					reason: "",
					origin: {
						channelId: body.container?.channel_id ?? body.user.id,
						responseUrl: body.response_url,
					},
				},
				dependencies,
			);
			if (started.kind === "reply") {
				await replyToClicker(body, started.message, dependencies);
			}
		} catch (error) {
			await replyToFailure(body, error, dependencies);
		}
	};
}
