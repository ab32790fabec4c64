import Holidays from "date-holidays";

/**
 * Bank holidays in England and Wales that fall on a weekday (substitute days and one-off bank
 * holidays included), sorted, for one year, as published in `date-holidays` for GB / England.
 *
 * The Lambda bundles do not carry the library (its rules, astronomy and time-zone data are a
 * third of the bundle): scripts/build.mjs runs this very module at build time for every year a
 * date of the API can have (BANK_HOLIDAY_YEARS, the LocalDate range) and bundles the table it
 * gives instead. tests/infra/bundle.test.ts checks the two agree on every day of the range.
 */
export const BANK_HOLIDAY_YEARS = { from: 1900, to: 2199 } as const;

let calendar: Holidays | undefined;

export function weekdayBankHolidays(year: number): readonly string[] {
  calendar ??= new Holidays("GB", "ENG", { types: ["public", "bank"] });
  return [...new Set(calendar.getHolidays(year).map((h) => h.date.slice(0, 10)))]
    .filter((d) => {
      const day = new Date(`${d}T00:00:00Z`).getUTCDay();
      return day !== 0 && day !== 6;
    })
    .sort();
}
