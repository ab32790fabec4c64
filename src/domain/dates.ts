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

const HOUR = 3_600_000;

/** 01:00 UTC on the last Sunday of a month (0-based) of a year. */
function lastSundayOneAm(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0, 1));
  return last.getTime() - last.getUTCDay() * 24 * HOUR;
}

/**
 * Today's calendar date in England for an instant (deadlines and dates are English dates).
 * British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (the rule in force since 1996, and the one node's time zone data gives for
 * every later year: a test compares the two hour by hour). Computed, not asked of Intl: a
 * formatter for Europe/London loads ICU's time zone data, about 10 ms of every cold start.
 */
export function englishDate(now: Date): string {
  const t = now.getTime();
  const year = now.getUTCFullYear();
  const summer = t >= lastSundayOneAm(year, 2) && t < lastSundayOneAm(year, 9);
  return new Date(summer ? t + HOUR : t).toISOString().slice(0, 10);
}

/**
 * The dates the API accepts at all (every date argument and field, `LocalDate`): anything
 * outside is a typing mistake or an attack, never a real date of this framework.
 */
export const FIRST_DATE = "1900-01-01";
export const LAST_DATE = "2199-12-31";

/** The earliest date of something that happened and is recorded here (incidents, decisions). */
export const EARLIEST_EVENT_DATE = "2000-01-01";
/** How far ahead a plan may look (target, due and revisit dates), in years. */
export const PLANNING_YEARS = 10;
/** How far back a child's date of birth may be, in years (care leavers are supported to 25). */
export const MAX_AGE_YEARS = 25;

const addYears = (iso: string, years: number) =>
  `${String(Number(iso.slice(0, 4)) + years).padStart(4, "0")}${iso.slice(4)}`.replace(
    /-02-29$/,
    "-02-28",
  );

/** A date of something that happened: from 2000-01-01 to today. */
export function checkPastDate(date: string, today: string, field: string): string {
  if (date > today) throw new ValidationError(field, "The date is in the future");
  if (date < EARLIEST_EVENT_DATE)
    throw new ValidationError(field, `The date is before ${EARLIEST_EVENT_DATE}`);
  return date;
}

/** A date planned for: from 2000-01-01 to ten years from today. */
export function checkPlanDate(date: string, today: string, field: string): string {
  const latest = addYears(today, PLANNING_YEARS);
  if (date > latest)
    throw new ValidationError(field, `The date is more than ${PLANNING_YEARS} years ahead`);
  if (date < EARLIEST_EVENT_DATE)
    throw new ValidationError(field, `The date is before ${EARLIEST_EVENT_DATE}`);
  return date;
}

/** A child's date of birth: not in the future, and at most 25 years ago. */
export function checkDateOfBirth(date: string, today: string, field: string): string {
  if (date > today) throw new ValidationError(field, "Date of birth is in the future");
  if (date < addYears(today, -MAX_AGE_YEARS))
    throw new ValidationError(field, `Date of birth is more than ${MAX_AGE_YEARS} years ago`);
  return date;
}
