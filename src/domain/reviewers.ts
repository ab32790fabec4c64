import { checkPastDate, checkPlanDate } from "./dates";
import type { Versioned } from "./entities";
import { ConflictError, ValidationError } from "./errors";
import { numberedId, type Recorder, type Review } from "./reviews";
import { requiredText } from "./text";

/**
 * §23: the pool of reviewers across agencies, with their training in the systemic model, and
 * the panels of the reviews they serve on.
 */

export const REVIEWER_KINDS = ["MEMBER_AGENCY", "INDEPENDENT"] as const;
export type ReviewerKind = (typeof REVIEWER_KINDS)[number];

export interface Reviewer extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly name: string;
  readonly kind: ReviewerKind;
  /** The member agency that employs them (null for an independent reviewer). */
  readonly agencyId: string | null;
  /** The person who signs in as them (REVIEWER role), if any. */
  readonly personId: string | null;
  /** Training records (each its own record); at most MAX_TRAININGS. */
  readonly trainingCount: number;
  /** The latest expiry of their training in the systemic model (derived from the records). */
  readonly trainedUntil: string | null;
}

/** §23: one course in the systemic ('why things go wrong') model. */
export interface TrainingRecord {
  readonly id: string;
  readonly course: string;
  readonly completedOn: string;
  readonly expiresOn: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export const MAX_TRAININGS = 50;
/** The most people on one review's panel. */
export const MAX_PANEL = 20;

export interface NewReviewerInput {
  readonly name: string;
  readonly kind: ReviewerKind;
  readonly agencyId?: string | null;
  readonly personId?: string | null;
}

/** §23: a reviewer of the pool: from a member agency (which employs them) or independent. */
export function newReviewer(
  input: NewReviewerInput,
  id: string,
  partnershipId: string,
  rec: Recorder,
): Reviewer {
  const agencyId = input.agencyId ?? null;
  if (input.kind === "MEMBER_AGENCY" && !agencyId)
    throw new ValidationError("input.agencyId", "Name the member agency that employs them");
  if (input.kind === "INDEPENDENT" && agencyId)
    throw new ValidationError("input.agencyId", "An independent reviewer has no member agency");
  return {
    id,
    partnershipId,
    name: requiredText(input.name, "input.name", "A name"),
    kind: input.kind,
    agencyId,
    personId: input.personId ?? null,
    trainingCount: 0,
    trainedUntil: null,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

export interface TrainingInput {
  readonly course: string;
  readonly completedOn: string;
  readonly expiresOn: string;
}

/** §23: a training record; completed in the past, expiring after it was completed. */
export function addTraining(
  r: Reviewer,
  input: TrainingInput,
  id: string,
  rec: Recorder,
): { change: Partial<Reviewer>; training: TrainingRecord } {
  if (r.trainingCount >= MAX_TRAININGS)
    throw new ValidationError("input", `A reviewer records at most ${MAX_TRAININGS} trainings`);
  checkPastDate(input.completedOn, rec.today, "input.completedOn");
  checkPlanDate(input.expiresOn, rec.today, "input.expiresOn");
  if (input.expiresOn <= input.completedOn)
    throw new ValidationError("input.expiresOn", "Training expires after it was completed");
  const until =
    r.trainedUntil && r.trainedUntil > input.expiresOn ? r.trainedUntil : input.expiresOn;
  return {
    change: { trainingCount: r.trainingCount + 1, trainedUntil: until },
    training: {
      id,
      course: requiredText(input.course, "input.course", "The course"),
      completedOn: input.completedOn,
      expiresOn: input.expiresOn,
      recordedBy: rec.by,
      recordedAt: rec.at,
    },
  };
}

/** §23: whether the reviewer's training in the systemic model is current today. */
export const trainingCurrent = (r: Pick<Reviewer, "trainedUntil">, today: string) =>
  r.trainedUntil !== null && r.trainedUntil >= today;

export const PANEL_ROLES = ["LEAD_REVIEWER", "CO_REVIEWER", "PANEL_CHAIR", "PANEL_MEMBER"] as const;
export type PanelRole = (typeof PANEL_ROLES)[number];

/** Roles that must be independent of the cases under review (§21, §23). */
export const INDEPENDENT_ROLES: readonly PanelRole[] = [
  "LEAD_REVIEWER",
  "CO_REVIEWER",
  "PANEL_CHAIR",
];
/** Roles that are reviewers of the pool (§23). */
const REVIEWER_ROLES: readonly PanelRole[] = ["LEAD_REVIEWER", "CO_REVIEWER"];

export interface PanelMember {
  readonly id: string;
  readonly role: PanelRole;
  readonly reviewerId: string | null;
  /** A member of staff (an agency's representative on the panel), when not a reviewer. */
  readonly personId: string | null;
  readonly agencyId: string | null;
  readonly appointedOn: string;
  readonly appointedBy: string;
}

export interface AppointInput {
  readonly role: PanelRole;
  readonly reviewerId?: string | null;
  readonly personId?: string | null;
}

/** What the appointment is checked against: the reviewer, and the cases' agencies. */
export interface AppointFacts {
  readonly reviewer: Reviewer | null;
  /** The member of staff appointed (their agency), when not a reviewer. */
  readonly person: { readonly id: string; readonly agencyId: string | null } | null;
  /** Every agency involved in a case the review covers. */
  readonly caseAgencyIds: readonly string[];
}

/**
 * §23: a panel appointment. Reviewers come from the pool; only a reviewer whose training in the
 * systemic model is current today may review an SCR (lead it or co-review it); a reviewer (or the
 * panel's chair) employed by an agency involved in any case under review is not independent of
 * it and is refused. Agencies' representatives sit on the panel as members.
 */
export function appoint(
  r: Review,
  input: AppointInput,
  facts: AppointFacts,
  rec: Recorder,
): { change: Partial<Review>; member: PanelMember } {
  if (r.panelCount >= MAX_PANEL)
    throw new ValidationError("input", `A panel has at most ${MAX_PANEL} members`);
  // §23: one lead reviewer: a second appointment would silently replace the first.
  if (input.role === "LEAD_REVIEWER" && r.leadReviewerId)
    throw new ConflictError("The review has its lead reviewer already", "STATE");
  const reviewer = facts.reviewer;
  if (REVIEWER_ROLES.includes(input.role) && !reviewer)
    throw new ValidationError("input.reviewerId", "A reviewer comes from the reviewer pool (§23)");
  if (!reviewer && !facts.person)
    throw new ValidationError("input.personId", "Name a reviewer of the pool or a member of staff");
  if (reviewer && facts.person)
    throw new ValidationError("input.personId", "Name a reviewer or a member of staff, not both");
  const agencyId = reviewer ? reviewer.agencyId : (facts.person?.agencyId ?? null);
  const field = reviewer ? "input.reviewerId" : "input.personId";
  // §23: only reviewers with current training in the systemic model review an SCR.
  if (
    reviewer &&
    REVIEWER_ROLES.includes(input.role) &&
    r.kind === "SERIOUS_CASE_REVIEW" &&
    !trainingCurrent(reviewer, rec.today)
  )
    throw new ValidationError(
      field,
      `§23: ${reviewer.name} has no current training in the systemic model (${reviewer.trainedUntil ? `expired ${reviewer.trainedUntil}` : "none recorded"}); only a trained reviewer may review an SCR`,
    );
  // §23: a reviewer from an agency involved in a case under review is not independent of it.
  if (INDEPENDENT_ROLES.includes(input.role) && agencyId && facts.caseAgencyIds.includes(agencyId))
    throw new ValidationError(
      field,
      "§23: not independent: employed by an agency involved in a case under review",
    );
  const personId = reviewer ? reviewer.personId : (facts.person?.id ?? null);
  const independent = INDEPENDENT_ROLES.includes(input.role);
  const member: PanelMember = {
    id: numberedId(r.id, r.panelCount + 1),
    role: input.role,
    reviewerId: reviewer?.id ?? null,
    personId: reviewer ? null : (facts.person?.id ?? null),
    agencyId,
    appointedOn: rec.today,
    appointedBy: rec.by,
  };
  return {
    member,
    change: {
      panelCount: r.panelCount + 1,
      panelPersonIds: personId ? [...new Set([...r.panelPersonIds, personId])] : r.panelPersonIds,
      reviewerAgencyIds:
        independent && agencyId
          ? [...new Set([...r.reviewerAgencyIds, agencyId])]
          : r.reviewerAgencyIds,
      ...(input.role === "LEAD_REVIEWER"
        ? { leadReviewerId: reviewer?.id ?? null, leadReviewerPersonId: personId }
        : {}),
    },
  };
}

/**
 * §23: a case joining a review must not involve an agency that employs one of its independent
 * reviewers (they would no longer be independent of it).
 */
export function checkStillIndependent(
  r: Pick<Review, "reviewerAgencyIds">,
  caseAgencyIds: readonly string[],
  field: string,
): void {
  if (caseAgencyIds.some((a) => r.reviewerAgencyIds.includes(a)))
    throw new ValidationError(
      field,
      "§23: the case involves an agency that employs a reviewer of this review, who would no longer be independent of it",
    );
}
