import { MAX_AGENCIES_PER_CASE } from "./cases";
import { addDays, checkPastDate, checkPlanDate } from "./dates";
import type { Versioned } from "./entities";
import { ConflictError, ValidationError } from "./errors";
import type { OtherReviewGround } from "./review-decisions";
import type { ReviewKind } from "./review-kinds";
import { optionalText, requiredText } from "./text";

/**
 * Serious case reviews and the other reviews and learning exercises the board commissions
 * (§21–34). The rules of the review itself live here; the reviewer pool (§23), contributions
 * (§28), family involvement and consent (§26–32), findings (§5–6) and publication (§33–34) each
 * have their own module beside this one.
 */

export { REVIEW_KINDS, type ReviewKind } from "./review-kinds";

export const REVIEW_STATUSES = [
  "COMMISSIONED",
  "IN_PROGRESS",
  "DRAFT_REPORT",
  "ACCEPTED",
  "PUBLISHED",
  "PUBLICATION_WITHHELD",
  "CLOSED",
] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * The lifecycle the API enforces. A draft report may go back for more work; an accepted report
 * is published or withheld (§33) by their own operations; a delayed publication is published
 * later; a review is closed once published, or once the board has decided not to publish.
 */
export const REVIEW_TRANSITIONS: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = {
  COMMISSIONED: ["IN_PROGRESS"],
  IN_PROGRESS: ["DRAFT_REPORT"],
  DRAFT_REPORT: ["ACCEPTED", "IN_PROGRESS"],
  ACCEPTED: ["PUBLISHED", "PUBLICATION_WITHHELD"],
  PUBLISHED: ["CLOSED", "PUBLICATION_WITHHELD"],
  PUBLICATION_WITHHELD: ["PUBLISHED", "CLOSED"],
  CLOSED: [],
};

/** Statuses in which the review's work is still under way (its target date applies). */
export const ACTIVE_REVIEW_STATUSES: readonly ReviewStatus[] = [
  "COMMISSIONED",
  "IN_PROGRESS",
  "DRAFT_REPORT",
];

/** Statuses after the board accepted the report: the end of the review (§29, §32). */
export const CONCLUDED_REVIEW_STATUSES: readonly ReviewStatus[] = [
  "ACCEPTED",
  "PUBLISHED",
  "PUBLICATION_WITHHELD",
  "CLOSED",
];

/** The most cases a review covers at once (a thematic review covers several, §30). */
export const MAX_REVIEW_CASES = 10;
/** The most changes to a review's cases (alternatives found, §31). */
export const MAX_CASE_CHANGES = 20;
/** The most milestones a review plans. */
export const MAX_MILESTONES = 20;
/** The most status changes, publications and withdrawals a review records. */
export const MAX_REVIEW_EVENTS = 50;
/** The most reviews a case's record lists as holding their information (§29). */
export const MAX_REVIEWS_ON_CASE_RECORD = 50;
/** An SCR's target: six months from the Chair's decision. */
export const SCR_TARGET_MONTHS = 6;

/**
 * Which rules of family involvement apply (§25): SCRs and reviews of near misses (§26–29), or
 * other reviews and learning exercises (§30–32, the grounds of §24 II–IV).
 */
export type FamilyRegime = "STATUTORY" | "CONSENT";

export function familyRegime(r: Pick<Review, "kind" | "ground">): FamilyRegime {
  // §26–29: SCRs and reviews of near misses (§24 I) go ahead on the board's statutory function.
  if (r.kind === "SERIOUS_CASE_REVIEW" || r.kind === "NEAR_MISS_REVIEW") return "STATUTORY";
  if (r.ground === "NEAR_MISS_OR_HARM_BELOW_THRESHOLD") return "STATUTORY";
  // §30: other reviews select cases to illustrate themes: the family's consent is needed.
  return "CONSENT";
}

/** The board's decision not to publish yet, or at all (§33). */
export interface Withholding {
  readonly decision: "DELAY" | "DO_NOT_PUBLISH";
  /** The compelling legal reason, always (§33). */
  readonly legalReason: string;
  /** For a delay: when the board reconsiders (joins the overdue job once passed). */
  readonly reconsiderOn: string | null;
  readonly decidedOn: string;
}

