import type { webApi } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { Log } from "../../../logging";
import { describeSlackError } from "../../web-api-errors";

export type OpenResult = { ok: true } | { ok: false; error: string };

/**
 * Opens a modal with `views.open`. A `trigger_id` lives about 3 seconds and works once, so callers
 * open the modal before anything slow. A failed call is logged and returned as Slack's error code,
 * such as `expired_trigger_id`, instead of thrown.
 */
export async function openModal(
	client: webApi.WebClient,
	triggerId: string,
	view: ModalView,
	log: Log,
	ids: Record<string, unknown>,
): Promise<OpenResult> {
	try {
		await client.views.open({ trigger_id: triggerId, view });
	} catch (error) {
		const code = describeSlackError(error);
		log.warn("Opening a modal failed", {
			...ids,
			callbackId: view.callback_id,
			error: code,
		});
		return { ok: false, error: code };
	}
	log.info("Modal opened", { ...ids, callbackId: view.callback_id });
	return { ok: true };
}
