import { asLog, createLogger } from "../src/logging";

describe("asLog", () => {
	test("writes JSON lines with extra fields", () => {
		const lines: string[] = [];
		const capture = (chunk: unknown) => {
			lines.push(String(chunk));
			return true;
		};
		const stdout = jest
			.spyOn(process.stdout, "write")
			.mockImplementation(capture);
		const stderr = jest
			.spyOn(process.stderr, "write")
			.mockImplementation(capture);
		const log = asLog(createLogger("logging-test"));

		try {
			log.info("Operation started", { requestId: "r-1" });
			log.warn("No extra fields");
		} finally {
			stdout.mockRestore();
			stderr.mockRestore();
		}

		const parsed = lines.map(
			(line) => JSON.parse(line) as Record<string, unknown>,
		);
		expect(parsed).toHaveLength(2);
		expect(parsed[0]).toMatchObject({
			level: "INFO",
			message: "Operation started",
			service: "logging-test",
			requestId: "r-1",
		});
		expect(parsed[1]).toMatchObject({
			level: "WARN",
			message: "No extra fields",
		});
	});
});
