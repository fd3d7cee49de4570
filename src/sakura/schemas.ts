import { z } from "zod";
import { SakuraResponseError } from "./errors";

/**
 * A 64-bit resource ID. SAKURA sends it as a JSON string, or as a JSON number when the request had
 * `X-Sakura-Bigint-As-Int: 1`; both become a decimal string. Registry IDs have 12 digits, well within
 * the exact integer range of a JavaScript number.
 */
export const idSchema = z
	.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()])
	.transform(String);

/** A count in a find response, sent as a number or, without the bigint header, possibly as a string. */
const countSchema = z.union([
	z.number().int().nonnegative(),
	z.string().regex(/^\d+$/).transform(Number),
]);

/** A string field that SAKURA may leave out or send as null; both read as an empty string. */
const optionalText = z
	.string()
	.nullish()
	.transform((value) => value ?? "");

export const accessLevelSchema = z.enum(["none", "readonly", "readwrite", ""]);

export const userPermissionSchema = z.enum(["all", "readwrite", "readonly"]);

const settingsSchema = z.object({
	ContainerRegistry: z
		.object({
			public: accessLevelSchema.nullish(),
			virtual_domain: z.string().nullish(),
		})
		.nullish(),
});

const statusSchema = z.object({
	registry_name: z.string().nullish(),
	hostname: z.string().nullish(),
});

/** A registry as SAKURA sends it (a CommonServiceItem of provider class `containerregistry`). */
export const nakedRegistrySchema = z.object({
	ID: idSchema,
	Name: z.string(),
	Description: optionalText,
	Tags: z
		.array(z.string())
		.nullish()
		.transform((tags) => tags ?? []),
	// Null when the registry has no icon, otherwise an object with at least an ID.
	Icon: z.object({ ID: idSchema.optional() }).nullish(),
	Availability: optionalText,
	CreatedAt: optionalText,
	ModifiedAt: optionalText,
	Provider: z.object({ Class: z.string().nullish() }).nullish(),
	Settings: settingsSchema.nullish(),
	SettingsHash: z.string().nullish(),
	Status: statusSchema.nullish(),
});

export type NakedRegistry = z.infer<typeof nakedRegistrySchema>;

/** Response of read and create: `{"CommonServiceItem": {...}, "is_ok": true}`. */
export const registryEnvelopeSchema = z.object({
	CommonServiceItem: nakedRegistrySchema,
});

/** Response of find: one page of registries and the position of that page. */
export const findEnvelopeSchema = z.object({
	Total: countSchema,
	From: countSchema.optional(),
	Count: countSchema.optional(),
	CommonServiceItems: z
		.array(nakedRegistrySchema)
		.nullish()
		.transform((items) => items ?? []),
});

/**
 * Response of list users. A missing `ContainerRegistry` or `users: null` means no users. Any
 * `password` key is stripped here, because the schema does not declare it.
 */
export const usersEnvelopeSchema = z.object({
	ContainerRegistry: z
		.object({
			users: z
				.array(
					z.object({
						username: z.string(),
						permission: userPermissionSchema,
					}),
				)
				.nullish(),
		})
		.nullish(),
});

/**
 * Validates a response body against a schema.
 * @throws SakuraResponseError naming the paths and codes of the failed checks. The message never
 *   contains values from the body.
 */
export function parseResponse<T extends z.ZodType>(
	schema: T,
	body: unknown,
	method: string,
	path: string,
): z.output<T> {
	const result = schema.safeParse(body);
	if (result.success) {
		return result.data;
	}

	const issues = result.error.issues.slice(0, 5).map((issue) => {
		const location = issue.path.length === 0 ? "(body)" : issue.path.join(".");
		return `${location}: ${issue.code}`;
	});
	throw new SakuraResponseError(method, path, issues.join("; "));
}
