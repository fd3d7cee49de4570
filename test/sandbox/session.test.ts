import {
	parseFieldValues,
	SandboxSession,
	UNPARSED,
} from "../../src/sandbox/session";
import { type Sandbox, startSandbox } from "../../src/sandbox/start";

describe("parseFieldValues", () => {
	test("reads plain, quoted and whole-quoted pairs", () => {
		const values = parseFieldValues(
			`field_name=web field_reason="CI pushes images" 'field_user=a b' "field_domain=x y"`,
		);

		expect(values).toEqual({
			field_name: "web",
			field_reason: "CI pushes images",
			field_user: "a b",
			field_domain: "x y",
		});
		expect(values[UNPARSED]).toBeUndefined();
	});

	test("reports words outside pairs", () => {
		const values = parseFieldValues("field_reason=CI pushes images");

		expect(values.field_reason).toBe("CI");
		expect(values[UNPARSED]).toBe("pushes images");
	});

	test("keeps an empty value", () => {
		expect(parseFieldValues("field_domain=")).toEqual({ field_domain: "" });
	});
});

describe("a session's credentials", () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox({ env: {} });
		sandbox.emulator?.seedRegistry({ name: "demo-images" });
	});

	afterAll(async () => {
		await sandbox.close();
	});

	test("access, the Home tab and sweeps that remind and then delete", async () => {
		const session = new SandboxSession(sandbox);
		await session.run("/as alex");

		const access = await session.run("/registry access demo-images");
		const home = await session.run("/home");
		const early = await session.run("/sweep");
		const reminder = await session.run("/sweep +29d");
		const expiry = await session.run("/sweep +2d");
		const bad = await session.run("/sweep soon");

		expect(access).toContain("Password");
		expect(home).toContain("Home tab of");
		expect(home).toContain("`alex` on `demo-images` (readonly)");
		expect(early).toContain("Reminders sent: 0. Users deleted: 0.");
		expect(reminder).toContain("will be deleted on");
		expect(reminder).toContain("Reminders sent: 1.");
		expect(expiry).toContain("Password removed");
		expect(expiry).toContain("Users deleted: 1.");
		expect(bad).toContain('"soon" is not a duration');
		const registryId = sandbox.emulator
			?.registries()
			.find((registry) => registry.name === "demo-images")?.id;
		expect(sandbox.emulator?.users(String(registryId))).toEqual([]);
	}, 30_000);
});
