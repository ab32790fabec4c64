import { afterEach, describe, expect, it, vi } from "vitest";
import { codes, type GqlResult, newTenant, testApi } from "../helpers/harness";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("unexpected errors", () => {
  it("reach the client masked with a request id, and are logged in full", async () => {
    const healthy = await testApi();
    const t = await newTenant(healthy);
    // Same tenant, but a store whose tables do not exist: DynamoDB fails with ResourceNotFound.
    const broken = await testApi({
      tables: { records: "missing-records", accessLog: "missing-log", aggregates: "missing-agg" },
    });
    const logged: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "info";
    let res: GqlResult;
    try {
      const token = await t.token("BUSINESS_UNIT", 0, broken.keys.trusted.privateJwk);
      res = await broken.gql(token, "{ partnership { id } }");
    } finally {
      process.env.LOG_LEVEL = previous;
    }
    expect(codes(res)).toEqual(["INTERNAL_SERVER_ERROR"]);
    const requestId = res.errors?.[0]?.extensions?.requestId as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.errors?.[0]?.message).toBe(`Internal server error (request ${requestId})`);
    expect(JSON.stringify(res)).not.toMatch(/ResourceNotFound|missing-records|stack/i);
    const entry = logged.map((l) => JSON.parse(l)).find((e) => e.msg === "unexpected error");
    expect(entry).toMatchObject({
      level: "error",
      requestId,
      errorName: "ResourceNotFoundException",
    });
    expect(entry.stack).toContain("ResourceNotFoundException");
  });
});

describe("bad input", () => {
  it("names the offending field of an empty required text", async () => {
    const api = await testApi();
    const t = await newTenant(api);
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `mutation { createAgency(input: { name: "", kind: OTHER }) { id } }`,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.name");
  });

  it("refuses a malformed idempotency key naming the argument", async () => {
    const api = await testApi();
    const t = await newTenant(api);
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `mutation { createAgency(input: { name: "X", kind: OTHER }, idempotencyKey: "short") { id } }`,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("idempotencyKey");
  });

  it("refuses a stale agency update with CONFLICT and the current version", async () => {
    const api = await testApi();
    const t = await newTenant(api);
    const bu = await t.token("BUSINESS_UNIT");
    const id = t.agencyIds[0];
    const update = (name: string) =>
      api.gql(
        bu,
        `mutation U($id: ID!, $n: String) { updateAgency(input: { id: $id, expectedVersion: 1, name: $n }) { version name } }`,
        {
          id,
          n: name,
        },
      );
    const first = await update("Renamed once");
    expect(first.errors).toBeUndefined();
    const second = await update("Renamed twice");
    expect(codes(second)).toEqual(["CONFLICT"]);
    expect(second.errors?.[0]?.extensions).toMatchObject({
      reason: "STALE_VERSION",
      currentVersion: 2,
    });
    const now = await api.gql<{ agency: { name: string } }>(
      bu,
      `query A($id: ID!) { agency(id: $id) { name } }`,
      { id },
    );
    expect(now.data?.agency.name).toBe("Renamed once");
  });

  it("tells a reused idempotency key apart from a stale version, by extensions.reason", async () => {
    const api = await testApi();
    const t = await newTenant(api);
    const bu = await t.token("BUSINESS_UNIT");
    const create = (name: string) =>
      api.gql(
        bu,
        `mutation C($n: String!) { createAgency(input: { name: $n, kind: OTHER }, idempotencyKey: "agency-key-0001") { id } }`,
        { n: name },
      );
    expect((await create("First")).errors).toBeUndefined();
    const reused = await create("Something else");
    expect(codes(reused)).toEqual(["CONFLICT"]);
    expect(reused.errors?.[0]?.extensions?.reason).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(reused.errors?.[0]?.extensions).not.toHaveProperty("currentVersion");
  });
});
