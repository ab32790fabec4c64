import type { Store } from "../data/store";
import { auditDue, auditYearOf } from "../domain/audits";
import { englishDate } from "../domain/dates";
import type { Agency } from "../domain/entities";
import { BOARD, type OverdueSummary, ownerKey, SUMMARY_ITEMS } from "../domain/overdue";
import { log } from "../shared/logger";
import { complianceOf } from "./audits";

export interface OverdueRun {
  readonly asOf: string;
  readonly partnerships: number;
  readonly overdueActions: number;
  readonly revisitsDue: number;
  readonly summaries: number;
  /** §13–14: audit-group meetings and exercises falling due or overdue, over all partnerships. */
  readonly auditDue: number;
}

async function allAgencies(store: Store, partnershipId: string): Promise<Agency[]> {
  const out: Agency[] = [];
  let after: string | null = null;
  do {
    const page = await store.agencies.list(partnershipId, 100, after);
    out.push(...page.edges.map((e) => e.node));
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  return out;
}

/**
 * The scheduled overdue check (§35–36), for every partnership: finds the open actions past their
 * due date and the recommendations whose revisit date has passed, and writes one summary per
 * agency and one for the board's own work, keyed by day. It reads the due-date indexes only and
 * changes no record (when something became overdue is derived from its date, not from when the
 * job ran), so running it twice on a day writes the same summaries.
 */
export async function runOverdueJob(store: Store, now: Date): Promise<OverdueRun> {
  const asOf = englishDate(now);
  const totals = {
    partnerships: 0,
    overdueActions: 0,
    revisitsDue: 0,
    summaries: 0,
    auditDue: 0,
  };
  let after: string | null = null;
  do {
    const page = await store.partnerships.listAll(50, after);
    for (const { node: partnership } of page.edges) {
      const pid = partnership.id;
      const actions = await store.recommendations.actionsDueBefore(pid, asOf);
      const revisits = await store.recommendations.revisitsDueBefore(pid, asOf);
      const keys = [BOARD, ...(await allAgencies(store, pid)).map((a) => a.id)];
      // §13–14: the audit group's next meeting and exercise, reported to the board as they fall due.
      const audit = auditDue(await complianceOf({ store }, pid, auditYearOf(asOf), asOf), asOf);
      const summaries: OverdueSummary[] = keys.map((agencyKey) => {
        const mine = actions
          .filter((a) => ownerKey(a.owningAgencyId) === agencyKey)
          .sort((x, y) => x.dueDate.localeCompare(y.dueDate) || x.id.localeCompare(y.id));
        const due = revisits
          .filter((r) => ownerKey(r.owningAgencyId) === agencyKey)
          .sort(
            (x, y) =>
              (x.revisitOn ?? "").localeCompare(y.revisitOn ?? "") || x.id.localeCompare(y.id),
          );
        return {
          partnershipId: pid,
          agencyKey,
          asOf,
          overdueActionCount: mine.length,
          overdueActions: mine
            .slice(0, SUMMARY_ITEMS)
            .map((a) => ({ id: a.id, dueDate: a.dueDate })),
          revisitDueCount: due.length,
          revisitsDue: due
            .slice(0, SUMMARY_ITEMS)
            .map((r) => ({ id: r.id, revisitOn: r.revisitOn as string })),
          ...(agencyKey === BOARD ? { auditDue: audit } : {}),
        };
      });
      await store.overdueSummaries.putAll(summaries);
      totals.partnerships++;
      totals.overdueActions += actions.length;
      totals.revisitsDue += revisits.length;
      totals.summaries += summaries.length;
      totals.auditDue += audit.length;
    }
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  const run = { asOf, ...totals };
  log("info", "overdue job", { ...run });
  return run;
}
