import { LogLevel } from "@slack/bolt";
import { createBoltLogger } from "../../src/slack/bolt-logger";
import { createCaptureLog } from "../helpers/capture-log";

test("debug lines are dropped", () => {
	const log = createCaptureLog();
	const logger = createBoltLogger(log);
	logger.setLevel(LogLevel.DEBUG);

	logger.debug('http request body: {"blocks":"```secret```"}');

	expect(log.lines).toEqual([]);
	expect(logger.getLevel()).toBe(LogLevel.DEBUG);
});

test("strings join into the message", () => {
	const log = createCaptureLog();
	const logger = createBoltLogger(log);
	logger.setName("web-api:WebClient");

	logger.warn("http request failed", "connect ECONNREFUSED");

	expect(log.lines).toEqual([
		{
			level: "warn",
			message: "http request failed connect ECONNREFUSED",
			extra: { source: "web-api:WebClient" },
		},
	]);
});

test("errors keep name and message", () => {
	const log = createCaptureLog();

	createBoltLogger(log).error(new RangeError("bad range"));

	expect(log.lines).toEqual([
		{
			level: "error",
			message: "bad range",
			extra: { source: "bolt", error: "RangeError", errorMessage: "bad range" },
		},
	]);
});

test("objects are counted, not printed", () => {
	const log = createCaptureLog();

	createBoltLogger(log).info("payload", { password: "hunter2hunter2" });

	expect(log.lines[0]).toEqual({
		level: "info",
		message: "payload",
		extra: { source: "bolt", omittedObjects: 1 },
	});
	expect(log.text()).not.toContain("hunter2");
});
