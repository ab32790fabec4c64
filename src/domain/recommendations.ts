import { MAX_AGENCIES_PER_CASE } from "./cases";
import { addDays, checkPastDate, checkPlanDate } from "./dates";
import type { Versioned } from "./entities";
import { ValidationError } from "./errors";
import { type Rag, rag } from "./rag";
import { optionalText, requiredText } from "./text";

/**
 * Recommendations, their actions and the evidence of their impact (§35–37).
 */

/** Every kind of learning activity a recommendation can come from (later issues add records). */
export const SOURCE_KINDS = [
  "SERIOUS_CASE_REVIEW",
  /** Another review recorded without a review record of this system. */
  "OTHER_REVIEW",
  /** The kinds of review (§24) a review record of this system has. */
  "OTHER_INDEPENDENT_REVIEW",
  "NEAR_MISS_REVIEW",
  "LEARNING_REVIEW",
  "STRATEGIC_REVIEW",
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
  /**
   * The learning activity's own reference (a review's or audit's id), as given: several
   * recommendations come from one activity. Not checked against anything.
   */
  readonly activityId: string | null;
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
  readonly id: string;
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
  /** The review finding it was made from (§5–6), when it has one in this system. */
  readonly findingId: string | null;
  /** Null when the board itself owns it. */
  readonly owningAgencyId: string | null;
  /** Agencies that took part in the learning activity: they see its recommendations. */
  readonly participatingAgencyIds: readonly string[];
  readonly priority: Priority;
  /** The business-plan priority the learning serves. */
  readonly businessPriorityId: string | null;
  readonly madeOn: string;
  readonly targetDate: string;
  readonly status: RecommendationStatus;
  readonly rejectionReason: string | null;
  readonly implementedOn: string | null;
  readonly closedOn: string | null;
  /** An explicit board decision to close without impact evidence. */
  readonly closedWithoutEvidence: { readonly reason: string; readonly decidedBy: string } | null;
  /** Evidence recorded (each its own record, §35). */
  readonly evidenceCount: number;
  /** Unintended consequences recorded (each its own record, §36). */
  readonly consequenceCount: number;
  /** Actions added (each its own record, §35); at most MAX_ACTIONS. */
  readonly actionCount: number;
  readonly revisitOn: string | null;
  /** Revisits recorded (each its own record, §36). */
  readonly revisitCount: number;
  readonly history: readonly StatusChange[];
}

export const MAX_EVIDENCE = 50;
export const MAX_CONSEQUENCES = 50;

/** Who records a change, and when (today is an English date). */
export interface Recording {
  readonly by: string;
  /** The instant, ISO 8601. */
  readonly at: string;
  readonly today: string;
}

/** The learning activity a new recommendation names. */
export interface SourceInput {
  readonly kind: SourceKind;
  readonly activityId?: string | null;
  readonly title: string;
}

export interface NewRecommendationInput {
  readonly source: SourceInput;
  readonly text: string;
  readonly finding: string;
  readonly owningAgencyId?: string | null;
  readonly participatingAgencyIds?: readonly string[] | null;
  readonly priority: Priority;
  readonly businessPriorityId?: string | null;
  readonly madeOn: string;
  readonly targetDate: string;
}

/**
 * §35: a recommendation as made, from any kind of learning activity: what it says, the finding it
 * answers, who owns it and by when. Made today or earlier; its target is not before it was made.
 */
