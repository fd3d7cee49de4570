import { t } from "../../../i18n";
import type { Operation, Requester } from "../../../operations/types";
import { deriveUsername } from "../../../operations/username";
import type { Registry, UserPermission } from "../../../sakura/types";
import {
	FIELD_BLOCKS,
	type FieldBlock,
	type FormKind,
	REGISTRY_SELECT_ACTION,
} from "../../blocks/modals";
import {
	parseAccessLevel,
	parseDescription,
	parseLifetime,
	parseReason,
	parseRegistryName,
	parseRegistryReference,
	parseUsername,
	parseUserPermission,
	parseVirtualDomain,
	type ValueResult,
} from "../../command-values";
import { LONGEST_LIFETIME_HOURS } from "../../grammar";
import { fieldError } from "./field-errors";
import { selectedValue, textValue, type ViewStateValues } from "./form-fields";

/** Field errors by input block id, the shape of a `response_action: "errors"` reply. */
export type FieldErrors = Partial<Record<FieldBlock, string>>;

export type FormResult =
	| { ok: true; operation: Operation; reason: string }
	| { ok: false; errors: FieldErrors };

/** Lists the account's registries, or rejects when they could not be loaded in time. */
export type RegistryLister = () => Promise<Registry[]>;

/**
 * Validates a submitted form with the command line's value rules from `command-values` and builds
 * the operation it requests. Every field is checked, so the reply names all invalid fields at once.
 * A chosen registry must also be in the account's current registry list, because it may have been
 * deleted since the menu loaded, and a crafted submission may carry any value.
 */
export async function readForm(
	kind: FormKind,
	values: ViewStateValues,
	requester: Requester,
	listRegistries: RegistryLister,
	lifetimeCapsHours: Readonly<
		Record<UserPermission, number>
	> = LONGEST_LIFETIME_HOURS,
): Promise<FormResult> {
	const form = new FormReader(values);
	const reason = form.reason();
	const operation = await buildOperation(
		kind,
		form,
		requester,
		listRegistries,
		lifetimeCapsHours,
	);

	if (operation === undefined || reason === undefined) {
		return { ok: false, errors: form.errors };
	}
	return { ok: true, operation, reason };
}

async function buildOperation(
	kind: FormKind,
	form: FormReader,
	requester: Requester,
	listRegistries: RegistryLister,
	lifetimeCapsHours: Readonly<Record<UserPermission, number>>,
): Promise<Operation | undefined> {
	switch (kind) {
		case "create":
			return buildCreate(form);
		case "user_add":
			return buildUserAdd(form, requester, listRegistries, lifetimeCapsHours);
		case "list":
			return { kind: "registry.list" };
		case "show":
		case "delete": {
			const registry = await form.registry(listRegistries);
			if (registry === undefined) {
				return undefined;
			}
			return kind === "show"
				? { kind: "registry.show", registry }
				: { kind: "registry.delete", registry };
		}
		case "user_delete":
		case "user_rotate": {
			const registry = await form.registry(listRegistries);
			const username = form.required(FIELD_BLOCKS.username, parseUsername);
			if (registry === undefined || username === undefined) {
				return undefined;
			}
			return {
				kind: kind === "user_delete" ? "user.delete" : "user.rotate",
				registry,
				username,
			};
		}
	}
}

function buildCreate(form: FormReader): Operation | undefined {
	const name = form.required(FIELD_BLOCKS.name, parseRegistryName);
	const accessLevel = form.choice(
		FIELD_BLOCKS.accessLevel,
		"none",
		parseAccessLevel,
	);
	const domain = form.optional(FIELD_BLOCKS.domain, parseVirtualDomain);
	const description = form.optional(FIELD_BLOCKS.description, parseDescription);
	if (
		name === undefined ||
		accessLevel === undefined ||
		domain === null ||
		description === null
	) {
		return undefined;
	}

	const operation: Operation = {
		kind: "registry.create",
		name,
		accessLevel,
	};
	if (domain !== undefined) {
		operation.virtualDomain = domain;
	}
	if (description !== undefined) {
		operation.description = description;
	}
	return operation;
}

/**
 * Builds `user add`. As on the command line, an empty user name means the name derived from the
 * requester's Slack name, and the permission defaults to `readonly`.
 */
