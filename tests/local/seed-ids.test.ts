import { describe, expect, it } from "vitest";
import { signToken } from "../../src/local/dev-auth";
import { DEMO, findDemoUser, seedPartnership } from "../../src/local/seed";
import {
  createTables,
  ownTableNames,
  TEST_AUDIENCE,
  TEST_ISSUER,
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

/** The ids of every record of the demo partnership, as its business unit reads them, sorted. */
async function seededIds(): Promise<string[]> {
  const tables = ownTableNames("seed");
  await createTables(tables);
  const api = await testApi({ tables });
  const demo = DEMO[0];
  if (!demo) throw new Error("no demo partnership");
  await seedPartnership(api.store, demo);
  const user = findDemoUser("BUSINESS_UNIT");
  const token = await signToken(
    api.keys.trusted.privateJwk,
    { sub: user.id, partnershipId: user.partnershipId, agencyId: null, roles: user.roles },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
  const ids: string[] = [];
  for (const query of EVERYTHING) {
    const res = await api.gql(token, query);
    expect(res.errors).toBeUndefined();
    JSON.stringify(res.data, (key, value) => {
      if (key === "id") ids.push(value as string);
      return value;
    });
  }
  return ids.sort();
}

describe("the demo seed", () => {
  it("gives every record it makes the same id on every run", async () => {
    const first = await seededIds();
    const second = await seededIds();
    // Notifications, drafts, dissents, views, clock records, recommendations, actions, updates...
    expect(first.length).toBeGreaterThan(40);
    expect(second).toEqual(first);
  }, 120_000);
});
