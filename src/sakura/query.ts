import { REGISTRY_PROVIDER_CLASS } from "./wire";

/** Registries per find request. SAKURA's savac CLI uses the same page size. */
export const FIND_PAGE_SIZE = 100;

/**
 * Builds the query string of a registry find: one JSON document, percent-encoded, after the `?`.
 * The filter always restricts results to container registries. An array value in `Filter` is an
 * exact match against any of its elements; a plain string would be a partial word match.
 * Results are sorted by ID so that pages do not overlap.
 */
export function findQuery(
	from: number,
	filter: Record<string, string[]> = {},
): string {
	const query = {
		Count: FIND_PAGE_SIZE,
		From: from,
		Sort: ["ID"],
		Filter: { ...filter, "Provider.Class": [REGISTRY_PROVIDER_CLASS] },
	};
	return encodeURIComponent(JSON.stringify(query));
}
