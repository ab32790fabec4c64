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
  overdueActions: { id: string; actionId: string; date: string }[];
  revisitDueCount: number;
  revisitsDue: { id: string; recommendationId: string; date: string }[];
  lateContributionCount: number;
  lateContributions: { id: string; contributionId: string; date: string }[];
  lateMilestoneCount: number;
  lateMilestones: { id: string; milestoneId: string; date: string }[];
  reviewPastTargetCount: number;
  reviewsPastTarget: { id: string; reviewId: string; date: string }[];
  reconsiderDueCount: number;
  reconsidersDue: { id: string; reviewId: string; date: string }[];
  /** §13–14: the board's summary only (empty for an agency's). */
  auditDue: { id: string; kind: "MEETING" | "EXERCISE"; dueOn: string; overdue: boolean }[];
}

/**
 * A summary and its items as a client caches them. An item is what one summary found about one
 * record on its day (an older summary keeps the dates it found), so its id is the summary's and
 * the record's together; the record's own id is beside it.
 */
const view = (s: OverdueSummary): OverdueSummaryView => {
  const id = `${s.agencyKey}:${s.asOf}`;
  const item = <K extends string>(key: K, recordId: string, date: string) =>
    ({ id: `${id}:${recordId}`, [key]: recordId, date }) as { id: string; date: string } & Record<
      K,
      string
    >;
  return {
    id,
    agencyId: s.agencyKey === BOARD ? null : s.agencyKey,
    asOf: s.asOf,
    overdueActionCount: s.overdueActionCount,
    overdueActions: s.overdueActions.map((a) => item("actionId", a.id, a.dueDate)),
    revisitDueCount: s.revisitDueCount,
    revisitsDue: s.revisitsDue.map((r) => item("recommendationId", r.id, r.revisitOn)),
    lateContributionCount: s.lateContributionCount,
    lateContributions: s.lateContributions.map((k) => item("contributionId", k.id, k.dueDate)),
    lateMilestoneCount: s.lateMilestoneCount,
    lateMilestones: s.lateMilestones.map((m) => item("milestoneId", m.id, m.dueDate)),
    reviewPastTargetCount: s.reviewPastTargetCount,
    reviewsPastTarget: s.reviewsPastTarget.map((r) => item("reviewId", r.id, r.targetDate)),
    reconsiderDueCount: s.reconsiderDueCount,
    reconsidersDue: s.reconsidersDue.map((r) => item("reviewId", r.id, r.reconsiderOn)),
    auditDue: (s.auditDue ?? []).map((a) => ({ id: `${id}:${a.kind}:${a.dueOn}`, ...a })),
  };
};

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
