/**
 * Months of the board dashboard's period picker. Pure functions on "YYYY-MM" strings: the
 * page and its tests share them.
 */

/** The contract's limit ("at most 24 months from `from`"), read strictly: 24 months in all. */
export const MAX_PERIOD_MONTHS = 24;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isMonth = (s: string): boolean => MONTH.test(s);

const index = (month: string) => {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
};
const fromIndex = (i: number) =>
  `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;

/** The financial year (April to March) that `today` falls in: the board's reporting year. */
export function financialYear(today: Date): { from: string; to: string } {
  const y = today.getFullYear();
  const start = today.getMonth() >= 3 ? y : y - 1;
  return { from: `${start}-04`, to: `${start + 1}-03` };
}

/** Every month from `from` to `to` inclusive. */
export function monthsOf(from: string, to: string): string[] {
  const a = index(from);
  const b = index(to);
  return Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => fromIndex(a + i));
}

/** Why a period cannot be asked for, or null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!isMonth(from)) return "The first month must be a month (YYYY-MM).";
  if (!isMonth(to)) return "The last month must be a month (YYYY-MM).";
  const span = index(to) - index(from);
  if (span < 0) return "The last month must not be before the first.";
  if (span + 1 > MAX_PERIOD_MONTHS)
    return `The period can be at most ${MAX_PERIOD_MONTHS} months long.`;
  return null;
}

/** "2026-04" as "Apr 2026". */
export function monthLabel(month: string): string {
  const names = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
  ];
  const i = index(month);
  return `${names[i % 12]} ${Math.floor(i / 12)}`;
}
