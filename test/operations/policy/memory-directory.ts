import type { Directory } from "../../../src/operations/policy";

/** An in-memory workspace whose admins and group members tests can change between calls. */
export class MemoryDirectory implements Directory {
	readonly admins = new Set<string>();
	readonly groups = new Map<string, Set<string>>();
	/** Every lookup made, in order, as `admin:<user>` or `group:<group>:<user>`. */
	readonly lookups: string[] = [];

	addToGroup(groupId: string, userId: string): void {
		const members = this.groups.get(groupId) ?? new Set<string>();
		members.add(userId);
		this.groups.set(groupId, members);
	}

	removeFromGroup(groupId: string, userId: string): void {
		this.groups.get(groupId)?.delete(userId);
	}

	async isInGroup(userId: string, groupId: string): Promise<boolean> {
		this.lookups.push(`group:${groupId}:${userId}`);
		return this.groups.get(groupId)?.has(userId) ?? false;
	}

	async isWorkspaceAdmin(userId: string): Promise<boolean> {
		this.lookups.push(`admin:${userId}`);
		return this.admins.has(userId);
	}
}
