import { ACTION_STATUSES, type Action, type ActionStatus, isOpenAction } from "./actions";
import { type AuditExercise, type AuditGroupMeeting, addMonths } from "./audits";
import type { Contribution as ReviewContribution } from "./contributions";
import { OPEN_CONTRIBUTION_STATUSES } from "./contributions";
import { addDays, daysBetween, englishDate } from "./dates";
import type { ChallengeSession, DigestLocal } from "./digests";
import { ValidationError } from "./errors";
import type { NearMissReport } from "./near-misses";
import { REPORT_KINDS, type ReportKind } from "./near-misses";
import {
  CATEGORIES,
  type Category,
  CLOCK_NAMES,
  type ClockName,
  clocks,
  type IncidentNotification,
} from "./notifications";
import { type Rag, rag } from "./rag";
import {
  OPEN_STATUSES,
  RECOMMENDATION_STATUSES,
  type Recommendation,
  type RecommendationStatus,
  SOURCE_KINDS,
  type SourceKind,
} from "./recommendations";
import { REVIEW_OUTCOMES, type ReviewDecision, type ReviewOutcome } from "./review-decisions";
import type { ReviewKind } from "./review-kinds";
import type { Review, ReviewStatus } from "./reviews";
import { addWorkingDays, workingDaysBetween } from "./working-days";

/**
 * §37, §12, §35: the board dashboard. Its figures are sums of counters kept per partnership, per
 * scope (the whole partnership, or one agency) and per calendar month, so that reading a period
 * costs the same whatever the number of records. Each source record contributes a fixed set of
 * counters (`contributionOf`); the aggregator adds a record's new contribution and takes away its
 * previous one, and `buildDashboard` turns a period's counters into the figures.
 *
 * Counters that depend on today (RAG, lateness, clocks not yet met) carry the due date, so that
 * the figures are exact on the day they are read. No counter carries personal data: only
 * categories, statuses, kinds, agency ids and dates.
 */

/** The scope of the whole partnership; any other scope is an agency id. */
export const ALL_SCOPE = "ALL";
/** The owner of work no agency owns (as the overdue summaries call it). */
export const BOARD_OWNER = "BOARD";
/** The longest period one dashboard covers. */
export const MAX_DASHBOARD_MONTHS = 24;

export type Counters = Readonly<Record<string, number>>;
/** A record's counters per bucket, keyed by `bucketKey(scope, month)`. */
export type Contribution = Readonly<Record<string, Counters>>;

export const bucketKey = (scope: string, month: string) => `${scope}#${month}`;
export function parseBucketKey(key: string): { scope: string; month: string } {
  const i = key.lastIndexOf("#");
  return { scope: key.slice(0, i), month: key.slice(i + 1) };
}

/** What contributes to the dashboard: the records it counts, as the aggregator reads them. */
export type DashboardSource =
  | { readonly kind: "NOTIFICATION"; readonly record: IncidentNotification }
  | {
      readonly kind: "DECISION";
      readonly record: ReviewDecision;
      /** The decision's notification (its dates and agencies); null when it cannot be read. */
      readonly notification: IncidentNotification | null;
    }
  | { readonly kind: "REVIEW"; readonly record: Review }
  | { readonly kind: "CONTRIBUTION"; readonly record: ReviewContribution }
  | { readonly kind: "RECOMMENDATION"; readonly record: Recommendation }
  | { readonly kind: "ACTION"; readonly record: Action }
  | { readonly kind: "AUDIT_MEETING"; readonly record: AuditGroupMeeting }
  | { readonly kind: "AUDIT_EXERCISE"; readonly record: AuditExercise }
  | { readonly kind: "REPORT"; readonly record: NearMissReport }
  /** §16: a national review's standing relevance decision (the last stands). */
  | { readonly kind: "DIGEST_LOCAL"; readonly record: DigestLocal }
  | { readonly kind: "CHALLENGE"; readonly record: ChallengeSession };

