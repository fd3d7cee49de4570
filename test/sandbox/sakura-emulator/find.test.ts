import {
	type SakuraEmulator,
	startSakuraEmulator,
} from "../../../src/sandbox/sakura-emulator";
import { call, createRegistry, getRaw } from "./http";

let emulator: SakuraEmulator;
const ids: Record<string, string> = {};

beforeAll(async () => {
	emulator = await startSakuraEmulator();
	ids.alpha = await createRegistry(emulator, "alpha", {
		Name: "team alpha images",
		Tags: ["prod", "team-a"],
	});
	ids.beta = await createRegistry(emulator, "beta", {
		Name: "team beta images",
		Tags: ["dev"],
	});
	ids.gamma = await createRegistry(emulator, "gamma", {
		Name: "gamma cache",
		Tags: ["prod"],
	});
	ids.delta = await createRegistry(emulator, "delta", {
		Name: "team",
		Tags: [],
	});
});

afterAll(async () => {
	await emulator.close();
});

/** Runs a find with the query percent-encoded, as a TypeScript client sends it. */
async function find(query: unknown) {
	const encoded = encodeURIComponent(JSON.stringify(query));
	return call(emulator, "GET", `?${encoded}`);
}

function names(result: Awaited<ReturnType<typeof find>>): string[] {
	return result.json.CommonServiceItems.map(
		(item: { Status: { registry_name: string } }) => item.Status.registry_name,
	);
}

describe("find envelope", () => {
	test("lists all with Total From Count", async () => {
		const result = await find({ Count: 0, From: 0 });

		expect(result.status).toBe(200);
		expect(result.json.is_ok).toBe(true);
		expect(result.json.Total).toBe(4);
		expect(result.json.From).toBe(0);
		expect(result.json.Count).toBe(4);
		expect(names(result)).toEqual(["alpha", "beta", "gamma", "delta"]);
	});

	test("no query lists all", async () => {
		const result = await call(emulator, "GET", "");

		expect(result.json.Total).toBe(4);
	});

	test("IDs are numbers with the bigint header", async () => {
		const result = await call(emulator, "GET", "", { bigintAsInt: true });

		expect(result.json.CommonServiceItems[0].ID).toBe(Number(ids.alpha));
	});
});

describe("query encodings", () => {
	test("raw JSON as the Go client sends it", async () => {
		const result = await getRaw(
			emulator,
			'?{"Count":0,"From":0,"Filter":{"Name":"team%20images","Provider.Class":["containerregistry"]}}',
		);

		expect(result.status).toBe(200);
		expect(names(result)).toEqual(["alpha", "beta"]);
	});

	test("raw JSON after a trailing slash", async () => {
		const result = await getRaw(
			emulator,
			'/?{"Filter":{"Provider.Class":["containerregistry"]}}',
		);

		expect(result.json.Total).toBe(4);
	});

	test("percent-encoded JSON", async () => {
		const result = await find({ Filter: { Name: "team images" } });

		expect(names(result)).toEqual(["alpha", "beta"]);
	});

	test("plus stays a plus after decoding", async () => {
		const result = await call(
			emulator,
			"GET",
			`?${encodeURIComponent('{"Filter":{"Name":').replace(/%20/g, "+")}"team+images"}}`,
		);

		expect(result.status).toBe(200);
		expect(result.json.Total).toBe(0);
	});

	test("query that is not JSON is 400", async () => {
		const result = await call(emulator, "GET", "?Count=10");

		expect(result.status).toBe(400);
		expect(result.json.error_code).toBe("bad_request");
	});

	test("broken percent escape is 400", async () => {
		const result = await getRaw(emulator, "?%7B%ZZ");

		expect(result.status).toBe(400);
	});

	test("JSON array query is 400", async () => {
		const result = await find([1, 2]);

		expect(result.status).toBe(400);
	});

	test("unknown top-level key is 400", async () => {
		const result = await find({ Limit: 1 });

		expect(result.status).toBe(400);
	});
});

