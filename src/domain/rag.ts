import { addDays } from "./dates";
import { UnreachableCaseError } from "./errors";

/** RAG ratings, derived and never stored. */
export const RAG_RATINGS = ["RED", "AMBER", "GREEN", "BLUE"] as const;
export type Rag = (typeof RAG_RATINGS)[number];

/** An open item is AMBER from this many days before it is due. */
export const AMBER_WINDOW_DAYS = 14;

/**
 * The RAG rating: BLUE once done; for open work RED after the due date, AMBER from 14 days before
 * it (the due date itself included), GREEN before that.
 */
export function rag(done: boolean, dueOn: string, today: string): Rag {
  if (done) return "BLUE";
  if (today > dueOn) return "RED";
  if (today >= addDays(dueOn, -AMBER_WINDOW_DAYS)) return "AMBER";
  return "GREEN";
}

/** The due-date range (inclusive) of open items with a given RAG, as of today. */
export function ragRange(r: Exclude<Rag, "BLUE">, today: string): { from?: string; to?: string } {
  switch (r) {
    case "RED":
      return { to: addDays(today, -1) };
    case "AMBER":
      return { from: today, to: addDays(today, AMBER_WINDOW_DAYS) };
    case "GREEN":
      return { from: addDays(today, AMBER_WINDOW_DAYS + 1) };
    default:
      throw new UnreachableCaseError(r);
  }
}
