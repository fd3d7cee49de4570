import { z } from "zod";
import type { AccessLevel, UserPermission } from "../sakura/types";

/**
 * Subdomain label rule: a DNS label of lowercase letters, digits and inner hyphens, at most 63
 * characters. SAKURA publishes no exact rule; labels of this shape up to 62 characters are known to
 * work, and the FQDN `<label>.sakuracr.jp` cannot hold a longer DNS label.
 */
export const SUBDOMAIN_LABEL_PATTERN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
export const SUBDOMAIN_LABEL_MAX_LENGTH = 63;

/**
 * Registry user name rule. SAKURA puts the name unescaped into the URL path and the registry's
 * htpasswd, so the bot allows only URL-safe lowercase names that cannot contain `:` or `/`.
 */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const USERNAME_MAX_LENGTH = 64;

/** SAKURA's limit on a registry description, as its official clients enforce it. */
export const DESCRIPTION_MAX_LENGTH = 512;

/** Access levels a new registry may ask for. `readwrite` was removed by SAKURA in 2026. */
export const REQUESTABLE_ACCESS_LEVELS: readonly AccessLevel[] = [
	"none",
	"readonly",
];

export const USER_PERMISSION_VALUES: readonly UserPermission[] = [
	"readonly",
	"readwrite",
	"all",
];

/** FQDN: two or more DNS labels, 253 characters at most, no trailing dot. */
const FQDN_PATTERN =
	/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

export const subdomainLabelSchema = z
	.string()
	.min(1)
	.max(SUBDOMAIN_LABEL_MAX_LENGTH)
	.regex(SUBDOMAIN_LABEL_PATTERN);
export const usernameSchema = z
	.string()
	.min(1)
	.max(USERNAME_MAX_LENGTH)
	.regex(USERNAME_PATTERN);
export const virtualDomainSchema = z.string().regex(FQDN_PATTERN);
export const descriptionSchema = z.string().max(DESCRIPTION_MAX_LENGTH);
export const accessLevelSchema = z.enum(["none", "readonly"]);
export const userPermissionSchema = z.enum(["readonly", "readwrite", "all"]);

/** Returns true when `value` is a valid subdomain label. */
export function isValidSubdomainLabel(value: string): boolean {
	return subdomainLabelSchema.safeParse(value).success;
}

/** Returns true when `value` is a valid registry user name. */
export function isValidUsername(value: string): boolean {
	return usernameSchema.safeParse(value).success;
}

/** Returns true when `value` is a fully qualified domain name usable as a custom registry domain. */
export function isValidVirtualDomain(value: string): boolean {
	return virtualDomainSchema.safeParse(value.toLowerCase()).success;
}
