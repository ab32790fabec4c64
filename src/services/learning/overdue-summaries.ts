import { authorize } from "../../auth/policy";
import { BOARD, type OverdueSummary } from "../../domain/overdue";
import { mapPage, type Page, pageSize } from "../../domain/pagination";
import type { ServiceContext } from "../context";
import { authed } from "../shared";

export interface OverdueSummaryView {
  /** Stable: the agency (or BOARD) and the day. */
  id: string;
  agencyId: string | null;
  asOf: string;
  overdueActionCount: number;
  overdueActions: { id: string; date: string }[];
  revisitDueCount: number;
  revisitsDue: { id: string; date: string }[];
  /** §13–14: the board's summary only (empty for an agency's). */
  auditDue: { id: string; kind: "MEETING" | "EXERCISE"; dueOn: string; overdue: boolean }[];
}

const view = (s: OverdueSummary): OverdueSummaryView => ({
  id: `${s.agencyKey}:${s.asOf}`,
  agencyId: s.agencyKey === BOARD ? null : s.agencyKey,
  asOf: s.asOf,
  overdueActionCount: s.overdueActionCount,
  overdueActions: s.overdueActions.map((a) => ({ id: a.id, date: a.dueDate })),
  revisitDueCount: s.revisitDueCount,
  revisitsDue: s.revisitsDue.map((r) => ({ id: r.id, date: r.revisitOn })),
  auditDue: (s.auditDue ?? []).map((a) => ({ id: `${a.kind}:${a.dueOn}`, ...a })),
});

/**
 * The overdue job's summaries: an agency's (its lead and the board), newest first; or every
 * agency's for one day (the board; the latest day by default).
 */
export async function listOverdueSummaries(
  ctx: ServiceContext,
  filter: { agencyId?: string | null; asOf?: string | null },
  first?: number | null,
  after?: string | null,
): Promise<Page<OverdueSummaryView>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const pid = c.principal.partnershipId;
  const summaries = c.store.overdueSummaries;
  if (filter.agencyId) {
    authorize(c.principal, "overdue:read", { agencyIds: [filter.agencyId] });
    return mapPage(await summaries.listForAgency(pid, filter.agencyId, size, after), view);
  }
  authorize(c.principal, "overdue:read");
  const day = filter.asOf ?? (await summaries.latestDay(pid, BOARD));
  if (!day) return { edges: [], hasNextPage: false, endCursor: null };
  return mapPage(await summaries.listForDay(pid, day, size, after), view);
}
