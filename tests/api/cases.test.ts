import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import {
  CREATE_CASE,
  codes,
  createCaseVia,
  identityInput,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";

const CASE_WITH_IDENTITY = /* GraphQL */ `
  query CaseDetails($id: ID!) {
    case(id: $id) { id pseudonym version viewerCanReadIdentity identity { childName dateOfBirth nhsNumber familyMembers { name relationship } } }
  }
`;
const ACCESS_LOG_BY_CASE = /* GraphQL */ `
  query Log($caseId: ID, $personId: ID, $first: Int, $after: String) {
    accessLog(caseId: $caseId, personId: $personId, first: $first, after: $after) {
      edges { node { caseId subject agencyId roles operation requestId at } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

let api: TestApi;
let t: Tenant;

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
});

describe("identifying details of a case", () => {
  it("are returned to a practitioner of an involved agency and the read is access-logged", async () => {
    const c = await createCaseVia(api, t, [0, 1]);
    const practitioner = await t.token("PRACTITIONER", 1);
    const read = await api.gql<{ case: { identity: { childName: string } } }>(
      practitioner,
      CASE_WITH_IDENTITY,
      { id: c.id },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.case.identity.childName).toBe(c.identity.childName);

    const log = await api.gql<{
      accessLog: { edges: { node: Record<string, unknown> }[] };
    }>(await t.token("BUSINESS_UNIT"), ACCESS_LOG_BY_CASE, { caseId: c.id });
    expect(log.errors).toBeUndefined();
    const entries = log.data?.accessLog.edges.map((e) => e.node) ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      caseId: c.id,
      agencyId: t.agencyIds[1],
      roles: ["PRACTITIONER"],
      operation: "query CaseDetails",
    });
  });

  it("are null for roles that do not need them (viewerCanReadIdentity false, no error), and nothing is logged", async () => {
    const c = await createCaseVia(api, t, [0]);
    for (const role of ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "PARTNER_SYSTEM"] as const) {
      const res = await api.gql<{ case: { id: string; identity: unknown } | null }>(
        await t.token(role, 0),
        CASE_WITH_IDENTITY,
        { id: c.id },
      );
      expect(res.errors, role).toBeUndefined();
      // Only the restricted field is withheld: the rest of the case still comes back.
      expect(res.data?.case).toMatchObject({
        id: c.id,
        viewerCanReadIdentity: false,
        identity: null,
      });
      expect(JSON.stringify(res)).not.toContain(c.identity.childName);
    }
    const log = await api.gql<{ accessLog: { edges: unknown[] } }>(
      await t.token("BUSINESS_UNIT"),
      ACCESS_LOG_BY_CASE,
      { caseId: c.id },
    );
    expect(log.data?.accessLog.edges).toHaveLength(0);
  });

  it("are not found for a practitioner of an agency not involved in the case", async () => {
    const c = await createCaseVia(api, t, [0]);
    const res = await api.gql<{ case: unknown }>(
      await t.token("PRACTITIONER", 2),
      CASE_WITH_IDENTITY,
      { id: c.id },
    );
    // The case is not theirs to see: null, exactly as for an id that does not exist.
    expect(res.errors).toBeUndefined();
    expect(res.data?.case).toBeNull();
    expect(JSON.stringify(res)).not.toContain(c.identity.childName);
  });

  it("logs every case read in a list with one access-log request per page", async () => {
    const lead = await t.token("AGENCY_LEAD", 3);
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createCaseVia(api, t, [3]));
    const res = await api.gql<{
      cases: { edges: { node: { id: string; identity: { childName: string } } }[] };
    }>(
      lead,
      `query LeadList { cases(first: 10) { edges { node { id identity { childName } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.cases.edges.map((e) => e.node.identity.childName).sort()).toEqual(
      created.map((c) => c.identity.childName).sort(),
    );
    // Query (1) + BatchGet cases (1) + one access-log transaction (1) + BatchGet identities (1).
    expect(res.dynamoRequests).toBe(4);
    const byPerson = await api.gql<{ accessLog: { edges: { node: { caseId: string } }[] } }>(
      await t.token("BUSINESS_UNIT"),
      ACCESS_LOG_BY_CASE,
      {
        personId: t.seed.people.find(
          (p) => p.roles.includes("AGENCY_LEAD") && p.agencyId === t.agencyIds[3],
        )?.id,
      },
    );
    expect(byPerson.data?.accessLog.edges.map((e) => e.node.caseId).sort()).toEqual(
      created.map((c) => c.id).sort(),
    );
  });

  it("access log is paginated and refuses a query naming both or neither filter", async () => {
    const c = await createCaseVia(api, t, [0]);
    const practitioner = await t.token("PRACTITIONER", 0);
    for (let i = 0; i < 3; i++) await api.gql(practitioner, CASE_WITH_IDENTITY, { id: c.id });
    const bu = await t.token("BUSINESS_UNIT");
    const page1 = await api.gql<{
      accessLog: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(bu, ACCESS_LOG_BY_CASE, { caseId: c.id, first: 2 });
    expect(page1.data?.accessLog.edges).toHaveLength(2);
    expect(page1.data?.accessLog.pageInfo.hasNextPage).toBe(true);
    const page2 = await api.gql<{
      accessLog: { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
    }>(bu, ACCESS_LOG_BY_CASE, {
      caseId: c.id,
      first: 2,
      after: page1.data?.accessLog.pageInfo.endCursor,
    });
    expect(page2.data?.accessLog.edges).toHaveLength(1);
    expect(page2.data?.accessLog.pageInfo.hasNextPage).toBe(false);
    const neither = await api.gql(bu, ACCESS_LOG_BY_CASE, {});
    expect(codes(neither)).toEqual(["BAD_USER_INPUT"]);
    expect(neither.errors?.[0]?.extensions?.field).toBe("caseId");
  });
});

describe("creating a case", () => {
  it("is idempotent: a partner system's retry returns the first case and creates nothing new", async () => {
    const partner = await t.token("PARTNER_SYSTEM", 2);
    const key = `retry-${randomUUID()}`;
    const input = { agencyIds: [t.agencyIds[2]], identity: identityInput() };
    const first = await api.gql<{ createCase: { id: string } }>(partner, CREATE_CASE, {
      input,
      key,
    });
    const retry = await api.gql<{ createCase: { id: string } }>(partner, CREATE_CASE, {
      input,
      key,
    });
    expect(first.errors).toBeUndefined();
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.createCase.id).toBe(first.data?.createCase.id);
    const listed = await api.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      partner,
      `{ cases(first: 100) { edges { node { id } } } }`,
    );
    expect(listed.data?.cases.edges.map((e) => e.node.id)).toEqual([first.data?.createCase.id]);
  });

  it("refuses an idempotency key reused with different input with CONFLICT", async () => {
    const partner = await t.token("PARTNER_SYSTEM", 2);
    const key = `reuse-${randomUUID()}`;
    const a = await api.gql(partner, CREATE_CASE, {
      input: { agencyIds: [t.agencyIds[2]], identity: identityInput() },
      key,
    });
    expect(a.errors).toBeUndefined();
    const b = await api.gql(partner, CREATE_CASE, {
      input: { agencyIds: [t.agencyIds[2]], identity: identityInput() },
      key,
    });
    expect(codes(b)).toEqual(["CONFLICT"]);
  });

  it("requires partner systems to send an idempotency key", async () => {
    const res = await api.gql(await t.token("PARTNER_SYSTEM", 0), CREATE_CASE, {
      input: { agencyIds: [t.agencyIds[0]], identity: identityInput() },
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("idempotencyKey");
  });

  it.each([
    ["an unknown agency", { agencyIds: ["no-such-agency"] }, "input.agencyIds.0"],
    ["no agency", { agencyIds: [] }, "input.agencyIds"],
    [
      "an invalid NHS number",
      { identity: identityInput({ nhsNumber: "1234567890" }) },
      "input.identity.nhsNumber",
    ],
    [
      "a date of birth in the future",
      { identity: identityInput({ dateOfBirth: "2999-01-01" }) },
      "input.identity.dateOfBirth",
    ],
    [
      "a blank child's name",
      { identity: identityInput({ childName: "" }) },
      "input.identity.childName",
    ],
  ])("refuses %s with BAD_USER_INPUT naming the field", async (_label, override, field) => {
    const res = await api.gql(await t.token("BUSINESS_UNIT"), CREATE_CASE, {
      input: { agencyIds: [t.agencyIds[0]], identity: identityInput(), ...override },
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(String(res.errors?.[0]?.extensions?.field)).toContain(field.replace(/^input\./, ""));
  });

  it("takes today as England's date: a child born today is accepted at 00:30 in British Summer Time", async () => {
    // 23:30 UTC on 15 June is 00:30 BST on 16 June: "today" is the 16th in England.
    const bst = await testApi({ now: () => new Date("2026-06-15T23:30:00Z") });
    const tenant = await newTenant(bst);
    const token = await tenant.token("BUSINESS_UNIT");
    const today = await bst.gql(token, CREATE_CASE, {
      input: {
        agencyIds: [tenant.agencyIds[0]],
        identity: identityInput({ dateOfBirth: "2026-06-16" }),
      },
    });
    expect(today.errors).toBeUndefined();
    const tomorrow = await bst.gql(token, CREATE_CASE, {
      input: {
        agencyIds: [tenant.agencyIds[0]],
        identity: identityInput({ dateOfBirth: "2026-06-17" }),
      },
    });
    expect(tomorrow.errors?.[0]?.extensions?.field).toBe("input.identity.dateOfBirth");
  });

  it("refuses an agency practitioner creating a case their agency is not involved in", async () => {
    const res = await api.gql(await t.token("PRACTITIONER", 0), CREATE_CASE, {
      input: { agencyIds: [t.agencyIds[1]], identity: identityInput() },
    });
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });
});

describe("updating a case", () => {
  const UPDATE_IDENTITY = /* GraphQL */ `
    mutation U($input: UpdateCaseIdentityInput!) { updateCaseIdentity(input: $input) { id version } }
  `;

  it("fails a stale version with CONFLICT and changes nothing", async () => {
    const c = await createCaseVia(api, t, [0]);
    const bu = await t.token("BUSINESS_UNIT");
    const first = await api.gql<{ updateCaseIdentity: { version: number } }>(bu, UPDATE_IDENTITY, {
      input: {
        id: c.id,
        expectedVersion: 1,
        identity: identityInput({ childName: "First Edit" }),
      },
    });
    expect(first.data?.updateCaseIdentity.version).toBe(2);
    const stale = await api.gql(bu, UPDATE_IDENTITY, {
      input: {
        id: c.id,
        expectedVersion: 1,
        identity: identityInput({ childName: "Stale Edit" }),
      },
    });
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    const now = await api.gql<{ case: { version: number; identity: { childName: string } } }>(
      bu,
      CASE_WITH_IDENTITY,
      { id: c.id },
    );
    expect(now.data?.case).toMatchObject({ version: 2, identity: { childName: "First Edit" } });
  });

  it("moves a case between agencies' lists in one transaction", async () => {
    const c = await createCaseVia(api, t, [0]);
    const bu = await t.token("BUSINESS_UNIT");
    const res = await api.gql<{ setCaseAgencies: { version: number; agencies: { id: string }[] } }>(
      bu,
      `mutation S($input: SetCaseAgenciesInput!) { setCaseAgencies(input: $input) { version agencies { id } } }`,
      { input: { id: c.id, expectedVersion: 1, agencyIds: [t.agencyIds[1]] } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.setCaseAgencies.agencies.map((a) => a.id)).toEqual([t.agencyIds[1]]);
    const idsFor = async (agency: number) => {
      const r = await api.gql<{ cases: { edges: { node: { id: string } }[] } }>(
        await t.token("AGENCY_LEAD", agency),
        `{ cases(first: 100) { edges { node { id } } } }`,
      );
      return r.data?.cases.edges.map((e) => e.node.id) ?? [];
    };
    expect(await idsFor(0)).not.toContain(c.id);
    expect(await idsFor(1)).toContain(c.id);
  });

  it("returns NOT_FOUND for a case id that does not exist", async () => {
    const res = await api.gql(await t.token("BUSINESS_UNIT"), UPDATE_IDENTITY, {
      input: { id: randomUUID(), expectedVersion: 1, identity: identityInput() },
    });
    expect(codes(res)).toEqual(["NOT_FOUND"]);
  });
});

describe("listing cases", () => {
  it("pages through every case exactly once with first/after", async () => {
    const own = await newTenant(api, { cases: 7 });
    const bu = await own.token("BUSINESS_UNIT");
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<
        ReturnType<
          typeof api.gql<{
            cases: {
              edges: { node: { id: string } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
          }>
        >
      > = await api.gql(
        bu,
        `query P($after: String) { cases(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      seen.push(...(res.data?.cases.edges.map((e) => e.node.id) ?? []));
      after = res.data?.cases.pageInfo.hasNextPage
        ? (res.data.cases.pageInfo.endCursor ?? null)
        : null;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual(own.seed.cases.map((c) => c.record.id).sort());
  });

  it("refuses a page size over 100 and a cursor from another partnership", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const big = await api.gql(bu, `{ cases(first: 101) { edges { cursor } } }`);
    expect(codes(big)).toEqual(["BAD_USER_INPUT"]);
    const other = await newTenant(api, { cases: 2 });
    const theirs = await api.gql<{ cases: { pageInfo: { endCursor: string } } }>(
      await other.token("BUSINESS_UNIT"),
      `{ cases(first: 1) { pageInfo { endCursor } } }`,
    );
    const res = await api.gql(
      bu,
      `query P($after: String) { cases(first: 1, after: $after) { edges { cursor } } }`,
      {
        after: theirs.data?.cases.pageInfo.endCursor,
      },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("after");
  });
});
