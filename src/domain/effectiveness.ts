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
  /** Implemented by their target date. */
  readonly onTime: number;
  /** Implemented after their target date, or not implemented with the target date passed. */
  readonly late: number;
  /** Not implemented, with the target date today or later: neither on time nor late yet. */
  readonly notYetDue: number;
  /** Share (0–1) on time among those that are on time or late (not yet due left out). */
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

/** Whether a recommendation was implemented on time, late, or is not yet due, as of today. */
export function timeliness(
  r: Pick<Recommendation, "implementedOn" | "targetDate">,
  today: string,
): "ON_TIME" | "LATE" | "NOT_YET_DUE" {
  if (r.implementedOn) return r.implementedOn <= r.targetDate ? "ON_TIME" : "LATE";
  return today > r.targetDate ? "LATE" : "NOT_YET_DUE";
}

/**
 * §37: over the recommendations made in a period (rejected ones left out), per kind of learning
 * activity. A recommendation not yet implemented counts as late only once its target date has
 * passed, so the current year is not made to look worse than it is.
 */
export function effectiveness(recs: readonly Recommendation[], today: string): EffectivenessRow[] {
  return SOURCE_KINDS.map((kind) => {
    const of = recs.filter((r) => r.source.kind === kind && r.status !== "REJECTED");
    const implemented = of.filter((r) => r.implementedOn !== null);
    const share = (n: number) => (of.length ? n / of.length : null);
    const count = (t: ReturnType<typeof timeliness>) =>
      of.filter((r) => timeliness(r, today) === t).length;
    const [onTime, late, notYetDue] = [count("ON_TIME"), count("LATE"), count("NOT_YET_DUE")];
    return {
      sourceKind: kind,
      recommendations: of.length,
      onTime,
      late,
      notYetDue,
      implementedOnTimeShare: onTime + late ? onTime / (onTime + late) : null,
      evidencedImpactShare: share(of.filter((r) => r.evidenceCount > 0).length),
      medianDaysToImplementation: median(
        implemented.map((r) => daysBetween(r.madeOn, r.implementedOn as string)),
      ),
    };
  });
}
