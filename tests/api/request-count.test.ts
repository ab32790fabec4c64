import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../src/domain/dates";
import {
  commissionReview,
  newMilestone,
  type Review,
  type ReviewStatus,
} from "../../src/domain/reviews";
import { newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import { daysFromToday, today } from "../helpers/reviews";

/**
 * The number of DynamoDB requests an operation makes is bounded by the query's depth, not by
 * the length of its lists: a list of cases with their agencies costs the same for 5 and 50.
 */
const LIST = /* GraphQL */ `
  query CasesWithAgencies($first: Int!) {
    cases(first: $first) { edges { node { id pseudonym agencies { id name kind } } } }
  }
`;

let api: TestApi;
beforeAll(async () => {
  api = await testApi();
});

async function requestsFor(n: number, role: "BUSINESS_UNIT" | "AGENCY_LEAD") {
  // Every seeded case involves agency 0 or agency 3 (see demoPartnership), so with one agency a
  // tenant's cases all involve agency 0.
  const t = await newTenant(api, { agencies: 1, cases: n });
  const res = await api.gql<{ cases: { edges: { node: { agencies: unknown[] } }[] } }>(
    await t.token(role, 0),
    LIST,
    { first: n },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.cases.edges).toHaveLength(n);
  expect(res.data?.cases.edges.every((e) => e.node.agencies.length === 1)).toBe(true);
  return res.dynamoRequests;
}

describe("DynamoDB requests per list operation", () => {
  it("a board list of N cases with their agencies costs the same for N = 5 and N = 50", async () => {
    const five = await requestsFor(5, "BUSINESS_UNIT");
    const fifty = await requestsFor(50, "BUSINESS_UNIT");
    expect(five).toBe(fifty);
    // One Query on byPartnershipType, one BatchGetItem for the agencies.
    expect(fifty).toBe(2);
  });

  it("an agency list of N cases with their agencies costs the same for N = 5 and N = 50", async () => {
    const five = await requestsFor(5, "AGENCY_LEAD");
    const fifty = await requestsFor(50, "AGENCY_LEAD");
    expect(five).toBe(fifty);
    // One Query on byAgency, one BatchGetItem for the cases, one for the agencies.
    expect(fifty).toBe(3);
  });
});

/** The Chair's list of reviews, each with its milestones and participating agencies. */
const REVIEWS = /* GraphQL */ `
  query ChairsReviews($first: Int!, $filter: ReviewFilter) {
    reviews(first: $first, filter: $filter) {
      edges { node {
        id kind status targetDate overdueSince
        milestones { id name dueDate completedOn lateSince }
        participatingAgencies { id name kind }
      } }
    }
  }
`;

/**
 * `n` learning reviews of a tenant, each with `milestones` milestones and agencies 0-2 taking
 * part, written through the data layer (the operation measured is the list, not these writes);
 * every other one in progress when `alternate`.
 */
async function reviewsWithMilestones(
  t: Tenant,
  n: number,
  milestones: number,
  alternate = false,
): Promise<Review[]> {
  const rec = { by: "test", at: new Date().toISOString(), today: today() };
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const r = commissionReview(
        {
          kind: "LEARNING_REVIEW",
          ground: "POTENTIAL_FOR_LEARNING",
          title: `Review ${i}`,
          participatingAgencyIds: t.agencyIds.slice(0, 3),
          commissionedOn: today(),
          targetDate: daysFromToday(180),
        },
        randomUUID(),
        t.partnershipId,
        rec,
      );
      await api.store.reviews.create(r, null);
      let next: Review = r;
      const planned = [];
      for (let m = 0; m < milestones; m++) {
        const milestone = newMilestone(next, { name: `Step ${m}`, dueDate: daysFromToday(m) }, rec);
        planned.push({ milestone, expectedVersion: null });
        next = { ...next, milestoneCount: milestone.seq };
      }
      const status: ReviewStatus = alternate && i % 2 ? "IN_PROGRESS" : "COMMISSIONED";
      next = { ...next, status, version: r.version + 1 };
      await api.store.reviews.save(r, next, r.version, { milestones: planned });
      return next;
    }),
  );
}

