import { weekdayBankHolidays } from "./bank-holidays";

/**
 * Working days in England and Wales: Monday to Friday except bank holidays (including substitute
 * days and one-off bank holidays), as published in `date-holidays` for GB / England.
 * Dates are calendar dates, `YYYY-MM-DD`.
 *
 * Counting is arithmetic (weeks of five days, then the bank holidays in the range from a sorted
 * list per year), so a difference across years costs the same as one across days.
 */
/** Bank holidays that fall on a weekday, sorted, per year. */
const holidaysByYear = new Map<number, readonly string[]>();

function weekdayHolidays(year: number): readonly string[] {
  let days = holidaysByYear.get(year);
  if (!days) {
    days = weekdayBankHolidays(year);
    holidaysByYear.set(year, days);
  }
  return days;
}

const DAY = 86_400_000;
const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (t: number) => new Date(t).toISOString().slice(0, 10);
/** 0 = Sunday ... 6 = Saturday. */
const weekday = (iso: string) => new Date(toTime(iso)).getUTCDay();
const isWeekend = (iso: string) => {
  const d = weekday(iso);
  return d === 0 || d === 6;
};

/** Whether the date is a working day in England and Wales. */
export function isWorkingDay(iso: string): boolean {
  if (isWeekend(iso)) return false;
  return !weekdayHolidays(Number(iso.slice(0, 4))).includes(iso);
}

/** Monday-to-Friday days in (from, to], for from <= to. */
function weekdaysAfter(from: string, to: string): number {
  const days = Math.round((toTime(to) - toTime(from)) / DAY);
  const start = weekday(from);
  let count = Math.floor(days / 7) * 5;
  for (let i = 1; i <= days % 7; i++) {
    const d = (start + i) % 7;
    if (d !== 0 && d !== 6) count++;
  }
  return count;
}

/** Index of the first element of a sorted list greater than `value`. */
function upperBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Weekday bank holidays in (from, to], for from <= to. */
function holidaysAfter(from: string, to: string): number {
  let count = 0;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const days = weekdayHolidays(year);
    count += upperBound(days, to) - upperBound(days, from);
  }
  return count;
}

/**
 * Answers already computed, by their arguments: the functions are pure, and a list of clocks asks
 * the same few (awareness date, number of days; today, due date) again on every request.
 * Bounded: a full memo starts again.
 */
const MEMO_MAX = 10_000;
function memo<T>(fn: (a: string, b: number | string) => T) {
  const known = new Map<string, T>();
  return (a: string, b: number | string): T => {
    const key = `${a}|${b}`;
    let value = known.get(key);
    if (value === undefined) {
      value = fn(a, b);
      if (known.size >= MEMO_MAX) known.clear();
      known.set(key, value);
    }
    return value;
  };
}

const between = memo((from, to) => countBetween(from, to as string));
const after = memo((iso, n) => countAfter(iso, n as number));

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string): number {
  return between(from, to);
}

function countBetween(from: string, to: string): number {
  if (to === from) return 0;
  const [start, end, sign] = to > from ? [from, to, 1] : [to, from, -1];
  return sign * (weekdaysAfter(start, end) - holidaysAfter(start, end));
}

/** The date `n` Monday-to-Friday days after `iso` (n >= 1). */
function addWeekdays(iso: string, n: number): string {
  let t = toTime(iso) + Math.floor((n - 1) / 5) * 7 * DAY;
  let left = ((n - 1) % 5) + 1;
  while (left > 0) {
    t += DAY;
    const d = new Date(t).getUTCDay();
    if (d !== 0 && d !== 6) left--;
  }
  return toIso(t);
}

/**
 * The date `n` working days after `iso` (the start date itself does not count, whatever day it
 * is): "within 5 working days of learning of an incident" on a Thursday before Easter is due on
 * the Monday after Easter Monday.
 */
export function addWorkingDays(iso: string, n: number): string {
  return after(iso, n);
}

function countAfter(iso: string, n: number): string {
  if (n <= 0) return iso;
  let date = iso;
  let counted = 0;
  // Each step moves to the day that would be the target if no bank holiday intervened; bank
  // holidays met on the way leave a shortfall, made up by the next step (at most a few steps).
  while (counted < n) {
    const next = addWeekdays(date, n - counted);
    counted += countBetween(date, next);
    date = next;
  }
  return date;
}