async function buildUserAdd(
	form: FormReader,
	requester: Requester,
	listRegistries: RegistryLister,
	lifetimeCapsHours: Readonly<Record<UserPermission, number>>,
): Promise<Operation | undefined> {
	const registry = await form.registry(listRegistries);
	const permission = form.choice(
		FIELD_BLOCKS.permission,
		"readonly",
		parseUserPermission,
	);
	const typed = form.optional(FIELD_BLOCKS.username, parseUsername);
	let username = typed ?? undefined;
	if (typed === undefined) {
		username = form.derivedUsername(requester);
	}
	const lifetime =
		permission === undefined
			? undefined
			: form.optional(FIELD_BLOCKS.lifetime, (value) =>
					parseLifetime(value, permission, lifetimeCapsHours),
				);
	if (
		registry === undefined ||
		permission === undefined ||
		username === undefined ||
		lifetime === null
	) {
		return undefined;
	}
	return {
		kind: "user.add",
		registry,
		username,
		permission,
		...(lifetime === undefined ? {} : { lifetimeSeconds: lifetime }),
	};
}

/** Reads fields from the submitted state and collects an error per invalid field. */
class FormReader {
	readonly errors: FieldErrors = {};

	constructor(private readonly values: ViewStateValues) {}

	/** Returns the checked value of a required text input, or undefined after recording an error. */
	required<T>(
		block: FieldBlock,
		parse: (value: string) => ValueResult<T>,
	): T | undefined {
		const value = textValue(this.values, block);
		if (value === undefined) {
			this.errors[block] = t("modal.error.required");
			return undefined;
		}
		return this.check(block, parse(value));
	}

	/**
	 * Returns the checked value of an optional text input: undefined when it is empty, or null after
	 * recording an error.
	 */
	optional<T>(
		block: FieldBlock,
		parse: (value: string) => ValueResult<T>,
	): T | undefined | null {
		const value = textValue(this.values, block);
		if (value === undefined) {
			return undefined;
		}
		return this.check(block, parse(value)) ?? null;
	}

	/**
	 * Returns the checked value of a radio group. A missing choice takes the command line's default,
	 * and a value outside the options gets the command line's error for that value.
	 */
	choice<T>(
		block: FieldBlock,
		fallback: string,
		parse: (value: string) => ValueResult<T>,
	): T | undefined {
		const value = selectedValue(this.values, block) ?? fallback;
		return this.check(block, parse(value));
	}

	/** Returns the reason, empty when none was typed, or undefined after recording an error. */
	reason(): string | undefined {
		const value = textValue(this.values, FIELD_BLOCKS.reason);
		if (value === undefined) {
			return "";
		}
		return this.check(FIELD_BLOCKS.reason, parseReason(value));
	}

	/**
	 * Returns the chosen registry's ID once it is a valid reference and names a registry in the
	 * account's list. The list is loaded only for a valid reference.
	 */
	async registry(listRegistries: RegistryLister): Promise<string | undefined> {
		const block = FIELD_BLOCKS.registry;
		const value = selectedValue(this.values, block, REGISTRY_SELECT_ACTION);
		if (value === undefined || value.trim() === "") {
			this.errors[block] = t("modal.error.registry_required");
			return undefined;
		}
		const reference = this.check(block, parseRegistryReference(value));
		if (reference === undefined) {
			return undefined;
		}

		let registries: Registry[];
		try {
			registries = await listRegistries();
		} catch {
			this.errors[block] = t("modal.error.registry_list_failed");
			return undefined;
		}
		if (!registries.some((registry) => registry.id === reference)) {
			this.errors[block] = t("modal.error.registry_unknown", {
				value: reference,
			});
			return undefined;
		}
		return reference;
	}

	/**
	 * Returns the user name derived from the requester's Slack name, checked by the user name rule
	 * as on the command line.
	 */
	derivedUsername(requester: Requester): string | undefined {
		const derived = parseUsername(
			deriveUsername(requester.userName, requester.userId),
		);
		if (!derived.ok) {
			return this.check(FIELD_BLOCKS.username, {
				ok: false,
				failure: { key: "parse.derived_username_invalid", params: {} },
			});
		}
		return derived.value;
	}

	private check<T>(block: FieldBlock, result: ValueResult<T>): T | undefined {
		if (!result.ok) {
			this.errors[block] = fieldError(result.failure);
			return undefined;
		}
		return result.value;
	}
}