async function chairsList(t: Tenant, first: number, filter: Record<string, unknown> = {}) {
  const res = await api.gql<{
    reviews: {
      edges: {
        node: { id: string; milestones: { id: string }[]; participatingAgencies: unknown[] };
      }[];
    };
  }>(await t.token("INDEPENDENT_CHAIR"), REVIEWS, { first, filter });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return { nodes: res.data?.reviews.edges.map((e) => e.node) ?? [], requests: res.dynamoRequests };
}

describe("DynamoDB requests for the Chair's review list", () => {
  it("N reviews with their milestones and agencies cost the same for N = 5 and N = 50", async () => {
    const counts: number[] = [];
    for (const n of [5, 50]) {
      const t = await newTenant(api);
      await reviewsWithMilestones(t, n, 3);
      const { nodes, requests } = await chairsList(t, n);
      expect(nodes).toHaveLength(n);
      for (const node of nodes) {
        expect(node.milestones.map((m) => m.id)).toEqual([1, 2, 3].map((s) => `${node.id}:${s}`));
        expect(node.participatingAgencies).toHaveLength(3);
      }
      counts.push(requests);
    }
    const [five, fifty] = counts;
    expect(five).toBe(fifty);
    // One Query of the review list, one read of the milestones (a BatchGet of 15 keys, or the
    // one Query of the 150 in the page's range), one BatchGetItem for the agencies.
    expect(fifty).toBe(3);
  });

  it("a filtered page, not contiguous on the milestone list, reads its own milestones, bounded by the page", async () => {
    const t = await newTenant(api);
    const all = await reviewsWithMilestones(t, 60, 4, true);
    const { nodes, requests } = await chairsList(t, 30, { status: "COMMISSIONED" });
    const commissioned = all.filter((r) => r.status === "COMMISSIONED").map((r) => r.id);
    expect(nodes.map((n) => n.id).sort()).toEqual(commissioned.sort());
    for (const node of nodes)
      expect(node.milestones.map((m) => m.id)).toEqual([1, 2, 3, 4].map((s) => `${node.id}:${s}`));
    // The range holds the other reviews' milestones too: one Query of 120 items, then those of
    // the page it missed by key (at most 120 keys: two BatchGets), and the agencies.
    expect(requests).toBeLessThanOrEqual(5);
  });
});

