import type { App } from "@slack/bolt";
import {
	APPROVE_ACTION_ID,
	REJECT_ACTION_ID,
} from "../../blocks/approval-card";
import { AUDIT_REMOVE_ACTION_ID } from "../../blocks/audit";
import {
	GRANT_EXTEND_ACTION_ID,
	GRANT_REVOKE_ACTION_ID,
	GRANT_ROTATE_ACTION_ID,
} from "../../blocks/grant-messages";
import { REJECT_VIEW_CALLBACK_ID } from "../../blocks/reject-view";
import { CANCEL_ACTION_ID } from "../../blocks/request-status";
import type { RequestDependencies } from "../../requests";
import { approveListener } from "./approve";
import { auditRemoveListener } from "./audit-remove";
import { cancelListener } from "./cancel";
import type { ButtonClick } from "./effects";
import {
	extendGrant,
	grantButtonListener,
	revokeGrant,
	rotateGrant,
} from "./grant-buttons";
import { rejectListener } from "./reject";
import { rejectSubmissionListener } from "./reject-submission";

/**
 * Registers the listeners of the approval buttons, of the reject form they open, and of the
 * buttons on a credential. The form's submission is registered here with the button that opens it.
 */
export function register(app: App, dependencies: RequestDependencies): void {
	app.action<ButtonClick>(APPROVE_ACTION_ID, approveListener(dependencies));
	app.action<ButtonClick>(REJECT_ACTION_ID, rejectListener(dependencies));
	app.action<ButtonClick>(CANCEL_ACTION_ID, cancelListener(dependencies));
	app.action<ButtonClick>(
		AUDIT_REMOVE_ACTION_ID,
		auditRemoveListener(dependencies),
	);
	app.action<ButtonClick>(
		GRANT_EXTEND_ACTION_ID,
		grantButtonListener(extendGrant, dependencies),
	);
	app.action<ButtonClick>(
		GRANT_ROTATE_ACTION_ID,
		grantButtonListener(rotateGrant, dependencies),
	);
	app.action<ButtonClick>(
		GRANT_REVOKE_ACTION_ID,
		grantButtonListener(revokeGrant, dependencies),
	);
	app.view(
		{ type: "view_submission", callback_id: REJECT_VIEW_CALLBACK_ID },
		rejectSubmissionListener(dependencies),
	);
}
