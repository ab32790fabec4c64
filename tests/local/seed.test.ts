import { beforeAll, describe, expect, it } from "vitest";
import { REVIEW_STATUSES } from "../../src/domain/reviews";
import { signToken } from "../../src/local/dev-auth";
import { DEMO, findDemoUser, seedPartnership } from "../../src/local/seed";
import { runOverdueJob } from "../../src/services/overdue-job";
import {
  createTables,
  ownTableNames,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestApi,
  testApi,
} from "../helpers/harness";

/**
 * `npm start` seeds the demo data into a fresh DynamoDB Local each time: every record it makes
 * (not only partnerships, agencies, people and cases) must come back with the same id, so that
 * documentation examples and clients can name them.
 */
const EVERYTHING = [
  `{ notifications(first: 100) { edges { node { id ... on IncidentNotification {
      clockHistory { id } reviewDecision { id dissents { id } agencyViews { id } } } } } } }`,
  `{ notifications(first: 100, filter: { status: DRAFT }) { edges { node { id } } } }`,
  `{ recommendations(first: 100) { edges { node {
      id evidence { id } unintendedConsequences { id } revisits { id } source { id } } } } }`,
  `{ actions(first: 100) { edges { node { id updates(first: 10) { edges { node { id } } } } } } }`,
];

/** The ids of every record of the first demo partnership, as its business unit reads them, sorted. */
async function seededIds(from: TestApi): Promise<string[]> {
  const user = findDemoUser("BUSINESS_UNIT");
  const token = await signToken(
    from.keys.trusted.privateJwk,
    { sub: user.id, partnershipId: user.partnershipId, agencyId: null, roles: user.roles },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
  const ids: string[] = [];
  for (const query of EVERYTHING) {
    const res = await from.gql(token, query);
    expect(res.errors).toBeUndefined();
    JSON.stringify(res.data, (key, value) => {
      if (key === "id") ids.push(value as string);
      return value;
    });
  }
  return ids.sort();
}

/** The demo data `npm start` loads, as a newcomer finds it (§21–34). */
let api: TestApi;

beforeAll(async () => {
  // Tables of its own: other tests (the README's worked example) add reviews to the demo
  // partnership in the shared ones, and this test counts what the seed alone made.
  const tables = ownTableNames("seedrev");
  await createTables(tables);
  api = await testApi({ tables });
  for (const s of DEMO) await seedPartnership(api.store, s);
}, 120_000);

async function tokenAs(role: Parameters<typeof findDemoUser>[0]) {
  const user = findDemoUser(role);
  return signToken(
    api.keys.trusted.privateJwk,
    { sub: user.id, partnershipId: user.partnershipId, agencyId: user.agencyId, roles: user.roles },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
}

interface SeededReview {
  id: string;
  kind: string;
  status: string;
  overdueSince: string | null;
  findings: { id: string; recommendations: { id: string }[] }[];
  milestones: { lateSince: string | null }[];
  contributions: { status: string }[];
  publication: { title: string } | null;
  withholding: { decision: string; reconsiderOn: string | null } | null;
}

describe("the demo seed", () => {
  it("gives every record it makes the same id on every run", async () => {
    // The run above, and a second one into tables of its own.
    const first = await seededIds(api);
    const tables = ownTableNames("seedids");
    await createTables(tables);
    const again = await testApi({ tables });
    const demo = DEMO[0];
    if (!demo) throw new Error("no demo partnership");
    await seedPartnership(again.store, demo);
    const second = await seededIds(again);
    // Notifications, drafts, dissents, views, clock records, recommendations, actions, updates...
    expect(first.length).toBeGreaterThan(40);
    expect(second).toEqual(first);
  }, 120_000);
});

describe("the demo seed's reviews", () => {
  it("§21–34: has reviews at every stage, with findings, recommendations and one published SCR", async () => {
    const chair = await tokenAs("INDEPENDENT_CHAIR");
    const list = async (fields: string) => {
      const res = await api.gql<{ reviews: { edges: { node: SeededReview }[] } }>(
        chair,
        `{ reviews(first: 20) { edges { node { id ${fields} } } } }`,
      );
      expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      return res.data?.reviews.edges.map((e) => e.node) ?? [];
    };
    const withFindings = new Map(
      (await list("findings { id recommendations { id } }")).map((r) => [r.id, r.findings]),
    );
    const reviews = (
      await list(`kind status overdueSince milestones { lateSince } contributions { status }
        publication { title } withholding { decision reconsiderOn }`)
    ).map((r) => ({ ...r, findings: withFindings.get(r.id) ?? [] }));
    expect(new Set(reviews.map((r) => r.status))).toEqual(new Set(REVIEW_STATUSES));
    expect(reviews.filter((r) => r.findings.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(
      reviews.flatMap((r) => r.findings.flatMap((f) => f.recommendations)).length,
    ).toBeGreaterThanOrEqual(2);
    const published = reviews.filter(
      (r) => r.kind === "SERIOUS_CASE_REVIEW" && r.status === "PUBLISHED",
    );
    expect(published).toHaveLength(1);
    // Something to show on the overdue views: a review past its target with a late milestone,
    // and a delayed publication whose date to reconsider has passed (§33).
    expect(reviews.some((r) => r.overdueSince && r.milestones.some((m) => m.lateSince))).toBe(true);
    expect(reviews.some((r) => r.withholding?.decision === "DELAY")).toBe(true);
    expect(new Set(reviews.flatMap((r) => r.contributions.map((k) => k.status)))).toEqual(
      new Set(["REQUESTED", "ACCEPTED"]),
    );

    // The public sees the published SCR and the published learning review, and nothing else.
    const open = await api.gql<{ publishedLearning: { edges: { node: { id: string } }[] } }>(
      null,
      `{ publishedLearning(partnership: "lutonshire") { edges { node { id title } } } }`,
    );
    expect(open.errors).toBeUndefined();
    const publicIds = open.data?.publishedLearning.edges.map((e) => e.node.id) ?? [];
    expect(publicIds).toContain(published[0]?.id);
    expect(publicIds).toHaveLength(2);

    // The overdue job picks the demo's late work up.
    const run = await runOverdueJob(api.store, new Date());
    expect(run.lateMilestones).toBeGreaterThanOrEqual(1);
    expect(run.reviewsPastTarget).toBeGreaterThanOrEqual(1);
    expect(run.reconsidersDue).toBeGreaterThanOrEqual(1);
  });
});
