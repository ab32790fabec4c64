import { randomUUID } from "node:crypto";
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../src/data/client";
import { processStreamBatch } from "../../src/handlers/aggregator";
import { DEMO } from "../../src/local/seed";
import { seedCatalogue } from "../../src/local/seed-digests";
import { StreamPoller } from "../../src/local/stream-poller";
import { rebuildAggregates } from "../../src/services/dashboard";
import { runOverdueJob } from "../../src/services/overdue-job";
import { reportVia } from "../helpers/audits";
import {
  createTables,
  ownTableNames,
  type Tenant,
  type TestApi,
  tenantOf,
  testApi,
} from "../helpers/harness";
import { DECIDE, recommendVia, submitVia } from "../helpers/notifications";
import { act, advance, recommend } from "../helpers/recommendations";

/**
 * §37, §12, §35: the board dashboard, read from counters the records' stream keeps. Tables of its
 * own (the poller reads the whole stream of its table), the demo partnership seeded whole, then a
 * scripted series of writes through the API; the aggregates are caught up by the same code the
 * aggregator Lambda runs, and compared with a recount from the source records.
 */

const PERIOD = { from: "2025-01", to: "2026-12" };
const tables = ownTableNames("dash");
let api: TestApi;
let t: Tenant;
let poller: StreamPoller;

const FIGURES = /* GraphQL */ `
  id from to months agencyId asOf uncountedRecords agency { id name }
  notifications { total byCategory { category count } byMonth { month category count } }
  decisions {
    total byOutcome { outcome count } medianWorkingDaysToDecision withinRapidReviewClock
    shareWithinRapidReviewClock
    clocks { clock metOnTime metLate overdue notYetDue shareOnTime }
  }
  reviews { total byKindAndStatus { kind status count } overdueMilestones pastTargetDate }
  contributions { agencyId agency { id name } requested outstanding late }
  recommendations {
    total byStatus { status count } byAgency { agencyId agency { id } status rag count }
  }
  actions { total byStatus { status count } byAgency { agencyId agency { id } status rag count } }
  overdue { asOf actions contributions milestones reviewsPastTarget revisitsDue reconsidersDue }
  audit { meetings meetingDates longestGapDays gapsOverThreeMonths exercises exercisesExpected }
  reports { agencyId agency { id name } kind count }
  nationalReviews { considered relevant challengeSessions gapsFound }
  effectiveness {
    sourceKind recommendations onTime late notYetDue implementedOnTimeShare evidencedImpactShare
    medianDaysToImplementation
  }
`;
const DASHBOARD = `query($period: DashboardPeriodInput!, $agencyId: ID) {
  boardDashboard(period: $period, agencyId: $agencyId) { ${FIGURES} }
}`;

// biome-ignore lint/suspicious/noExplicitAny: the dashboard's JSON, compared field by field.
type Figures = Record<string, any>;

async function dashboard(token: string, agencyId?: string) {
  const res = await api.gql<{ boardDashboard: Figures | null }>(token, DASHBOARD, {
    period: PERIOD,
    agencyId,
  });
  return res;
}

beforeAll(async () => {
  await createTables(tables, { stream: true });
  api = await testApi({ tables });
  const { seedPartnership } = await import("../../src/local/seed");
  const demo = DEMO[0];
  if (!demo) throw new Error("no demo partnership");
  await Promise.all([seedPartnership(api.store, demo), seedCatalogue(api.store)]);
  await runOverdueJob(api.store, new Date());
  t = tenantOf(api, demo);
  poller = new StreamPoller(inject("dynamoEndpoint"), tables.records, api.store);
  await poller.drain();
}, 180_000);

afterAll(async () => {
  await poller?.stop();
});

/** The whole partnership's counters of one month as stored (an empty bucket if none yet). */
async function wholePartnershipBucket(doc: DynamoDBDocumentClient, month: string) {
  const key = { pk: `T#${t.partnershipId}#DASH#ALL`, sk: month };
  const found = (await doc.send(new GetCommand({ TableName: tables.aggregates, Key: key }))).Item;
  const bucket: Record<string, unknown> = found ?? {
    ...key,
    type: "DASHBOARD_BUCKET",
    partnershipId: t.partnershipId,
    scope: "ALL",
    month,
  };
  return bucket;
}

