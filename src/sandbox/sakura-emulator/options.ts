import type { Log } from "../../logging";

/** An API key pair: the access token is the Basic user name, the secret its password. */
export interface ApiCredentials {
	accessToken: string;
	accessTokenSecret: string;
}

/**
 * The key pair the emulator accepts when no `credentials` option is given. It is a fixed, public
 * value that no real SAKURA account holds.
 */
export const SANDBOX_CREDENTIALS: ApiCredentials = Object.freeze({
	accessToken: "00000000-5a4d-4b0c-8000-000000000000",
	accessTokenSecret: "sandbox-secret-not-valid-on-sakura-cloud",
});

/** HTTP status the emulator returns for a subdomain label that another registry already uses. */
export type DuplicateLabelStatus = 400 | 409;

export interface SakuraEmulatorOptions {
	/** TCP port on 127.0.0.1. @default 0, an ephemeral port */
	port?: number;
	/** Accepted API key pairs. @default [SANDBOX_CREDENTIALS] */
	credentials?: ApiCredentials[];
	/**
	 * Accepts access level `readonly` on create and update, as SAKURA did before it deprecated
	 * pull-only public registries in mid-2026. `readwrite` is rejected either way.
	 * @default false
	 */
	legacyReadonly?: boolean;
	/** Milliseconds to wait before sending every response. @default 0 */
	latencyMs?: number;
	/**
	 * Receives one line per unexpected failure inside the emulator. Requests, bodies and passwords
	 * are never logged. @default undefined, which logs nothing
	 */
	log?: Log;
	/**
	 * Path of a bcrypt htpasswd file that the emulator rewrites after every registry user change,
	 * so that a `docker-registry` reading it accepts the same users. Unset means no file.
	 */
	htpasswdPath?: string;
	/** Subdomain label whose users go into `htpasswdPath`. @default every registry's users */
	htpasswdRegistry?: string;
	/**
	 * Pattern a subdomain label (`Status.registry_name`) must match.
	 * SAKURA's real rule is unconfirmed: labels of lowercase letters, digits and inner hyphens work.
	 * @default /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/ (a DNS label)
	 */
	labelPattern?: RegExp;
	/**
	 * Maximum subdomain label length in characters. SAKURA's real limit is unconfirmed: the
	 * Terraform providers allow 64 and SAKURA's own tests create 62-character labels.
	 * @default 63, the DNS label limit
	 */
	labelMaxLength?: number;
	/**
	 * Pattern a registry user name must match. SAKURA publishes no rule. The name goes into URL paths
	 * unescaped, so the default allows only URL-safe characters.
	 * @default /^[a-z0-9][a-z0-9._-]{0,63}$/
	 */
	userNamePattern?: RegExp;
	/** Minimum password length on add and change. SAKURA's real rule is unconfirmed. @default 8 */
	passwordMinLength?: number;
	/** Maximum password length on add and change. SAKURA's real rule is unconfirmed. @default 64 */
	passwordMaxLength?: number;
	/**
	 * Status for a duplicate subdomain label, with error code `conflict` (409) or `bad_request` (400).
	 * SAKURA's real status is unconfirmed.
	 * @default 409
	 */
	duplicateLabelStatus?: DuplicateLabelStatus;
	/**
	 * Rejects an update whose `SettingsHash` differs from the current one with 409 `conflict`.
	 * Whether SAKURA enforces the hash on container registries is unconfirmed.
	 * @default false, any hash is accepted
	 */
	enforceSettingsHash?: boolean;
}

/** Validation rules after defaults are applied. */
export interface ValidationRules {
	legacyReadonly: boolean;
	labelPattern: RegExp;
	labelMaxLength: number;
	userNamePattern: RegExp;
	passwordMinLength: number;
	passwordMaxLength: number;
	duplicateLabelStatus: DuplicateLabelStatus;
	enforceSettingsHash: boolean;
}

/** Every option with its default applied. */
export interface ResolvedOptions {
	port: number;
	credentials: ApiCredentials[];
	latencyMs: number;
	htpasswdPath: string | undefined;
	htpasswdRegistry: string | undefined;
	rules: ValidationRules;
}

/** Applies the defaults and rejects option values that cannot work. */
export function resolveOptions(
	options: SakuraEmulatorOptions = {},
): ResolvedOptions {
	const rules: ValidationRules = {
		legacyReadonly: options.legacyReadonly ?? false,
		labelPattern: options.labelPattern ?? /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/,
		labelMaxLength: options.labelMaxLength ?? 63,
		userNamePattern: options.userNamePattern ?? /^[a-z0-9][a-z0-9._-]{0,63}$/,
		passwordMinLength: options.passwordMinLength ?? 8,
		passwordMaxLength: options.passwordMaxLength ?? 64,
		duplicateLabelStatus: options.duplicateLabelStatus ?? 409,
		enforceSettingsHash: options.enforceSettingsHash ?? false,
	};
	if (
		rules.passwordMinLength < 1 ||
		rules.passwordMinLength > rules.passwordMaxLength
	) {
		throw new RangeError(
			`passwordMinLength ${rules.passwordMinLength} must be at least 1 and at most passwordMaxLength ${rules.passwordMaxLength}`,
		);
	}

	const credentials = options.credentials ?? [SANDBOX_CREDENTIALS];
	if (credentials.length === 0) {
		throw new RangeError("credentials must contain at least one key pair");
	}

	return {
		port: options.port ?? 0,
		credentials,
		latencyMs: options.latencyMs ?? 0,
		htpasswdPath: options.htpasswdPath,
		htpasswdRegistry: options.htpasswdRegistry,
		rules,
	};
}
