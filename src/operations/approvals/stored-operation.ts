import { z } from "zod";
import type { Operation } from "../types";
import {
	accessLevelSchema,
	descriptionSchema,
	subdomainLabelSchema,
	usernameSchema,
	userPermissionSchema,
	virtualDomainSchema,
} from "../validation";

/** A registry reference as the grammar accepts it: an ID, a name or a label, 1 to 64 characters. */
const registryReference = z.string().min(1).max(64);

/**
 * The shape of every operation, for reading one back from the request store. A stored operation is
 * trusted only after it passes this schema, so a corrupted or hand-edited record cannot run.
 */
export const operationSchema = z.discriminatedUnion("kind", [
	z.strictObject({ kind: z.literal("registry.list") }),
	z.strictObject({
		kind: z.literal("registry.show"),
		registry: registryReference,
	}),
	z.strictObject({
		kind: z.literal("registry.create"),
		name: subdomainLabelSchema,
		accessLevel: accessLevelSchema,
		virtualDomain: virtualDomainSchema.optional(),
		description: descriptionSchema.optional(),
	}),
	z.strictObject({
		kind: z.literal("registry.delete"),
		registry: registryReference,
	}),
	z.strictObject({
		kind: z.literal("user.add"),
		registry: registryReference,
		username: usernameSchema,
		permission: userPermissionSchema,
		lifetimeSeconds: z.number().int().positive().optional(),
	}),
	z.strictObject({ kind: z.literal("user.list"), registry: registryReference }),
	z.strictObject({
		kind: z.literal("user.audit"),
		registry: registryReference,
	}),
	z.strictObject({
		kind: z.literal("user.delete"),
		registry: registryReference,
		username: usernameSchema,
		revoke: z.literal(true).optional(),
	}),
	z.strictObject({
		kind: z.literal("user.extend"),
		registry: registryReference,
		username: usernameSchema,
		lifetimeSeconds: z.number().int().positive().optional(),
	}),
	z.strictObject({
		kind: z.literal("user.rotate"),
		registry: registryReference,
		username: usernameSchema,
	}),
]);

/** Returns the operation as a plain JSON object for the store, without undefined fields. */
export function toStoredOperation(
	operation: Operation,
): Record<string, unknown> {
	return JSON.parse(JSON.stringify(operation)) as Record<string, unknown>;
}

/** Returns the stored operation when it is valid, or undefined. */
export function parseStoredOperation(stored: unknown): Operation | undefined {
	const result = operationSchema.safeParse(stored);
	return result.success ? (result.data as Operation) : undefined;
}
