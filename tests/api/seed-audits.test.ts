import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signToken } from "../../src/local/dev-auth";
import { demoPartnership, seedPartnership, stableId } from "../../src/local/seed";
import { TEST_AUDIENCE, TEST_ISSUER, testApi } from "../helpers/harness";

describe("demo seed: audits and near misses", () => {
  it("holds a year of audit-group activity with one breach, Section 11 returns and near-miss reports from several agencies, with stable ids", async () => {
    const api = await testApi({ now: () => new Date("2026-05-01T10:00:00Z") });
    const code = `s${randomUUID().slice(0, 12)}`;
    const seed = demoPartnership(
      code,
      "Seeded",
      [
        ["Police", "POLICE"],
        ["Hospital", "HEALTH"],
        ["Social care", "CHILDRENS_SOCIAL_CARE"],
        ["Schools", "EDUCATION"],
      ],
      6,
    );
    await seedPartnership(api.store, seed, { activity: true });
    const as = async (role: string, agencyId: string | null = null) => {
      const p = seed.people.find((x) => x.roles.includes(role as never) && x.agencyId === agencyId);
      return signToken(
        api.keys.trusted.privateJwk,
        {
          sub: p?.id as string,
          partnershipId: seed.partnership.id,
          agencyId,
          roles: [role as never],
        },
        { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
      );
    };
    const chair = await as("INDEPENDENT_CHAIR");
    const c = await api.gql<{
      auditGroupCompliance: { breaches: { kind: string }[]; meetingsHeld: number };
      auditExercises: { edges: { node: { id: string } }[] };
      auditGroup: { providerAgenciesWithoutMember: { id: string }[] };
    }>(
      chair,
      `{ auditGroupCompliance(year: 2025) { meetingsHeld substantialExercisesCompleted breaches { kind from to } }
         auditExercises { edges { node { id } } }
         auditGroup { providerAgenciesWithoutMember { id } } }`,
    );
    expect(c.errors).toBeUndefined();
    expect(c.data?.auditGroupCompliance.meetingsHeld).toBe(5);
    expect(c.data?.auditGroupCompliance.breaches).toEqual([
      { kind: "MEETING_GAP", from: "2025-07-10", to: "2025-10-21" },
    ]);
    expect(c.data?.auditExercises.edges.map((e) => e.node.id).sort()).toEqual(
      [0, 1, 2].map((i) => stableId(`exercise:${i}:${code}`)).sort(),
    );
    expect(c.data?.auditGroup.providerAgenciesWithoutMember.map((a) => a.id)).toEqual([
      seed.agencies[3]?.id,
    ]);
    const audits = await api.gql<{ agencyAudits: { edges: { node: { kind: string } }[] } }>(
      chair,
      `{ agencyAudits(filter: { kind: SECTION_11 }) { edges { node { kind ratings { rating } } } } }`,
    );
    expect(audits.data?.agencyAudits.edges).toHaveLength(3);
    const counts = await api.gql<{ nearMissCounts: { counts: { agencyId: string }[] } }>(
      chair,
      `{ nearMissCounts(fromMonth: "2026-01", toMonth: "2026-06") { id counts { agencyId kind count } } }`,
    );
    expect(new Set(counts.data?.nearMissCounts.counts.map((n) => n.agencyId)).size).toBeGreaterThan(
      2,
    );
    const escalations = await api.gql<{ escalations: { edges: unknown[] } }>(
      chair,
      `{ escalations { edges { node { id reportId status } } } }`,
    );
    expect(escalations.data?.escalations.edges).toHaveLength(1);
  });
});
