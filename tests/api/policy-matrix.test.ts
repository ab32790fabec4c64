import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/domain/roles";
import {
  codes,
  createCaseVia,
  type GqlResult,
  identityInput,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";

/**
 * The whole matrix of roles x operations, through the GraphQL schema. Agency roles act for
 * agency 0, which is involved in the case used; board roles have no agency. Each cell is what
 * the API must answer: ALLOW, or the error code.
 */
type Outcome = "ALLOW" | "FORBIDDEN" | "NOT_FOUND";

interface Operation {
  readonly name: string;
  readonly allowed: readonly Role[];
  /** Code for roles outside `allowed` (default FORBIDDEN). */
  readonly denied?: Outcome;
  run(api: TestApi, t: Tenant, token: string, role: Role): Promise<GqlResult>;
}

const ALL = ROLES;
const CASE_READERS: Role[] = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
  "AGENCY_LEAD",
  "PRACTITIONER",
  "PARTNER_SYSTEM",
];

const OPERATIONS: Operation[] = [
  {
    name: "read the partnership",
    allowed: ALL,
    run: (api, _t, token) => api.gql(token, `{ partnership { id name } }`),
  },
  {
    name: "list agencies",
    allowed: ALL,
    run: (api, _t, token) => api.gql(token, `{ agencies(first: 5) { edges { node { id } } } }`),
  },
  {
    name: "create an agency",
    allowed: ["BUSINESS_UNIT"],
    run: (api, _t, token) =>
      api.gql(
        token,
        `mutation { createAgency(input: { name: "New agency", kind: OTHER }) { id } }`,
      ),
  },
  {
    name: "update an agency",
    allowed: ["BUSINESS_UNIT"],
    run: async (api, t, token) => {
      const created = await api.gql<{ createAgency: { id: string } }>(
        await t.token("BUSINESS_UNIT"),
        `mutation { createAgency(input: { name: "To rename", kind: OTHER }) { id } }`,
      );
      return api.gql(
        token,
        `mutation U($id: ID!) { updateAgency(input: { id: $id, expectedVersion: 1, name: "Renamed" }) { id } }`,
        { id: created.data?.createAgency.id },
      );
    },
  },
  {
    name: "list all staff",
    allowed: ["BUSINESS_UNIT"],
    run: (api, _t, token) => api.gql(token, `{ people(first: 5) { edges { node { id } } } }`),
  },
  {
    name: "list own agency's staff",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
    run: (api, t, token) =>
      api.gql(
        token,
        `query P($a: ID) { people(agencyId: $a, first: 5) { edges { node { id email } } } }`,
        {
          a: t.agencyIds[0],
        },
      ),
  },
  {
    name: "list cases",
    allowed: CASE_READERS,
    run: (api, _t, token) =>
      api.gql(token, `{ cases(first: 5) { edges { node { id pseudonym } } } }`),
  },
  {
    name: "read an involved case",
    allowed: CASE_READERS,
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(token, `query C($id: ID!) { case(id: $id) { id agencies { id } } }`, {
        id: c.id,
      });
    },
  },
  {
    name: "read a case's identifying details",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(token, `query C($id: ID!) { case(id: $id) { identity { childName } } }`, {
        id: c.id,
      });
    },
  },
  {
    name: "create a case",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
    run: (api, t, token) =>
      api.gql(
        token,
        `mutation M($input: CreateCaseInput!, $key: String) { createCase(input: $input, idempotencyKey: $key) { id } }`,
        {
          input: { agencyIds: [t.agencyIds[0]], identity: identityInput() },
          key: `k-${randomUUID()}`,
        },
      ),
  },
  {
    name: "update a case's identifying details",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(
        token,
        `mutation M($input: UpdateCaseIdentityInput!) { updateCaseIdentity(input: $input) { id } }`,
        { input: { caseId: c.id, expectedVersion: 1, identity: identityInput() } },
      );
    },
  },
  {
    name: "change the agencies of a case",
    allowed: ["BUSINESS_UNIT"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(
        token,
        `mutation M($input: SetCaseAgenciesInput!) { setCaseAgencies(input: $input) { id } }`,
        {
          input: { caseId: c.id, expectedVersion: 1, agencyIds: [t.agencyIds[0], t.agencyIds[1]] },
        },
      );
    },
  },
  {
    name: "read the access log",
    allowed: ["BUSINESS_UNIT"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(token, `query L($c: ID) { accessLog(caseId: $c) { edges { node { id } } } }`, {
        c: c.id,
      });
    },
  },
];

