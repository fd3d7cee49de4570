import type { AccessLevel } from "../../sakura/types";
import type { OperationKind } from "../types";
import { USER_PERMISSION_VALUES } from "../validation";

/** The fields of one operation kind that rule conditions can test. */
export interface KindFields {
	/** Carries a registry user name, so `forSelf` applies. */
	username: boolean;
	/** Carries a user permission, so `permissions` applies. */
	permission: boolean;
	/** Carries a registry access level, so `accessLevels` applies. */
	accessLevel: boolean;
}

/** The fields of each operation kind. Typed as a full record, so a new kind fails to compile here. */
export const KIND_FIELDS: Record<OperationKind, KindFields> = {
	"registry.list": { username: false, permission: false, accessLevel: false },
	"registry.show": { username: false, permission: false, accessLevel: false },
	"registry.create": { username: false, permission: false, accessLevel: true },
	"registry.delete": { username: false, permission: false, accessLevel: false },
	"user.add": { username: true, permission: true, accessLevel: false },
	"user.list": { username: false, permission: false, accessLevel: false },
	"user.audit": { username: false, permission: false, accessLevel: false },
	"user.delete": { username: true, permission: false, accessLevel: false },
	"user.rotate": { username: true, permission: false, accessLevel: false },
	"user.extend": { username: true, permission: false, accessLevel: false },
};

export const OPERATION_KINDS = Object.keys(KIND_FIELDS) as OperationKind[];

/** The rule pattern that matches every operation kind. */
export const ANY_OPERATION = "*";

/**
 * Every access level an operation may carry. New registries can ask only for `none` or `readonly`,
 * but the `Operation` type still admits `readwrite`, so policies may name it.
 */
export const ACCESS_LEVEL_VALUES: readonly AccessLevel[] = [
	"none",
	"readonly",
	"readwrite",
];

export { USER_PERMISSION_VALUES };