/** What the board published (§33–34, §38). */
export interface Publication {
  readonly publishedOn: string;
  /** The report on the board's website (§38). */
  readonly reportUrl: string;
  /** The public title (a published name such as "Child K", never the case's pseudonym). */
  readonly title: string;
  /** The learning, in an accessible form for the annual report (§34). */
  readonly summary: string;
  /** §33: for an SCR, the statement of the actions member agencies will take. */
  readonly actionStatement: string | null;
  /** The day the publication was recorded here (the twelve months run from the later date). */
  readonly recordedOn?: string;
  readonly withdrawnOn: string | null;
  readonly withdrawalReason: string | null;
}

export interface Review extends Versioned {
  readonly id: string;
  readonly partnershipId: string;
  readonly kind: ReviewKind;
  /** §24: the ground of a review other than an SCR (null for an SCR). */
  readonly ground: OtherReviewGround | null;
  /** Internal title (may name a case's pseudonym; never public). */
  readonly title: string;
  /** §22: the method, as data (SCIE Learning Together and its variants, or another systems method). */
  readonly method: string | null;
  /** §24 I: the escalated near-miss report the review answers (null otherwise). */
  readonly escalationId?: string | null;
  /** §24 III: the business-plan priority the review serves (null if none). */
  readonly businessPriorityId?: string | null;
  readonly termsOfReference: string | null;
  /** The notification whose decision commissioned it (null when the board commissioned it, §24). */
  readonly notificationId: string | null;
  readonly commissionedOn: string;
  readonly targetDate: string;
  readonly status: ReviewStatus;
  /** The date of the latest status change. */
  readonly statusOn: string;
  /** The cases it covers now (history in its case changes); at most MAX_REVIEW_CASES. */
  readonly caseIds: readonly string[];
  readonly participatingAgencyIds: readonly string[];
  /** Agencies that received its information without participating (§32). */
  readonly informedAgencyIds: readonly string[];
  /** The lead reviewer (§23), and the person who signs in as them. */
  readonly leadReviewerId: string | null;
  readonly leadReviewerPersonId: string | null;
  /** People on the panel who sign in (they read the review). */
  readonly panelPersonIds: readonly string[];
  /** Agencies employing reviewers who must be independent of the cases (§23). */
  readonly reviewerAgencyIds: readonly string[];
  readonly milestoneCount: number;
  readonly panelCount: number;
  readonly contributionCount: number;
  readonly findingCount: number;
  readonly familyContactCount: number;
  readonly consentCount: number;
  readonly attachmentCount: number;
  readonly caseChangeCount: number;
  readonly shareCount: number;
  readonly eventCount: number;
  readonly publication: Publication | null;
  readonly withholding: Withholding | null;
}

/** A step of the review's history: a status change, publication, withholding or withdrawal. */
export interface ReviewEvent {
  readonly id: string;
  readonly from: ReviewStatus | null;
  readonly to: ReviewStatus;
  readonly on: string;
  readonly by: string;
  readonly reason: string | null;
}

/** A change to the cases a review covers (§31: an alternative case, the history kept). */
export interface CaseChange {
  readonly id: string;
  readonly caseId: string;
  /** The case it replaces (§31), if any. */
  readonly replacesCaseId: string | null;
  readonly reason: string;
  readonly on: string;
  readonly by: string;
}

/** A milestone of the review's plan, with its due date. */
export interface Milestone extends Versioned {
  /** `<reviewId>:<n>`. */
  readonly id: string;
  readonly partnershipId: string;
  readonly reviewId: string;
  readonly seq: number;
  /** The review's commissioning date (orders milestones with their reviews). */
  readonly reviewCommissionedOn: string;
  readonly name: string;
  readonly dueDate: string;
  readonly completedOn: string | null;
}

/** Who records, and when. */
export interface Recorder {
  readonly by: string;
  readonly at: string;
  readonly today: string;
}

/** `<reviewId>:<n>`: records numbered under a review. */
export const numberedId = (reviewId: string, seq: number) => `${reviewId}:${seq}`;

/** The review and number of a numbered id, or null for anything else. */
export function splitNumberedId(id: string): { reviewId: string; seq: number } | null {
  const m = /^([A-Za-z0-9-]{1,64}):([1-9]\d{0,3})$/.exec(id);
  return m ? { reviewId: m[1] as string, seq: Number(m[2]) } : null;
}

