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
    expect(res.errors?.[0]?.message).toMatch(/too costly/);
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
      `mutation { ${many(500, (i) => `d${i}: recordDissent(notificationId: "${n.id}", view: "v") { version }`)} }`,
    );
    expect(codes(writes)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(writes.dynamoRequests).toBe(0);
    const six = await api.gql(
      await t.token("SCR_SUBGROUP"),
      `mutation { ${many(6, (i) => `d${i}: recordDissent(notificationId: "${n.id}", view: "v") { version }`)} }`,
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
      `mutation($v: String!) { recordDissent(notificationId: "00000000-0000-4000-a000-000000000000", view: $v) { version } }`,
      { v: "x".repeat(1_000_000) },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("view");
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
        `query { case(id: "00000000-0000-4000-a000-000000000000") { id } }`,
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
