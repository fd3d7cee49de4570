import { randomBytes } from "node:crypto";
import { SakuraApiError } from "../../sakura/errors";
import type { RegistryApi } from "../../sakura/types";
import type { DynamoGrantStore, GrantRecord } from "../../store/grants";
import type { SlackMessage } from "../blocks";
import {
	grantExpiredMessage,
	grantReminderMessage,
} from "../blocks/grant-messages";
import { dmPerson } from "../dm-person";
import {
	expireIfDue,
	type MessageDependencies,
} from "../listeners/actions/effects";
import { removePasswordFromDm } from "./password-dm";

export interface SweepDependencies extends MessageDependencies {
	grants: DynamoGrantStore;
	registries: RegistryApi;
	/** Seconds before expiry at which the owner gets a reminder, such as `[86400, 3600]`. */
	reminders: readonly number[];
}

/** Counts of what one sweep did, for its log line and for tests. */
export interface SweepReport {
	expiredRequests: number;
	reminders: number;
	revoked: number;
	/** Deletions that failed on SAKURA and stay marked for the next sweep. */
	retrying: number;
	/** Items that failed for another reason, such as an invalid stored record; each is logged. */
	skipped: number;
}

/**
 * How long a sweep's claim on one deletion holds. Longer than the SAKURA client's retries of one
 * call, so a second sweep takes over only from a sweep that stopped.
 */
const DELETION_LEASE_MS = 120_000;

/**
 * Does what time makes due: closes pending requests past their expiry (card rewritten, requester
 * told), reminds owners of credentials that end soon, and deletes credentials whose time is up.
 *
 * Every step is a conditional write first, so two sweeps at once, or a sweep that stopped halfway
 * and runs again, delete each user once and send each message once. A deletion that fails on
 * SAKURA leaves the grant `revoking` with its error, and the next sweep tries again; a grant is
 * marked revoked only after SAKURA confirmed the user is gone.
 */
export async function sweep(
	dependencies: SweepDependencies,
): Promise<SweepReport> {
	const now = (dependencies.approvals.clock ?? (() => new Date()))();
	const report: SweepReport = {
		expiredRequests: 0,
		reminders: 0,
		revoked: 0,
		retrying: 0,
		skipped: 0,
	};

	// One item that fails is logged and skipped, so it cannot stop the sweep of all the others.
	const each = async (id: string, work: () => Promise<void>) => {
		try {
			await work();
		} catch (error) {
			report.skipped++;
			dependencies.log.error("Sweeping one item failed", {
				id,
				error: error instanceof Error ? error.name : typeof error,
				errorMessage: error instanceof Error ? error.message : undefined,
			});
		}
	};

	for (const id of await dependencies.approvals.store.listPendingDue(now)) {
		await each(id, async () => {
			if (await expireIfDue(id, dependencies)) {
				report.expiredRequests++;
			}
		});
	}

	for (const grant of await dependencies.grants.listOpen()) {
		await each(grant.id, async () => {
			if (
				grant.status === "revoking" ||
				Date.parse(grant.expiresAt) <= now.getTime()
			) {
				const outcome = await revokeExpired(grant, now, dependencies);
				if (outcome === "revoked") {
					report.revoked++;
				} else if (outcome === "retrying") {
					report.retrying++;
				}
				return;
			}
			if (await remind(grant, now, dependencies)) {
				report.reminders++;
			}
		});
	}

	dependencies.log.info("Sweep finished", { ...report });
	return report;
}

/**
 * Sends the reminder that is due, once. When several thresholds are due at once, one DM goes out
 * and every due threshold is marked.
 */
async function remind(
	grant: GrantRecord,
	now: Date,
	dependencies: SweepDependencies,
): Promise<boolean> {
	const left = (Date.parse(grant.expiresAt) - now.getTime()) / 1000;
	// A threshold as long as the whole lifetime would fire at once, so it is skipped: an 8-hour
	// credential gets the 1-hour reminder only.
	const lifetime =
		(Date.parse(grant.expiresAt) - Date.parse(grant.issuedAt)) / 1000;
	const due = [...dependencies.reminders]
		.sort((a, b) => a - b)
		.filter(
			(threshold) =>
				threshold < lifetime &&
				left <= threshold &&
				!grant.warned.includes(threshold),
		);
	if (due.length === 0) {
		return false;
	}

	const [nearest, ...others] = due;
	const claimed = await dependencies.grants.markWarned(
		grant.id,
		nearest,
		grant.expiresAt,
	);
	for (const threshold of others) {
		await dependencies.grants.markWarned(grant.id, threshold, grant.expiresAt);
	}
	if (!claimed) {
		return false;
	}
	await dmOwner(grant, () => grantReminderMessage(grant), dependencies);
	return true;
}

/** Deletes an expired grant's user on SAKURA, then marks it revoked and informs the owner. */
async function revokeExpired(
	grant: GrantRecord,
	now: Date,
	dependencies: SweepDependencies,
): Promise<"revoked" | "retrying" | "skipped"> {
	const { grants, log } = dependencies;
	const claimant = randomBytes(12).toString("base64url");
	const ids = {
		grantId: grant.id,
		registryId: grant.registryId,
		username: grant.username,
		owner: grant.owner.userId,
	};

	const claimed = await grants.claimRevocation(grant.id, {
		now,
		claimant,
		leaseUntil: new Date(now.getTime() + DELETION_LEASE_MS),
		by: grant.revocation?.by ?? "expired",
	});
	if (claimed === undefined) {
		return "skipped";
	}

	try {
		await dependencies.registries.deleteUser(grant.registryId, grant.username);
	} catch (error) {
		// A 404 means the user is already gone: deleted by hand, or by an earlier attempt whose
		// response was lost. Either way it no longer works.
		if (!(error instanceof SakuraApiError && error.status === 404)) {
			const code =
				error instanceof SakuraApiError
					? `${error.status} ${error.errorCode ?? ""}`.trim()
					: error instanceof Error
						? error.name
						: typeof error;
			await grants.failRevocation(grant.id, claimant, now, code);
			log.warn("Deleting an expired user failed; the next sweep retries", {
				...ids,
				error: code,
			});
			return "retrying";
		}
	}

	const revoked = await grants.finishRevocation(grant.id, claimant, now);
	if (revoked === undefined) {
		return "skipped";
	}
	log.info("Expired user deleted", ids);
	if (revoked.credentialDm !== undefined) {
		await removePasswordFromDm(revoked.credentialDm, "expired", {
			client: dependencies.client,
			locales: dependencies.locales,
			log,
			ownerId: revoked.owner.userId,
			username: revoked.username,
			registryLabel: revoked.registryLabel,
		});
	}
	await dmOwner(revoked, () => grantExpiredMessage(revoked), dependencies);
	return "revoked";
}

function dmOwner(
	grant: GrantRecord,
	build: () => SlackMessage,
	dependencies: SweepDependencies,
): Promise<void> {
	return dmPerson(
		grant.owner.userId,
		build,
		dependencies,
		{ grantId: grant.id, owner: grant.owner.userId },
		"DM to a grant's owner failed",
	);
}
