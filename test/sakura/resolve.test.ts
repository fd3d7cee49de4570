import {
	AmbiguousRegistryError,
	RegistryNotFoundError,
} from "../../src/sakura";
import {
	type EmulatorFixture,
	startFixture,
	stopFixture,
} from "./emulator-fixture";

describe("SakuraClient registry resolution", () => {
	let fixture: EmulatorFixture;

	beforeEach(async () => {
		fixture = await startFixture();
	});

	afterEach(async () => {
		await stopFixture(fixture);
	});

	it("finds a registry by exact name", async () => {
		fixture.emulator.seedRegistry({
			name: "team-app",
			subdomainLabel: "team-app",
		});
		const id = fixture.emulator.seedRegistry({
			name: "team",
			subdomainLabel: "team",
		});

		const found = await fixture.client.findRegistryByName("team");

		expect(found?.id).toBe(id);
	});

	it("finds no registry by a partial name", async () => {
		fixture.emulator.seedRegistry({ name: "team-app" });

		await expect(
			fixture.client.findRegistryByName("team"),
		).resolves.toBeUndefined();
		await expect(
			fixture.client.findRegistryByName("app team"),
		).resolves.toBeUndefined();
	});

	it("raises on two registries with one name", async () => {
		fixture.emulator.seedRegistry({
			name: "shared",
			subdomainLabel: "shared-1",
		});
		fixture.emulator.seedRegistry({
			name: "shared",
			subdomainLabel: "shared-2",
		});

		await expect(
			fixture.client.findRegistryByName("shared"),
		).rejects.toBeInstanceOf(AmbiguousRegistryError);
		await expect(
			fixture.client.resolveRegistry("shared"),
		).rejects.toBeInstanceOf(AmbiguousRegistryError);
	});

	it("resolves an ID", async () => {
		const id = fixture.emulator.seedRegistry({ name: "by-id" });

		const registry = await fixture.client.resolveRegistry(id);

		expect(registry.id).toBe(id);
		expect(registry.name).toBe("by-id");
	});

	it("resolves a name", async () => {
		const id = fixture.emulator.seedRegistry({
			name: "Display Name",
			subdomainLabel: "display-label",
		});

		const registry = await fixture.client.resolveRegistry("Display Name");

		expect(registry.id).toBe(id);
	});

	it("resolves a subdomain label", async () => {
		const id = fixture.emulator.seedRegistry({
			name: "Display Name",
			subdomainLabel: "display-label",
		});

		const registry = await fixture.client.resolveRegistry("display-label");

		expect(registry.id).toBe(id);
	});

	it("resolves a label in upper case", async () => {
		const id = fixture.emulator.seedRegistry({
			name: "Display Name",
			subdomainLabel: "display-label",
		});

		const registry = await fixture.client.resolveRegistry("Display-Label");

		expect(registry.id).toBe(id);
	});

	it("rejects a name that is another registry's label", async () => {
		const labelled = fixture.emulator.seedRegistry({
			name: "other",
			subdomainLabel: "alpha",
		});
		const named = fixture.emulator.seedRegistry({
			name: "alpha",
			subdomainLabel: "beta",
		});

		const error = await fixture.client
			.resolveRegistry("alpha")
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(AmbiguousRegistryError);
		expect([...(error as AmbiguousRegistryError).ids].sort()).toEqual(
			[labelled, named].sort(),
		);
	});

	it("finds an all-digit label that is no ID", async () => {
		const id = fixture.emulator.seedRegistry({
			name: "20260101",
			subdomainLabel: "20260101",
		});

		const registry = await fixture.client.resolveRegistry("20260101");

		expect(registry.id).toBe(id);
	});

	it("raises not found for an unknown ID", async () => {
		fixture.emulator.seedRegistry({ name: "exists" });

		const error = await fixture.client
			.resolveRegistry("999999999999")
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(RegistryNotFoundError);
		expect((error as RegistryNotFoundError).registry).toBe("999999999999");
	});

	it("raises not found for an unknown name", async () => {
		fixture.emulator.seedRegistry({ name: "exists" });

		const error = await fixture.client
			.resolveRegistry("missing")
			.catch((caught: unknown) => caught);

		expect(error).toBeInstanceOf(RegistryNotFoundError);
		expect((error as RegistryNotFoundError).registry).toBe("missing");
	});

	it("raises not found for an empty reference", async () => {
		await expect(fixture.client.resolveRegistry("")).rejects.toBeInstanceOf(
			RegistryNotFoundError,
		);
		expect(fixture.emulator.requests).toHaveLength(0);
	});
});