/** `months` calendar months after a date (the last day of a shorter month). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** §18–20: an SCR's target is six months from the Chair's decision. */
export const scrTarget = (decidedOn: string) => addMonths(decidedOn, SCR_TARGET_MONTHS);

const LABELS: Record<ReviewKind, string> = {
  SERIOUS_CASE_REVIEW: "Serious case review",
  OTHER_INDEPENDENT_REVIEW: "Independent review",
  NEAR_MISS_REVIEW: "Near-miss review",
  LEARNING_REVIEW: "Learning review",
  STRATEGIC_REVIEW: "Strategic review",
};

/** §24: which kinds a ground allows, and that an SCR has none. */
function checkKindAndGround(
  kind: ReviewKind,
  ground: OtherReviewGround | null,
  field: string,
): void {
  if (kind === "SERIOUS_CASE_REVIEW") {
    if (ground)
      throw new ValidationError(`${field}.ground`, "An SCR is held on §19–20, not a §24 ground");
    return;
  }
  if (!ground)
    throw new ValidationError(
      `${field}.ground`,
      "A review other than an SCR names its §24 ground (§21, §24)",
    );
  // §24 I: a near-miss review is the review of a near miss or of harm below the threshold.
  if (kind === "NEAR_MISS_REVIEW" && ground !== "NEAR_MISS_OR_HARM_BELOW_THRESHOLD")
    throw new ValidationError(
      `${field}.ground`,
      "A near-miss review is held on §24 I (near misses or harm below the SCR threshold)",
    );
}

function checkAgencies(ids: readonly string[], field: string): string[] {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError(field, `At most ${MAX_AGENCIES_PER_CASE} agencies`);
  return unique;
}

function checkCases(ids: readonly string[], field: string): string[] {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length)
    throw new ValidationError(field, "A case is listed more than once");
  if (unique.length > MAX_REVIEW_CASES)
    throw new ValidationError(field, `A review covers at most ${MAX_REVIEW_CASES} cases at once`);
  return unique;
}

const empty = {
  informedAgencyIds: [],
  leadReviewerId: null,
  leadReviewerPersonId: null,
  panelPersonIds: [],
  reviewerAgencyIds: [],
  milestoneCount: 0,
  panelCount: 0,
  contributionCount: 0,
  findingCount: 0,
  familyContactCount: 0,
  consentCount: 0,
  attachmentCount: 0,
  caseChangeCount: 0,
  shareCount: 0,
  eventCount: 0,
  publication: null,
  withholding: null,
  version: 1,
} as const;

/** What the board says when it commissions a review without a notification (§24). */
export interface CommissionInput {
  readonly kind: ReviewKind;
  readonly ground: OtherReviewGround;
  readonly title: string;
  readonly method?: string | null;
  readonly termsOfReference?: string | null;
  readonly caseIds?: readonly string[] | null;
  readonly participatingAgencyIds?: readonly string[] | null;
  readonly commissionedOn: string;
  readonly targetDate: string;
  /** §24 I: an escalation of a near-miss report the board answers with this review. */
  readonly escalationId?: string | null;
  /** §24 III: the business-plan priority it serves. */
  readonly businessPriorityId?: string | null;
}

/**
 * §21, §24: a review or learning exercise the board commissions without a notification, on one
 * of the §24 grounds. An SCR is held only on the Independent Chair's decision (§18).
 */
