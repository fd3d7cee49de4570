import type { ActionsBlock, HomeView, KnownBlock } from "@slack/types";
import { homeOpenedEvent } from "../../src/sandbox/session";
import { buildSignedEvent } from "../../src/sandbox/slack-request";
import { SAMPLE_USERS } from "../../src/sandbox/slack-stand-in/users";
import { limitViolations } from "../slack/blocks/slack-limits";
import {
	type Harness,
	LAMBDA_CONTEXT,
	SIGNING_SECRET,
	shownText,
	startHarness,
} from "./slack-harness";

const APPROVAL_CHANNEL = "C0APPROVALS";
const [HANAKO, TARO] = SAMPLE_USERS;

let harness: Harness;

beforeEach(async () => {
	harness = await startHarness({
		clock: () => new Date("2030-03-01T00:00:00.000Z"),
		env: (env) => {
			const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
			return { ...rest, APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL };
		},
	});
	harness.emulator.seedRegistry({ name: "team-images" });
});

afterEach(async () => {
	await harness.close();
});

/** Opens the Home tab as `user` with a signed Events API callback and returns the published view. */
async function openHome(
	user: (typeof SAMPLE_USERS)[number],
): Promise<HomeView> {
	const before = harness.standIn.calls.length;
	const response = await harness.handler(
		buildSignedEvent({
			body: JSON.stringify(homeOpenedEvent(user)),
			signingSecret: SIGNING_SECRET,
			contentType: "application/json",
		}),
		LAMBDA_CONTEXT,
	);
	expect(response.statusCode).toBe(200);
	const published = harness.standIn.calls
		.slice(before)
		.filter((call) => call.method === "views.publish");
	expect(published).toHaveLength(1);
	expect(published[0].ok).toBe(true);
	expect(published[0].body.user_id).toBe(user.id);
	return published[0].body.view as HomeView;
}

function actionIds(view: HomeView): string[] {
	return view.blocks
		.filter((block): block is ActionsBlock => block.type === "actions")
		.flatMap((block) =>
			block.elements.map((element) => String(element.action_id)),
		);
}

function blocksOf(view: HomeView): KnownBlock[] {
	return view.blocks as KnownBlock[];
}

test("a person with nothing sees how to start, and no buttons", async () => {
	const view = await openHome(HANAKO);

	expect(view.type).toBe("home");
	expect(shownText(view.blocks)).toContain("You own no registry users");
	expect(shownText(view.blocks)).toContain("You have made no requests yet.");
	expect(shownText(view.blocks)).not.toContain("Waiting for your approval");
	expect(actionIds(view)).toEqual([]);
	expect(limitViolations({ text: "home", blocks: blocksOf(view) })).toEqual([]);
});

test("an owner sees their credential with its buttons and their requests", async () => {
	await harness.command("access team-images", {
		userId: HANAKO.id,
		userName: HANAKO.name,
	});
	await harness.command("user add team-images --user ci --permission all", {
		userId: HANAKO.id,
		userName: HANAKO.name,
	});

	const view = await openHome(HANAKO);
	const text = shownText(view.blocks);

	expect(text).toContain("`hanako` on `team-images` (readonly), until");
	expect(actionIds(view)).toEqual([
		"grant.extend",
		"grant.rotate",
		"grant.revoke",
	]);
	expect(text).toContain("Add user `ci` with all permission");
	expect(text).toContain("Waiting for approval");
	expect(text).toContain("Done");
	expect(text).not.toContain("Password");
	expect(limitViolations({ text: "home", blocks: blocksOf(view) })).toEqual([]);
});

test("an approver sees the requests waiting for them, with Approve and Reject", async () => {
	await harness.command("user add team-images --user ci --permission all", {
		userId: HANAKO.id,
		userName: HANAKO.name,
	});

	const approver = await openHome(TARO);
	const requester = await openHome(HANAKO);

	expect(shownText(approver.blocks)).toContain("Waiting for your approval");
	expect(shownText(approver.blocks)).toContain("<@U0HANAKO> asks for approval");
	expect(actionIds(approver)).toEqual(["request.approve", "request.reject"]);
	// The requester cannot approve their own request, so it is not waiting for them.
	expect(shownText(requester.blocks)).not.toContain(
		"Waiting for your approval",
	);
});
