import type { ViewStateValue } from "@slack/bolt";
import { FIELD_ACTION, type FieldBlock } from "../../blocks/modals";

/** `view.state.values` of a submission: input values by block id, then by action id. */
export type ViewStateValues = Record<
	string,
	Record<string, ViewStateValue> | undefined
>;

/**
 * Reads a text input, trimmed, or undefined when it is empty or absent. Trimming matches the
 * command line, where words carry no surrounding whitespace. Any other type counts as absent,
 * because a crafted submission may put anything in the state.
 */
export function textValue(
	values: ViewStateValues,
	block: FieldBlock,
	action: string = FIELD_ACTION,
): string | undefined {
	const value = values[block]?.[action]?.value;
	if (typeof value !== "string") {
		return undefined;
	}
	const trimmed = value.trim();
	return trimmed === "" ? undefined : trimmed;
}

/** Reads the value of the option chosen in a radio group or select, or undefined when none is. */
export function selectedValue(
	values: ViewStateValues,
	block: FieldBlock,
	action: string = FIELD_ACTION,
): string | undefined {
	const value = values[block]?.[action]?.selected_option?.value;
	return typeof value === "string" ? value : undefined;
}
