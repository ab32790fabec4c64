import { checkDateRange, type DateRange, isBounded } from "../../domain/dates";
import { ValidationError } from "../../domain/errors";
import { type Rag, ragRange } from "../../domain/rag";

/** The due (or target) dates of open items with this RAG, as of today. BLUE items are done. */
export function ragDueRange(r: Rag, today: string): DateRange {
  if (r === "BLUE")
    throw new ValidationError("filter.rag", "BLUE items are done: filter by status instead");
  return ragRange(r, today);
}

/** A range given by two filter fields, checked; undefined when neither is set. */
export function filterRange(
  from: string | null | undefined,
  to: string | null | undefined,
): DateRange | undefined {
  const range = checkDateRange({ from, to }, "filter");
  return isBounded(range) ? range : undefined;
}