const month = (date: string) => date.slice(0, 7);
/** The English calendar day of an instant (months and days are English ones, as deadlines are). */
const dayOf = (instant: string) => englishDate(new Date(instant));

/**
 * An open item's due date as a counter keeps it: the date itself, or `past` when it was already
 * past on the day the record was written (`writtenAt`, its `updatedAt`). A date past then is past
 * on every later day the dashboard is read, so nothing is lost; and no caller can make a bucket
 * grow by sending old dates: only due dates on or after the day of the write are kept apart.
 */
export const PAST = "past";
const dueKey = (due: string, writtenAt: string) => (due < dayOf(writtenAt) ? PAST : due);

class Builder {
  private readonly out: Record<string, Record<string, number>> = {};
  add(scopes: Iterable<string>, m: string, counters: Record<string, number>): this {
    for (const scope of new Set(scopes)) {
      const key = bucketKey(scope, m);
      const b = this.out[key] ?? {};
      this.out[key] = b;
      for (const [name, n] of Object.entries(counters)) if (n) b[name] = (b[name] ?? 0) + n;
    }
    return this;
  }
  done(): Contribution {
    return this.out;
  }
}

const scopes = (...agencyIds: readonly (string | null | undefined)[]) => [
  ALL_SCOPE,
  ...agencyIds.filter((a): a is string => !!a),
];