export function newRecommendation(
  input: NewRecommendationInput,
  id: string,
  partnershipId: string,
  rec: Recording,
): Recommendation {
  const participating = [...new Set(input.participatingAgencyIds ?? [])];
  if (participating.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError("input.participatingAgencyIds", "Too many agencies");
  if (input.targetDate < input.madeOn)
    throw new ValidationError("input.targetDate", "The target date is before the date it was made");
  checkPastDate(input.madeOn, rec.today, "input.madeOn");
  checkPlanDate(input.targetDate, rec.today, "input.targetDate");
  return {
    id,
    partnershipId,
    source: {
      kind: input.source.kind,
      activityId: input.source.activityId ?? null,
      title: requiredText(
        input.source.title,
        "input.source.title",
        "The learning activity's title",
      ),
    },
    text: requiredText(input.text, "input.text", "The recommendation"),
    finding: requiredText(input.finding, "input.finding", "The finding it answers"),
    findingId: null,
    owningAgencyId: input.owningAgencyId ?? null,
    participatingAgencyIds: participating,
    priority: input.priority,
    businessPriorityId: input.businessPriorityId ?? null,
    madeOn: input.madeOn,
    targetDate: input.targetDate,
    status: "PROPOSED",
    rejectionReason: null,
    implementedOn: null,
    closedOn: null,
    closedWithoutEvidence: null,
    evidenceCount: 0,
    consequenceCount: 0,
    actionCount: 0,
    revisitOn: null,
    revisitCount: 0,
    history: [{ from: null, to: "PROPOSED", on: input.madeOn, by: rec.by }],
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

/** The agencies that see a recommendation: its owner and those that took part in the learning. */
export const recommendationAgencies = (r: Recommendation): string[] => [
  ...new Set([...(r.owningAgencyId ? [r.owningAgencyId] : []), ...r.participatingAgencyIds]),
];

/** The owning agency, as a list (none when the board owns it). */
export const ownerOf = (r: { readonly owningAgencyId: string | null }): string[] =>
  r.owningAgencyId ? [r.owningAgencyId] : [];

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
  today: string,
  /** Its actions not yet completed or cancelled (needed to close it). */
  openActions = 0,
  field = "input",
): Partial<Recommendation> {
  checkPastDate(input.on, today, `${field}.on`);
  // §35: the lifecycle is dated in order, so that the §37 figures are not distorted.
  const last = r.history.at(-1)?.on ?? r.madeOn;
  if (input.on < last)
    throw new ValidationError(
      `${field}.on`,
      `The date is before the recommendation's last step (${r.status} on ${last})`,
    );
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
      if (r.evidenceCount === 0)
        throw new ValidationError(`${field}.to`, "Record evidence of impact first (§35)");
      return change;
    case "CLOSED":
      // §35: the work is done before the recommendation is: no open action outlives it.
      if (openActions > 0)
        throw new ValidationError(
          `${field}.to`,
          `Complete or cancel its ${openActions} open action${openActions === 1 ? "" : "s"} first`,
        );
      // §35: closed once its impact is evidenced; an implemented one only by a board decision.
      if (r.status === "IMPACT_EVIDENCED") {
        if (input.closeWithoutEvidence)
          throw new ValidationError(
            `${field}.closeWithoutEvidence`,
            "Its impact is evidenced: close it with the evidence, not without",
          );
        return { ...change, closedOn: input.on };
      }
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

/** A recommendation's RAG: null once rejected; BLUE once implemented. */
export function recommendationRag(r: Recommendation, today: string): Rag | null {
  if (r.status === "REJECTED") return null;
  return rag(!OPEN_STATUSES.includes(r.status), r.targetDate, today);
}

/** Statuses in which evidence of implementation and impact is recorded (§35). */
const EVIDENCE_STATUSES: readonly RecommendationStatus[] = [
  "IN_PROGRESS",
  "IMPLEMENTED",
  "IMPACT_EVIDENCED",
];

export interface EvidenceInput {
  readonly whatChanged: string;
  readonly howMeasured: string;
  readonly before?: string | null;
  readonly after?: string | null;
  readonly verifiedBy: string;
  readonly verifiedOn: string;
}

/** §35: the evidence as recorded (checked before the recommendation is read). */
export function newEvidence(input: EvidenceInput, id: string, rec: Recording): ImpactEvidence {
  return {
    id,
    whatChanged: requiredText(input.whatChanged, "input.whatChanged", "What changed"),
    howMeasured: requiredText(input.howMeasured, "input.howMeasured", "How it was measured"),
    before: optionalText(input.before),
    after: optionalText(input.after),
    verifiedBy: requiredText(input.verifiedBy, "input.verifiedBy", "Who verified it"),
    verifiedOn: checkPastDate(input.verifiedOn, rec.today, "input.verifiedOn"),
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

/**
 * §35: evidence of implementation and of its impact on children and families, recorded while
 * the recommendation is being implemented or after, and verified no earlier than the day the
 * board accepted it (evidence of work done cannot predate the decision to do it); at most
 * MAX_EVIDENCE items.
 */
export function addEvidence(r: Recommendation, e: ImpactEvidence): Partial<Recommendation> {
  if (!EVIDENCE_STATUSES.includes(r.status))
    throw new ValidationError(
      "input",
      `Evidence is recorded while a recommendation is being implemented, not when ${r.status}`,
    );
  const accepted = acceptedOn(r) ?? r.madeOn;
  if (e.verifiedOn < accepted)
    throw new ValidationError(
      "input.verifiedOn",
      `Evidence is verified on or after the day the recommendation was accepted (${accepted})`,
    );
  if (r.evidenceCount >= MAX_EVIDENCE)
    throw new ValidationError(
      "input",
      `A recommendation takes at most ${MAX_EVIDENCE} items of evidence`,
    );
  return { evidenceCount: r.evidenceCount + 1 };
}

export interface ConsequenceInput {
  readonly description: string;
  readonly observedOn: string;
}

/** §36: an unintended consequence as recorded (checked before the recommendation is read). */
export function newConsequence(
  input: ConsequenceInput,
  id: string,
  rec: Recording,
): UnintendedConsequence {
  return {
    id,
    description: requiredText(input.description, "input.description", "A description"),
    observedOn: checkPastDate(input.observedOn, rec.today, "input.observedOn"),
    recordedBy: rec.by,
    recordedAt: rec.at,
  };
}

/**
 * §36: the LSCB stays alert to unintended consequences of its learning: observed no earlier than
 * the day the recommendation was made; at most MAX_CONSEQUENCES of them.
 */
export function addConsequence(
  r: Recommendation,
  u: UnintendedConsequence,
): Partial<Recommendation> {
  if (u.observedOn < r.madeOn)
    throw new ValidationError(
      "input.observedOn",
      `A consequence of the recommendation is observed on or after the day it was made (${r.madeOn})`,
    );
  if (r.consequenceCount >= MAX_CONSEQUENCES)
    throw new ValidationError(
      "input",
      `A recommendation takes at most ${MAX_CONSEQUENCES} unintended consequences`,
    );
  return { consequenceCount: r.consequenceCount + 1 };
}

/** §36: schedules the learning to be revisited, today or later. */
export function scheduleRevisit(on: string, today: string): Partial<Recommendation> {
  if (on < today)
    throw new ValidationError("input.on", "A revisit is scheduled for today or later");
  return { revisitOn: checkPlanDate(on, today, "input.on") };
}

export interface RevisitInput {
  readonly outcome: RevisitOutcome;
  readonly note: string;
  readonly nextRevisitOn?: string | null;
}

/** The most revisits one recommendation records. */
export const MAX_REVISITS = 50;

/**
 * §36: the outcome of revisiting the learning (a revisit must be due), and the next one if any.
 * Returns the change to the recommendation and the revisit to record.
 */
export function recordRevisit(
  r: Recommendation,
  input: RevisitInput,
  id: string,
  rec: Recording,
): { change: Partial<Recommendation>; revisit: Revisit } {
  if (!r.revisitOn) throw new ValidationError("input", "No revisit is scheduled");
  if (input.nextRevisitOn && input.nextRevisitOn <= rec.today)
    throw new ValidationError("input.nextRevisitOn", "The next revisit is after today");
  if (input.nextRevisitOn) checkPlanDate(input.nextRevisitOn, rec.today, "input.nextRevisitOn");
  if (r.revisitCount >= MAX_REVISITS)
    throw new ValidationError("input", `A recommendation takes at most ${MAX_REVISITS} revisits`);
  return {
    change: {
      revisitCount: r.revisitCount + 1,
      revisitOn: input.nextRevisitOn ?? null,
    },
    revisit: {
      id,
      dueOn: r.revisitOn,
      outcome: input.outcome,
      note: requiredText(input.note, "input.note", "A note of the outcome"),
      decidedBy: rec.by,
      decidedOn: rec.today,
    },
  };
}

/** The statuses of a recommendation the board has accepted and not yet closed. */
export const ACCEPTED_STATUSES: readonly RecommendationStatus[] = [
  "ACCEPTED",
  "IN_PROGRESS",
  "IMPLEMENTED",
  "IMPACT_EVIDENCED",
];

/** The date the board accepted the recommendation (null until it has). */
export function acceptedOn(r: Pick<Recommendation, "history">): string | null {
  return r.history.find((h) => h.to === "ACCEPTED")?.on ?? null;
}

/** §36: the first day a revisit of the learning was overdue (the day after it was due). */
export function revisitOverdueSince(r: Recommendation, today: string): string | null {
  return r.revisitOn && today > r.revisitOn ? addDays(r.revisitOn, 1) : null;
}
