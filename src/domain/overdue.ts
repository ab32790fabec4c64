/**
 * What the daily overdue check finds (§35–36): per agency, and for the board's own work.
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
  /** §13–14, the board's summary only: the audit group's meeting or exercise falling due. */
  readonly auditDue?: readonly AuditDue[] | null;
}

/** A cadence of the audit group falling due (within AUDIT_DUE_NOTICE_DAYS) or overdue. */
export interface AuditDue {
  readonly kind: "MEETING" | "EXERCISE";
  readonly dueOn: string;
  readonly overdue: boolean;
}
