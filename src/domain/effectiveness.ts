import { daysBetween } from "./dates";
import { ValidationError } from "./errors";
import { type Recommendation, SOURCE_KINDS, type SourceKind } from "./recommendations";

/**
 * §37: "which forms of learning prove to be the most effective".
 */

/** The longest period one request may cover: a year, leap day included. */
export const MAX_EFFECTIVENESS_DAYS = 366;

export interface EffectivenessRow {
  readonly sourceKind: SourceKind;
  readonly recommendations: number;
  /** Share (0–1) of the period's recommendations implemented by their target date. */
  readonly implementedOnTimeShare: number | null;
  /** Share (0–1) with evidence of impact recorded. */
  readonly evidencedImpactShare: number | null;
  /** Median days from being made to being implemented, over those implemented. */
  readonly medianDaysToImplementation: number | null;
}

/** A period of at most MAX_EFFECTIVENESS_DAYS, so that the figures cost a bounded read. */
export function checkEffectivenessPeriod(from: string, to: string): void {
  if (from > to) throw new ValidationError("to", "The period ends before it starts");
  if (daysBetween(from, to) + 1 > MAX_EFFECTIVENESS_DAYS)
    throw new ValidationError(
      "to",
      `A period covers at most ${MAX_EFFECTIVENESS_DAYS} days; ask for one year at a time`,
    );
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * §37: over the recommendations made in a period (rejected ones left out), per kind of learning
 * activity.
 */
export function effectiveness(recs: readonly Recommendation[]): EffectivenessRow[] {
  return SOURCE_KINDS.map((kind) => {
    const of = recs.filter((r) => r.source.kind === kind && r.status !== "REJECTED");
    const implemented = of.filter((r) => r.implementedOn !== null);
    const share = (n: number) => (of.length ? n / of.length : null);
    return {
      sourceKind: kind,
      recommendations: of.length,
      implementedOnTimeShare: share(
        implemented.filter((r) => (r.implementedOn as string) <= r.targetDate).length,
      ),
      evidencedImpactShare: share(of.filter((r) => r.evidenceCount > 0).length),
      medianDaysToImplementation: median(
        implemented.map((r) => daysBetween(r.madeOn, r.implementedOn as string)),
      ),
    };
  });
}
