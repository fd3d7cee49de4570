import { badRequest } from "./errors";
import type { RegistryRecord } from "./store";
import { PROVIDER_CLASS } from "./wire";

type Operator = "match" | "exact" | ">" | ">=" | "<" | "<=";

/** One parsed `Filter` entry. */
interface FilterClause {
	field: string;
	operator: Operator;
	value: unknown;
}

interface SortKey {
	field: string;
	descending: boolean;
}

/** A parsed find request: SAKURA's `Count`, `From`, `Sort` and `Filter`. */
export interface FindQuery {
	/** Page size, or 0 for every match. */
	count: number;
	/** 0-based offset into the matches. */
	from: number;
	sort: SortKey[];
	filter: FilterClause[];
}

export interface FindResult {
	total: number;
	from: number;
	items: RegistryRecord[];
}

/** Values of each field a filter may test, one per tag for `Tags.Name`. */
const FILTER_FIELDS: Record<string, (registry: RegistryRecord) => string[]> = {
	ID: (registry) => [registry.id],
	Name: (registry) => [registry.name],
	Description: (registry) => [registry.description],
	"Tags.Name": (registry) => registry.tags,
	"Provider.Class": () => [PROVIDER_CLASS],
	Availability: (registry) => [registry.availability],
};

/** Fields that take time comparisons (`CreatedAt>` and so on), with RFC 3339 values. */
const TIME_FIELDS: Record<string, (registry: RegistryRecord) => Date> = {
	CreatedAt: (registry) => registry.createdAt,
	ModifiedAt: (registry) => registry.modifiedAt,
};

/** Fields SAKURA stores as 64-bit integers: a scalar filter on them is an exact match. */
const BIGINT_FIELDS = new Set(["ID"]);

const SORT_FIELDS: Record<
	string,
	(registry: RegistryRecord) => string | number
> = {
	ID: (registry) => Number(registry.id),
	Name: (registry) => registry.name,
	Description: (registry) => registry.description,
	Availability: (registry) => registry.availability,
	CreatedAt: (registry) => registry.createdAt.getTime(),
	ModifiedAt: (registry) => registry.modifiedAt.getTime(),
};

const QUERY_KEYS = new Set([
	"Count",
	"From",
	"Sort",
	"Filter",
	"Include",
	"Exclude",
]);

/**
 * Parses the query string of a find request. SAKURA takes the whole query string as one JSON
 * document. The official Go client sends it unescaped, other clients percent-encode it, and the
 * server percent-decodes without turning `+` into a space. So the raw text is parsed first and, if
 * that fails, its percent-decoded form. After a raw parse, percent escapes in filter strings (the Go
 * client writes spaces as `%20`) are decoded.
 * @throws EmulatorHttpError 400 when the query is not a JSON object of the known keys and types.
 */
export function parseFindQuery(rawQuery: string): FindQuery {
	if (rawQuery === "") {
		return { count: 0, from: 0, sort: [], filter: [] };
	}

	const parsed = parseQueryJson(rawQuery);
	const document = parsed.value;
	if (
		document === null ||
		typeof document !== "object" ||
		Array.isArray(document)
	) {
		throw badRequest("find query must be a JSON object");
	}

	for (const key of Object.keys(document)) {
		if (!QUERY_KEYS.has(key)) {
			throw badRequest(`unknown find query key ${key}`);
		}
	}
	const fields = document as Record<string, unknown>;

	// NOTE: Include and Exclude are accepted but ignored, so every response carries all fields.
	return {
		count: nonNegativeInteger(fields.Count, "Count"),
		from: nonNegativeInteger(fields.From, "From"),
		sort: parseSort(fields.Sort),
		filter: parseFilter(fields.Filter, parsed.needsValueDecoding),
	};
}

/** Applies a parsed query: filter, then sort (ID order by default), then the page. */
export function runFind(
	registries: readonly RegistryRecord[],
	query: FindQuery,
): FindResult {
	const matches = registries.filter((registry) =>
		query.filter.every((clause) => matchesClause(registry, clause)),
	);

	const sortKeys = [...query.sort, { field: "ID", descending: false }];
	matches.sort((a, b) => {
		for (const key of sortKeys) {
			const order = compareValues(
				SORT_FIELDS[key.field](a),
				SORT_FIELDS[key.field](b),
			);
			if (order !== 0) {
				return key.descending ? -order : order;
			}
		}
		return 0;
	});

	const end = query.count === 0 ? undefined : query.from + query.count;
	return {
		total: matches.length,
		from: query.from,
		items: matches.slice(query.from, end),
	};
}

function parseQueryJson(rawQuery: string): {
	value: unknown;
	needsValueDecoding: boolean;
} {
	try {
		return { value: JSON.parse(rawQuery), needsValueDecoding: true };
	} catch {
		// Not JSON as sent: try the percent-decoded form below.
	}

	try {
		return {
			value: JSON.parse(decodeURIComponent(rawQuery)),
			needsValueDecoding: false,
		};
	} catch {
		throw badRequest("find query is not JSON, raw or percent-decoded");
	}
}