/** The counters one record contributes (empty when it counts for nothing, e.g. a draft). */
export function contributionOf(s: DashboardSource): Contribution {
  const b = new Builder();
  switch (s.kind) {
    case "NOTIFICATION": {
      const n = s.record;
      if (n.status === "DRAFT" || !n.submittedAt || !n.category) return b.done();
      const counters: Record<string, number> = { [`n|${n.category}`]: 1 };
      const submitted = dayOf(n.submittedAt);
      // Clocks: met on time or late are settled; an open clock carries its due date.
      for (const c of clocks(n, submitted)) {
        const state = c.metOn
          ? c.metOn <= c.dueOn
            ? "ON_TIME"
            : "LATE"
          : `due|${dueKey(c.dueOn, n.updatedAt)}`;
        counters[`clk|${c.name}|${state}`] = 1;
      }
      return b
        .add(scopes(n.notifyingAgencyId, ...n.involvedAgencyIds), month(submitted), counters)
        .done();
    }
    case "DECISION": {
      const d = s.record.decision;
      const n = s.notification;
      if (!d || !n?.submittedAt) return b.done();
      const on = dayOf(d.recordedAt);
      const counters: Record<string, number> = {
        [`d|${d.outcome}`]: 1,
        [`dwd|${Math.max(0, workingDaysBetween(dayOf(n.submittedAt), on))}`]: 1,
      };
      const rapid = rapidReviewDue(n);
      if (rapid && on <= rapid) counters["drr|in"] = 1;
      return b.add(scopes(n.notifyingAgencyId, ...n.involvedAgencyIds), month(on), counters).done();
    }
    case "REVIEW": {
      const r = s.record;
      return b
        .add(scopes(...r.participatingAgencyIds), month(r.commissionedOn), {
          [`r|${r.kind}|${r.status}`]: 1,
        })
        .done();
    }
    case "CONTRIBUTION": {
      const c = s.record;
      const open = OPEN_CONTRIBUTION_STATUSES.includes(c.status);
      return b
        .add(scopes(c.agencyId), month(c.requestedOn), {
          [`c|${c.agencyId}|req`]: 1,
          ...(open ? { [`c|${c.agencyId}|open|${dueKey(c.dueDate, c.updatedAt)}`]: 1 } : {}),
        })
        .done();
    }
    case "RECOMMENDATION": {
      const r = s.record;
      const owner = r.owningAgencyId ?? BOARD_OWNER;
      const open = OPEN_STATUSES.includes(r.status);
      const counters: Record<string, number> = {
        [`rec|${owner}|${r.status}|${open ? dueKey(r.targetDate, r.updatedAt) : "-"}`]: 1,
      };
      // §37: effectiveness by kind of learning, rejected recommendations left out.
      if (r.status !== "REJECTED") {
        const k = r.source.kind;
        counters[`eff|${k}|n`] = 1;
        if (r.implementedOn) {
          counters[`eff|${k}|${r.implementedOn <= r.targetDate ? "ON_TIME" : "LATE"}`] = 1;
          counters[`eff|${k}|days|${daysBetween(r.madeOn, r.implementedOn)}`] = 1;
        } else counters[`eff|${k}|open|${dueKey(r.targetDate, r.updatedAt)}`] = 1;
        if (r.evidenceCount > 0) counters[`eff|${k}|evid`] = 1;
      }
      return b.add(scopes(r.owningAgencyId), month(r.madeOn), counters).done();
    }
    case "ACTION": {
      const a = s.record;
      const owner = a.owningAgencyId ?? BOARD_OWNER;
      const due = isOpenAction(a) ? dueKey(a.dueDate, a.updatedAt) : "-";
      return b
        .add(scopes(a.owningAgencyId), month(dayOf(a.createdAt)), {
          [`act|${owner}|${a.status}|${due}`]: 1,
        })
        .done();
    }
    case "AUDIT_MEETING":
      return b.add([ALL_SCOPE], month(s.record.heldOn), { [`am|${s.record.heldOn}`]: 1 }).done();
    case "AUDIT_EXERCISE": {
      const x = s.record;
      return b
        .add([ALL_SCOPE], month(x.startedOn), {
          "ax|n": 1,
          ...(x.substantial ? { "ax|sub": 1 } : {}),
        })
        .done();
    }
    case "REPORT": {
      const r = s.record;
      return b
        .add(scopes(r.agencyId), month(r.reportedOn), { [`nm|${r.agencyId}|${r.kind}`]: 1 })
        .done();
    }
    case "DIGEST_LOCAL": {
      // §16: each national review once, by its standing decision, in the month it was made.
      const l = s.record;
      if (l.relevant === null || !l.relevanceDecidedOn) return b.done();
      return b
        .add([ALL_SCOPE], month(l.relevanceDecidedOn), {
          "nr|n": 1,
          ...(l.relevant ? { "nr|rel": 1 } : {}),
        })
        .done();
    }
    case "CHALLENGE": {
      const c = s.record;
      return b.add([ALL_SCOPE], month(c.heldOn), { "cs|n": 1, "cs|gaps": c.gapCount }).done();
    }
  }
}

function rapidReviewDue(n: IncidentNotification): string | null {
  if (!n.awareDate) return null;
  return addWorkingDays(n.awareDate, 15);
}

/** `after - before`, per bucket and counter, without the zeros: what the aggregator adds. */
export function contributionDelta(before: Contribution, after: Contribution): Contribution {
  const out: Record<string, Record<string, number>> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[key] ?? {};
    const a = after[key] ?? {};
    const d: Record<string, number> = {};
    for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
      const n = (a[name] ?? 0) - (b[name] ?? 0);
      if (n) d[name] = n;
    }
    if (Object.keys(d).length) out[key] = d;
  }
  return out;
}

/** The sum of many contributions (what a recount from the source records gives). */
export function sumContributions(
  all: Iterable<Contribution>,
): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of all)
    for (const [key, counters] of Object.entries(c)) {
      const b = out[key] ?? {};
      out[key] = b;
      for (const [name, n] of Object.entries(counters)) b[name] = (b[name] ?? 0) + n;
    }
  return out;
}

/** Counters without their zeros (a counter brought back to 0 is the same as one never added). */
export function nonZero(c: Counters | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(c ?? {})) if (v) out[k] = v;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Periods.

