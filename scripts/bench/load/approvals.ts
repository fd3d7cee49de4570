import { catalogs, type Locale } from "../../../src/i18n";
import {
	blockActionsPayload,
	type Pressable,
} from "../../../src/sandbox/interactions";
import { buildSignedInteractionEvent } from "../../../src/sandbox/slack-request";
import {
	type RecordedCall,
	SAMPLE_USERS,
	type SampleUser,
} from "../../../src/sandbox/slack-stand-in";
import type { Sandbox } from "../../../src/sandbox/start";
import { BENCH_LAMBDA_CONTEXT } from "../lambda-context";
import { requestApprovalCard } from "./approval-card";
import { withDeadline } from "./pool";
import { catalogMatcher, type ResponseIndex, textOf } from "./replies";

const [HANAKO, TARO, ALEX] = SAMPLE_USERS;

/** SAKURA's path for the users of one registry ends with this. */
const USERS_PATH = "/containerregistry/users";

export interface ApprovalRoundOptions {
	/** Approve clicks sent at once, alternately from taro and alex, both workspace admins. */
	clicks: number;
	/** Milliseconds after which a click that has not returned counts as lost. */
	lostAfterMs: number;
}

/** Outcome of one round of concurrent approvals of a single request. */
export interface ApprovalRoundResult {
	registry: string;
	clicks: number;
	/** Clicks acked with HTTP 200. */
	acked: number;
	/** Clicks still pending after `lostAfterMs`, or whose handler call threw. */
	lost: number;
	/** Clicks whose one reply is the "already approved" message, in English or Japanese. */
	alreadyReplies: number;
	/** Clicks with no reply to their response URL: the one that approved should be the only one. */
	silent: number;
	/** Clicks with any other reply, or more than one. */
	otherReplies: string[];
	/** POST requests to the registry's users on the emulator, whatever their status. */
	userPosts: number;
	/** Requests other than GET to the emulator. */
	sakuraWrites: number;
	/** Credentials messages posted to hanako. */
	credentialDms: number;
	/** Credentials messages posted anywhere else. */
	credentialPostsElsewhere: number;
	/** Wall time from the first click to the last reply, in milliseconds. */
	elapsedMs: number;
	/** True when the request ran exactly once and every other click got the "already approved" reply. */
	passed: boolean;
}

/**
 * Seeds registry `registry` on the emulator, requests as hanako to add user `ci` with readwrite
 * permission to it, which the bundled policy sends for one approval, and then sends
 * `options.clicks` Approve clicks at once, alternately from taro and alex. Every event is built
 * and signed before the first is sent. The round passes when exactly one POST reached the
 * registry's users on the emulator, exactly one credentials DM reached hanako and no other
 * channel, one click got no reply, and every other click got an "already approved" reply.
 */
export async function runApprovalRound(
	sandbox: Sandbox,
	replies: ResponseIndex,
	registry: string,
	options: ApprovalRoundOptions,
): Promise<ApprovalRoundResult> {
	const emulator = sandbox.emulator;
	if (emulator === undefined) {
		throw new Error("The approval rounds need the SAKURA emulator");
	}
	emulator.seedRegistry({ name: registry });
	const button = await requestApprovalCard(
		sandbox,
		`user add ${registry} --user ci --permission readwrite`,
	);

	const requestsBefore = emulator.requests.length;
	const callsBefore = sandbox.slack.calls.length;
	const clicks = Array.from({ length: options.clicks }, (_, index) =>
		clickEvent(sandbox, button, index % 2 === 0 ? TARO : ALEX),
	);
	const started = performance.now();
	const outcomes = await Promise.all(
		clicks.map(({ event }) =>
			withDeadline(
				() => sandbox.handler(event, BENCH_LAMBDA_CONTEXT),
				options.lostAfterMs,
			),
		),
	);
	const elapsedMs = performance.now() - started;

	const requests = emulator.requests.slice(requestsBefore);
	const credentials = sandbox.slack.calls
		.slice(callsBefore)
		.filter(isCredentialsMessage);
	const result: ApprovalRoundResult = {
		registry,
		clicks: options.clicks,
		acked: 0,
		lost: 0,
		alreadyReplies: 0,
		silent: 0,
		otherReplies: [],
		userPosts: requests.filter(
			(entry) => entry.method === "POST" && entry.path.endsWith(USERS_PATH),
		).length,
		sakuraWrites: requests.filter((entry) => entry.method !== "GET").length,
		credentialDms: credentials.filter((call) => call.body.channel === HANAKO.id)
			.length,
		credentialPostsElsewhere: credentials.filter(
			(call) => call.body.channel !== HANAKO.id,
		).length,
		elapsedMs,
		passed: false,
	};

	outcomes.forEach((outcome, index) => {
		if (outcome.settled !== "resolved") {
			result.lost += 1;
			return;
		}
		if (outcome.value.statusCode === 200) {
			result.acked += 1;
		}
		classifyReplies(result, replies, clicks[index].responseUrl);
	});
	result.passed =
		result.acked === result.clicks &&
		result.lost === 0 &&
		result.userPosts === 1 &&
		result.sakuraWrites === 1 &&
		result.credentialDms === 1 &&
		result.credentialPostsElsewhere === 0 &&
		result.silent === 1 &&
		result.alreadyReplies === result.clicks - 1;
	return result;
}

const isAlreadyApproved = catalogMatcher([
	"request.click.approved",
	"request.click.duplicate",
]);

function classifyReplies(
	result: ApprovalRoundResult,
	replies: ResponseIndex,
	responseUrl: string,
): void {
	const posts = replies.postsTo(responseUrl);
	if (posts.length === 0) {
		result.silent += 1;
		return;
	}
	if (posts.length === 1 && isAlreadyApproved(textOf(posts[0].body))) {
		result.alreadyReplies += 1;
		return;
	}
	result.otherReplies.push(
		posts
			.map((post) => textOf(post.body) || JSON.stringify(post.body))
			.join(" / "),
	);
}

function clickEvent(sandbox: Sandbox, button: Pressable, clicker: SampleUser) {
	const responseUrl = sandbox.slack.newResponseUrl();
	const payload = blockActionsPayload(button, clicker, responseUrl, undefined);
	const event = buildSignedInteractionEvent({
		payload,
		signingSecret: sandbox.signingSecret,
	});
	return { event, responseUrl };
}

const CREDENTIALS_TITLES = (Object.keys(catalogs) as Locale[]).map(
	(locale) => catalogs[locale]["credentials.title_new"],
);

/** Returns true for a posted message whose header is the title of a new-credentials message. */
function isCredentialsMessage(call: RecordedCall): boolean {
	if (call.method !== "chat.postMessage") {
		return false;
	}
	const [first] = (call.body.blocks ?? []) as {
		type?: string;
		text?: { text?: string };
	}[];
	return (
		first?.type === "header" &&
		CREDENTIALS_TITLES.includes(first.text?.text ?? "")
	);
}
