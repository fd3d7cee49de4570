import type { GrantHooks } from "../../operations/grants/hooks";
import type { RegistryApi } from "../../sakura/types";
import type { MessageDependencies } from "../listeners/actions/effects";
import type { JobRunnerDependencies } from "../run-to-message";
import type { AdminAlerts } from "./admin-alert";

/** What the worker needs: the SAKURA API, Slack, the request lifecycle and the operations. */
export type WorkerDependencies = MessageDependencies &
	Omit<JobRunnerDependencies, "locales"> &
	WorkerParts;

interface WorkerParts {
	/** The SAKURA API for queries; runs reach it through `run`. */
	registries: RegistryApi;
	/**
	 * How long a claim holds when the invocation does not say how long it may still run, in
	 * milliseconds. In Lambda, the lease is the invocation's remaining time plus a margin.
	 */
	defaultLeaseMs: number;
	/** @default 128 random bits, base64url */
	newClaimant?: () => string;
	/** Creates the grant hooks of one request's run; absent, no grants are recorded. */
	grantBookFor?: (request: { id: string; reason: string }) => GrantHooks;
	/** Alerts to the admin channel; without them, a rejected SAKURA key is only reported to requesters. */
	alerts?: AdminAlerts;
}
