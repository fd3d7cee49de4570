import { type Harness, shownText, startHarness } from "./slack-harness";

const APPROVAL_CHANNEL = "C0APPROVALS";

let harness: Harness;

beforeAll(async () => {
	harness = await startHarness({
		env: (env) => {
			const { POLICY_PATH: _bundledPolicyInstead, ...rest } = env;
			return {
				...rest,
				APPROVAL_CHANNEL_ID: APPROVAL_CHANNEL,
				REQUESTS_PER_HOUR: "2",
			};
		},
	});
});

afterAll(async () => {
	await harness.close();
});

function cardsIn(calls: { method: string; body: Record<string, unknown> }[]) {
	return calls.filter(
		(call) =>
			call.method === "chat.postMessage" &&
			call.body.channel === APPROVAL_CHANNEL,
	);
}

describe("requests per hour", () => {
	test("third request for approval is refused", async () => {
		const asHanako = { userId: "U0HANAKO", userName: "hanako" };

		const first = await harness.command("create limit-one", asHanako);
		const second = await harness.command("create limit-two", asHanako);
		const third = await harness.command("create limit-three", asHanako);

		expect(cardsIn(first.calls)).toHaveLength(1);
		expect(cardsIn(second.calls)).toHaveLength(1);
		expect(cardsIn(third.calls)).toHaveLength(0);
		expect(shownText(third.ack)).toContain(
			"limit of 2 requests for approval per hour",
		);
	});

	test("requests that run at once do not count", async () => {
		const asAlex = { userId: "U0ALEX", userName: "alex" };

		for (let attempt = 0; attempt < 3; attempt++) {
			const list = await harness.command("list", asAlex);
			expect(shownText(list.posts[0]?.body ?? list.ack)).not.toContain(
				"limit of",
			);
		}
		const request = await harness.command("create limit-alex", asAlex);

		expect(cardsIn(request.calls)).toHaveLength(1);
	});
});
