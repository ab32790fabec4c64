import { ValidationError } from "./errors";

/**
 * Calendar dates (`YYYY-MM-DD`) as the framework counts them: English dates, compared as text.
 */

/** A range of dates, both ends inclusive; either end may be open. */
export interface DateRange {
  readonly from?: string | null;
  readonly to?: string | null;
}

/** Refuses a range that ends before it starts. */
export function checkDateRange(range: DateRange, field: string): DateRange {
  if (range.from && range.to && range.from > range.to)
    throw new ValidationError(field, "The range ends before it starts");
  return range;
}

/** Whether the range has an end set. */
export const isBounded = (range: DateRange | undefined) => Boolean(range?.from || range?.to);

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const LONDON = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's calendar date in England for an instant (deadlines and dates are English dates). */
export function englishDate(now: Date): string {
  return LONDON.format(now);
}
