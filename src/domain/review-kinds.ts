/** The kinds of review the board holds or commissions (§18–24; Table 1). */
export const REVIEW_KINDS = [
  /** §18–20: held on the Independent Chair's decision. */
  "SERIOUS_CASE_REVIEW",
  /** Table 1: an independent review of a serious incident below the SCR threshold. */
  "OTHER_INDEPENDENT_REVIEW",
  /** §24 I: a review of a near miss. */
  "NEAR_MISS_REVIEW",
  /** §24 II/IV: a learning or thematic review; may cover several cases (§30). */
  "LEARNING_REVIEW",
  /** §24 III: a strategic review or audit of cases for the business plan. */
  "STRATEGIC_REVIEW",
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
