import Holidays from "date-holidays";

/**
 * Working days in England and Wales: Monday to Friday except bank holidays (including substitute
 * days and one-off bank holidays), as published in `date-holidays` for GB / England.
 * Dates are calendar dates, `YYYY-MM-DD`.
 */
let calendar: Holidays | undefined;
const bankHolidaysByYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = bankHolidaysByYear.get(year);
  if (!days) {
    calendar ??= new Holidays("GB", "ENG", { types: ["public", "bank"] });
    days = new Set(calendar.getHolidays(year).map((h) => h.date.slice(0, 10)));
    bankHolidaysByYear.set(year, days);
  }
  return days;
}

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the date is a working day in England and Wales. */
export function isWorkingDay(iso: string): boolean {
  const d = toDate(iso);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !bankHolidays(d.getUTCFullYear()).has(iso);
}

/**
 * The date `n` working days after `iso` (the start date itself does not count, whatever day it
 * is): "within 5 working days of learning of an incident" on a Thursday before Easter is due on
 * the Monday after Easter Monday.
 */
export function addWorkingDays(iso: string, n: number): string {
  const d = toDate(iso);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(toIso(d))) left--;
  }
  return toIso(d);
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string): number {
  if (to === from) return 0;
  const sign = to > from ? 1 : -1;
  const [start, end] = sign > 0 ? [from, to] : [to, from];
  const d = toDate(start);
  let count = 0;
  while (toIso(d) < end) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (isWorkingDay(toIso(d))) count++;
  }
  return sign * count;
}
