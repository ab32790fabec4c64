import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApolloServer } from "../../src/graphql/server";
import { codes, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import { notificationInput, SUBMIT, submitVia } from "../helpers/notifications";

/**
 * What an adversarial client tried against the landed API (issue 8), each refused with a coded
 * error naming what is wrong, quickly, and without touching the database.
 */
let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** `fragment F0 on Query { ...F1 ...F1 }` ... 24 levels, ending in `__typename`. */
function fragmentChain(levels: number): string {
  const frags = Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
  );
  return `query Chain { ...F0 } ${frags.join(" ")} fragment F${levels} on Query { __typename }`;
}

describe("query limits", () => {
  it("refuses the 24-level fragment chain anonymously in milliseconds, before anything runs", async () => {
    const started = performance.now();
    const res = await api.gql(null, fragmentChain(24));
    const ms = performance.now() - started;
    expect(codes(res)).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0]?.message).toMatch(/^Too many fields/);
    expect(res.dynamoRequests).toBe(0);
    expect(ms).toBeLessThan(1_000);
  });

  it("refuses 500 aliases of learningEffectiveness and 500 aliased dissents", async () => {
    const board = await t.token("BOARD_MEMBER");
    const many = (n: number, f: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => f(i)).join(" ");
    const reads = await api.gql(
      board,
      `{ ${many(500, (i) => `e${i}: learningEffectiveness(from: "2026-01-01", to: "2026-12-31") { from }`)} }`,
    );
    // Refused by the token limit before it is even parsed whole.
    expect(codes(reads)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(reads.dynamoRequests).toBe(0);
    const fewer = await api.gql(
      board,
      `{ ${many(40, (i) => `e${i}: learningEffectiveness(from: "2026-01-01", to: "2026-12-31") { from }`)} }`,
    );
    expect(fewer.errors?.map((e) => e.message).join()).toMatch(/Too many aliases: 40 exceeds 30/);
    const n = await submitVia(api, t, "II");
    const writes = await api.gql(
      await t.token("SCR_SUBGROUP"),
      `mutation { ${many(500, (i) => `d${i}: recordDissent(input: { id: "${n.id}", view: "v" }) { version }`)} }`,
    );
    expect(codes(writes)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(writes.dynamoRequests).toBe(0);
    const six = await api.gql(
      await t.token("SCR_SUBGROUP"),
      `mutation { ${many(6, (i) => `d${i}: recordDissent(input: { id: "${n.id}", view: "v" }) { version }`)} }`,
    );
    expect(six.errors?.[0]?.message).toMatch(/Too many mutations in one operation: 6 exceeds 5/);
    expect(six.dynamoRequests).toBe(0);
  });

  it("charges learningEffectiveness for its reads: 30 copies exceed the cost limit", async () => {
    const res = await api.gql(
      await t.token("BOARD_MEMBER"),
      `{ ${Array.from({ length: 30 }, (_, i) => `e${i}: learningEffectiveness(from: "2026-01-01", to: "2026-12-31") { from }`).join(" ")} }`,
    );
    expect(res.errors?.[0]?.message).toMatch(/too costly/);
  });

  it("refuses a query 20 deep", async () => {
    const deep = `{ ${"notifications { edges { node { ".repeat(7)}id${" } } }".repeat(7)} }`;
    const res = await api.gql(await t.token("BUSINESS_UNIT"), deep);
    expect(codes(res)).toContain("GRAPHQL_VALIDATION_FAILED");
  });

  it("offers no 'Did you mean' suggestions outside local development", async () => {
    const res = await api.gql(await t.token("BUSINESS_UNIT"), `{ partnershp { id } }`);
    expect(codes(res)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const local = createApolloServer({ localDev: true });
    const dev = await local.executeOperation(
      { query: `{ partnershp { id } }` },
      {
        contextValue: {} as never,
      },
    );
    expect(JSON.stringify(dev.body)).toMatch(/Did you mean/);
  });

  it("refuses a document of more than 5,000 tokens", async () => {
    const res = await api.gql(null, `{ ${"__typename ".repeat(6000)} }`);
    expect(codes(res)).toEqual(["GRAPHQL_PARSE_FAILED"]);
  });
});

describe("bad input", () => {
  it("refuses dates from the year 0001 with BAD_USER_INPUT naming the field", async () => {
    const c = await api.gql<{ createCase: { id: string } }>(
      await t.token("BUSINESS_UNIT"),
      `mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`,
      { i: { agencyIds: [t.agencyIds[0]], identity: { childName: "A Child" } } },
    );
    const res = await api.gql(await t.token("PARTNER_SYSTEM"), SUBMIT, {
      input: notificationInput("IV", t, [c.data?.createCase.id as string], {
        incidentDate: "0001-01-01",
        awareDate: "0001-01-01",
      }),
      key: `k-${randomUUID()}`,
    });
    expect(new Set(codes(res))).toEqual(new Set(["BAD_USER_INPUT"]));
    expect(res.errors?.map((e) => e.extensions?.field)).toContain("input.incidentDate");
    const old = await api.gql(await t.token("PARTNER_SYSTEM"), SUBMIT, {
      input: notificationInput("IV", t, [c.data?.createCase.id as string], {
        incidentDate: "1999-12-31",
        awareDate: "2000-01-03",
      }),
      key: `k-${randomUUID()}`,
    });
    expect(codes(old)).toEqual(["BAD_USER_INPUT"]);
    expect(old.errors?.[0]?.extensions?.field).toBe("input.incidentDate");
  });

  it("refuses an over-long or malformed id, anonymously too, without asking DynamoDB", async () => {
    const long = "x".repeat(3000);
    const byId = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { case(id: $id) { id } }`,
      {
        id: long,
      },
    );
    expect(codes(byId)).toEqual(["BAD_USER_INPUT"]);
    expect(byId.errors?.[0]?.extensions?.field).toBe("id");
    expect(byId.dynamoRequests).toBe(0);
    const code = await api.gql(
      null,
      `query($c: String!) { publicPartnership(code: $c) { name } }`,
      {
        c: long,
      },
    );
    expect(codes(code)).toEqual(["BAD_USER_INPUT"]);
    expect(code.dynamoRequests).toBe(0);
    const nested = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`,
      { i: { agencyIds: [t.agencyIds[0], "T#other#AGENCY#x"], identity: { childName: "A" } } },
    );
    expect(nested.errors?.[0]?.extensions?.field).toBe("input.agencyIds.1");
  });

  it("refuses a 1 MB string, and any text over its stated maximum", async () => {
    const res = await api.gql(
      await t.token("SCR_SUBGROUP"),
      `mutation($v: String!) { recordDissent(input: { id: "00000000-0000-4000-a000-000000000000", view: $v }) { version } }`,
      { v: "x".repeat(1_000_000) },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.view");
    const summary = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `mutation($i: NotificationInput!) { createNotificationDraft(input: $i) { id } }`,
      { i: { notifyingAgencyId: t.agencyIds[0], summary: "s".repeat(10_001) } },
    );
    expect(summary.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.summary",
    });
  });

  it("refuses a cursor over its maximum length", async () => {
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `query($a: String) { cases(after: $a) { edges { cursor } } }`,
      { a: "A".repeat(5000) },
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("the request log", () => {
  it("logs the code each client received, FORBIDDEN and NOT_FOUND included", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "info";
    try {
      await api.gql(await t.token("PRACTITIONER"), `{ people { edges { node { id } } } }`);
      await api.gql(
        await t.token("BUSINESS_UNIT"),
        `mutation { setCaseAgencies(input: { id: "00000000-0000-4000-a000-000000000000", expectedVersion: 1, agencyIds: [] }) { id } }`,
      );
    } finally {
      process.env.LOG_LEVEL = previous;
    }
    const logged = lines
      .map((l) => JSON.parse(l))
      .filter((e) => e.msg === "graphql operation")
      .map((e) => e.errorCodes);
    expect(logged).toEqual([["FORBIDDEN"], ["NOT_FOUND"]]);
  });
});

describe("what the adversarial test of the fixes found", () => {
  it("prices lists by their declared size and text by its length: 15 aliases of 100 decisions with their dissents are refused, the Chair's awaiting list is not", async () => {
    const chair = await t.token("INDEPENDENT_CHAIR");
    const block = (a: string) =>
      `${a}: notifications(first: 100, filter: { status: SUBMITTED }) { edges { node { id ... on IncidentNotification { reviewDecision { dissents { view } } } } } }`;
    const huge = await api.gql(
      chair,
      `{ ${Array.from({ length: 15 }, (_, i) => block(`a${i}`)).join(" ")} }`,
    );
    expect(huge.errors?.[0]?.message).toMatch(/too costly/);
    expect(huge.dynamoRequests).toBe(0);
    const awaiting = await api.gql(
      chair,
      `{ notifications(filter: { status: SUBMITTED }) { edges { node { id category ... on IncidentNotification { reviewDecision { state version dissents { id view } } } } } } }`,
    );
    expect(awaiting.errors).toBeUndefined();
  });

  it("counts aliases as written, not once per item of a list", async () => {
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `{ cases(first: 31) { edges { node { caseId: id } } } }`,
    );
    expect(res.errors).toBeUndefined();
  });

  it("refuses a cursor of the same list under another filter as BAD_USER_INPUT, not a fault", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const r = await api.gql<{ createRecommendation: { id: string } }>(
      bu,
      `mutation($i: CreateRecommendationInput!) { createRecommendation(input: $i) { id } }`,
      {
        i: {
          source: { kind: "NEAR_MISS", title: "n" },
          text: "t",
          finding: "f",
          priority: "LOW",
          madeOn: "2026-01-01",
          targetDate: "2026-02-01",
        },
      },
    );
    expect(r.errors).toBeUndefined();
    const page = await api.gql<{ recommendations: { pageInfo: { endCursor: string } } }>(
      bu,
      `{ recommendations(first: 1, filter: { madeFrom: "2000-01-01", madeTo: "2199-12-31" }) { pageInfo { endCursor } } }`,
    );
    const cursor = page.data?.recommendations.pageInfo.endCursor;
    const reused = await api.gql(
      bu,
      `query($c: String) { recommendations(first: 1, after: $c, filter: { madeFrom: "2100-01-01", madeTo: "2100-12-31" }) { edges { node { id } } } }`,
      { c: cursor },
    );
    expect(reused.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });

  it("names the variable of a missing or null required variable, with list indexes as dots", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const missing = await api.gql(bu, `query($id: ID!) { case(id: $id) { id } }`, {});
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    const typed = await api.gql(
      bu,
      `mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`,
      { i: { agencyIds: [true], identity: { childName: "A" } } },
    );
    expect(typed.errors?.[0]?.extensions?.field).toBe("i.agencyIds.0");
  });

  it("refuses an agency named twice, an NHS number of ten equal digits and half a surrogate pair", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const twice = await api.gql(
      bu,
      `mutation($i: NotificationInput!) { createNotificationDraft(input: $i) { id } }`,
      {
        i: {
          notifyingAgencyId: t.agencyIds[0],
          involvedAgencyIds: [t.agencyIds[1], t.agencyIds[1]],
        },
      },
    );
    expect(twice.errors?.[0]?.extensions?.field).toBe("input.involvedAgencyIds");
    const CASE = `mutation($i: CreateCaseInput!) { createCase(input: $i) { id } }`;
    const zeros = await api.gql(bu, CASE, {
      i: { agencyIds: [t.agencyIds[0]], identity: { childName: "A", nhsNumber: "0000000000" } },
    });
    expect(zeros.errors?.[0]?.extensions?.field).toBe("input.identity.nhsNumber");
    const surrogate = await api.gql(bu, CASE, {
      i: { agencyIds: [t.agencyIds[0]], identity: { childName: "A\ud800" } },
    });
    expect(surrogate.errors?.[0]?.extensions?.field).toBe("input.identity.childName");
    // Characters as people count them: 101 emoji are 101 characters, not 202.
    const emoji = await api.gql(bu, CASE, {
      i: { agencyIds: [t.agencyIds[0]], identity: { childName: "🙂".repeat(150) } },
    });
    expect(emoji.errors).toBeUndefined();
  });

  it("lets 30 concurrent progress updates on one action all land, none answered CONFLICT", async () => {
    const { recommend, act } = await import("../helpers/recommendations");
    const rec = await recommend(api, t, { participatingAgencyIds: [] });
    const a = await act(api, t, rec.id, "2026-12-01", 0);
    const partner = await t.token("PARTNER_SYSTEM", 0);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.gql(
          partner,
          `mutation($id: ID!, $k: String) { recordActionProgress(input: { id: $id, text: "u", on: "2026-06-01" }, idempotencyKey: $k) { id } }`,
          { id: a.id, k: `c-${i}-${randomUUID()}` },
        ),
      ),
    );
    const answered = results.map((r) => codes(r)[0] ?? "OK");
    expect(answered.filter((c) => c === "CONFLICT")).toEqual([]);
    // Whatever was not applied says retry (SERVICE_UNAVAILABLE), and a retry would apply it.
    expect(answered.every((c) => c === "OK" || c === "SERVICE_UNAVAILABLE")).toBe(true);
    const count = await api.gql<{ action: { updateCount: number } }>(
      partner,
      `query($id: ID!) { action(id: $id) { updateCount } }`,
      { id: a.id },
    );
    expect(count.data?.action.updateCount).toBe(answered.filter((c) => c === "OK").length);
  });
});
