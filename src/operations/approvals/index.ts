export {
	approveRequest,
	cancelRequest,
	finishRequest,
	type RequestOrigin,
	recordRunNow,
	rejectRequest,
	submitRequest,
} from "./lifecycle";
export {
	operationSchema,
	parseStoredOperation,
	toStoredOperation,
} from "./stored-operation";
export type {
	ApprovalContext,
	DecisionResult,
	RefusalReason,
	RequestView,
	SubmitResult,
} from "./types";
