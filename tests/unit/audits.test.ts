import { describe, expect, it } from "vitest";
import {
  type AuditGroupMember,
  addMonths,
  agenciesWithoutMember,
  auditCompliance,
  auditYear,
  auditYearOf,
} from "../../src/domain/audits";
import { receiptReportId } from "../../src/domain/near-misses";
import { newReceipt, receiptMatches } from "../../src/services/near-misses";

const kinds = (c: ReturnType<typeof auditCompliance>) => c.breaches.map((b) => b.kind);

describe("calendar months", () => {
  it("adds months, clamping the day to the month's length", () => {
    expect(addMonths("2014-04-10", 3)).toBe("2014-07-10");
    expect(addMonths("2014-11-30", 3)).toBe("2015-02-28");
    expect(addMonths("2015-11-30", 3)).toBe("2016-02-29");
    expect(addMonths("2014-12-31", 1)).toBe("2015-01-31");
  });

  it("the framework year runs from April to March", () => {
    expect(auditYear(2014)).toEqual({ from: "2014-04-01", to: "2015-03-31" });
    expect(auditYearOf("2015-03-31")).toBe(2014);
    expect(auditYearOf("2015-04-01")).toBe(2015);
  });
});

describe("§14: the audit group meets at least every three months", () => {
  const exercises = ["2014-06-01", "2014-10-01", "2015-02-01"];

  it("§14: a gap of exactly three months is not a breach", () => {
    // 10 April -> 10 July -> 10 October -> 10 January, viewed on 10 April (exactly 3 months on).
    const c = auditCompliance(
      2014,
      "2015-04-10",
      null,
      ["2014-04-10", "2014-07-10", "2014-10-10", "2015-01-10"],
      exercises,
    );
    expect(c.breaches).toEqual([]);
    expect(c.nextMeetingDueOn).toBe("2015-04-10");
  });

  it("§14: a gap of three months and one day is a breach", () => {
    const c = auditCompliance(
      2014,
      "2015-03-31",
      null,
      ["2014-04-10", "2014-07-11", "2014-10-11", "2015-01-11"],
      exercises,
    );
    expect(kinds(c)).toEqual(["MEETING_GAP"]);
    expect(c.breaches[0]).toMatchObject({ from: "2014-04-10", to: "2014-07-11" });
  });

  it("§14: a gap still open on the day viewed is a breach from the day after it fell due", () => {
    const meetings = ["2014-04-10", "2014-07-10"];
    expect(kinds(auditCompliance(2014, "2014-10-10", null, meetings, ["2014-06-01"]))).toEqual([]);
    expect(kinds(auditCompliance(2014, "2014-10-11", null, meetings, ["2014-06-01"]))).toEqual([
      "MEETING_GAP",
    ]);
  });

  it("§14: the year's first gap runs from the last meeting before it", () => {
    const c = auditCompliance(2015, "2015-05-01", "2015-01-15", ["2015-04-16"], []);
    expect(c.breaches).toEqual([
      expect.objectContaining({ kind: "MEETING_GAP", from: "2015-01-15", to: "2015-04-16" }),
    ]);
  });
});

describe("§13: at least three substantial audit exercises a year", () => {
  const meetings = ["2014-04-01", "2014-07-01", "2014-10-01", "2015-01-01"];

  it("§13: two exercises by year end is a breach", () => {
    const c = auditCompliance(2014, "2015-04-01", null, meetings, ["2014-06-01", "2014-11-01"]);
    expect(kinds(c)).toContain("EXERCISES_SHORT");
    expect(c.substantialExercisesCompleted).toBe(2);
  });

  it("§13: an ended year short of three is a breach however few were done, and nothing falls due in it", () => {
    for (const done of [[], ["2014-06-01"]]) {
      const c = auditCompliance(2014, "2015-06-01", "2014-03-01", meetings, done);
      expect(kinds(c)).toContain("EXERCISES_SHORT");
      expect(kinds(c)).toContain("EXERCISES_BEHIND_PACE");
      expect(c.nextExerciseDueOn).toBeNull();
    }
  });

  it("§13: three exercises by the last day of the year is not", () => {
    const c = auditCompliance(2014, "2015-04-01", "2014-03-01", meetings, [
      "2014-06-01",
      "2014-11-01",
      "2015-03-31",
    ]);
    expect(kinds(c)).not.toContain("EXERCISES_SHORT");
    expect(c.nextExerciseDueOn).toBeNull();
  });

  it("§13: behind the pace of one per four months part-way through the year", () => {
    // The first checkpoint is 31 July: on that day none done is not yet a breach; on 1 August it is.
    expect(kinds(auditCompliance(2014, "2014-07-31", null, ["2014-07-01"], []))).toEqual([]);
    expect(kinds(auditCompliance(2014, "2014-08-01", null, ["2014-07-01"], []))).toEqual([
      "EXERCISES_BEHIND_PACE",
    ]);
    expect(
      kinds(
        auditCompliance(
          2014,
          "2014-12-01",
          "2014-03-01",
          ["2014-06-01", "2014-09-01"],
          ["2014-05-01"],
        ),
      ),
    ).toEqual(["EXERCISES_BEHIND_PACE"]);
  });
});

describe("§14: membership drawn from every provider agency", () => {
  const member = (agencyId: string | null, to: string | null = null): AuditGroupMember => ({
    id: "member-1",
    name: "A",
    jobTitle: null,
    agencyId,
    memberRole: agencyId ? "MEMBER" : "INDEPENDENT_CHAIR",
    from: "2014-01-01",
    to,
    recordedAt: "2014-01-01T00:00:00Z",
  });
  it("§14: lists the provider agencies with no current member (not other kinds)", () => {
    const agencies = [
      { id: "police", kind: "POLICE" as const },
      { id: "health", kind: "HEALTH" as const },
      { id: "school", kind: "EDUCATION" as const },
      { id: "other", kind: "OTHER" as const },
    ];
    const out = agenciesWithoutMember(
      agencies,
      [member(null), member("police"), member("health", "2014-06-30")],
      "2014-07-01",
    );
    expect(out.map((a) => a.id)).toEqual(["health", "school"]);
  });
});

describe("§7: receipts", () => {
  it("§7: a receipt names its report and matches only its own hash", () => {
    const a = newReceipt("r1");
    const b = newReceipt("r1");
    expect(receiptReportId(a.receipt)).toBe("r1");
    const report = { receiptHash: a.hash } as Parameters<typeof receiptMatches>[0];
    expect(receiptMatches(report, a.receipt)).toBe(true);
    expect(receiptMatches(report, b.receipt)).toBe(false);
  });
});
