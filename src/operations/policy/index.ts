export type { Directory } from "./directory";
export { PolicyError, type PolicyProblem } from "./errors";
export {
	type ApprovalDecision,
	type ApproverCheck,
	checkApprover,
	decide,
	describeApprovers,
	type PolicyDecision,
} from "./evaluate";
export { BUNDLED_POLICY_NAME, loadPolicy, parsePolicy } from "./load";
export {
	type ApproverSet,
	MAX_APPROVALS,
	MAX_REQUEST_TTL_HOURS,
	MIN_APPROVALS,
	MIN_REQUEST_TTL_HOURS,
	type Policy,
	type PolicyRule,
	type RequesterSet,
} from "./schema";
