import {
	InvalidRequestRecordError,
	StoredRequestInvalidError,
} from "../../src/store";
import {
	fromItem,
	RETENTION_AFTER_EXPIRY_SECONDS,
	toItem,
} from "../../src/store/marshal";
import { EXPIRES_AT, makeRecord } from "./store-fixture";

describe("toItem", () => {
	test("ttl is expiresAt plus 90 days in seconds", () => {
		const item = toItem(makeRecord());

		expect(RETENTION_AFTER_EXPIRY_SECONDS).toBe(7_776_000);
		expect(item.ttl).toBe(
			EXPIRES_AT.getTime() / 1000 + RETENTION_AFTER_EXPIRY_SECONDS,
		);
	});

	test("ttl drops milliseconds", () => {
		const item = toItem(makeRecord({ expiresAt: "2030-01-01T01:00:00.999Z" }));

		expect(Number.isInteger(item.ttl)).toBe(true);
		expect(item.ttl).toBe(
			EXPIRES_AT.getTime() / 1000 + RETENTION_AFTER_EXPIRY_SECONDS,
		);
	});

	test("approverIds lists approvals in order", () => {
		const item = toItem(
			makeRecord({
				requiredApprovals: 3,
				approvals: [
					{ userId: "U0B", at: "2030-01-01T00:10:00.000Z" },
					{ userId: "U0A", at: "2030-01-01T00:11:00.000Z" },
				],
			}),
		);

		expect(item.approverIds).toEqual(["U0B", "U0A"]);
	});

	test.each([
		["createdAt", "2030-01-01"],
		["expiresAt", "2030-01-01T01:00:00Z"],
		["expiresAt", "2030-01-01T10:00:00.000+09:00"],
		["updatedAt", "not a date"],
	] as const)("%s %s is rejected", (field, value) => {
		const record = makeRecord({ [field]: value });

		expect(() => toItem(record)).toThrow(InvalidRequestRecordError);
		expect(() => toItem(record)).toThrow(field);
	});

	test.each([0, -1, 1.5, Number.NaN])(
		"requiredApprovals %p is rejected",
		(requiredApprovals) => {
			expect(() => toItem(makeRecord({ requiredApprovals }))).toThrow(
				InvalidRequestRecordError,
			);
		},
	);
});

describe("fromItem", () => {
	test("drops table attributes", () => {
		const record = makeRecord();

		const restored = fromItem({ ...toItem(record) });

		expect(restored).toStrictEqual(record);
		expect(restored).not.toHaveProperty("ttl");
		expect(restored).not.toHaveProperty("approverIds");
	});

	test("unknown attributes are dropped", () => {
		const record = makeRecord();

		const restored = fromItem({ ...toItem(record), password: "x" });

		expect(restored).not.toHaveProperty("password");
	});

	test("missing status raises StoredRequestInvalidError", () => {
		const { status: _status, ...item } = toItem(makeRecord({ id: "req-1" }));

		expect(() => fromItem(item)).toThrow(StoredRequestInvalidError);
		expect(() => fromItem(item)).toThrow("req-1");
	});

	test("unknown status raises StoredRequestInvalidError", () => {
		const item = { ...toItem(makeRecord()), status: "paused" };

		expect(() => fromItem(item)).toThrow(StoredRequestInvalidError);
	});
});

describe("toItem guards", () => {
	test("undeclared fields are not written", () => {
		const record = { ...makeRecord(), password: "hunter2" };

		const item = toItem(record);

		expect(item).not.toHaveProperty("password");
	});

	test.each([
		[{ kind: "user.add", password: "hunter2" }, "operation.password"],
		[{ kind: "user.add", user: { Password: "x" } }, "operation.user.Password"],
		[
			{ kind: "x", list: [{ clientSecret: "x" }] },
			"operation.list[0].clientSecret",
		],
	])("operation key %p is rejected", (operation, path) => {
		const record = makeRecord({ operation });

		expect(() => toItem(record)).toThrow(InvalidRequestRecordError);
		expect(() => toItem(record)).toThrow(path);
	});

	test("wrong field type is rejected", () => {
		const record = makeRecord({ version: "1" as unknown as number });

		expect(() => toItem(record)).toThrow(InvalidRequestRecordError);
	});
});
