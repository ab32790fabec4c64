import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type TestApi, testApi } from "../helpers/harness";

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
