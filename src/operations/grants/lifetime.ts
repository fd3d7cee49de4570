import type { UserPermission } from "../../sakura/types";

const DAY_SECONDS = 86_400;

/**
 * The longest a credential of each permission lives when the policy sets no other caps. The more it
 * can change, the sooner it ends: a pull-only credential lasts a month, one that can push a week,
 * one that can also delete a day.
 */
export const MAX_LIFETIME_SECONDS: Readonly<Record<UserPermission, number>> = {
	readonly: 30 * DAY_SECONDS,
	readwrite: 7 * DAY_SECONDS,
	all: DAY_SECONDS,
};

/**
 * Returns how long a new credential lives: the asked lifetime, or the cap of its permission, from
 * the policy's `maxLifetimeHours` when given.
 */
export function grantLifetimeSeconds(
	permission: UserPermission,
	askedSeconds?: number,
	capsHours?: Readonly<Record<UserPermission, number>>,
): number {
	const cap =
		capsHours === undefined
			? MAX_LIFETIME_SECONDS[permission]
			: capsHours[permission] * 3_600;
	return askedSeconds === undefined ? cap : Math.min(askedSeconds, cap);
}

/** The longest lifetime `--ttl` accepts before the policy is consulted: one year. */
export const LONGEST_LIFETIME_SECONDS = 365 * DAY_SECONDS;

const DURATION = /^([1-9][0-9]{0,4})([mhd])$/;
const UNIT_SECONDS = { m: 60, h: 3_600, d: DAY_SECONDS } as const;

/**
 * Parses a lifetime such as `30m`, `8h` or `3d` (a whole number of minutes, hours or days).
 * @returns seconds, or undefined for any other text.
 */
export function parseDurationSeconds(text: string): number | undefined {
	const match = DURATION.exec(text.trim().toLowerCase());
	if (match === null) {
		return undefined;
	}
	return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

/** Writes seconds as the largest whole unit, such as `7d`, `8h` or `90m`. */
export function formatDuration(seconds: number): string {
	if (seconds % DAY_SECONDS === 0) {
		return `${seconds / DAY_SECONDS}d`;
	}
	if (seconds % 3_600 === 0) {
		return `${seconds / 3_600}h`;
	}
	return `${Math.ceil(seconds / 60)}m`;
}
