import { randomBytes } from "node:crypto";
import type { webApi } from "@slack/bolt";
import type { Log } from "../../logging";
import type { GrantHooks } from "../../operations/grants/hooks";
import { type DynamoGrantStore, grantId } from "../../store/grants";
import type { SlackMessage } from "../blocks";
import {
	grantRevokedByMessage,
	grantRotatedByMessage,
} from "../blocks/grant-messages";
import type { LocaleResolver } from "../locale-resolver";
import { removePasswordFromDm } from "./password-dm";

export interface GrantBookDependencies {
	grants: DynamoGrantStore;
	/** Sends a DM built in the recipient's locale; failures are logged, not raised. */
	dm: (userId: string, build: () => SlackMessage) => Promise<void>;
	client: webApi.WebClient;
	locales: LocaleResolver;
	log: Log;
	/** @default () => new Date() */
	clock?: () => Date;
}

/** Lease of a revocation by a person while the grant is marked revoked, in milliseconds. */
const DELETION_LEASE_MS = 60_000;

/**
 * Creates the grant hooks of one request's run: a new user becomes a grant owned by the
 * requester; a rotation moves the grant to the new credentials DM and removes the old password from
 * the old one; a deletion marks the grant revoked and removes its password from its DM.
 */
export function createGrantBook(
	dependencies: GrantBookDependencies,
	request: { id: string; reason: string },
): GrantHooks {
	const now = () => (dependencies.clock ?? (() => new Date()))();
	const dmContext = (grant: {
		owner: { userId: string };
		username: string;
		registryLabel: string;
	}) => ({
		client: dependencies.client,
		locales: dependencies.locales,
		log: dependencies.log,
		ownerId: grant.owner.userId,
		username: grant.username,
		registryLabel: grant.registryLabel,
	});

	return {
		async issued(grant) {
			await dependencies.grants.put({
				id: grantId(grant.registry.id, grant.username),
				registryId: grant.registry.id,
				registryLabel: grant.registry.subdomainLabel,
				username: grant.username,
				permission: grant.permission,
				owner: { userId: grant.owner.userId, teamId: grant.owner.teamId },
				requestId: request.id,
				reason: request.reason,
				issuedAt: grant.issuedAt.toISOString(),
				expiresAt: grant.expiresAt.toISOString(),
				status: "active",
				warned: [],
				credentialDm: grant.credentialDm,
				version: 0,
			});
			dependencies.log.info("Grant issued", {
				requestId: request.id,
				registryId: grant.registry.id,
				username: grant.username,
				owner: grant.owner.userId,
				expiresAt: grant.expiresAt.toISOString(),
			});
		},

		async rotated(change) {
			const id = grantId(change.registry.id, change.username);
			const grant = await dependencies.grants.get(id);
			if (grant === undefined || grant.status !== "active") {
				return;
			}
			const byOwner = change.by.userId === grant.owner.userId;
			if (grant.credentialDm !== undefined) {
				await removePasswordFromDm(
					grant.credentialDm,
					byOwner ? "rotated" : "rotated_by",
					{ ...dmContext(grant), by: change.by.userId },
				);
			}
			if (!byOwner) {
				await dependencies.dm(grant.owner.userId, () =>
					grantRotatedByMessage(grant, change.by.userId),
				);
			}
			if (change.credentialDm !== undefined) {
				await dependencies.grants.setCredentialDm(id, change.credentialDm, {
					userId: change.by.userId,
					teamId: change.by.teamId,
				});
			}
		},

		async activeUsernames(registryId) {
			const open = await dependencies.grants.listOpen();
			return new Set(
				open
					.filter(
						(grant) =>
							grant.registryId === registryId && grant.status === "active",
					)
					.map((grant) => grant.username),
			);
		},

		async extended(change) {
			const id = grantId(change.registry.id, change.username);
			const extended = await dependencies.grants.extend(
				id,
				change.expiresAt,
				now(),
			);
			dependencies.log.info("Grant extension recorded", {
				requestId: request.id,
				grantId: id,
				extended,
				expiresAt: change.expiresAt.toISOString(),
			});
			return extended;
		},

		async registryDeleted(change) {
			const open = await dependencies.grants.listOpen();
			for (const grant of open) {
				if (grant.registryId === change.registry.id) {
					await endGrant(grant.id, change.by);
				}
			}
		},

		async deleted(change) {
			await endGrant(grantId(change.registry.id, change.username), change.by);
		},
	};

	/** Marks a grant whose user is already gone from SAKURA revoked, and edits its password DM. */
	async function endGrant(id: string, by: string): Promise<void> {
		const claimant = randomBytes(12).toString("base64url");
		const at = now();
		const claimed = await dependencies.grants.claimRevocation(id, {
			now: at,
			claimant,
			leaseUntil: new Date(at.getTime() + DELETION_LEASE_MS),
			by,
		});
		if (claimed === undefined) {
			return;
		}
		const revoked = await dependencies.grants.finishRevocation(
			id,
			claimant,
			at,
		);
		if (revoked === undefined) {
			return;
		}
		if (revoked.credentialDm !== undefined) {
			await removePasswordFromDm(revoked.credentialDm, "revoked", {
				...dmContext(revoked),
				by,
			});
		}
		// An edit raises no notification, so an owner whose credential someone else ended gets a DM.
		if (by !== revoked.owner.userId) {
			await dependencies.dm(revoked.owner.userId, () =>
				grantRevokedByMessage(revoked, by),
			);
		}
	}
}