export function commissionReview(
  input: CommissionInput,
  id: string,
  partnershipId: string,
  rec: Recorder,
): Review {
  if (input.kind === "SERIOUS_CASE_REVIEW")
    throw new ValidationError(
      "input.kind",
      "An SCR is held only on the Independent Chair's decision on a notification (§18)",
    );
  checkKindAndGround(input.kind, input.ground, "input");
  if (input.escalationId && input.ground !== "NEAR_MISS_OR_HARM_BELOW_THRESHOLD")
    throw new ValidationError(
      "input.ground",
      "A review answering an escalated near miss is on §24 I (NEAR_MISS_OR_HARM_BELOW_THRESHOLD)",
    );
  checkPastDate(input.commissionedOn, rec.today, "input.commissionedOn");
  checkPlanDate(input.targetDate, rec.today, "input.targetDate");
  if (input.targetDate <= input.commissionedOn)
    throw new ValidationError("input.targetDate", "The target date is after commissioning");
  return {
    ...empty,
    id,
    partnershipId,
    kind: input.kind,
    ground: input.ground,
    title: requiredText(input.title, "input.title", "A title"),
    method: optionalText(input.method),
    termsOfReference: optionalText(input.termsOfReference),
    notificationId: null,
    escalationId: input.escalationId ?? null,
    businessPriorityId: input.businessPriorityId ?? null,
    commissionedOn: input.commissionedOn,
    targetDate: input.targetDate,
    status: "COMMISSIONED",
    statusOn: input.commissionedOn,
    caseIds: checkCases(input.caseIds ?? [], "input.caseIds"),
    participatingAgencyIds: checkAgencies(
      input.participatingAgencyIds ?? [],
      "input.participatingAgencyIds",
    ),
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

/** The notification a Chair's decision commissions a review from. */
export interface DecidedNotification {
  readonly id: string;
  readonly partnershipId: string;
  readonly caseIds: readonly string[];
  /** §18: the agencies concerned (notifier, those it names, and its cases'). */
  readonly concernedAgencyIds: readonly string[];
  /** The first case's pseudonym, for the internal title. */
  readonly pseudonym: string | null;
}

/**
 * §18–21: the review a Chair's decision commissions: an SCR (target six months from the
 * decision), or another review on the §24 ground and with the method the Chair named. Its cases
 * are the notification's, its participating agencies those concerned with it.
 */
export function reviewFromDecision(
  n: DecidedNotification,
  decision: {
    readonly outcome: "SERIOUS_CASE_REVIEW" | "OTHER_REVIEW";
    readonly otherReview: {
      readonly ground: OtherReviewGround;
      readonly method: string;
      readonly kind?: ReviewKind | null;
    } | null;
  },
  id: string,
  rec: Recorder,
): Review {
  const scr = decision.outcome === "SERIOUS_CASE_REVIEW";
  const kind: ReviewKind = scr
    ? "SERIOUS_CASE_REVIEW"
    : (decision.otherReview?.kind ?? "OTHER_INDEPENDENT_REVIEW");
  const ground = scr ? null : (decision.otherReview?.ground ?? null);
  checkKindAndGround(kind, ground, "input.otherReview");
  return {
    ...empty,
    id,
    partnershipId: n.partnershipId,
    kind,
    ground,
    title: `${LABELS[kind]}${n.pseudonym ? `: ${n.pseudonym}` : ""}`,
    method: scr ? null : (decision.otherReview?.method ?? null),
    termsOfReference: null,
    notificationId: n.id,
    commissionedOn: rec.today,
    // §18–20: six months for an SCR; the board sets another review's own target later.
    targetDate: scrTarget(rec.today),
    status: "COMMISSIONED",
    statusOn: rec.today,
    caseIds: checkCases(n.caseIds, "input.id").slice(0, MAX_REVIEW_CASES),
    participatingAgencyIds: [...new Set(n.concernedAgencyIds)].slice(0, MAX_AGENCIES_PER_CASE),
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

export interface ReviewDetailsInput {
  readonly title?: string | null;
  readonly method?: string | null;
  readonly termsOfReference?: string | null;
  readonly targetDate?: string | null;
  readonly participatingAgencyIds?: readonly string[] | null;
}

/**
 * The review's details: title, §22 method, terms of reference, participating agencies, and (not
 * for an SCR, whose target is fixed by its decision) the target date. Absent fields keep their
 * value. Closed reviews change no more.
 */
export function updateDetails(
  r: Review,
  input: ReviewDetailsInput,
  today: string,
): Partial<Review> {
  checkNotClosed(r);
  const out: { -readonly [K in keyof Review]?: Review[K] } = {};
  if (input.title != null) out.title = requiredText(input.title, "input.title", "A title");
  if (input.method !== undefined) out.method = optionalText(input.method);
  if (input.termsOfReference !== undefined)
    out.termsOfReference = optionalText(input.termsOfReference);
  if (input.targetDate != null) {
    if (r.kind === "SERIOUS_CASE_REVIEW")
      throw new ValidationError(
        "input.targetDate",
        "An SCR's target is six months from the Chair's decision",
      );
    checkPlanDate(input.targetDate, today, "input.targetDate");
    if (input.targetDate <= r.commissionedOn)
      throw new ValidationError("input.targetDate", "The target date is after commissioning");
    out.targetDate = input.targetDate;
  }
  if (input.participatingAgencyIds != null) {
    const next = checkAgencies(input.participatingAgencyIds, "input.participatingAgencyIds");
    // Agencies that contributed stay: what they gave is part of the review (§29).
    out.participatingAgencyIds = next;
  }
  return out;
}

/** Refuses changes to a closed review. */
export function checkNotClosed(r: Review): void {
  if (r.status === "CLOSED") throw new ConflictError("The review is closed", "STATE");
}

/** Refuses work that belongs before the board accepts the report. */
export function checkActive(r: Review, what: string): void {
  if (!ACTIVE_REVIEW_STATUSES.includes(r.status))
    throw new ConflictError(`${what} while the review is under way, not when ${r.status}`, "STATE");
}

/** Adds an event to the history, bounded. */
export function countEvent(r: Review): Partial<Review> {
  if (r.eventCount >= MAX_REVIEW_EVENTS)
    throw new ValidationError("input", `A review records at most ${MAX_REVIEW_EVENTS} changes`);
  return { eventCount: r.eventCount + 1 };
}

export interface TransitionReviewInput {
  readonly to: ReviewStatus;
  readonly on: string;
  readonly reason?: string | null;
}

/** What the transition needs to know beyond the review. */
export interface TransitionFacts {
  /** Cases (current) with no contact with the family recorded (§27). */
  readonly casesWithoutFamilyContact: readonly string[];
  readonly findings: number;
}

/**
 * Moves a review along its lifecycle: only the allowed steps, dated in order and not in the
 * future. Publication and withholding have their own operations (§33). §27: an SCR or near-miss
 * review goes to draft report only once family involvement was sought for each of its cases.
 */
export function transitionReview(
  r: Review,
  input: TransitionReviewInput,
  facts: TransitionFacts,
  id: string,
  rec: Recorder,
): { change: Partial<Review>; event: ReviewEvent } {
  checkPastDate(input.on, rec.today, "input.on");
  if (input.on < r.statusOn)
    throw new ValidationError(
      "input.on",
      `The date is before the review's last step (${r.status} on ${r.statusOn})`,
    );
  if (input.to === "PUBLISHED" || input.to === "PUBLICATION_WITHHELD")
    throw new ValidationError(
      "input.to",
      "Publish with publishReview, withhold with withholdPublication (§33)",
    );
  const allowed = REVIEW_TRANSITIONS[r.status];
  if (!allowed.includes(input.to))
    throw new ValidationError(
      "input.to",
      `A ${r.status} review cannot become ${input.to}; allowed: ${allowed.join(", ") || "none (closed)"}`,
    );
  if (input.to === "DRAFT_REPORT") {
    if (familyRegime(r) === "STATUTORY" && facts.casesWithoutFamilyContact.length)
      throw new ValidationError(
        "input.to",
        `Seek the family's involvement first (§27): no contact recorded for case ${facts.casesWithoutFamilyContact.join(", ")}`,
      );
    if (facts.findings === 0)
      throw new ValidationError("input.to", "A draft report records its findings first (§5–6)");
  }
  // §33: a withheld review is closed only when the board decided not to publish it.
  if (
    input.to === "CLOSED" &&
    r.status === "PUBLICATION_WITHHELD" &&
    r.withholding?.decision !== "DO_NOT_PUBLISH"
  )
    throw new ValidationError(
      "input.to",
      "A delayed publication is published when the delay ends, or withheld for good first (§33)",
    );
  const reason = optionalText(input.reason);
  if (input.to === "IN_PROGRESS" && r.status === "DRAFT_REPORT" && !reason)
    throw new ValidationError("input.reason", "Say why the draft report goes back");
  return {
    change: { status: input.to, statusOn: input.on, ...countEvent(r) },
    event: { id, from: r.status, to: input.to, on: input.on, by: rec.by, reason },
  };
}

/** When a review's target passed and its report is not accepted: overdue from the next day. */
export function reviewPastTargetSince(r: Review, today: string): string | null {
  return ACTIVE_REVIEW_STATUSES.includes(r.status) && today > r.targetDate
    ? addDays(r.targetDate, 1)
    : null;
}

/** When a milestone not completed became late (the day after its due date). */
export function milestoneLateSince(m: Milestone, today: string): string | null {
  return !m.completedOn && today > m.dueDate ? addDays(m.dueDate, 1) : null;
}

/**
 * A review is overdue from the first day its target passed or a milestone was late, whichever
 * came first (null when neither).
 */
export function reviewOverdueSince(
  r: Review,
  milestones: readonly Milestone[],
  today: string,
): string | null {
  const dates = [
    reviewPastTargetSince(r, today),
    ...(CONCLUDED_REVIEW_STATUSES.includes(r.status)
      ? []
      : milestones.map((m) => milestoneLateSince(m, today))),
  ].filter((d): d is string => d !== null);
  return dates.sort()[0] ?? null;
}

export interface MilestoneInput {
  readonly name: string;
  readonly dueDate: string;
}

/** A milestone of the plan, due within the planning horizon; at most MAX_MILESTONES. */
export function newMilestone(r: Review, input: MilestoneInput, rec: Recorder): Milestone {
  checkNotClosed(r);
  if (r.milestoneCount >= MAX_MILESTONES)
    throw new ValidationError("input", `A review plans at most ${MAX_MILESTONES} milestones`);
  checkPlanDate(input.dueDate, rec.today, "input.dueDate");
  if (input.dueDate < r.commissionedOn)
    throw new ValidationError("input.dueDate", "A milestone is due after commissioning");
  const seq = r.milestoneCount + 1;
  return {
    id: numberedId(r.id, seq),
    partnershipId: r.partnershipId,
    reviewId: r.id,
    seq,
    reviewCommissionedOn: r.commissionedOn,
    name: requiredText(input.name, "input.name", "A name"),
    dueDate: input.dueDate,
    completedOn: null,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

export interface MilestoneUpdateInput {
  readonly name?: string | null;
  readonly dueDate?: string | null;
  readonly completedOn?: string | null;
}

/** A milestone rescheduled, renamed or completed (completed on a past date, not before commissioning). */
export function updateMilestone(
  m: Milestone,
  input: MilestoneUpdateInput,
  today: string,
): Partial<Milestone> {
  const out: { -readonly [K in keyof Milestone]?: Milestone[K] } = {};
  if (input.name != null) out.name = requiredText(input.name, "input.name", "A name");
  if (input.dueDate != null) {
    checkPlanDate(input.dueDate, today, "input.dueDate");
    if (input.dueDate < m.reviewCommissionedOn)
      throw new ValidationError("input.dueDate", "A milestone is due after commissioning");
    out.dueDate = input.dueDate;
  }
  if (input.completedOn !== undefined) {
    if (input.completedOn !== null) {
      checkPastDate(input.completedOn, today, "input.completedOn");
      if (input.completedOn < m.reviewCommissionedOn)
        throw new ValidationError(
          "input.completedOn",
          "A milestone is completed after commissioning",
        );
    }
    out.completedOn = input.completedOn;
  }
  return out;
}

/**
 * The cases a review covers, changed: added (with a reason), or one replaced by an alternative
 * (§31). Either way a change record keeps the history.
 */
export function changeCases(
  r: Review,
  caseId: string,
  replaces: string | null,
  field: string,
): Partial<Review> {
  checkActive(r, "Cases change");
  if (r.caseChangeCount >= MAX_CASE_CHANGES)
    throw new ValidationError(
      field,
      `A review changes its cases at most ${MAX_CASE_CHANGES} times`,
    );
  if (r.caseIds.includes(caseId))
    throw new ValidationError(field, "The review covers this case already");
  if (replaces && !r.caseIds.includes(replaces))
    throw new ValidationError("input.caseId", "The review does not cover this case");
  const caseIds = [...r.caseIds.filter((c) => c !== replaces), caseId];
  if (caseIds.length > MAX_REVIEW_CASES)
    throw new ValidationError(field, `A review covers at most ${MAX_REVIEW_CASES} cases at once`);
  return { caseIds, caseChangeCount: r.caseChangeCount + 1 };
}
