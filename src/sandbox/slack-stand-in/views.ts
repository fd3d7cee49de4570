import { randomBytes } from "node:crypto";
import type { MethodResult } from "./workspace";

/** A modal as the stand-in stores it after `views.open`, `views.update` or `views.push`. */
export interface StoredView {
	id: string;
	/**
	 * Version tag that changes on every update. `views.update` with an older one fails with
	 * `hash_conflict`.
	 */
	hash: string;
	/** Id of the first view of the view's stack, which is a root view's own id. */
	rootViewId: string;
	previousViewId: string | null;
	/** The view object as the app sent it, `blocks` included. */
	view: Record<string, unknown>;
}

/** Slack keeps a root view and at most two pushed views on a modal stack. */
const MAX_STACK_DEPTH = 3;

/** Slack's limit on the JSON of one view, in bytes. */
const MAX_VIEW_BYTES = 250_000;

/**
 * The modal views behind `views.open`, `views.update` and `views.push`. A trigger_id works once,
 * as Slack's does. Its 3-second lifetime is not modelled.
 */
export class ViewStore {
	private readonly views = new Map<string, StoredView>();
	/** View ids of each stack, root first, by root view id. */
	private readonly stacks = new Map<string, string[]>();
	private readonly usedTriggers = new Set<string>();

	/** Returns every view ever opened or pushed, in its latest form. */
	all(): StoredView[] {
		return [...this.views.values()];
	}

	open(args: Record<string, unknown>): MethodResult {
		const trigger = this.useTrigger(args.trigger_id);
		if (trigger !== undefined) {
			return trigger;
		}
		const view = checkView(args.view);
		if ("error" in view) {
			return view;
		}

		const stored = this.store(view.value, null, null);
		this.stacks.set(stored.id, [stored.id]);
		return { ok: true, view: render(stored) };
	}

	push(args: Record<string, unknown>): MethodResult {
		const trigger = this.useTrigger(args.trigger_id);
		if (trigger !== undefined) {
			return trigger;
		}
		const view = checkView(args.view);
		if ("error" in view) {
			return view;
		}

		// NOTE: Slack finds the stack from the trigger_id's interaction. The stand-in cannot, so it
		// pushes onto the most recently opened stack.
		const stack = [...this.stacks.values()].at(-1);
		if (stack === undefined) {
			return { ok: false, error: "not_found" };
		}
		if (stack.length >= MAX_STACK_DEPTH) {
			return { ok: false, error: "push_limit_reached" };
		}
		const stored = this.store(view.value, stack[0], stack.at(-1) ?? null);
		stack.push(stored.id);
		return { ok: true, view: render(stored) };
	}

	update(args: Record<string, unknown>): MethodResult {
		const view = checkView(args.view);
		if ("error" in view) {
			return view;
		}
		const existing = this.find(args.view_id, args.external_id);
		if (existing === undefined) {
			return { ok: false, error: "not_found" };
		}
		if (typeof args.hash === "string" && args.hash !== existing.hash) {
			return { ok: false, error: "hash_conflict" };
		}

		existing.view = view.value;
		existing.hash = newHash();
		return { ok: true, view: render(existing) };
	}

	/** Marks a trigger_id used, or returns Slack's error for a missing or already used one. */
	private useTrigger(trigger: unknown): MethodResult | undefined {
		if (typeof trigger !== "string" || trigger === "") {
			return { ok: false, error: "invalid_arguments" };
		}
		// NOTE: Slack may return `exchanged_trigger_id` instead for a reused trigger_id.
		if (this.usedTriggers.has(trigger)) {
			return { ok: false, error: "expired_trigger_id" };
		}
		this.usedTriggers.add(trigger);
		return undefined;
	}

	private find(viewId: unknown, externalId: unknown): StoredView | undefined {
		if (typeof viewId === "string") {
			return this.views.get(viewId);
		}
		if (typeof externalId === "string") {
			return this.all().find(
				(stored) => stored.view.external_id === externalId,
			);
		}
		return undefined;
	}

	private store(
		view: Record<string, unknown>,
		rootViewId: string | null,
		previousViewId: string | null,
	): StoredView {
		const id = `V${randomBytes(5).toString("hex").toUpperCase()}`;
		const stored: StoredView = {
			id,
			hash: newHash(),
			rootViewId: rootViewId ?? id,
			previousViewId,
			view,
		};
		this.views.set(id, stored);
		return stored;
	}
}

/** Checks the `view` argument: a modal object within Slack's size limit. */
function checkView(
	view: unknown,
): { value: Record<string, unknown> } | { ok: false; error: string } {
	if (typeof view !== "object" || view === null || Array.isArray(view)) {
		return { ok: false, error: "invalid_arguments" };
	}
	if (Buffer.byteLength(JSON.stringify(view), "utf8") > MAX_VIEW_BYTES) {
		return { ok: false, error: "view_too_large" };
	}
	return { value: view as Record<string, unknown> };
}

/** Renders a stored view as Slack returns it: the app's fields, the ids, the hash, empty state. */
function render(stored: StoredView): Record<string, unknown> {
	return {
		...stored.view,
		id: stored.id,
		hash: stored.hash,
		root_view_id: stored.rootViewId,
		previous_view_id: stored.previousViewId,
		private_metadata: stored.view.private_metadata ?? "",
		callback_id: stored.view.callback_id ?? "",
		state: { values: {} },
	};
}

/** Returns a view hash in Slack's `<seconds>.<random>` form. */
function newHash(): string {
	return `${Math.floor(Date.now() / 1000)}.${randomBytes(6).toString("hex")}`;
}