describe("DynamoDB requests of the audit group's compliance view and an agency's report list", () => {
  const COMPLIANCE_VIEW = /* GraphQL */ `
    query($first: Int!) {
      auditGroupCompliance(year: 2025) { id meetingsHeld substantialExercisesCompleted breaches { kind from to } }
      auditGroupMeetings(first: $first) { edges { node { id heldOn attendanceCount caseReviewedCount } } }
      auditGroup { id members { id name } providerAgenciesWithoutMember { id name } }
    }
  `;
  const REPORT_LIST = /* GraphQL */ `
    query($first: Int!) {
      nearMissReports(first: $first) { edges { node { id kind status reporter { id name } agency { id name } escalation { id status } } } }
    }
  `;
  let dated: TestApi;
  beforeAll(async () => {
    dated = await testApi({ now: () => new Date("2026-05-01T10:00:00Z") });
  });

  /** A tenant whose audit group met `n` times in the 2025 year, with `n` completed exercises. */
  async function complianceRequests(n: number) {
    const t = await newTenant(dated);
    const pid = t.partnershipId;
    const at = "2026-05-01T10:00:00.000Z";
    for (let i = 0; i < n; i++) {
      const heldOn = addDays("2025-04-02", i * 3);
      await dated.store.audits.createMeeting(
        {
          id: heldOn,
          partnershipId: pid,
          heldOn,
          notes: null,
          attendanceCount: 2,
          caseReviewedCount: 1,
          recordedBy: "seed",
          createdAt: at,
        },
        [
          { id: `${heldOn}:1`, memberId: "member-1", name: "Chair" },
          { id: `${heldOn}:2`, memberId: "member-2", name: "Nurse" },
        ],
        [{ id: `${heldOn}:case:1`, caseId: "c1" }],
        null,
      );
      await dated.store.audits.createExercise(
        {
          id: `e${i}`,
          partnershipId: pid,
          theme: "Neglect",
          businessPriorityId: null,
          substantial: true,
          startedOn: heldOn,
          completedOn: heldOn,
          caseCount: 0,
          findingCount: 0,
          createdBy: "seed",
          version: 1,
          createdAt: at,
          updatedAt: at,
        },
        [],
        null,
      );
    }
    const res = await dated.gql<{ auditGroupMeetings: { edges: unknown[] } }>(
      await t.token("INDEPENDENT_CHAIR"),
      COMPLIANCE_VIEW,
      { first: n },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.auditGroupMeetings.edges).toHaveLength(n);
    return res.dynamoRequests;
  }

  /** A tenant whose agency 0 has `n` named reports, one in ten escalated. */
  async function reportListRequests(n: number) {
    const t = await newTenant(dated);
    const practitioner = t.seed.people.find(
      (p) => p.roles.includes("PRACTITIONER") && p.agencyId === t.agencyIds[0],
    );
    const at = "2026-04-01T00:00:00.000Z";
    for (let i = 0; i < n; i++) {
      const id = `r${String(i).padStart(3, "0")}`;
      const escalationId = i % 10 === 0 ? `x${id}` : null;
      const report = {
        id,
        partnershipId: t.partnershipId,
        agencyId: t.agencyIds[0] as string,
        kind: "NEAR_MISS" as const,
        occurredOn: "2026-03-01",
        reportedOn: "2026-04-01",
        summary: "Unread referral",
        anonymous: false,
        reporterId: practitioner?.id ?? null,
        receiptHash: "0".repeat(64),
        status: "RECEIVED" as const,
        withinArrangements: null,
        response: null,
        learningUsed: null,
        respondedOn: null,
        escalationId: null,
        version: 1,
        createdAt: at,
        updatedAt: at,
      };
      await dated.store.nearMisses.create(report, null);
      if (escalationId)
        await dated.store.nearMisses.escalate(
          { ...report, status: "ESCALATED", escalationId, version: 2 },
          1,
          {
            id: escalationId,
            partnershipId: t.partnershipId,
            agencyId: report.agencyId,
            reportId: id,
            kind: "NEAR_MISS",
            summary: "s",
            reason: "r",
            escalatedOn: "2026-04-02",
            status: "PENDING",
            boardNote: null,
            decidedOn: null,
            reviewId: null,
            businessPriorityId: null,
            version: 1,
            createdAt: at,
            updatedAt: at,
          },
        );
    }
    const res = await dated.gql<{ nearMissReports: { edges: unknown[] } }>(
      await t.token("AGENCY_LEAD", 0),
      REPORT_LIST,
      { first: n },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.nearMissReports.edges).toHaveLength(n);
    return res.dynamoRequests;
  }

  it("§13–14: the compliance view with its meetings costs the same for 10 and 100 meetings and exercises", async () => {
    const ten = await complianceRequests(10);
    const hundred = await complianceRequests(100);
    expect(ten).toBe(hundred);
    // Last meeting before the year, the year's meetings, the completed exercises (3 Queries);
    // the meetings page (1 Query); the group's record and its members (2 BatchGets), the
    // agencies (1 Query). (A meeting's attendance, if asked for, is one BatchGet per 100.)
    expect(hundred).toBe(7);
  });

  it("§15: an agency's report list with reporters, agency and escalations costs the same for 10 and 100", async () => {
    const ten = await reportListRequests(10);
    const hundred = await reportListRequests(100);
    expect(ten).toBe(hundred);
    // One Query on byAgency; BatchGets of the people, the agencies and the escalations.
    expect(hundred).toBe(4);
  });
});
