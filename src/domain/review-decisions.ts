import type { Versioned } from "./entities";
import { ConflictError, ValidationError } from "./errors";
import type { Category, IncidentNotification } from "./notifications";
import type { ReviewKind } from "./review-kinds";

/**
 * The decision whether to hold a serious case review (§18–21, §24).
 */

export const REVIEW_OUTCOMES = ["SERIOUS_CASE_REVIEW", "OTHER_REVIEW", "NO_REVIEW"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** §24: grounds for a review or learning exercise other than an SCR. */
export const OTHER_REVIEW_GROUNDS = [
  /** §24 I: near misses, or serious harm below the SCR threshold. */
  "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
  /** §24 II: potential for important learning and service improvement. */
  "POTENTIAL_FOR_LEARNING",
  /** §24 III: progress on strategic objectives and the business plan. */
  "STRATEGIC_BUSINESS_PLAN",
  /** §24 IV: new areas of vulnerability and risk. */
  "NEW_AREAS_OF_VULNERABILITY",
] as const;
export type OtherReviewGround = (typeof OTHER_REVIEW_GROUNDS)[number];

/** §20: the five factors the Chair weighs for a category IV incident. */
export const SECTION_20_FACTORS = [
  "natureOfHarm",
  "evidenceOfConcernAboutServices",
  "publicConfidence",
  "likelihoodOfAdditionalLearning",
  "otherMethodsWouldAchieveLearning",
] as const;
export type Section20Factor = (typeof SECTION_20_FACTORS)[number];
export type Section20Assessment = Record<Section20Factor, string>;

export interface Recorded {
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface SubgroupRecommendation extends Recorded {
  readonly recommendation: ReviewOutcome;
  readonly rationale: string;
}

export interface AgencyView extends Recorded {
  readonly agencyId: string;
  readonly view: string;
  readonly supportsSeriousCaseReview: boolean | null;
}

export interface Dissent extends Recorded {
  readonly id: string;
  readonly view: string;
}

export interface ChairDecision extends Recorded {
  readonly outcome: ReviewOutcome;
  /** Written reasons, always (§18); readable only by legitimately concerned parties. */
  readonly reasons: string;
  /** §20: for category IV, whether there is cause for concern about how agencies worked together. */
  readonly causeForConcernAboutWorkingTogether: boolean | null;
  readonly section20: Section20Assessment | null;
  /** §21/§24: the other review or learning exercise commissioned, if any. */
  readonly otherReview: {
    readonly ground: OtherReviewGround;
    readonly method: string;
    /** The kind of review (null: an independent review, Table 1). */
    readonly kind: ReviewKind | null;
  } | null;
  /** The dissenting views the Chair had before deciding (every one recorded). */
  readonly dissentsConsidered: readonly string[];
  /** The review the decision commissioned (§18–21), created with it. */
  readonly reviewId: string | null;
}

/**
 * The decision record of one notification; its state is derived, never stored. Dissents and
 * agency views accumulate, so each is its own record; the decision counts them (and its version
 * moves with every one, so the Chair decides on what they last read).
 */
export interface ReviewDecision extends Versioned {
  readonly notificationId: string;
  readonly partnershipId: string;
  readonly category: Category;
  readonly subgroupRecommendation: SubgroupRecommendation | null;
  readonly dissentCount: number;
  readonly agencyViewCount: number;
  readonly decision: ChairDecision | null;
}

/** The most dissents one decision takes (a record can never be made unwritable). */
export const MAX_DISSENTS = 20;
/** The longest dissenting view or agency view, in characters. */
export const MAX_VIEW_LENGTH = 5_000;
/** The most agency views one decision takes, a new view of an agency superseding its last. */
export const MAX_AGENCY_VIEWS = 100;

/** The decision record a notification gets when it is submitted: nothing recorded yet. */
export function openDecision(n: IncidentNotification, at: string): ReviewDecision {
  return {
    notificationId: n.id,
    partnershipId: n.partnershipId,
    category: n.category as Category,
    subgroupRecommendation: null,
    agencyViewCount: 0,
    dissentCount: 0,
    decision: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export const DECISION_STATES = ["AWAITING_RECOMMENDATION", "AWAITING_DECISION", "DECIDED"] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

export function decisionState(d: ReviewDecision): DecisionState {
  if (d.decision) return "DECIDED";
  return d.subgroupRecommendation ? "AWAITING_DECISION" : "AWAITING_RECOMMENDATION";
}

/** What the SCR subgroup sends the Chair (§18). */
export interface SubgroupRecommendationFields {
  readonly recommendation: ReviewOutcome;
  readonly rationale: string;
}

/** What a member agency says before the decision (§18). */
export interface AgencyViewFields {
  readonly view: string;
  readonly supportsSeriousCaseReview?: boolean | null;
}

export interface DecisionInput {
  readonly outcome: ReviewOutcome;
  readonly reasons: string;
  readonly causeForConcernAboutWorkingTogether?: boolean | null;
  readonly section20?: { readonly [F in Section20Factor]?: string | null } | null;
  readonly otherReview?: {
    ground: OtherReviewGround;
    method: string;
    kind?: ReviewKind | null;
  } | null;
  readonly dissentsConsidered?: readonly string[] | null;
}

/** Refuses changes to a decision record once the Chair has decided. */
export function checkStillOpen(d: ReviewDecision): void {
  if (d.decision)
    throw new ConflictError(
      "The Independent Chair has already decided on this notification",
      "STATE",
    );
}

/** §18: a dissenting view of the SCR group, recorded while the decision is open. */
export function addDissent(d: ReviewDecision): Partial<ReviewDecision> {
  checkStillOpen(d);
  if (d.dissentCount >= MAX_DISSENTS)
    throw new ValidationError(
      "input.view",
      `A decision takes at most ${MAX_DISSENTS} dissenting views`,
    );
  return { dissentCount: d.dissentCount + 1 };
}

/** §18: a member agency's view, recorded while the decision is open. */
export function addAgencyView(d: ReviewDecision): Partial<ReviewDecision> {
  checkStillOpen(d);
  if (d.agencyViewCount >= MAX_AGENCY_VIEWS)
    throw new ValidationError("input", `A decision takes at most ${MAX_AGENCY_VIEWS} agency views`);
  return { agencyViewCount: d.agencyViewCount + 1 };
}

/** The view each agency holds now: its latest. */
export function currentViews(views: readonly AgencyView[]): AgencyView[] {
  const latest = new Map<string, AgencyView>();
  for (const v of views) latest.set(v.agencyId, v);
  return [...latest.values()];
}

/**
 * §18–21: the Chair's decision, checked against the rules of the framework. Returns the decision
 * to record. Who may decide (only the Independent Chair, §18) is the policy module's to say.
 */
export function checkDecision(
  d: ReviewDecision,
  dissents: readonly Dissent[],
  input: DecisionInput,
  field = "input",
): Omit<ChairDecision, keyof Recorded | "reviewId"> {
  checkStillOpen(d);
  // §18: the Chair decides taking into account the SCR subgroup's recommendation.
  if (!d.subgroupRecommendation)
    throw new ValidationError(
      `${field}.outcome`,
      "The SCR subgroup's recommendation must be recorded before the Chair decides (§18)",
    );
  // §18: reasons in writing, always.
  const reasons = input.reasons.trim();
  if (!reasons)
    throw new ValidationError(`${field}.reasons`, "The decision needs written reasons (§18)");
  // §18: dissenting views must reach the Chair: every one recorded must be acknowledged.
  const recorded = new Set(dissents.map((x) => x.id));
  const considered = new Set(input.dissentsConsidered ?? []);
  const unseen = [...recorded].filter((id) => !considered.has(id));
  if (unseen.length)
    throw new ValidationError(
      `${field}.dissentsConsidered`,
      `Dissenting views not yet considered by the Chair: ${unseen.join(", ")} (§18)`,
    );
  const sent = input.dissentsConsidered ?? [];
  const firstUnknown = sent.findIndex((id) => !recorded.has(id));
  if (firstUnknown >= 0)
    throw new ValidationError(
      `${field}.dissentsConsidered.${firstUnknown}`,
      `Unknown dissent: ${[...new Set(sent.filter((id) => !recorded.has(id)))].join(", ")}`,
    );

  let section20: Section20Assessment | null = null;
  let concern: boolean | null = null;
  if (d.category !== "IV") {
    // §19: categories I–III require an SCR.
    if (input.outcome !== "SERIOUS_CASE_REVIEW")
      throw new ValidationError(
        `${field}.outcome`,
        `A category ${d.category} incident requires a serious case review (§19)`,
      );
  } else {
    // §20: the Chair's assessment of each of the five factors.
    const given = input.section20 ?? {};
    for (const factor of SECTION_20_FACTORS)
      if (!given[factor]?.trim())
        throw new ValidationError(
          `${field}.section20.${factor}`,
          `Assess the §20 factor '${factor}' before deciding on a category IV incident`,
        );
    section20 = Object.fromEntries(
      SECTION_20_FACTORS.map((f) => [f, (given[f] as string).trim()]),
    ) as Section20Assessment;
    if (input.causeForConcernAboutWorkingTogether == null)
      throw new ValidationError(
        `${field}.causeForConcernAboutWorkingTogether`,
        "Say whether there is cause for concern about how agencies worked together (§20)",
      );
    concern = input.causeForConcernAboutWorkingTogether;
    // §20: with cause for concern about working together, an SCR is required.
    if (concern && input.outcome !== "SERIOUS_CASE_REVIEW")
      throw new ValidationError(
        `${field}.outcome`,
        "With cause for concern about how agencies worked together an SCR is required (§20)",
      );
  }

  // §21/§24: another review may be commissioned where the SCR threshold is not met.
  let otherReview: ChairDecision["otherReview"] = null;
  if (input.outcome === "OTHER_REVIEW") {
    const method = input.otherReview?.method.trim();
    if (!input.otherReview || !method)
      throw new ValidationError(
        `${field}.otherReview`,
        "Name the review method and its §24 ground when commissioning another review (§21)",
      );
    // §24: a near miss or harm below the threshold is reviewed as such; an SCR is not another review.
    const kind = input.otherReview.kind ?? null;
    if (kind === "SERIOUS_CASE_REVIEW")
      throw new ValidationError(
        `${field}.otherReview.kind`,
        "A serious case review is decided as SERIOUS_CASE_REVIEW, not as another review",
      );
    if (
      kind === "NEAR_MISS_REVIEW" &&
      input.otherReview.ground !== "NEAR_MISS_OR_HARM_BELOW_THRESHOLD"
    )
      throw new ValidationError(
        `${field}.otherReview.ground`,
        "A near-miss review is held on §24 I (near misses or harm below the SCR threshold)",
      );
    otherReview = { ground: input.otherReview.ground, method, kind };
  } else if (input.otherReview)
    throw new ValidationError(
      `${field}.otherReview`,
      "Only an OTHER_REVIEW decision commissions another review",
    );

  return {
    outcome: input.outcome,
    reasons,
    causeForConcernAboutWorkingTogether: concern,
    section20,
    otherReview,
    dissentsConsidered: [...recorded],
  };
}
