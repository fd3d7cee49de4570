import type { Context } from "aws-lambda";

/** A Lambda context with the fields the handlers read, for every benchmark call. */
export const BENCH_LAMBDA_CONTEXT: Context = {
	callbackWaitsForEmptyEventLoop: true,
	functionName: "sakura-registry-bot-bench-slack",
	functionVersion: "$LATEST",
	invokedFunctionArn:
		"arn:aws:lambda:ap-northeast-1:000000000000:function:sakura-registry-bot-bench-slack",
	memoryLimitInMB: "512",
	awsRequestId: "00000000-0000-4000-8000-0000000bench",
	logGroupName: "/aws/lambda/sakura-registry-bot-bench-slack",
	logStreamName: "bench",
	getRemainingTimeInMillis: () => 29_000,
	done: () => undefined,
	fail: () => undefined,
	succeed: () => undefined,
};
