import { authorize } from "../auth/policy";
import {
  type ApplyOutcome,
  describeAggregateItem,
  type RecordChange,
  type Store,
  type StoredBucket,
} from "../data/store";
import {
  ALL_SCOPE,
  bucketKey,
  buildDashboard,
  type Contribution,
  type Counters,
  contributionDelta,
  type DashboardFigures,
  type DashboardPeriod,
  nonZero,
  type OverdueCounts,
  parseBucketKey,
  periodMonths,
  sumContributions,
} from "../domain/dashboard";
import {
  agencyIdsOf,
  dashboardCsv,
  dashboardJson,
  type ExportFile,
} from "../domain/dashboard-export";
import { BOARD, type OverdueSummary } from "../domain/overdue";
import type { AuthedContext, ServiceContext } from "./context";
import { authed, today } from "./shared";

/**
 * §37, §12, §35: the board dashboard, read from the aggregates the stream keeps (a fixed number of
 * DynamoDB requests whatever the number of records: one BatchGetItem of the period's counters,
 * and the day's overdue summaries).
 */
export async function boardDashboard(
  ctx: ServiceContext,
  period: DashboardPeriod,
  agencyId: string | null,
): Promise<DashboardFigures | null> {
  const c = authed(ctx);
  // An agency's lead reads their own agency's view only: any other agency id is refused, known
  // or not, before anything is read.
  authorize(c.principal, "dashboard:read", { agencyIds: agencyId ? [agencyId] : [] });
  const months = periodMonths(period);
  const partnershipId = c.principal.partnershipId;
  // An agency id that is no agency (even one spelling a scope's name) reads nothing of its own.
  const scopes = [...new Set(agencyId ? [agencyId, ALL_SCOPE] : [ALL_SCOPE])];
  const [agency, buckets, overdue] = await Promise.all([
    agencyId ? c.loaders.agencies.load(agencyId) : null,
    c.store.aggregates.readBuckets(partnershipId, scopes, months),
    overdueCounts(c, agencyId),
  ]);
  if (agencyId && !agency) return null;
  const ofScope = (scope: string) =>
    new Map<string, Counters>(months.map((m) => [m, buckets.get(bucketKey(scope, m)) ?? {}]));
  return buildDashboard({
    period,
    agencyId,
    today: today(c),
    scoped: ofScope(agencyId ?? ALL_SCOPE),
    whole: ofScope(ALL_SCOPE),
    overdue,
  });
}

const NO_OVERDUE: OverdueCounts = {
  asOf: null,
  actions: 0,
  contributions: 0,
  milestones: 0,
  reviewsPastTarget: 0,
  revisitsDue: 0,
  reconsidersDue: 0,
};

