import { slashCommandEvent } from "../helpers/slack-events";
import {
	type Harness,
	LAMBDA_CONTEXT,
	SIGNING_SECRET,
	startHarness,
	writesOf,
} from "./slack-harness";

let harness: Harness;

beforeEach(async () => {
	harness = await startHarness();
	harness.emulator.seedRegistry({ name: "team-images" });
});

afterEach(async () => {
	await harness.close();
});

test("a replayed signed command gets 401 and runs nothing", async () => {
	const event = slashCommandEvent({
		text: "user add team-images --user ci",
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
	});

	const first = await harness.handler(event, LAMBDA_CONTEXT);
	const writes = writesOf(harness.emulator).length;
	const dms = harness.standIn.calls.length;
	const replayed = await harness.handler(
		structuredClone(event),
		LAMBDA_CONTEXT,
	);

	expect(first.statusCode).toBe(200);
	expect(writes).toBe(1);
	expect(replayed.statusCode).toBe(401);
	expect(writesOf(harness.emulator)).toHaveLength(writes);
	expect(harness.standIn.calls).toHaveLength(dms);
	expect(harness.log.text()).toContain("Rejected a replayed request");
});

test("the same command signed anew is not a replay", async () => {
	const responseUrl = harness.standIn.newResponseUrl();
	const first = slashCommandEvent({
		text: "list",
		responseUrl,
		signingSecret: SIGNING_SECRET,
		timestampSeconds: Math.floor(Date.now() / 1000) - 1,
	});
	const second = slashCommandEvent({
		text: "list",
		responseUrl,
		signingSecret: SIGNING_SECRET,
	});

	expect((await harness.handler(first, LAMBDA_CONTEXT)).statusCode).toBe(200);
	expect((await harness.handler(second, LAMBDA_CONTEXT)).statusCode).toBe(200);
});

test("a request with a wrong signature is left to Bolt's 401 and recorded nowhere", async () => {
	const event = slashCommandEvent({
		text: "list",
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: "not-the-signing-secret",
	});

	const response = await harness.handler(event, LAMBDA_CONTEXT);

	expect(response.statusCode).toBe(401);
	expect(harness.log.text()).not.toContain("Rejected a replayed request");
});

test("help, which changes nothing, is served again without a table write", async () => {
	const event = slashCommandEvent({
		text: "help",
		responseUrl: harness.standIn.newResponseUrl(),
		signingSecret: SIGNING_SECRET,
	});

	const first = await harness.handler(event, LAMBDA_CONTEXT);
	const again = await harness.handler(structuredClone(event), LAMBDA_CONTEXT);

	expect(first.statusCode).toBe(200);
	expect(again.statusCode).toBe(200);
	expect(again.body).toBe(first.body);
});
