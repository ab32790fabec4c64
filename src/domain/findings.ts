import type { Versioned } from "./entities";
import { ConflictError, ValidationError } from "./errors";
import type { SourceKind } from "./recommendations";
import { numberedId, type Recorder, type Review, type ReviewKind } from "./reviews";
import { requiredText } from "./text";

/**
 * §5–6: what a review found, in systemic terms: what happened, and why in the fullest sense (the
 * organisational pattern, not who is to blame), the evidence for it, and the questions it puts
 * to the board. Recommendations are made from findings (§35) and linked both ways.
 */

export const MAX_FINDINGS = 50;
/** The most recommendations made from one finding. */
export const MAX_FINDING_RECOMMENDATIONS = 20;

export interface Finding extends Versioned {
  /** `<reviewId>:<n>`. */
  readonly id: string;
  readonly partnershipId: string;
  readonly reviewId: string;
  readonly seq: number;
  readonly title: string;
  readonly whatHappened: string;
  /** §5–6: why, as a pattern of the system (organisational factors), not individual blame. */
  readonly systemicPattern: string;
  readonly evidence: string;
  readonly questionsForBoard: string;
  readonly recommendationIds: readonly string[];
  readonly recordedBy: string;
}

export interface FindingInput {
  readonly title: string;
  readonly whatHappened: string;
  readonly systemicPattern: string;
  readonly evidence: string;
  readonly questionsForBoard: string;
}

/** §5–6: a finding, recorded while the review is under way or its draft report is considered. */
export function newFinding(r: Review, input: FindingInput, rec: Recorder): Finding {
  if (!["IN_PROGRESS", "DRAFT_REPORT"].includes(r.status))
    throw new ConflictError(
      `Findings are recorded while the review is in progress, not when ${r.status}`,
      "STATE",
    );
  if (r.findingCount >= MAX_FINDINGS)
    throw new ValidationError("input", `A review records at most ${MAX_FINDINGS} findings`);
  const seq = r.findingCount + 1;
  return {
    id: numberedId(r.id, seq),
    partnershipId: r.partnershipId,
    reviewId: r.id,
    seq,
    title: requiredText(input.title, "input.title", "A title"),
    whatHappened: requiredText(input.whatHappened, "input.whatHappened", "What happened"),
    // §6: investigations seek to understand 'why' in the fullest sense.
    systemicPattern: requiredText(
      input.systemicPattern,
      "input.systemicPattern",
      "Why it happened, as a pattern of the system (§5–6),",
    ),
    evidence: requiredText(input.evidence, "input.evidence", "The evidence"),
    questionsForBoard: requiredText(
      input.questionsForBoard,
      "input.questionsForBoard",
      "The questions for the board",
    ),
    recommendationIds: [],
    recordedBy: rec.by,
    version: 1,
    createdAt: rec.at,
    updatedAt: rec.at,
  };
}

/** §37: the kind of learning a review's recommendations count under. */
export const SOURCE_KIND_OF: Record<ReviewKind, SourceKind> = {
  SERIOUS_CASE_REVIEW: "SERIOUS_CASE_REVIEW",
  OTHER_INDEPENDENT_REVIEW: "OTHER_INDEPENDENT_REVIEW",
  NEAR_MISS_REVIEW: "NEAR_MISS_REVIEW",
  LEARNING_REVIEW: "LEARNING_REVIEW",
  STRATEGIC_REVIEW: "STRATEGIC_REVIEW",
};

/**
 * §35: a recommendation made from a finding, once the report is drafted and until the review is
 * closed; at most MAX_FINDING_RECOMMENDATIONS per finding. Returns the finding's change.
 */
export function linkRecommendation(
  r: Review,
  f: Finding,
  recommendationId: string,
): Partial<Finding> {
  if (!["DRAFT_REPORT", "ACCEPTED", "PUBLISHED", "PUBLICATION_WITHHELD"].includes(r.status))
    throw new ConflictError(
      `Recommendations are made from the draft report on, not when ${r.status}`,
      "STATE",
    );
  if (f.recommendationIds.length >= MAX_FINDING_RECOMMENDATIONS)
    throw new ValidationError(
      "input",
      `A finding leads to at most ${MAX_FINDING_RECOMMENDATIONS} recommendations`,
    );
  return { recommendationIds: [...f.recommendationIds, recommendationId] };
}