export interface DashboardPeriod {
  readonly from: string;
  readonly to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The months of a period (YYYY-MM, both ends included), checked. */
export function periodMonths(p: DashboardPeriod): string[] {
  if (!MONTH.test(p.from)) throw new ValidationError("period.from", "Give a month as YYYY-MM");
  if (!MONTH.test(p.to)) throw new ValidationError("period.to", "Give a month as YYYY-MM");
  if (p.from < "2000-01" || p.to > "2100-12")
    throw new ValidationError("period", "Give months between 2000-01 and 2100-12");
  if (p.to < p.from) throw new ValidationError("period.to", "The period ends before it starts");
  const months: string[] = [];
  for (let m = p.from; m <= p.to; m = addMonths(`${m}-01`, 1).slice(0, 7)) {
    months.push(m);
    if (months.length > MAX_DASHBOARD_MONTHS)
      throw new ValidationError(
        "period.to",
        `A dashboard covers at most ${MAX_DASHBOARD_MONTHS} months`,
      );
  }
  return months;
}

// ---------------------------------------------------------------------------------------------
// Figures.

export interface OverdueCounts {
  readonly asOf: string | null;
  readonly actions: number;
  readonly contributions: number;
  readonly milestones: number;
  readonly reviewsPastTarget: number;
  readonly revisitsDue: number;
  readonly reconsidersDue: number;
}

export interface DashboardFigures {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly months: readonly string[];
  readonly agencyId: string | null;
  readonly asOf: string;
  /**
   * Changes of records in the period the counters could not take (a month's counters at
   * DynamoDB's item size limit): 0 when every figure is exact.
   */
  readonly uncountedRecords: number;
  readonly notifications: {
    readonly total: number;
    readonly byCategory: readonly { category: Category; count: number }[];
    readonly byMonth: readonly { month: string; category: Category; count: number }[];
  };
  readonly decisions: {
    readonly total: number;
    readonly byOutcome: readonly { outcome: ReviewOutcome; count: number }[];
    readonly medianWorkingDaysToDecision: number | null;
    readonly withinRapidReviewClock: number;
    readonly shareWithinRapidReviewClock: number | null;
    readonly clocks: readonly ClockFigure[];
  };
  readonly reviews: {
    readonly total: number;
    readonly byKindAndStatus: readonly { kind: ReviewKind; status: ReviewStatus; count: number }[];
    readonly overdueMilestones: number;
    readonly pastTargetDate: number;
  };
  readonly contributions: readonly {
    agencyId: string;
    requested: number;
    outstanding: number;
    late: number;
  }[];
  readonly recommendations: WorkFigures<RecommendationStatus>;
  readonly actions: WorkFigures<ActionStatus>;
  readonly overdue: OverdueCounts;
  readonly audit: {
    readonly meetings: number;
    readonly meetingDates: readonly string[];
    readonly longestGapDays: number | null;
    readonly gapsOverThreeMonths: number;
    readonly exercises: number;
    readonly exercisesExpected: number;
  };
  readonly reports: readonly { agencyId: string; kind: ReportKind; count: number }[];
  readonly nationalReviews: {
    readonly considered: number;
    readonly relevant: number;
    readonly challengeSessions: number;
    readonly gapsFound: number;
  };
  readonly effectiveness: readonly EffectivenessFigure[];
}

export interface ClockFigure {
  readonly clock: ClockName;
  readonly metOnTime: number;
  readonly metLate: number;
  readonly overdue: number;
  readonly notYetDue: number;
  readonly shareOnTime: number | null;
}

export interface WorkFigures<S extends string> {
  readonly total: number;
  readonly byStatus: readonly { status: S; count: number }[];
  /** Per owner (an agency id, or null for the board), status and RAG; non-zero rows only. */
  readonly byAgency: readonly { agencyId: string | null; status: S; rag: Rag; count: number }[];
}

export interface EffectivenessFigure {
  readonly sourceKind: SourceKind;
  readonly recommendations: number;
  readonly onTime: number;
  readonly late: number;
  readonly notYetDue: number;
  readonly implementedOnTimeShare: number | null;
  readonly evidencedImpactShare: number | null;
  readonly medianDaysToImplementation: number | null;
}

export interface DashboardInput {
  readonly period: DashboardPeriod;
  /** null: the whole partnership. */
  readonly agencyId: string | null;
  readonly today: string;
  /** Counters of the scope's months (`month -> counters`). */
  readonly scoped: ReadonlyMap<string, Counters>;
  /** Counters of the whole partnership's months: the partnership-wide figures (audit, §16). */
  readonly whole: ReadonlyMap<string, Counters>;
  readonly overdue: OverdueCounts;
}

/** A multiset of integers (`value -> count`): its median, or null when empty. */
export function histogramMedian(h: ReadonlyMap<number, number>): number | null {
  const values = [...h.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = values.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const at = (i: number) => {
    let seen = 0;
    for (const [v, n] of values) {
      seen += n;
      if (i < seen) return v;
    }
    return values[values.length - 1]?.[0] as number;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

const share = (part: number, whole: number) => (whole ? part / whole : null);

function tally<K extends string>(keys: readonly K[]): Map<K, number> {
  return new Map(keys.map((k) => [k, 0]));
}

/** The period's figures from its counters. Pure: the same counters and day give the same figures. */
export function buildDashboard(input: DashboardInput): DashboardFigures {
  const months = periodMonths(input.period);
  const { today } = input;
  const byCategory = tally(CATEGORIES);
  const byMonth = new Map<string, number>();
  const outcomes = tally(REVIEW_OUTCOMES);
  const wd = new Map<number, number>();
  let withinRapid = 0;
  let uncounted = 0;
  const clockTallies = new Map(
    CLOCK_NAMES.map((c) => [c, { metOnTime: 0, metLate: 0, overdue: 0, notYetDue: 0 }]),
  );
  const reviews = new Map<string, number>();
  const contributions = new Map<string, { requested: number; outstanding: number; late: number }>();
  const recStatus = tally(RECOMMENDATION_STATUSES);
  const recRows = new Map<string, number>();
  const actStatus = tally(ACTION_STATUSES);
  const actRows = new Map<string, number>();
  const reports = new Map<string, number>();
  const eff = new Map<
    SourceKind,
    {
      n: number;
      onTime: number;
      late: number;
      notYetDue: number;
      evid: number;
      days: Map<number, number>;
    }
  >(
    SOURCE_KINDS.map((k) => [
      k,
      { n: 0, onTime: 0, late: 0, notYetDue: 0, evid: 0, days: new Map() },
    ]),
  );
  const bump = <K>(m: Map<K, number>, k: K, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  // A due date kept as `past` was past when written, so it is past today (RED, late, overdue).
  const isLate = (due: string) => due === PAST || today > due;
  const ragOf = (due: string) =>
    due === "-" ? "BLUE" : due === PAST ? "RED" : rag(false, due, today);

  for (const m of months) {
    for (const [name, n] of Object.entries(input.scoped.get(m) ?? {})) {
      if (!n) continue;
      const p = name.split("|");
      switch (p[0]) {
        case "uncounted":
          uncounted += n;
          break;
        case "n":
          bump(byCategory, p[1] as Category, n);
          bump(byMonth, `${m}|${p[1]}`, n);
          break;
        case "clk": {
          const t = clockTallies.get(p[1] as ClockName);
          if (!t) break;
          if (p[2] === "ON_TIME") t.metOnTime += n;
          else if (p[2] === "LATE") t.metLate += n;
          else if (isLate(p[3] as string)) t.overdue += n;
          else t.notYetDue += n;
          break;
        }
        case "d":
          bump(outcomes, p[1] as ReviewOutcome, n);
          break;
        case "dwd":
          bump(wd, Number(p[1]), n);
          break;
        case "drr":
          withinRapid += n;
          break;
        case "r":
          bump(reviews, `${p[1]}|${p[2]}`, n);
          break;
        case "c": {
          const agency = p[1] as string;
          const c = contributions.get(agency) ?? { requested: 0, outstanding: 0, late: 0 };
          contributions.set(agency, c);
          if (p[2] === "req") c.requested += n;
          else {
            c.outstanding += n;
            if (isLate(p[3] as string)) c.late += n;
          }
          break;
        }
        case "rec": {
          const status = p[2] as RecommendationStatus;
          bump(recStatus, status, n);
          if (status !== "REJECTED") bump(recRows, `${p[1]}|${status}|${ragOf(p[3] as string)}`, n);
          break;
        }
        case "act": {
          const status = p[2] as ActionStatus;
          bump(actStatus, status, n);
          if (status !== "CANCELLED")
            bump(actRows, `${p[1]}|${status}|${ragOf(p[3] as string)}`, n);
          break;
        }
        case "nm":
          bump(reports, `${p[1]}|${p[2]}`, n);
          break;
        case "eff": {
          const e = eff.get(p[1] as SourceKind);
          if (!e) break;
          if (p[2] === "n") e.n += n;
          else if (p[2] === "ON_TIME") e.onTime += n;
          else if (p[2] === "LATE") e.late += n;
          else if (p[2] === "evid") e.evid += n;
          else if (p[2] === "days") bump(e.days, Number(p[3]), n);
          else if (p[2] === "open") {
            if (isLate(p[3] as string)) e.late += n;
            else e.notYetDue += n;
          }
          break;
        }
      }
    }
  }

  // Partnership-wide figures (the audit group's cadence, national reviews) in every view.
  const meetingDates: string[] = [];
  let exercises = 0;
  const national = { considered: 0, relevant: 0, challengeSessions: 0, gapsFound: 0 };
  for (const m of months)
    for (const [name, n] of Object.entries(input.whole.get(m) ?? {})) {
      if (!n) continue;
      const p = name.split("|");
      if (p[0] === "am") for (let i = 0; i < n; i++) meetingDates.push(p[1] as string);
      else if (name === "ax|sub") exercises += n;
      else if (name === "nr|n") national.considered += n;
      else if (name === "nr|rel") national.relevant += n;
      else if (name === "cs|n") national.challengeSessions += n;
      else if (name === "cs|gaps") national.gapsFound += n;
    }
  meetingDates.sort();

  const decisions = [...outcomes.values()].reduce((s, n) => s + n, 0);
  const rows = <S extends string>(m: Map<string, number>) =>
    [...m.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, count]) => {
        const [owner, status, r] = k.split("|") as [string, S, Rag];
        return { agencyId: owner === BOARD_OWNER ? null : owner, status, rag: r, count };
      });
  const scopeId = input.agencyId ?? ALL_SCOPE;
  return {
    id: `dashboard:${scopeId}:${input.period.from}:${input.period.to}`,
    from: input.period.from,
    to: input.period.to,
    months,
    agencyId: input.agencyId,
    asOf: today,
    uncountedRecords: uncounted,
    notifications: {
      total: [...byCategory.values()].reduce((s, n) => s + n, 0),
      byCategory: CATEGORIES.map((category) => ({
        category,
        count: byCategory.get(category) ?? 0,
      })),
      byMonth: months.flatMap((m) =>
        CATEGORIES.map((category) => ({
          month: m,
          category,
          count: byMonth.get(`${m}|${category}`) ?? 0,
        })),
      ),
    },
    decisions: {
      total: decisions,
      byOutcome: REVIEW_OUTCOMES.map((outcome) => ({ outcome, count: outcomes.get(outcome) ?? 0 })),
      medianWorkingDaysToDecision: histogramMedian(wd),
      withinRapidReviewClock: withinRapid,
      shareWithinRapidReviewClock: share(withinRapid, decisions),
      clocks: CLOCK_NAMES.map((clock) => {
        const t = clockTallies.get(clock) as {
          metOnTime: number;
          metLate: number;
          overdue: number;
          notYetDue: number;
        };
        return {
          clock,
          ...t,
          shareOnTime: share(t.metOnTime, t.metOnTime + t.metLate + t.overdue),
        };
      }),
    },
    reviews: {
      total: [...reviews.values()].reduce((s, n) => s + n, 0),
      byKindAndStatus: [...reviews.entries()]
        .filter(([, n]) => n > 0)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, count]) => {
          const [kind, status] = k.split("|") as [ReviewKind, ReviewStatus];
          return { kind, status, count };
        }),
      overdueMilestones: input.overdue.milestones,
      pastTargetDate: input.overdue.reviewsPastTarget,
    },
    contributions: [...contributions.entries()]
      .filter(([, c]) => c.requested > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([agencyId, c]) => ({ agencyId, ...c })),
    recommendations: {
      total: [...recStatus.values()].reduce((s, n) => s + n, 0),
      byStatus: RECOMMENDATION_STATUSES.map((status) => ({
        status,
        count: recStatus.get(status) ?? 0,
      })),
      byAgency: rows<RecommendationStatus>(recRows),
    },
    actions: {
      total: [...actStatus.values()].reduce((s, n) => s + n, 0),
      byStatus: ACTION_STATUSES.map((status) => ({ status, count: actStatus.get(status) ?? 0 })),
      byAgency: rows<ActionStatus>(actRows),
    },
    overdue: input.overdue,
    audit: {
      meetings: meetingDates.length,
      meetingDates,
      ...meetingGaps(meetingDates, `${months[0]}-01`, periodEnd(months, today)),
      exercises,
      exercisesExpected: Math.ceil((3 * months.length) / 12),
    },
    reports: [...reports.entries()]
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, count]) => {
        const [agencyId, kind] = k.split("|") as [string, ReportKind];
        return { agencyId, kind, count };
      })
      .filter((r) => REPORT_KINDS.includes(r.kind)),
    nationalReviews: national,
    effectiveness: SOURCE_KINDS.map((sourceKind) => {
      const e = eff.get(sourceKind) as {
        n: number;
        onTime: number;
        late: number;
        notYetDue: number;
        evid: number;
        days: Map<number, number>;
      };
      return {
        sourceKind,
        recommendations: e.n,
        onTime: e.onTime,
        late: e.late,
        notYetDue: e.notYetDue,
        implementedOnTimeShare: share(e.onTime, e.onTime + e.late),
        evidencedImpactShare: share(e.evid, e.n),
        medianDaysToImplementation: histogramMedian(e.days),
      };
    }),
  };
}

/** The last day the period's meeting gaps run to: its last day, or today if that is earlier. */
function periodEnd(months: readonly string[], today: string): string {
  const last = addDays(addMonths(`${months[months.length - 1]}-01`, 1), -1);
  return today < last ? today : last;
}

/**
 * §14: the audit group meets at least every three months. The gaps are those between the
 * period's start, each meeting and the period's end (or today); a gap is over three months when
 * the next date falls after the previous one plus three calendar months.
 */
export function meetingGaps(
  dates: readonly string[],
  start: string,
  end: string,
): { longestGapDays: number | null; gapsOverThreeMonths: number } {
  if (end < start) return { longestGapDays: null, gapsOverThreeMonths: 0 };
  const points = [start, ...dates.filter((d) => d >= start && d <= end), end];
  let longest = 0;
  let over = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as string;
    const b = points[i] as string;
    longest = Math.max(longest, daysBetween(a, b));
    if (b > addMonths(a, 3)) over++;
  }
  return { longestGapDays: longest, gapsOverThreeMonths: over };
}