function nonNegativeInteger(value: unknown, key: string): number {
	if (value === undefined) {
		return 0;
	}
	if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
		throw badRequest(`${key} must be a non-negative integer`);
	}
	return value;
}

function parseSort(value: unknown): SortKey[] {
	if (value === undefined || value === null) {
		return [];
	}
	if (!Array.isArray(value)) {
		throw badRequest("Sort must be an array of field names");
	}

	return value.map((entry) => {
		if (typeof entry !== "string") {
			throw badRequest("Sort must be an array of field names");
		}
		const descending = entry.startsWith("-");
		const field = descending ? entry.slice(1) : entry;
		if (!(field in SORT_FIELDS)) {
			throw badRequest(`cannot sort by ${field}`);
		}
		return { field, descending };
	});
}

function parseFilter(
	value: unknown,
	needsValueDecoding: boolean,
): FilterClause[] {
	if (value === undefined || value === null) {
		return [];
	}
	if (typeof value !== "object" || Array.isArray(value)) {
		throw badRequest("Filter must be a JSON object");
	}

	return Object.entries(value).map(([key, rawValue]) => {
		const { field, operator } = splitOperator(key);
		const isTimeField = field in TIME_FIELDS;
		if (!(field in FILTER_FIELDS) && !isTimeField) {
			throw badRequest(`cannot filter by ${field}`);
		}
		if (isTimeField !== (operator !== "match" && operator !== "exact")) {
			throw badRequest(
				`filter ${key} needs a comparison on a time field or a match on another field`,
			);
		}

		const filterValue = needsValueDecoding ? decodeStrings(rawValue) : rawValue;
		if (isTimeField) {
			return { field, operator, value: parseTime(filterValue, key) };
		}
		checkFilterValue(filterValue, key);
		return { field, operator, value: filterValue };
	});
}

/** Splits `Name=` or `CreatedAt>=` into field and operator. A bare field is a partial match. */
function splitOperator(key: string): { field: string; operator: Operator } {
	for (const operator of [">=", "<=", ">", "<", "="] as const) {
		if (key.endsWith(operator)) {
			return {
				field: key.slice(0, -operator.length),
				operator: operator === "=" ? "exact" : operator,
			};
		}
	}
	return { field: key, operator: "match" };
}

function parseTime(value: unknown, key: string): number {
	const time = typeof value === "string" ? Date.parse(value) : Number.NaN;
	if (Number.isNaN(time)) {
		throw badRequest(`filter ${key} needs an RFC 3339 time`);
	}
	return time;
}

function decodeStrings(value: unknown): unknown {
	if (typeof value === "string") {
		try {
			return decodeURIComponent(value);
		} catch {
			return value;
		}
	}
	if (Array.isArray(value)) {
		return value.map(decodeStrings);
	}
	return value;
}

function checkFilterValue(value: unknown, key: string): void {
	if (isScalar(value)) {
		return;
	}
	const valid =
		Array.isArray(value) &&
		value.every(
			(element) =>
				isScalar(element) ||
				(Array.isArray(element) && element.every(isScalar)),
		);
	if (!valid) {
		throw badRequest(
			`filter ${key} must be a string, a number or an array of them`,
		);
	}
}

function isScalar(value: unknown): value is string | number | boolean {
	return (
		typeof value === "string" ||
		typeof value === "number" ||
		typeof value === "boolean"
	);
}

function matchesClause(
	registry: RegistryRecord,
	clause: FilterClause,
): boolean {
	const timeOf = TIME_FIELDS[clause.field];
	if (timeOf !== undefined) {
		return compareTime(timeOf(registry), clause);
	}

	const values = FILTER_FIELDS[clause.field](registry);
	const { value } = clause;

	if (Array.isArray(value)) {
		// Any element may match (OR), but an inner array needs every one of its values (AND).
		return value.some((element) =>
			Array.isArray(element)
				? element.every((inner) => values.includes(String(inner)))
				: values.includes(String(element)),
		);
	}

	const text = String(value);
	if (clause.operator === "exact" || BIGINT_FIELDS.has(clause.field)) {
		return values.includes(text);
	}
	return values.some((candidate) => containsEveryWord(candidate, text));
}

/**
 * SAKURA's partial match: every space-separated word must occur in the value.
 * NOTE: whether SAKURA's partial match ignores case is unconfirmed. This one ignores case.
 */
function containsEveryWord(candidate: string, text: string): boolean {
	const haystack = candidate.toLowerCase();
	const words = text
		.toLowerCase()
		.split(/\s+/)
		.filter((word) => word !== "");
	return words.every((word) => haystack.includes(word));
}

function compareTime(actual: Date, clause: FilterClause): boolean {
	const limit = clause.value as number;
	const time = actual.getTime();
	switch (clause.operator) {
		case ">":
			return time > limit;
		case ">=":
			return time >= limit;
		case "<":
			return time < limit;
		default:
			return time <= limit;
	}
}

function compareValues(a: string | number, b: string | number): number {
	if (a < b) {
		return -1;
	}
	if (a > b) {
		return 1;
	}
	return 0;
}
