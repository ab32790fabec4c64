import type { Versioned } from "./entities";
import { ValidationError } from "./errors";

/**
 * Recommendations, their actions and the evidence of their impact (§35–37).
 */

/** Every kind of learning activity a recommendation can come from (later issues add records). */
export const SOURCE_KINDS = [
  "SERIOUS_CASE_REVIEW",
  "OTHER_REVIEW",
  "MULTI_AGENCY_AUDIT",
  "SINGLE_AGENCY_AUDIT",
  "SECTION_11_AUDIT",
  "NEAR_MISS",
  "NATIONAL_REVIEW_DIGEST",
  "LOCAL_CHALLENGE",
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const PRIORITIES = ["HIGH", "MEDIUM", "LOW"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const RECOMMENDATION_STATUSES = [
  "PROPOSED",
  "ACCEPTED",
  "IN_PROGRESS",
  "IMPLEMENTED",
  "IMPACT_EVIDENCED",
  "CLOSED",
  "REJECTED",
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** The allowed transitions of the lifecycle; anything else is refused. */
export const TRANSITIONS: Readonly<Record<RecommendationStatus, readonly RecommendationStatus[]>> =
  {
    PROPOSED: ["ACCEPTED", "REJECTED"],
    ACCEPTED: ["IN_PROGRESS", "REJECTED"],
    IN_PROGRESS: ["IMPLEMENTED"],
    IMPLEMENTED: ["IMPACT_EVIDENCED", "CLOSED"],
    IMPACT_EVIDENCED: ["CLOSED"],
    CLOSED: [],
    REJECTED: [],
  };

/** Statuses in which the recommendation is still being worked on (RAG applies). */
export const OPEN_STATUSES: readonly RecommendationStatus[] = [
  "PROPOSED",
  "ACCEPTED",
  "IN_PROGRESS",
];

export interface Source {
  readonly kind: SourceKind;
  /** The learning activity's record id, when it has one in this system. */
  readonly id: string | null;
  readonly title: string;
}

/** §35: evidence that the change was made and of its impact on children and families. */
export interface ImpactEvidence {
  readonly id: string;
  readonly whatChanged: string;
  readonly howMeasured: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly verifiedBy: string;
  readonly verifiedOn: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** §36: an unintended consequence of implementing the recommendation. */
export interface UnintendedConsequence {
  readonly id: string;
  readonly description: string;
  readonly observedOn: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export const REVISIT_OUTCOMES = ["STILL_RELEVANT", "REVISED", "SUPERSEDED"] as const;
export type RevisitOutcome = (typeof REVISIT_OUTCOMES)[number];

/** §36: the learning revisited to check it remains relevant. */
export interface Revisit {
  readonly dueOn: string;
  readonly outcome: RevisitOutcome;
  readonly note: string;
  readonly decidedBy: string;
  readonly decidedOn: string;
}

export interface StatusChange {
  readonly from: RecommendationStatus | null;
  readonly to: RecommendationStatus;
  readonly on: string;
  readonly by: string;
}

export interface Recommendation extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly source: Source;
  readonly text: string;
  /** The finding the recommendation answers. */
  readonly finding: string;
  /** Null when the board itself owns it. */
  readonly owningAgencyId: string | null;
  /** Agencies that took part in the learning activity: they see its recommendations. */
  readonly participatingAgencyIds: readonly string[];
  readonly priority: Priority;
  readonly madeOn: string;
  readonly targetDate: string;
  readonly status: RecommendationStatus;
  readonly rejectionReason: string | null;
  readonly implementedOn: string | null;
  readonly closedOn: string | null;
  /** An explicit board decision to close without impact evidence. */
  readonly closedWithoutEvidence: { readonly reason: string; readonly decidedBy: string } | null;
  readonly evidence: readonly ImpactEvidence[];
  readonly unintendedConsequences: readonly UnintendedConsequence[];
  readonly revisitOn: string | null;
  readonly revisits: readonly Revisit[];
  /** Set by the overdue job when the revisit date has passed. */
  readonly revisitOverdueSince: string | null;
  readonly history: readonly StatusChange[];
}

export const MAX_EVIDENCE = 50;
export const MAX_CONSEQUENCES = 50;

export interface TransitionInput {
  readonly to: RecommendationStatus;
  readonly on: string;
  readonly reason?: string | null;
  /** Close without impact evidence, by an explicit board decision with this reason. */
  readonly closeWithoutEvidence?: boolean | null;
}

/**
 * Moves a recommendation along its lifecycle (§35): only the allowed transitions; a rejection
 * carries a reason; it is closed only with impact evidence, or by an explicit board decision
 * (with a reason) to close without it.
 */
export function transition(
  r: Recommendation,
  input: TransitionInput,
  by: string,
  field = "input",
): Partial<Recommendation> {
  const allowed = TRANSITIONS[r.status];
  if (!allowed.includes(input.to))
    throw new ValidationError(
      `${field}.to`,
      `A ${r.status} recommendation cannot become ${input.to}; allowed: ${allowed.join(", ") || "none (final)"}`,
    );
  if (input.on < r.madeOn)
    throw new ValidationError(`${field}.on`, "The date is before the recommendation was made");
  const reason = input.reason?.trim() || null;
  const change: Partial<Recommendation> & { history: StatusChange[] } = {
    status: input.to,
    history: [...r.history, { from: r.status, to: input.to, on: input.on, by }],
  };
  switch (input.to) {
    case "REJECTED":
      if (!reason) throw new ValidationError(`${field}.reason`, "A rejection needs a reason");
      return { ...change, rejectionReason: reason };
    case "IMPLEMENTED":
      return { ...change, implementedOn: input.on };
    case "IMPACT_EVIDENCED":
      if (r.evidence.length === 0)
        throw new ValidationError(`${field}.to`, "Record evidence of impact first (§35)");
      return change;
    case "CLOSED":
      if (r.evidence.length > 0) return { ...change, closedOn: input.on };
      if (!input.closeWithoutEvidence)
        throw new ValidationError(
          `${field}.to`,
          "A recommendation is closed with evidence of its impact, or by an explicit board decision to close without it (§35)",
        );
      if (!reason)
        throw new ValidationError(
          `${field}.reason`,
          "Give the board's reason for closing without evidence",
        );
      return { ...change, closedOn: input.on, closedWithoutEvidence: { reason, decidedBy: by } };
    default:
      return change;
  }
}

export const RAG_RATINGS = ["RED", "AMBER", "GREEN", "BLUE"] as const;
export type Rag = (typeof RAG_RATINGS)[number];

/** An open item is AMBER from this many days before it is due. */
export const AMBER_WINDOW_DAYS = 14;

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The RAG rating, derived and never stored: BLUE once done; for open work RED after the due date,
 * AMBER from 14 days before it (the due date itself included), GREEN before that.
 */
export function rag(done: boolean, dueOn: string, today: string): Rag {
  if (done) return "BLUE";
  if (today > dueOn) return "RED";
  if (today >= addDays(dueOn, -AMBER_WINDOW_DAYS)) return "AMBER";
  return "GREEN";
}

/** A recommendation's RAG: null once rejected; BLUE once implemented. */
export function recommendationRag(r: Recommendation, today: string): Rag | null {
  if (r.status === "REJECTED") return null;
  return rag(!OPEN_STATUSES.includes(r.status), r.targetDate, today);
}

/** The due-date range (inclusive) of open items with a given RAG, as of today. */
export function ragRange(r: Exclude<Rag, "BLUE">, today: string): { from?: string; to?: string } {
  switch (r) {
    case "RED":
      return { to: addDays(today, -1) };
    case "AMBER":
      return { from: today, to: addDays(today, AMBER_WINDOW_DAYS) };
    case "GREEN":
      return { from: addDays(today, AMBER_WINDOW_DAYS + 1) };
  }
}

/* ---------------------------------------------------------------- actions */

export const ACTION_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CANCELLED"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const OPEN_ACTION_STATUSES: readonly ActionStatus[] = ["NOT_STARTED", "IN_PROGRESS"];

export interface ProgressUpdate {
  readonly id: string;
  readonly on: string;
  readonly text: string;
  readonly by: string;
  readonly at: string;
  /** Hash of the request that wrote it (idempotent retries). */
  readonly requestHash: string | null;
}

export interface Action extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly recommendationId: string;
  /** Copied from the recommendation, for lists by source kind. */
  readonly sourceKind: SourceKind;
  readonly owningAgencyId: string | null;
  readonly responsiblePerson: string;
  readonly description: string;
  readonly dueDate: string;
  readonly status: ActionStatus;
  readonly completedOn: string | null;
  readonly updates: readonly ProgressUpdate[];
  /** Set by the overdue job the first day it finds the action past due. */
  readonly overdueSince: string | null;
}

export const MAX_PROGRESS_UPDATES = 200;

export const isOpenAction = (a: Pick<Action, "status">) => OPEN_ACTION_STATUSES.includes(a.status);

export function actionRag(a: Action, today: string): Rag | null {
  if (a.status === "CANCELLED") return null;
  return rag(a.status === "COMPLETED", a.dueDate, today);
}

/** Status changes of an action: completed and cancelled are final. */
export function checkActionStatus(
  a: Action,
  to: ActionStatus,
  on: string,
  field = "input",
): Partial<Action> {
  if (!isOpenAction(a))
    throw new ValidationError(`${field}.status`, `A ${a.status} action cannot change status`);
  if (to === "NOT_STARTED" && a.status === "IN_PROGRESS")
    throw new ValidationError(
      `${field}.status`,
      "An action in progress cannot go back to not started",
    );
  return { status: to, completedOn: to === "COMPLETED" ? on : null };
}

/* ----------------------------------------------------------- effectiveness */

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

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * §37: which forms of learning prove most effective. Over the recommendations made in a period
 * (rejected ones left out), per kind of learning activity.
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
      evidencedImpactShare: share(of.filter((r) => r.evidence.length > 0).length),
      medianDaysToImplementation: median(
        implemented.map((r) => daysBetween(r.madeOn, r.implementedOn as string)),
      ),
    };
  });
}
