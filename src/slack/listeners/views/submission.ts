import type {
	AllMiddlewareArgs,
	SlackViewMiddlewareArgs,
	ViewSubmitAction,
} from "@slack/bolt";
import { FORM_CALLBACK_PREFIX, formKindOf } from "../../blocks/modals";
import { type StartRequestInput, startRequest } from "../../requests";
import { describeSlackError } from "../../web-api-errors";
import type { ModalListenerDependencies } from "./dependencies";
import { readForm } from "./form-values";
import { parseModalMetadata } from "./metadata";
import { originChannel } from "./origin";
import { listRegistriesInTime } from "./registry-list";
import { interactionIds, interactionRequester } from "./requester";

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> &
	AllMiddlewareArgs;

/**
 * Creates the `view_submission` listener of every form. An invalid field gets a
 * `response_action: "errors"` reply keyed by its input block, which keeps the modal open with the
 * input intact. A valid form closes the modal with an empty ack, starts the request, and sends the
 * resulting message to the requester by DM, because a modal has no response_url.
 *
 * The requester is the signed `body.user`. The operation comes from the form's callback id and
 * fields alone, and `private_metadata` only supplies the origin channel.
 */
export function formSubmissionListener(
	dependencies: ModalListenerDependencies,
) {
	return async ({ body, view, ack, client }: SubmissionArgs): Promise<void> => {
		const log = dependencies.log;
		const requester = interactionRequester(body);
		const ids = { ...interactionIds(requester), callbackId: view.callback_id };

		const kind = formKindOf(view.callback_id, FORM_CALLBACK_PREFIX);
		if (kind === undefined) {
			log.warn("Ignored a submission of an unknown form", ids);
			await ack();
			return;
		}

		const listRegistries = () =>
			listRegistriesInTime(dependencies, requester, ids, {
				checkPolicy: false,
			});
		// Slack always sends `state.values`; a forged payload without them reads as an empty form.
		const values =
			typeof view.state?.values === "object" && view.state.values !== null
				? view.state.values
				: {};
		const form = await readForm(
			kind,
			values,
			requester,
			listRegistries,
			dependencies.approvals.policy.maxLifetimeHours,
		);
		if (!form.ok) {
			log.info("Form submission rejected", {
				...ids,
				fields: Object.keys(form.errors),
			});
			await ack({ response_action: "errors", errors: form.errors });
			return;
		}

		await ack();
		const metadata = parseModalMetadata(view.private_metadata, log, ids);
		const request: StartRequestInput = {
			operation: form.operation,
			requester,
			reason: form.reason,
			origin: {
				channelId: await originChannel(metadata, requester, client, log),
			},
		};
		log.info("Form submitted", {
			...ids,
			operation: form.operation.kind,
			channel: request.origin.channelId,
		});

		// NOTE: Bolt's AwsLambdaReceiver sends the empty ack only after this listener returns, so an
		// operation that runs at once must finish within Slack's 3 seconds. A slower one still runs
		// and DMs its result, but Slack shows the person a connection error in the modal.
		const started = await startRequest(request, dependencies);
		if (started.kind !== "reply") {
			// Only an origin with a response_url is dispatched, and a form's origin has none.
			log.warn("A form request was dispatched without a reply", ids);
			return;
		}
		await client.chat
			.postMessage({
				channel: requester.userId,
				text: started.message.text,
				blocks: started.message.blocks,
			})
			.catch((error: unknown) => {
				log.error("Sending the form result by DM failed", {
					...ids,
					error: describeSlackError(error),
				});
			});
	};
}
