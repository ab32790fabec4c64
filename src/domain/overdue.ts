/**
 * What the daily overdue check finds (§28, §33, §35–36): per agency, and for the board's own work.
 */

/** The owner of work no agency owns: the board itself. */
export const BOARD = "BOARD";

/** The owner key of work owned by an agency, or by the board. */
export const ownerKey = (agencyId: string | null) => agencyId ?? BOARD;

/** The most items a summary lists (counts are always exact). */
export const SUMMARY_ITEMS = 100;

/** What the overdue job found for one agency (or the board) on one day. */
export interface OverdueSummary {
  readonly partnershipId: string;
  /** An agency id, or `BOARD` for work the board owns. */
  readonly agencyKey: string;
  readonly asOf: string;
  readonly overdueActionCount: number;
  /** Up to SUMMARY_ITEMS of them, most overdue first. */
  readonly overdueActions: readonly { readonly id: string; readonly dueDate: string }[];
  readonly revisitDueCount: number;
  readonly revisitsDue: readonly { readonly id: string; readonly revisitOn: string }[];
  /** §28: contributions the agency owes a review, past their due date (agencies' summaries). */
  readonly lateContributionCount: number;
  readonly lateContributions: readonly { readonly id: string; readonly dueDate: string }[];
  /** Review milestones past their due date and not completed (the board's summary). */
  readonly lateMilestoneCount: number;
  readonly lateMilestones: readonly { readonly id: string; readonly dueDate: string }[];
  /** Reviews past their target date without an accepted report (the board's summary). */
  readonly reviewPastTargetCount: number;
  readonly reviewsPastTarget: readonly { readonly id: string; readonly targetDate: string }[];
  /** §33: delayed publications whose date to reconsider has passed (the board's summary). */
  readonly reconsiderDueCount: number;
  readonly reconsidersDue: readonly { readonly id: string; readonly reconsiderOn: string }[];
  /** §13–14, the board's summary only: the audit group's meeting or exercise falling due. */
  readonly auditDue?: readonly AuditDue[] | null;
}

/** A cadence of the audit group falling due (within AUDIT_DUE_NOTICE_DAYS) or overdue. */
export interface AuditDue {
  readonly kind: "MEETING" | "EXERCISE";
  readonly dueOn: string;
  readonly overdue: boolean;
}
