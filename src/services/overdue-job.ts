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
  readonly lateContributions: number;
  readonly lateMilestones: number;
  readonly reviewsPastTarget: number;
  readonly reconsidersDue: number;
  readonly summaries: number;
  /** §13–14: audit-group meetings and exercises falling due or overdue, over all partnerships. */
  readonly auditDue: number;
}

/** Up to SUMMARY_ITEMS of the items, soonest date first (then by id). */
function listed<T extends { id: string }, K extends string>(
  items: readonly T[],
  date: (t: T) => string,
  name: K,
): ({ id: string } & Record<K, string>)[] {
  return [...items]
    .sort((x, y) => date(x).localeCompare(date(y)) || x.id.localeCompare(y.id))
    .slice(0, SUMMARY_ITEMS)
    .map((t) => ({ id: t.id, [name]: date(t) }) as { id: string } & Record<K, string>);
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
 * The scheduled overdue check, for every partnership: finds the open actions past their due date
 * and the recommendations whose revisit date has passed (§35–36), the contributions agencies owe
 * reviews past their due date (§28), review milestones late and reviews past their target, and
 * delayed publications whose date to reconsider has passed (§33); and writes one summary per
 * agency (its actions, revisits and contributions) and one for the board's own work (its
 * actions and revisits, and the reviews'), keyed by day. It reads the due-date indexes only and
 * changes no record (when something became overdue is derived from its date, not from when the
 * job ran), so running it twice on a day writes the same summaries.
 */
export async function runOverdueJob(store: Store, now: Date): Promise<OverdueRun> {
  const asOf = englishDate(now);
  const totals = {
    partnerships: 0,
    overdueActions: 0,
    revisitsDue: 0,
    lateContributions: 0,
    lateMilestones: 0,
    reviewsPastTarget: 0,
    reconsidersDue: 0,
    summaries: 0,
    auditDue: 0,
  };
  let after: string | null = null;
  do {
    const page = await store.partnerships.listAll(50, after);
    const ids = page.edges.map((e) => e.node.id);
    // A few partnerships at a time: each is independent of the others.
    for (let i = 0; i < ids.length; i += PARTNERSHIPS_AT_ONCE) {
      const counts = await Promise.all(
        ids.slice(i, i + PARTNERSHIPS_AT_ONCE).map((pid) => checkPartnership(store, pid, asOf)),
      );
      for (const c of counts) {
        totals.partnerships++;
        for (const k of Object.keys(c) as (keyof typeof c)[]) totals[k] += c[k];
      }
    }
    after = page.hasNextPage ? page.endCursor : null;
  } while (after);
  const run = { asOf, ...totals };
  log("info", "overdue job", { ...run });
  return run;
}

/** Partnerships checked together (each independent of the others). */
const PARTNERSHIPS_AT_ONCE = 4;

/** One partnership's overdue check: its summaries written, and what it found counted. */
async function checkPartnership(store: Store, pid: string, asOf: string) {
  // Its reads do not depend on one another: one wave.
  const [
    actions,
    revisits,
    contributions,
    milestones,
    pastTarget,
    reconsider,
    agencies,
    compliance,
  ] = await Promise.all([
    store.recommendations.actionsDueBefore(pid, asOf),
    store.recommendations.revisitsDueBefore(pid, asOf),
    store.contributions.dueBefore(pid, asOf),
    store.reviews.milestonesDueBefore(pid, asOf),
    store.reviews.pastTargetBefore(pid, asOf),
    store.reviews.reconsiderDueBefore(pid, asOf),
    allAgencies(store, pid),
    complianceOf({ store }, pid, auditYearOf(asOf), asOf),
  ]);
  const keys = [BOARD, ...agencies.map((a) => a.id)];
  // §13–14: the audit group's next meeting and exercise, reported to the board as they fall due.
  const audit = auditDue(compliance, asOf);
  const summaries: OverdueSummary[] = keys.map((agencyKey) => {
    const mine = actions
      .filter((a) => ownerKey(a.owningAgencyId) === agencyKey)
      .sort((x, y) => x.dueDate.localeCompare(y.dueDate) || x.id.localeCompare(y.id));
    const due = revisits
      .filter((r) => ownerKey(r.owningAgencyId) === agencyKey)
      .sort(
        (x, y) => (x.revisitOn ?? "").localeCompare(y.revisitOn ?? "") || x.id.localeCompare(y.id),
      );
    const late = contributions.filter((k) => k.agencyId === agencyKey);
    const board = agencyKey === BOARD;
    return {
      partnershipId: pid,
      agencyKey,
      asOf,
      overdueActionCount: mine.length,
      overdueActions: mine.slice(0, SUMMARY_ITEMS).map((a) => ({ id: a.id, dueDate: a.dueDate })),
      revisitDueCount: due.length,
      revisitsDue: due
        .slice(0, SUMMARY_ITEMS)
        .map((r) => ({ id: r.id, revisitOn: r.revisitOn as string })),
      lateContributionCount: late.length,
      lateContributions: listed(late, (k) => k.dueDate, "dueDate"),
      lateMilestoneCount: board ? milestones.length : 0,
      lateMilestones: board ? listed(milestones, (m) => m.dueDate, "dueDate") : [],
      reviewPastTargetCount: board ? pastTarget.length : 0,
      reviewsPastTarget: board ? listed(pastTarget, (r) => r.targetDate, "targetDate") : [],
      reconsiderDueCount: board ? reconsider.length : 0,
      reconsidersDue: board
        ? listed(reconsider, (r) => r.withholding?.reconsiderOn ?? "", "reconsiderOn")
        : [],
      ...(agencyKey === BOARD ? { auditDue: audit } : {}),
    };
  });
  await store.overdueSummaries.putAll(summaries);
  return {
    overdueActions: actions.length,
    revisitsDue: revisits.length,
    lateContributions: contributions.length,
    lateMilestones: milestones.length,
    reviewsPastTarget: pastTarget.length,
    reconsidersDue: reconsider.length,
    summaries: summaries.length,
    auditDue: audit.length,
  };
}