let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
});

describe("roles x operations", () => {
  for (const op of OPERATIONS) {
    for (const role of ROLES) {
      const expected: Outcome = op.allowed.includes(role) ? "ALLOW" : (op.denied ?? "FORBIDDEN");
      it(`${role} may ${expected === "ALLOW" ? "" : "not "}${op.name}`, async () => {
        const res = await op.run(api, t, await t.token(role, 0), role);
        if (expected === "ALLOW") expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
        else expect(codes(res)).toContain(expected);
      });
    }
  }

  it("nobody may do anything but public queries without a token", async () => {
    for (const op of OPERATIONS) {
      const res = await op.run(api, t, null as unknown as string, "BOARD_MEMBER");
      expect(codes(res), op.name).toEqual(["UNAUTHENTICATED"]);
    }
    const pub = await api.gql<{ publicPartnership: { name: string } }>(
      null,
      `query P($code: String!) { publicPartnership(code: $code) { name code } }`,
      { code: t.code },
    );
    expect(pub.errors).toBeUndefined();
    expect(pub.data?.publicPartnership.name).toBe(t.seed.partnership.name);
  });
});

describe("tenant isolation", () => {
  it("a token of one partnership reads nothing of another", async () => {
    const other = await newTenant(api, { cases: 3 });
    const theirCase = other.seed.cases[0]?.record.id as string;
    const theirAgency = other.agencyIds[0] as string;
    const bu = await t.token("BUSINESS_UNIT");

    const caseRes = await api.gql(bu, `query C($id: ID!) { case(id: $id) { id } }`, {
      id: theirCase,
    });
    expect(codes(caseRes)).toEqual(["NOT_FOUND"]);
    const agencyRes = await api.gql(bu, `query A($id: ID!) { agency(id: $id) { id } }`, {
      id: theirAgency,
    });
    expect(codes(agencyRes)).toEqual(["NOT_FOUND"]);
    const list = await api.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      bu,
      `{ cases(first: 100) { edges { node { id } } } }`,
    );
    const ids = list.data?.cases.edges.map((e) => e.node.id) ?? [];
    for (const c of other.seed.cases) expect(ids).not.toContain(c.record.id);
    const log = await api.gql<{ accessLog: { edges: unknown[] } }>(
      bu,
      `query L($c: ID) { accessLog(caseId: $c) { edges { node { id } } } }`,
      { c: theirCase },
    );
    expect(log.data?.accessLog.edges).toEqual([]);
    const update = await api.gql(
      bu,
      `mutation M($input: UpdateCaseIdentityInput!) { updateCaseIdentity(input: $input) { id } }`,
      { input: { caseId: theirCase, expectedVersion: 1, identity: identityInput() } },
    );
    expect(codes(update)).toEqual(["NOT_FOUND"]);
    // Their data is untouched.
    const theirs = await api.gql<{ case: { version: number } }>(
      await other.token("BUSINESS_UNIT"),
      `query C($id: ID!) { case(id: $id) { version } }`,
      { id: theirCase },
    );
    expect(theirs.data?.case.version).toBe(1);
  });

  it("a case cannot be linked to another partnership's agency", async () => {
    const other = await newTenant(api);
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `mutation M($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
      { input: { agencyIds: [other.agencyIds[0]], identity: identityInput() } },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});
