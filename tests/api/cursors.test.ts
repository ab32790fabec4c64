import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cursorBinding, openCursor, sealCursor } from "../../src/graphql/common/cursors";
import {
  codes,
  createCaseVia,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import { act, recommend } from "../helpers/recommendations";

let api: TestApi;
let t: Tenant;

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api, { cases: 7 });
});

const CASES = `query($after: String) { cases(first: 3, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

type CasesPage = {
  cases: {
    edges: { cursor: string; node: { id: string } }[];
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
  };
};

async function page(token: string, after: string | null = null) {
  return api.gql<CasesPage>(token, CASES, { after });
}

/** Flips one character in the middle of a cursor, keeping it valid base64url. */
const tamper = (cursor: string) => {
  const i = Math.floor(cursor.length / 2);
  return `${cursor.slice(0, i)}${cursor[i] === "A" ? "B" : "A"}${cursor.slice(i + 1)}`;
};

describe("cursors", () => {
  it("page through a list with Relay's PageInfo, and reveal neither keys nor the partnership", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res = await page(bu, after);
      expect(res.errors).toBeUndefined();
      const c = res.data?.cases;
      if (!c) throw new Error("no page");
      pages++;
      expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null);
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
      for (const e of c.edges) {
        seen.push(e.node.id);
        const decoded = Buffer.from(e.cursor, "base64url").toString("latin1");
        expect(decoded).not.toContain(t.partnershipId);
        expect(decoded).not.toContain(e.node.id);
        expect(decoded).not.toMatch(/"(pk|sk)"/);
      }
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toHaveLength(7);
  });

  it("refuse a cursor changed by one character, before any database request", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const first = await page(bu);
    const res = await page(bu, tamper(first.data?.cases.pageInfo.endCursor as string));
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("after");
    expect(res.errors?.[0]?.message).toBe("Not a cursor of this list");
    expect(res.dynamoRequests).toBe(0);
    for (const junk of ["", "x", "eyJwayI6IngifQ", "%%%", "A".repeat(1024)]) {
      expect(codes(await page(bu, junk)), junk).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("refuse a cursor handed to another principal, even in the same partnership", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const cursor = (await page(bu)).data?.cases.pageInfo.endCursor as string;
    const chair = await t.token("INDEPENDENT_CHAIR");
    const res = await page(chair, cursor);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("after");
    // And of another partnership.
    const other = await newTenant(api, { cases: 4 });
    expect(codes(await page(await other.token("BUSINESS_UNIT"), cursor))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });

  it("refuse a cursor of another list, or of the same list with another filter", async () => {
    const own = await newTenant(api);
    const bu = await own.token("BUSINESS_UNIT");
    for (let i = 0; i < 3; i++) await recommend(api, own, { participatingAgencyIds: [] });
    const LIST = `query($f: RecommendationFilter, $after: String) { recommendations(first: 1, filter: $f, after: $after) { pageInfo { endCursor } } }`;
    const byStatus = await api.gql<{ recommendations: { pageInfo: { endCursor: string } } }>(
      bu,
      LIST,
      { f: { status: "PROPOSED" } },
    );
    const cursor = byStatus.data?.recommendations.pageInfo.endCursor as string;
    const same = await api.gql(bu, LIST, { f: { status: "PROPOSED" }, after: cursor });
    expect(same.errors).toBeUndefined();
    const otherFilter = await api.gql(bu, LIST, { f: { status: "ACCEPTED" }, after: cursor });
    expect(codes(otherFilter)).toEqual(["BAD_USER_INPUT"]);
    const otherList = await api.gql(
      bu,
      `query($after: String) { cases(after: $after) { edges { node { id } } } }`,
      {
        after: cursor,
      },
    );
    expect(codes(otherList)).toEqual(["BAD_USER_INPUT"]);
  });

  it("bind a nested list's cursor to its parent record", async () => {
    const own = await newTenant(api);
    const r = await recommend(api, own, { participatingAgencyIds: [] });
    const a = await act(api, own, r.id, "2026-09-01", 0);
    const b = await act(api, own, r.id, "2026-09-02", 0);
    const partner = await own.token("PARTNER_SYSTEM", 0);
    for (const action of [a, b])
      for (let i = 0; i < 2; i++) {
        const res = await api.gql(
          partner,
          `mutation($id: ID!, $k: String) { recordActionProgress(input: { id: $id, text: "u", on: "2026-06-01" }, idempotencyKey: $k) { id } }`,
          { id: action.id, k: `k-${randomUUID()}` },
        );
        expect(res.errors).toBeUndefined();
      }
    const UPDATES = `query($id: ID!, $after: String) { action(id: $id) { updates(first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } } } }`;
    const bu = await own.token("BUSINESS_UNIT");
    const ofA = await api.gql<{ action: { updates: { pageInfo: { endCursor: string } } } }>(
      bu,
      UPDATES,
      { id: a.id },
    );
    const cursor = ofA.data?.action.updates.pageInfo.endCursor as string;
    expect((await api.gql(bu, UPDATES, { id: a.id, after: cursor })).errors).toBeUndefined();
    expect(codes(await api.gql(bu, UPDATES, { id: b.id, after: cursor }))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });

  it("are sealed with the deployment's key: another key opens none of them", async () => {
    const c = await createCaseVia(api, t, [0]);
    const binding = cursorBinding(
      { principal: null },
      { parentType: { name: "Query" } as never, fieldName: "cases" },
      undefined,
      {},
    );
    const keyA = Buffer.alloc(32, 1);
    const keyB = Buffer.alloc(32, 2);
    const sealed = sealCursor(c.id, binding, keyA);
    expect(openCursor(sealed, binding, keyA)).toBe(c.id);
    expect(() => openCursor(sealed, binding, keyB)).toThrow("Not a cursor of this list");
    // Sealing the same cursor twice gives two different strings (a fresh nonce each time).
    expect(sealCursor(c.id, binding, keyA)).not.toBe(sealed);
  });
});
