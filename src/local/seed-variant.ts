import { addDays, englishDate } from "../domain/dates";

const DAY_MS = 86_400_000;

/**
 * Where one run of a part of the seed puts its records: the demo's own (ids named as they always
 * were, dated from today), or a copy the scale seed adds (ids in the copy's namespace, dated as if
 * today were `daysBack` days ago), so that a copy obeys every rule the demo obeys.
 */
export interface SeedVariant {
  /** Prefix of every id name of the part ("" for the demo, so its ids never move). */
  readonly namespace: string;
  /** How many days before the real today the part's "today" is. */
  readonly daysBack: number;
}

export const DEMO_VARIANT: SeedVariant = { namespace: "", daysBack: 0 };

/** The clock a part of the seed runs by: its "now", and dates counted from its "today". */
export interface SeedClock {
  readonly now: () => Date;
  /** The English date `n` days before the part's today (after it, for negative `n`). */
  readonly daysAgo: (n: number) => string;
  readonly daysAhead: (n: number) => string;
  /** A fixed date of the demo (YYYY-MM-DD), moved back as the part's today is. */
  readonly shift: (date: string) => string;
}

export function seedClock(variant: SeedVariant): SeedClock {
  const back = variant.daysBack * DAY_MS;
  const daysAgo = (n: number) => englishDate(new Date(Date.now() - back - n * DAY_MS));
  return {
    now: () => new Date(Date.now() - back),
    daysAgo,
    daysAhead: (n) => daysAgo(-n),
    shift: (date) => (variant.daysBack ? addDays(date, -variant.daysBack) : date),
  };
}