/** The latest daily overdue check's counts: the agency's, or every summary of that day summed. */
async function overdueCounts(c: AuthedContext, agencyId: string | null): Promise<OverdueCounts> {
  const { partnershipId } = c.principal;
  const { store } = c;
  let summaries: OverdueSummary[];
  if (agencyId) {
    const page = await store.overdueSummaries.listForAgency(partnershipId, agencyId, 1);
    summaries = page.edges.map((e) => e.node);
  } else {
    const day = await store.overdueSummaries.latestDay(partnershipId, BOARD);
    summaries = [];
    let after: string | null = null;
    while (day) {
      const page = await store.overdueSummaries.listForDay(partnershipId, day, 100, after);
      summaries.push(...page.edges.map((e) => e.node));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
  }
  if (summaries.length === 0) return NO_OVERDUE;
  const sum = (f: (s: OverdueSummary) => number) => summaries.reduce((n, s) => n + f(s), 0);
  return {
    asOf: summaries[0]?.asOf ?? null,
    actions: sum((s) => s.overdueActionCount),
    contributions: sum((s) => s.lateContributionCount),
    milestones: sum((s) => s.lateMilestoneCount),
    reviewsPastTarget: sum((s) => s.reviewPastTargetCount),
    revisitsDue: sum((s) => s.revisitDueCount),
    reconsidersDue: sum((s) => s.reconsiderDueCount),
  };
}

/**
 * The aggregator: adds each change of the records to the dashboard's counters, in order. Stops at
 * the first change that fails and says which, so that the stream delivers it (and what follows)
 * again; what was applied before it is not applied twice.
 */
export async function applyRecordChanges(
  store: Store,
  changes: readonly RecordChange[],
): Promise<{ outcomes: ApplyOutcome[]; failedAt: number | null; error?: unknown }> {
  const outcomes: ApplyOutcome[] = [];
  for (let i = 0; i < changes.length; i++) {
    try {
      outcomes.push(await store.aggregates.apply(changes[i] as RecordChange));
    } catch (error) {
      return { outcomes, failedAt: i, error };
    }
  }
  return { outcomes, failedAt: null };
}

/** What `rebuildAggregates` found and corrected. */
export interface RebuildReport {
  readonly recordsScanned: number;
  readonly recordsCounted: number;
  readonly bucketsChecked: number;
  readonly bucketsCorrected: number;
  /** Counters whose stored value differed from the recount, with both values. */
  readonly differences: readonly {
    partnershipId: string;
    scope: string;
    month: string;
    counter: string;
    stored: number;
    recounted: number;
  }[];
  readonly ledgersCorrected: number;
  /** Records that do not pass their entity's checks: not counted (as the aggregator passes them over). */
  readonly unreadable: readonly { pk: string; sk: string; problem: string }[];
  /** Records counted as uncounted (a month's counters at DynamoDB's item size limit). */
  readonly uncounted: number;
  /** Buckets the recount could not write back (over DynamoDB's item size limit). */
  readonly bucketsTooLarge: readonly { partnershipId: string; scope: string; month: string }[];
}

/**
 * Recounts the dashboard's counters from the source records (a full read of the records table:
 * an operator's command, never a request), writes back every bucket that differs and every
 * source's ledger that differs, and reports the differences. With `dryRun`, writes nothing.
 * Run it while the stream is quiet: a change applied while it runs can be counted twice or not
 * at all until the next rebuild.
 */
export async function rebuildAggregates(
  store: Store,
  options: { dryRun?: boolean; progress?: (scanned: number, phase: string) => void } = {},
): Promise<RebuildReport> {
  const { aggregates } = store;
  const expectedLedgers = new Map<
    string,
    { key: { pk: string; sk: string }; partnershipId: string; contribution: Contribution }
  >();
  let scanned = 0;
  const unreadable: { pk: string; sk: string; problem: string }[] = [];
  for await (const page of aggregates.scanRecords()) {
    for (const item of page) {
      let counted: Awaited<ReturnType<typeof aggregates.contributionOfItem>>;
      try {
        counted = await aggregates.contributionOfItem(item);
      } catch (err) {
        unreadable.push({
          pk: String(item.pk),
          sk: String(item.sk),
          problem: (err as Error).message,
        });
        continue;
      }
      if (!counted || Object.keys(counted.contribution).length === 0) continue;
      const key = { pk: String(item.pk), sk: String(item.sk) };
      expectedLedgers.set(`${key.pk}\n${key.sk}`, { key, ...counted });
    }
    scanned += page.length;
    options.progress?.(scanned, "records");
  }

  const stored = new Map<string, Map<string, Counters>>();
  const storedLedgers = new Map<
    string,
    {
      seq: string;
      contribution: Contribution;
      partnershipId: string;
      key: { pk: string; sk: string };
    }
  >();
  let uncounted = 0;
  const uncountedBuckets: StoredBucket[] = [];
  for await (const page of aggregates.scanAggregates())
    for (const item of page) {
      const d = describeAggregateItem(item);
      if (d?.kind === "UNCOUNTED") {
        // Each record is uncounted once per scope: the whole partnership's count is the records'.
        if (d.bucket.scope === ALL_SCOPE) uncounted += d.bucket.counters.uncounted ?? 0;
        uncountedBuckets.push(d.bucket);
      }
      if (d?.kind === "BUCKET") {
        const m = stored.get(d.bucket.partnershipId) ?? new Map();
        stored.set(d.bucket.partnershipId, m);
        m.set(bucketKey(d.bucket.scope, d.bucket.month), d.bucket.counters);
      } else if (d?.kind === "LEDGER")
        storedLedgers.set(`${d.source.pk}\n${d.source.sk}`, { ...d, key: d.source });
    }

  // The recount: every record's contribution, summed per partnership.
  const byPartnership = new Map<string, Contribution[]>();
  for (const { partnershipId, contribution } of expectedLedgers.values()) {
    const all = byPartnership.get(partnershipId) ?? [];
    byPartnership.set(partnershipId, all);
    all.push(contribution);
  }
  const expected = new Map(
    [...byPartnership].map(([p, all]) => [p, new Map(Object.entries(sumContributions(all)))]),
  );

  const differences: RebuildReport["differences"][number][] = [];
  let bucketsChecked = 0;
  let bucketsCorrected = 0;
  const bucketsTooLarge: { partnershipId: string; scope: string; month: string }[] = [];
  for (const partnershipId of new Set([...expected.keys(), ...stored.keys()])) {
    const want = expected.get(partnershipId) ?? new Map();
    const have = stored.get(partnershipId) ?? new Map();
    for (const bk of new Set([...want.keys(), ...have.keys()])) {
      bucketsChecked++;
      const w = nonZero(want.get(bk));
      const h = nonZero(have.get(bk));
      const { scope, month } = parseBucketKey(bk);
      let differs = false;
      for (const counter of new Set([...Object.keys(w), ...Object.keys(h)]))
        if ((w[counter] ?? 0) !== (h[counter] ?? 0)) {
          differs = true;
          differences.push({
            partnershipId,
            scope,
            month,
            counter,
            stored: h[counter] ?? 0,
            recounted: w[counter] ?? 0,
          });
        }
      if (!differs) continue;
      bucketsCorrected++;
      if (!options.dryRun)
        try {
          await aggregates.putBucket({ partnershipId, scope, month, counters: w });
        } catch (err) {
          if (!/size/i.test((err as Error).message)) throw err;
          bucketsTooLarge.push({ partnershipId, scope, month });
        }
    }
  }

  let ledgersCorrected = 0;
  const same = (a: Contribution, b: Contribution) =>
    Object.keys(contributionDelta(a, b)).length === 0;
  for (const [id, want] of expectedLedgers) {
    const have = storedLedgers.get(id);
    if (have && same(have.contribution, want.contribution)) continue;
    ledgersCorrected++;
    if (!options.dryRun)
      await aggregates.putLedger(
        want.key,
        want.partnershipId,
        want.contribution,
        have?.seq ?? null,
      );
  }
  for (const [id, have] of storedLedgers) {
    if (expectedLedgers.has(id) || Object.keys(have.contribution).length === 0) continue;
    ledgersCorrected++;
    if (!options.dryRun) await aggregates.putLedger(have.key, have.partnershipId, {}, have.seq);
  }
  // Every record is counted in the buckets written back: none is uncounted any more, except in
  // a bucket too large to write.
  if (!options.dryRun)
    for (const b of uncountedBuckets)
      if (
        !bucketsTooLarge.some(
          (t) => t.partnershipId === b.partnershipId && t.scope === b.scope && t.month === b.month,
        )
      )
        await aggregates.clearUncounted(b.partnershipId, b.scope, b.month);
  options.progress?.(scanned, "done");
  return {
    recordsScanned: scanned,
    recordsCounted: expectedLedgers.size,
    bucketsChecked,
    bucketsCorrected,
    differences,
    ledgersCorrected,
    unreadable,
    uncounted,
    bucketsTooLarge,
  };
}

/** §37: the period's figures as a CSV or JSON file (null as `boardDashboard` is null). */
export async function boardDashboardExport(
  ctx: ServiceContext,
  period: DashboardPeriod,
  agencyId: string | null,
  format: "CSV" | "JSON",
): Promise<(ExportFile & { id: string }) | null> {
  const figures = await boardDashboard(ctx, period, agencyId);
  if (!figures) return null;
  const names = new Map<string, string>();
  const agencies = await Promise.all(
    agencyIdsOf(figures).map((id) => ctx.loaders.agencies.load(id)),
  );
  for (const a of agencies) if (a) names.set(a.id, a.name);
  const file = format === "CSV" ? dashboardCsv(figures, names) : dashboardJson(figures, names);
  return { id: `${figures.id}:${format}`, ...file };
}
