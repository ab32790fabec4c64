import { describe, expect, it } from "vitest";
import {
  ALL_SCOPE,
  bucketKey,
  buildDashboard,
  type Contribution,
  contributionDelta,
  contributionOf,
  histogramMedian,
  meetingGaps,
  periodMonths,
  sumContributions,
} from "../../src/domain/dashboard";
import { dashboardCsv } from "../../src/domain/dashboard-export";
import type { Recommendation } from "../../src/domain/recommendations";

const NONE = {
  asOf: null,
  actions: 0,
  contributions: 0,
  milestones: 0,
  reviewsPastTarget: 0,
  revisitsDue: 0,
  reconsidersDue: 0,
};

const rec = (over: Partial<Recommendation>): Recommendation =>
  ({
    id: "r1",
    partnershipId: "p",
    source: { kind: "SERIOUS_CASE_REVIEW", activityId: null, title: "t" },
    text: "x",
    finding: "y",
    findingId: null,
    owningAgencyId: "a1",
    participatingAgencyIds: [],
    priority: "HIGH",
    businessPriorityId: null,
    madeOn: "2026-02-10",
    targetDate: "2026-05-01",
    status: "IN_PROGRESS",
    rejectionReason: null,
    implementedOn: null,
    closedOn: null,
    closedWithoutEvidence: null,
    evidenceCount: 0,
    consequenceCount: 0,
    actionCount: 0,
    revisitOn: null,
    revisitCount: 0,
    history: [],
    version: 1,
    createdAt: "2026-02-10T09:00:00Z",
    updatedAt: "2026-02-10T09:00:00Z",
    ...over,
  }) as Recommendation;

function figures(contributions: Contribution[], today: string, agencyId: string | null = null) {
  const sum = sumContributions(contributions);
  const months = periodMonths({ from: "2026-01", to: "2026-12" });
  const of = (scope: string) => new Map(months.map((m) => [m, sum[bucketKey(scope, m)] ?? {}]));
  return buildDashboard({
    period: { from: "2026-01", to: "2026-12" },
    agencyId,
    today,
    scoped: of(agencyId ?? ALL_SCOPE),
    whole: of(ALL_SCOPE),
    overdue: NONE,
  });
}

describe("dashboard figures from counters", () => {
  it("medians of a histogram, odd and even, and none", () => {
    expect(
      histogramMedian(
        new Map([
          [3, 1],
          [1, 1],
          [10, 1],
        ]),
      ),
    ).toBe(3);
    expect(
      histogramMedian(
        new Map([
          [2, 2],
          [4, 2],
        ]),
      ),
    ).toBe(3);
    expect(histogramMedian(new Map([[5, 0]]))).toBeNull();
  });

  it("§14: meeting gaps from the period's start to its end, over three calendar months counted", () => {
    expect(meetingGaps(["2026-02-01", "2026-07-15"], "2026-01-01", "2026-12-31")).toEqual({
      longestGapDays: 169,
      gapsOverThreeMonths: 2,
    });
    expect(meetingGaps([], "2026-01-01", "2026-03-31")).toEqual({
      longestGapDays: 89,
      gapsOverThreeMonths: 0,
    });
  });

  it("a period is whole months, at most 24", () => {
    expect(periodMonths({ from: "2025-11", to: "2026-02" })).toEqual([
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
    ]);
    expect(() => periodMonths({ from: "2024-01", to: "2026-01" })).toThrow(/24 months/);
    expect(() => periodMonths({ from: "2026-02", to: "2026-01" })).toThrow(/ends before/);
  });

  it("RAG and lateness are reckoned on the day read, not the day counted", () => {
    const open = contributionOf({
      kind: "RECOMMENDATION",
      record: rec({ targetDate: "2026-05-01" }),
    });
    const before = figures([open], "2026-04-01");
    expect(before.recommendations.byAgency).toEqual([
      { agencyId: "a1", status: "IN_PROGRESS", rag: "GREEN", count: 1 },
    ]);
    expect(figures([open], "2026-04-20").recommendations.byAgency[0]?.rag).toBe("AMBER");
    expect(figures([open], "2026-05-02").recommendations.byAgency[0]?.rag).toBe("RED");
    const eff = (today: string) =>
      figures([open], today).effectiveness.find((e) => e.sourceKind === "SERIOUS_CASE_REVIEW");
    expect(eff("2026-04-01")).toMatchObject({ recommendations: 1, late: 0, notYetDue: 1 });
    expect(eff("2026-05-02")).toMatchObject({ recommendations: 1, late: 1, notYetDue: 0 });
  });

  it("a record's change moves its counters: the delta takes the old contribution away", () => {
    const open = contributionOf({ kind: "RECOMMENDATION", record: rec({}) });
    const done = contributionOf({
      kind: "RECOMMENDATION",
      record: rec({ status: "IMPLEMENTED", implementedOn: "2026-04-01", evidenceCount: 1 }),
    });
    const delta = contributionDelta(open, done);
    const f = figures([open, delta], "2026-06-01");
    expect(f.recommendations.byStatus.find((s) => s.status === "IN_PROGRESS")?.count).toBe(0);
    expect(f.recommendations.byStatus.find((s) => s.status === "IMPLEMENTED")?.count).toBe(1);
    expect(f.effectiveness.find((e) => e.sourceKind === "SERIOUS_CASE_REVIEW")).toMatchObject({
      onTime: 1,
      late: 0,
      evidencedImpactShare: 1,
      medianDaysToImplementation: 50,
    });
    // A rejected recommendation has no RAG and is left out of effectiveness (§37).
    const rejected = contributionOf({
      kind: "RECOMMENDATION",
      record: rec({ status: "REJECTED" }),
    });
    const r = figures([rejected], "2026-06-01");
    expect(r.recommendations.total).toBe(1);
    expect(r.recommendations.byAgency).toEqual([]);
    expect(r.effectiveness.every((e) => e.recommendations === 0)).toBe(true);
    // The agency's own scope holds it; another agency's does not.
    expect(figures([open], "2026-06-01", "a1").recommendations.total).toBe(1);
    expect(figures([open], "2026-06-01", "a2").recommendations.total).toBe(0);
  });

  it("a CSV cell a spreadsheet would run as a formula is defused", () => {
    const f = figures([], "2026-06-01");
    const csv = dashboardCsv(f, new Map([["a1", '=HYPERLINK("x")']]));
    expect(csv.content).not.toContain(",=HYPERLINK");
  });
});
