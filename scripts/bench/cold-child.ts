import { readFileSync } from "node:fs";
import type {
	APIGatewayProxyEventV2,
	APIGatewayProxyStructuredResultV2,
	Context,
} from "aws-lambda";
import { type ColdStartReport, RESULT_PREFIX } from "./cold-report";
import { BENCH_LAMBDA_CONTEXT } from "./lambda-context";

/*
 * The child process of the cold start measurement, bundled to plain CommonJS and run as
 * `node cold-child.js <handler.js> <event.json>`. It loads the bundled handler, sends it the one
 * signed event, and prints one line: RESULT_PREFIX and a ColdStartReport as JSON.
 */

type Handler = (
	event: APIGatewayProxyEventV2,
	context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

async function main(): Promise<void> {
	const [handlerPath, eventPath] = process.argv.slice(2);
	const event = JSON.parse(
		readFileSync(eventPath, "utf8"),
	) as APIGatewayProxyEventV2;

	const loadStart = performance.now();
	// The path is known only at run time, so esbuild leaves this require to Node.
	const { handler } = require(handlerPath) as { handler: Handler };
	const loaded = performance.now();
	const response = await handler(event, BENCH_LAMBDA_CONTEXT);
	const answered = performance.now();

	const report: ColdStartReport = {
		answeredAtMs: performance.timeOrigin + answered,
		nodeStartMs: loadStart,
		loadMs: loaded - loadStart,
		firstRequestMs: answered - loaded,
		statusCode: response.statusCode,
		body: response.body,
	};
	process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(report)}\n`);
	// Keep-alive sockets of the handler's HTTP clients would hold the process open.
	process.exit(0);
}

main().catch((error: unknown) => {
	const text = error instanceof Error ? error.stack : String(error);
	process.stderr.write(`${text}\n`);
	process.exit(1);
});