describe("filters", () => {
	test("string matches every word partially", async () => {
		const result = await find({ Filter: { Name: "tea imag" } });

		expect(names(result)).toEqual(["alpha", "beta"]);
	});

	test("array matches exactly with OR", async () => {
		const result = await find({
			Filter: { Name: ["team", "gamma cache", "gamma"] },
		});

		expect(names(result)).toEqual(["gamma", "delta"]);
	});

	test("Name= matches exactly", async () => {
		const result = await find({
			Count: 1,
			From: 0,
			Filter: { "Name=": "team" },
		});

		expect(names(result)).toEqual(["delta"]);
	});

	test("ID scalar is exact", async () => {
		const result = await find({ Filter: { ID: ids.beta } });
		const prefix = await find({ Filter: { ID: ids.beta.slice(0, 6) } });

		expect(names(result)).toEqual(["beta"]);
		expect(prefix.json.Total).toBe(0);
	});

	test("ID as a number works", async () => {
		const result = await find({ Filter: { ID: [Number(ids.gamma)] } });

		expect(names(result)).toEqual(["gamma"]);
	});

	test("Tags.Name array is OR", async () => {
		const result = await find({ Filter: { "Tags.Name": ["dev", "team-a"] } });

		expect(names(result)).toEqual(["alpha", "beta"]);
	});

	test("Tags.Name nested array needs all", async () => {
		const result = await find({
			Filter: { "Tags.Name": [["prod", "team-a"]] },
		});

		expect(names(result)).toEqual(["alpha"]);
	});

	test("Provider.Class of registries", async () => {
		const asArray = await find({
			Filter: { "Provider.Class": ["containerregistry"] },
		});
		const asString = await find({
			Filter: { "Provider.Class": "containerregistry" },
		});

		expect(asArray.json.Total).toBe(4);
		expect(asString.json.Total).toBe(4);
	});

	test("other Provider.Class finds nothing", async () => {
		const result = await find({ Filter: { "Provider.Class": ["eventbus"] } });

		expect(result.json.Total).toBe(0);
		expect(result.json.CommonServiceItems).toEqual([]);
	});

	test("filters combine with AND", async () => {
		const result = await find({
			Filter: { "Tags.Name": ["prod"], Name: "team" },
		});

		expect(names(result)).toEqual(["alpha"]);
	});

	test("time comparison", async () => {
		const future = await find({
			Filter: { "CreatedAt>": "2999-01-01T00:00:00+09:00" },
		});
		const past = await find({
			Filter: { "CreatedAt>=": "2000-01-01T00:00:00+09:00" },
		});

		expect(future.json.Total).toBe(0);
		expect(past.json.Total).toBe(4);
	});

	test("unknown filter key is 400", async () => {
		const result = await find({ Filter: { Colour: "red" } });

		expect(result.status).toBe(400);
	});

	test("object filter value is 400", async () => {
		const result = await find({ Filter: { Name: { x: 1 } } });

		expect(result.status).toBe(400);
	});
});

describe("sort and paging", () => {
	test("sorts by name ascending", async () => {
		const result = await find({ Sort: ["Name"] });

		expect(names(result)).toEqual(["gamma", "delta", "alpha", "beta"]);
	});

	test("minus prefix sorts descending", async () => {
		const result = await find({ Sort: ["-Name"] });

		expect(names(result)).toEqual(["beta", "alpha", "delta", "gamma"]);
	});

	test("descending ID", async () => {
		const result = await find({ Sort: ["-ID"] });

		expect(names(result)).toEqual(["delta", "gamma", "beta", "alpha"]);
	});

	test("unknown sort field is 400", async () => {
		const result = await find({ Sort: ["Colour"] });

		expect(result.status).toBe(400);
	});

	test("From and Count page", async () => {
		const result = await find({ From: 1, Count: 2 });

		expect(result.json.Total).toBe(4);
		expect(result.json.From).toBe(1);
		expect(result.json.Count).toBe(2);
		expect(names(result)).toEqual(["beta", "gamma"]);
	});

	test("From past the end is empty", async () => {
		const result = await find({ From: 10, Count: 5 });

		expect(result.json.Total).toBe(4);
		expect(result.json.Count).toBe(0);
	});

	test("Count zero returns all after From", async () => {
		const result = await find({ From: 3, Count: 0 });

		expect(names(result)).toEqual(["delta"]);
	});

	test("negative Count is 400", async () => {
		const result = await find({ Count: -1 });

		expect(result.status).toBe(400);
	});
});
