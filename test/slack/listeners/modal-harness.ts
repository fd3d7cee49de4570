import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type {
	RecordedCall,
	StoredView,
} from "../../../src/sandbox/slack-stand-in";
import {
	type Harness,
	LAMBDA_CONTEXT,
	SIGNING_SECRET,
} from "../../handlers/slack-harness";
import {
	interactionEvent,
	newTriggerId,
	slashCommandEvent,
} from "../../helpers/slack-events";

/** What the handler returned for one request, and the Web API calls it made meanwhile. */
export interface Exchange {
	status: number | undefined;
	/** The ack body parsed as JSON, the raw text, or undefined for an empty ack. */
	ack: unknown;
	calls: RecordedCall[];
}

/** Sends a signed event through the handler and collects the reply and the calls it caused. */
export async function exchange(
	harness: Harness,
	event: APIGatewayProxyEventV2,
): Promise<Exchange> {
	const firstCall = harness.standIn.calls.length;
	const response = await harness.handler(event, LAMBDA_CONTEXT);
	return {
		status: response.statusCode,
		ack: parseBody(response.body),
		calls: harness.standIn.calls.slice(firstCall),
	};
}

/** Sends a signed interaction payload through the handler. */
export function interact(
	harness: Harness,
	payload: unknown,
): Promise<Exchange> {
	return exchange(harness, interactionEvent(payload, SIGNING_SECRET));
}

/** Sends `/registry <text>` with a fresh trigger_id, or the given one, through the handler. */
export function slashCommand(
	harness: Harness,
	text: string,
	fields: { trigger_id?: string; user_id?: string; user_name?: string } = {},
): Promise<Exchange> {
	const event = slashCommandEvent({
		text,
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
		fields: { trigger_id: newTriggerId(), ...fields },
	});
	return exchange(harness, event);
}

/** Returns the calls of one Web API method. */
export function callsOf(calls: RecordedCall[], method: string): RecordedCall[] {
	return calls.filter((call) => call.method === method);
}

/** Returns the one `views.open` call of an exchange, failing when there is not exactly one. */
export function onlyViewsOpen(calls: RecordedCall[]): RecordedCall {
	const opens = callsOf(calls, "views.open");
	if (opens.length !== 1) {
		throw new Error(`Expected one views.open call, got ${opens.length}`);
	}
	return opens[0];
}

/** Returns the view the stand-in stored for the latest `views.open`. */
export function latestView(harness: Harness): StoredView {
	const view = harness.standIn.views().at(-1);
	if (view === undefined) {
		throw new Error("The stand-in holds no view");
	}
	return view;
}

function parseBody(body: string | undefined): unknown {
	if (body === undefined || body === "") {
		return undefined;
	}
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}