describe("the board dashboard", () => {
  it("§37: after a scripted series of writes (creates, status changes, cancellations, withdrawals), equals a recount from the source records", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const before = await dashboard(chair);
    expect(before.errors, JSON.stringify(before.errors)).toBeUndefined();

    // Creates: notifications (one decided within the rapid-review clock), a recommendation with
    // two actions, a good-practice report.
    await submitVia(api, t, "IV");
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const recent = await submitVia(api, t, "I", { awareDate: yesterday, incidentDate: yesterday });
    const v = await recommendVia(api, t, recent.id, recent.decisionVersion);
    const decided = await api.gql(chair, DECIDE, {
      input: { id: recent.id, expectedVersion: v, outcome: "SERIOUS_CASE_REVIEW", reasons: "§19" },
    });
    expect(decided.errors, JSON.stringify(decided.errors)).toBeUndefined();
    const rec = await recommend(api, t, { madeOn: "2026-06-01", targetDate: "2026-09-01" });
    const a1 = await act(api, t, rec.id, "2026-12-20", 0);
    const a2 = await act(api, t, rec.id, "2026-07-01", 1);
    await reportVia(api, await t.token("PRACTITIONER", 2), { kind: "GOOD_PRACTICE" });
    // Status changes and a cancellation.
    const bu = await t.token("BUSINESS_UNIT");
    const moved = await api.gql(
      bu,
      `mutation($input: UpdateActionStatusInput!) { updateActionStatus(input: $input) { id status } }`,
      { input: { id: a1.id, expectedVersion: a1.version, status: "CANCELLED", on: "2026-06-02" } },
    );
    expect(moved.errors, JSON.stringify(moved.errors)).toBeUndefined();
    const done = await api.gql(
      bu,
      `mutation($input: UpdateActionStatusInput!) { updateActionStatus(input: $input) { id status } }`,
      { input: { id: a2.id, expectedVersion: a2.version, status: "COMPLETED", on: "2026-06-03" } },
    );
    expect(done.errors, JSON.stringify(done.errors)).toBeUndefined();
    const rejected = await recommend(api, t, { madeOn: "2026-05-01", targetDate: "2026-08-01" });
    await advance(api, t, rejected, [{ to: "REJECTED", on: "2026-05-02", reason: "Duplicate" }]);
    // A withdrawal: a published review's publication is withdrawn (its status moves back).
    const published = await api.gql<{
      reviews: { edges: { node: { id: string; version: number } }[] };
    }>(
      chair,
      `{ reviews(first: 50, filter: { status: PUBLISHED }) { edges { node { id version } } } }`,
    );
    const pub = published.data?.reviews.edges[0]?.node;
    expect(pub, "the demo has a published review").toBeDefined();
    if (pub) {
      const w = await api.gql(
        bu,
        `mutation($input: WithdrawPublicationInput!) { withdrawPublication(input: $input) { id status } }`,
        {
          input: {
            id: pub.id,
            expectedVersion: pub.version,
            on: new Date().toISOString().slice(0, 10),
            reason: "Legal advice received after publication",
            legalReason: "Criminal proceedings are pending",
          },
        },
      );
      expect(w.errors, JSON.stringify(w.errors)).toBeUndefined();
    }

    await poller.drain();
    const after = await dashboard(chair);
    expect(after.errors, JSON.stringify(after.errors)).toBeUndefined();
    const f = after.data?.boardDashboard as Figures;
    const b = before.data?.boardDashboard as Figures;

    // What the writes did, figure by figure.
    const count = (rows: { count: number }[], where: (r: Figures) => boolean) =>
      rows.filter(where).reduce((n, r) => n + r.count, 0);
    expect(f.notifications.total).toBe(b.notifications.total + 2);
    expect(f.decisions.total).toBe(b.decisions.total + 1);
    expect(f.decisions.withinRapidReviewClock).toBe(b.decisions.withinRapidReviewClock + 1);
    expect(count(f.notifications.byCategory, (r) => r.category === "IV")).toBe(
      count(b.notifications.byCategory, (r) => r.category === "IV") + 1,
    );
    expect(f.recommendations.total).toBe(b.recommendations.total + 2);
    expect(count(f.recommendations.byStatus, (r) => r.status === "REJECTED")).toBe(
      count(b.recommendations.byStatus, (r) => r.status === "REJECTED") + 1,
    );
    expect(f.actions.total).toBe(b.actions.total + 2);
    expect(count(f.actions.byStatus, (r) => r.status === "CANCELLED")).toBe(
      count(b.actions.byStatus, (r) => r.status === "CANCELLED") + 1,
    );
    expect(count(f.actions.byStatus, (r) => r.status === "COMPLETED")).toBe(
      count(b.actions.byStatus, (r) => r.status === "COMPLETED") + 1,
    );
    expect(
      count(f.reports, (r) => r.kind === "GOOD_PRACTICE" && r.agencyId === t.agencyIds[2]),
    ).toBe(
      count(b.reports, (r) => r.kind === "GOOD_PRACTICE" && r.agencyId === t.agencyIds[2]) + 1,
    );

    // The counters equal a recount from every source record: nothing lost, nothing twice.
    const recount = await rebuildAggregates(api.store, { dryRun: true });
    expect(recount.differences).toEqual([]);
    expect(recount.recordsCounted).toBeGreaterThan(50);

    // And, independently of the counters' code, the recommendations and actions as the API lists them.
    const recs = await api.gql<{
      recommendations: { edges: { node: { status: string; madeOn: string } }[] };
    }>(chair, `{ recommendations(first: 100) { edges { node { status madeOn } } } }`);
    const listed = (recs.data?.recommendations.edges ?? [])
      .map((e) => e.node)
      .filter((r) => r.madeOn.slice(0, 7) >= PERIOD.from && r.madeOn.slice(0, 7) <= PERIOD.to);
    expect(f.recommendations.total).toBe(listed.length);
    for (const s of f.recommendations.byStatus)
      expect(s.count, s.status).toBe(listed.filter((r) => r.status === s.status).length);
  });

  it("a replayed stream batch, and the whole stream read again, count nothing twice", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const before = await dashboard(chair);
    // A second poller reads the table's stream from its oldest record: every change again.
    const replay = new StreamPoller(inject("dynamoEndpoint"), tables.records, api.store);
    try {
      expect(await replay.drain()).toBeGreaterThan(100);
    } finally {
      await replay.stop();
    }
    const after = await dashboard(chair);
    expect(after.data).toEqual(before.data);

    // One batch handed to the handler twice: applied once, then already applied.
    const rec = await recommend(api, t, { madeOn: "2026-06-10", targetDate: "2026-10-01" });
    const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
    const key = { pk: `T#${t.partnershipId}#RECOMMENDATION#${rec.id}`, sk: "META" };
    const item = (await doc.send(new GetCommand({ TableName: tables.records, Key: key }))).Item;
    expect(item).toBeDefined();
    const { marshall } = await import("@aws-sdk/util-dynamodb");
    const event = {
      Records: [
        {
          eventName: "INSERT",
          dynamodb: {
            Keys: marshall(key),
            NewImage: marshall(item as Record<string, unknown>, { removeUndefinedValues: true }),
            SequenceNumber: "9".repeat(30),
          },
        },
      ],
    };
    const mid = await dashboard(chair);
    await processStreamBatch(api.store, event as never);
    const once = await dashboard(chair);
    await processStreamBatch(api.store, event as never);
    const twice = await dashboard(chair);
    expect(twice.data).toEqual(once.data);
    // The recommendation was counted once, whether the poller or the handler got there first.
    await poller.drain();
    const settled = await dashboard(chair);
    const total = (r: typeof mid) =>
      (r.data?.boardDashboard as Figures | undefined)?.recommendations.total;
    expect(total(settled)).toBe((total(before) ?? 0) + 1);
    expect((await rebuildAggregates(api.store, { dryRun: true })).differences).toEqual([]);
    doc.destroy();
  });

  it("an older image arriving after a newer one changes nothing", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const rec = await recommend(api, t, { madeOn: "2026-07-01", targetDate: "2026-10-01" });
    await advance(api, t, rec, [{ to: "ACCEPTED", on: "2026-07-02" }]);
    await poller.drain();
    const before = await dashboard(chair);
    const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
    const key = { pk: `T#${t.partnershipId}#RECOMMENDATION#${rec.id}`, sk: "META" };
    const item = (await doc.send(new GetCommand({ TableName: tables.records, Key: key }))).Item;
    const { marshall } = await import("@aws-sdk/util-dynamodb");
    // The PROPOSED image again, with a sequence number older than the one applied.
    const stale = { ...(item as Record<string, unknown>), status: "PROPOSED" };
    await processStreamBatch(api.store, {
      Records: [
        {
          eventName: "MODIFY",
          dynamodb: {
            Keys: marshall(key),
            NewImage: marshall(stale, { removeUndefinedValues: true }),
            SequenceNumber: "1",
          },
        },
      ],
    } as never);
    expect((await dashboard(chair)).data).toEqual(before.data);
    doc.destroy();
  });

  it("§12: an agency's lead reads their own agency's view and no other; the whole partnership's is the board's", async () => {
    const lead = await t.token("AGENCY_LEAD", 0);
    const own = await dashboard(lead, t.agencyIds[0]);
    expect(own.errors, JSON.stringify(own.errors)).toBeUndefined();
    const view = own.data?.boardDashboard as Figures;
    expect(view.agencyId).toBe(t.agencyIds[0]);
    expect(view.agency.id).toBe(t.agencyIds[0]);
    // Only its own agency appears in its per-agency rows.
    for (const rows of [view.contributions, view.reports])
      for (const r of rows) expect(r.agencyId).toBe(t.agencyIds[0]);
    for (const r of [...view.recommendations.byAgency, ...view.actions.byAgency])
      expect(r.agencyId).toBe(t.agencyIds[0]);

    for (const other of [t.agencyIds[1], randomUUID()]) {
      const res = await dashboard(lead, other);
      expect(res.data?.boardDashboard ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const whole = await dashboard(lead);
    expect(whole.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    for (const role of ["PRACTITIONER", "PARTNER_SYSTEM"] as const) {
      const res = await dashboard(await t.token(role, 0), t.agencyIds[0]);
      expect(res.errors?.[0]?.extensions?.code, role).toBe("FORBIDDEN");
    }
    // Board roles: any agency's view; an agency that does not exist is null.
    const member = await t.token("BOARD_MEMBER");
    const agencyView = await dashboard(member, t.agencyIds[1]);
    expect(agencyView.data?.boardDashboard?.agencyId).toBe(t.agencyIds[1]);
    // An id that is no agency, a scope's own name included, is null: it reads nothing.
    for (const id of [randomUUID(), "ALL", "BOARD"]) {
      const none = await dashboard(member, id);
      expect(none.errors, id).toBeUndefined();
      expect(none.data?.boardDashboard, id).toBeNull();
      expect((await dashboard(lead, id)).errors?.[0]?.extensions?.code, id).toBe("FORBIDDEN");
    }
    // The agency's view equals the whole partnership's rows for that agency.
    const wholeView = (await dashboard(member)).data?.boardDashboard as Figures;
    const mine = (rows: Figures[]) => rows.filter((r) => r.agencyId === t.agencyIds[0]);
    expect(view.recommendations.byAgency).toEqual(mine(wholeView.recommendations.byAgency));
    expect(view.reports).toEqual(mine(wholeView.reports));
    expect(view.audit).toEqual(wholeView.audit);
  });

  it("carries no personal data: no name, pseudonym, summary or free text of any record, in the figures or the export", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const res = await dashboard(chair);
    const csv = await api.gql<{ boardDashboardExport: { content: string } }>(
      chair,
      `query($p: DashboardPeriodInput!) { boardDashboardExport(period: $p, format: CSV) { content } }`,
      { p: PERIOD },
    );
    const json = JSON.stringify(res.data);
    const text = `${json}\n${csv.data?.boardDashboardExport.content}`;
    const seed = DEMO[0];
    if (!seed) throw new Error("no demo");
    const secrets = [
      ...seed.people.map((p) => p.name),
      ...seed.people.map((p) => p.email),
      ...seed.cases.map((c) => c.record.pseudonym),
      ...seed.cases.map((c) => c.identity.childName),
      ...seed.cases.map((c) => c.identity.address),
    ].filter((s): s is string => typeof s === "string" && s.length > 3);
    expect(secrets.length).toBeGreaterThan(20);
    for (const s of secrets) expect(text.includes(s), s).toBe(false);
    // Every string value of the figures is a date, a month, an enum value or an id (agency names
    // aside, which are public): nothing else could carry free text.
    const strings: string[] = [];
    const walk = (v: unknown, path: string) => {
      if (typeof v === "string") {
        if (!path.endsWith(".name")) strings.push(v);
      } else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    };
    walk(res.data, "");
    for (const s of strings)
      expect(s).toMatch(
        /^(\d{4}-\d{2}(-\d{2})?|[A-Z][A-Z0-9_]*|[0-9a-f-]{36}|dashboard:[A-Za-z0-9:-]+)$/,
      );
  });

  it("costs the same DynamoDB requests whatever the number of records", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const first = await dashboard(chair);
    for (let i = 0; i < 5; i++)
      await recommend(api, t, { madeOn: `2026-0${i + 1}-15`, targetDate: "2026-12-01" });
    await submitVia(api, t, "I");
    await poller.drain();
    const second = await dashboard(chair);
    expect(second.dynamoRequests).toBe(first.dynamoRequests);
    expect(first.dynamoRequests).toBeLessThanOrEqual(5);
    const lead = await t.token("AGENCY_LEAD", 0);
    const agency = await dashboard(lead, t.agencyIds[0]);
    expect(agency.dynamoRequests).toBeLessThanOrEqual(5);
  });

  it("exports the figures as CSV and JSON, one row per figure, with the API's values", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const q = `query($p: DashboardPeriodInput!, $f: DashboardExportFormat!) {
      boardDashboardExport(period: $p, format: $f) { id filename contentType content }
    }`;
    const csv = await api.gql<{ boardDashboardExport: Figures }>(chair, q, { p: PERIOD, f: "CSV" });
    const json = await api.gql<{ boardDashboardExport: Figures }>(chair, q, {
      p: PERIOD,
      f: "JSON",
    });
    const figures = (await dashboard(chair)).data?.boardDashboard as Figures;
    expect(csv.data?.boardDashboardExport.filename).toBe("board-dashboard-2025-01-to-2026-12.csv");
    expect(csv.data?.boardDashboardExport.contentType).toBe("text/csv; charset=utf-8");
    const lines = String(csv.data?.boardDashboardExport.content).trim().split("\r\n");
    expect(lines[0]).toBe("section,measure,month,agency_id,agency,key,value");
    expect(lines).toContain(`notifications,total,,,,,${figures.notifications.total}`);
    expect(lines).toContain(`recommendations,total,,,,,${figures.recommendations.total}`);
    const parsed = JSON.parse(json.data?.boardDashboardExport.content);
    expect(parsed.notifications).toEqual(figures.notifications);
    expect(parsed.effectiveness).toEqual(figures.effectiveness);
    expect(Object.values(parsed.agencies)).toContain(DEMO[0]?.agencies[0]?.name);
  });

  it("refuses a period that is not whole months, ends before it starts, or covers more than 24 months", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    for (const [period, field] of [
      [{ from: "2026-13", to: "2026-12" }, "period.from"],
      [{ from: "2026-01", to: "2026-1" }, "period.to"],
      [{ from: "2026-06", to: "2026-01" }, "period.to"],
      [{ from: "2024-01", to: "2026-01" }, "period.to"],
    ] as const) {
      const res = await api.gql(chair, DASHBOARD, { period });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(period)).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
    }
  });

  it("npm run aggregates:rebuild's recount corrects counters that drifted, and reports what it changed", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    await poller.drain();
    const good = await dashboard(chair);
    const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
    // Damage one bucket: an extra category-I notification that never happened.
    const bucket = await wholePartnershipBucket(doc, "2026-03");
    await doc.send(
      new PutCommand({
        TableName: tables.aggregates,
        Item: { ...bucket, "n|I": Number(bucket["n|I"] ?? 0) + 1 },
      }),
    );
    const damaged = await dashboard(chair);
    expect(damaged.data).not.toEqual(good.data);
    const report = await rebuildAggregates(api.store);
    expect(report.differences).toContainEqual(
      expect.objectContaining({ scope: "ALL", month: "2026-03", counter: "n|I" }),
    );
    expect(report.bucketsCorrected).toBeGreaterThanOrEqual(1);
    expect((await dashboard(chair)).data).toEqual(good.data);
    expect((await rebuildAggregates(api.store, { dryRun: true })).differences).toEqual([]);
    doc.destroy();
  });

  it("§16: counts each national review once, by its standing decision (the last stands)", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const subgroup = await t.token("SCR_SUBGROUP");
    await poller.drain();
    const before = (await dashboard(chair)).data?.boardDashboard as Figures;
    const digests = await api.gql<{
      nationalReviewDigests: { edges: { node: { id: string; publishedOn: string } }[] };
    }>(chair, `{ nationalReviewDigests(first: 5) { edges { node { id publishedOn } } } }`);
    const digest = digests.data?.nationalReviewDigests.edges[0]?.node;
    expect(digest, JSON.stringify(digests.errors)).toBeDefined();
    for (const relevant of [true, false, true, false]) {
      const res = await api.gql(
        subgroup,
        `mutation($input: RecordDigestRelevanceInput!) { recordDigestRelevance(input: $input) { id } }`,
        {
          input: {
            digestId: digest?.id,
            relevant,
            reason: "Reconsidered",
            decidedOn: "2026-10-01",
          },
        },
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    }
    await poller.drain();
    const after = (await dashboard(chair)).data?.boardDashboard as Figures;
    expect(after.nationalReviews.considered).toBe(before.nationalReviews.considered + 1);
    expect(after.nationalReviews.relevant).toBe(before.nationalReviews.relevant);
    expect((await rebuildAggregates(api.store, { dryRun: true })).differences).toEqual([]);
  });

  it("a record the aggregator cannot read is passed over after its retries, and everything behind it is still counted", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    await poller.drain();
    const before = (await dashboard(chair)).data?.boardDashboard as Figures;
    const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
    // A notification item missing its attributes: its entity check fails on every attempt.
    const bad = { pk: `T#${t.partnershipId}#NOTIFICATION#${randomUUID()}`, sk: "META" };
    await doc.send(
      new PutCommand({ TableName: tables.records, Item: { ...bad, type: "NOTIFICATION" } }),
    );
    await recommend(api, t, { madeOn: "2026-08-01", targetDate: "2026-12-01" });
    const skipped = poller.skipped;
    for (let i = 0; i < 8 && poller.skipped === skipped; i++) await poller.poll();
    expect(poller.skipped).toBe(skipped + 1);
    await poller.drain();
    const after = (await dashboard(chair)).data?.boardDashboard as Figures;
    expect(after.recommendations.total).toBe(before.recommendations.total + 1);
    // The rebuild reports the unreadable record and counts the rest.
    const report = await rebuildAggregates(api.store, { dryRun: true });
    expect(report.unreadable).toEqual([expect.objectContaining(bad)]);
    expect(report.differences).toEqual([]);
    await doc.send(new DeleteCommand({ TableName: tables.records, Key: bad }));
    await poller.drain();
    doc.destroy();
  });

  it("a month whose counters reach DynamoDB's item size limit: the change is counted as uncounted, the stream goes on, the rebuild counts it again", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    await poller.drain();
    const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
    const bucket = await wholePartnershipBucket(doc, "2026-02");
    // Filler (not a counter) that leaves the item no room for one more counter.
    await doc.send(
      new PutCommand({
        TableName: tables.aggregates,
        Item: { ...bucket, filler: "x".repeat(400 * 1024 - JSON.stringify(bucket).length - 16) },
      }),
    );
    const before = (await dashboard(chair)).data?.boardDashboard as Figures;
    await recommend(api, t, { madeOn: "2026-02-20", targetDate: "2026-12-20" });
    await recommend(api, t, { madeOn: "2026-03-20", targetDate: "2026-12-20" });
    await poller.drain();
    const after = (await dashboard(chair)).data?.boardDashboard as Figures;
    expect(after.uncountedRecords).toBe(before.uncountedRecords + 1);
    // The March one, behind it in the stream, was counted.
    expect(after.recommendations.total).toBe(before.recommendations.total + 1);
    // Room again (the filler gone), the rebuild counts it and nothing is uncounted any more.
    await doc.send(new PutCommand({ TableName: tables.aggregates, Item: bucket }));
    const report = await rebuildAggregates(api.store);
    expect(report.uncounted).toBe(1);
    const rebuilt = (await dashboard(chair)).data?.boardDashboard as Figures;
    expect(rebuilt.uncountedRecords).toBe(0);
    expect(rebuilt.recommendations.total).toBe(before.recommendations.total + 2);
    expect((await rebuildAggregates(api.store, { dryRun: true })).differences).toEqual([]);
    doc.destroy();
  });
});
