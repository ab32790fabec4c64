import { randomUUID } from "node:crypto";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import { importJWK, SignJWT } from "jose";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { signToken } from "../../src/local/dev-auth";
import {
  newTenant,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";

/** The Lambda entry point with real API Gateway HTTP API (payload 2.0) events. */
type Handler = (
  e: APIGatewayProxyEventV2,
  c: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

let api: TestApi;
let t: Tenant;
let handler: Handler;

function event(
  body: unknown,
  headers: Record<string, string> = {},
  method = "POST",
  path = "/graphql",
): APIGatewayProxyEventV2 {
  const now = new Date();
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: "",
    headers: { "content-type": "application/json", host: "api.example.org", ...headers },
    requestContext: {
      accountId: "123456789012",
      apiId: "api",
      domainName: "api.example.org",
      domainPrefix: "api",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: "192.0.2.1",
        userAgent: "vitest",
      },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const context = () =>
  ({ awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;

async function call(body: unknown, headers: Record<string, string> = {}) {
  const res = await handler(event(body, headers), context());
  return { status: res.statusCode, json: JSON.parse(res.body ?? "{}"), body: res.body ?? "" };
}

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api, { cases: 2 });
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
    JWT_ISSUER: TEST_ISSUER,
    JWT_AUDIENCE: TEST_AUDIENCE,
    JWKS_JSON: JSON.stringify({ keys: [api.keys.trusted.publicJwk] }),
    LOCAL_DEV: "false",
  });
  ({ handler } = (await import("../../src/handlers/graphql")) as unknown as { handler: Handler });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const CASES = { query: "query Cases { cases(first: 5) { edges { node { id pseudonym } } } }" };

describe("the overdue Lambda handler", () => {
  it("runs the overdue check over every partnership and reports what it did", async () => {
    const { handler: overdue } = await import("../../src/handlers/overdue");
    const run = await overdue({} as never, context());
    expect(run.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(run.partnerships).toBeGreaterThanOrEqual(1);
    // One summary per agency and one for the board, per partnership.
    expect(run.summaries).toBeGreaterThanOrEqual(run.partnerships * 2);
  });
});

const now = () => Math.floor(Date.now() / 1000);

/** A token signed by the trusted key, with its time claims as given (undefined leaves one out). */
async function rawToken(times: { iat?: number; exp?: number }) {
  const claims: Record<string, unknown> = {
    partnership_id: t.partnershipId,
    roles: ["BUSINESS_UNIT"],
    token_use: "id",
    iat: now(),
    exp: now() + 600,
    ...times,
  };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: api.keys.trusted.privateJwk.kid })
    .setSubject("x")
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .sign(await importJWK(api.keys.trusted.privateJwk, "RS256"));
}

describe("each route takes its own kind of token", () => {
  const ask = async (path: string, token: string) => {
    const res = await handler(
      event(
        { query: "{ agencies(first: 1) { edges { node { id } } } }" },
        { authorization: `Bearer ${token}` },
        "POST",
        path,
      ),
      context(),
    );
    return { status: res.statusCode, json: JSON.parse(res.body ?? "{}") };
  };

  it("a partner system's access token on /system/graphql, a person's ID token on /graphql; crossed, 401", async () => {
    const partner = await t.token("PARTNER_SYSTEM");
    const person = await t.token("BUSINESS_UNIT");
    expect((await ask("/system/graphql", partner)).json.data?.agencies).toBeTruthy();
    expect((await ask("/graphql", person)).json.data?.agencies).toBeTruthy();
    const crossedPartner = await ask("/graphql", partner);
    expect(crossedPartner.status).toBe(401);
    expect(crossedPartner.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(crossedPartner.json.errors?.[0]?.message).toContain("/system/graphql");
    const crossedPerson = await ask("/system/graphql", person);
    expect(crossedPerson.status).toBe(401);
    expect(crossedPerson.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("the public route serves public operations only, whatever token is sent", async () => {
    const person = await t.token("BUSINESS_UNIT");
    const res = await ask("/public/graphql", person);
    expect(res.json.data?.agencies ?? null).toBeNull();
    expect(res.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const forged = await ask("/public/graphql", `${person.slice(0, -4)}AAAA`);
    expect(forged.json.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

/** A 503 SERVICE_UNAVAILABLE, retryable, naming the invocation's request id. */
function expectUnavailable(res: Awaited<ReturnType<Handler>>, context: Context) {
  expect(res.statusCode).toBe(503);
  const body = JSON.parse(res.body ?? "{}");
  expect(body.errors[0].extensions).toMatchObject({
    code: "SERVICE_UNAVAILABLE",
    retryable: true,
    requestId: (context as { awsRequestId: string }).awsRequestId,
  });
}

describe("the GraphQL Lambda handler", () => {
  it("serves a query for a valid token", async () => {
    const res = await call(CASES, { authorization: `Bearer ${await t.token("BUSINESS_UNIT")}` });
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.cases.edges).toHaveLength(2);
    // Compact JSON, not Apollo's indented default.
    expect(res.body).toBe(JSON.stringify(res.json));
  });

  it("answers UNAUTHENTICATED without a token", async () => {
    const res = await call(CASES);
    expect(res.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(res.json.data).toBeNull();
  });

  it.each([
    [
      "signed by another key",
      async () => t.token("BUSINESS_UNIT", 0, api.keys.untrusted.privateJwk),
    ],
    [
      "for another audience",
      async () =>
        signToken(
          api.keys.trusted.privateJwk,
          { sub: "x", partnershipId: t.partnershipId, agencyId: null, roles: ["BUSINESS_UNIT"] },
          { issuer: TEST_ISSUER, audience: "someone-else" },
        ),
    ],
    [
      "that has expired",
      async () =>
        signToken(
          api.keys.trusted.privateJwk,
          { sub: "x", partnershipId: t.partnershipId, agencyId: null, roles: ["BUSINESS_UNIT"] },
          { issuer: TEST_ISSUER, audience: TEST_AUDIENCE, expiresIn: "-5m" },
        ),
    ],
    ["that is not a JWT", async () => "not-a-token"],
    ["with no expiry", async () => rawToken({ exp: undefined })],
    ["that expires in 9999", async () => rawToken({ exp: 253_370_764_800 })],
    ["issued in the future", async () => rawToken({ iat: now() + 3600, exp: now() + 7200 })],
    ["with no issue time", async () => rawToken({ iat: undefined })],
  ])("answers 401 UNAUTHENTICATED for a token %s", async (_label, make) => {
    const res = await call(CASES, { authorization: `Bearer ${await make()}` });
    expect(res.status).toBe(401);
    expect(res.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(res.json.data).toBeUndefined();
  });

  it("answers 503 SERVICE_UNAVAILABLE with its request id when the request's time is up, before the function's timeout", async () => {
    const almostOut = {
      awsRequestId: randomUUID(),
      getRemainingTimeInMillis: () => 3_000,
    } as unknown as Context;
    const res = await handler(
      event(CASES, { authorization: `Bearer ${await t.token("BUSINESS_UNIT")}` }),
      almostOut,
    );
    expectUnavailable(res, almostOut);
  });

  it("answers a partner system 503 SERVICE_UNAVAILABLE when its registration cannot be read (a retryable fault, not an internal error)", async () => {
    const almostOut = {
      awsRequestId: randomUUID(),
      getRemainingTimeInMillis: () => 3_000,
    } as unknown as Context;
    const res = await handler(
      event(
        CASES,
        { authorization: `Bearer ${await t.token("PARTNER_SYSTEM")}` },
        "POST",
        "/system/graphql",
      ),
      almostOut,
    );
    expectUnavailable(res, almostOut);
  });

  it("serves public queries without a token", async () => {
    const res = await call({ query: `{ publicPartnership(code: "${t.code}") { name } }` });
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.publicPartnership.name).toBe(t.seed.partnership.name);
  });

  it("serves no landing page outside local development", async () => {
    const e = { ...event(undefined, { accept: "text/html" }, "GET"), body: undefined };
    const res = await handler(e, context());
    expect(String(res.body ?? "")).not.toContain("<html");
    // Not Acceptable: with the landing page disabled, Apollo has nothing to send a browser.
    expect(res.statusCode).toBe(406);
  });

  it("takes one operation a request (no batching), GET only with Apollo's CSRF header, and no mutation by GET", async () => {
    const auth = { authorization: `Bearer ${await t.token("BUSINESS_UNIT")}` };
    const batch = await call([CASES, CASES], auth);
    expect(batch.status).toBe(400);
    const get = (query: string, headers: Record<string, string>) => {
      const e = event(undefined, { ...auth, ...headers }, "GET");
      const q = new URLSearchParams({ query }).toString();
      return handler(
        { ...e, body: undefined, rawQueryString: q, queryStringParameters: { query } },
        context(),
      );
    };
    // A browser may send a "simple" GET across origins without a preflight: refused.
    const simple = await get(CASES.query, { "content-type": "text/plain" });
    expect(simple.statusCode).toBe(400);
    expect(String(simple.body)).toMatch(/CSRF|preflight/i);
    const withHeader = await get(CASES.query, { "apollo-require-preflight": "true" });
    expect(withHeader.statusCode).toBe(200);
    expect(JSON.parse(String(withHeader.body)).data.cases.edges).toHaveLength(2);
    const mutation = await get(
      `mutation { createAgency(input: { name: "X", kind: OTHER }) { id } }`,
      {
        "apollo-require-preflight": "true",
      },
    );
    expect(mutation.statusCode).toBe(405);
  });

  it("answers a body over the limit 413 in the media type the client accepts, with its code", async () => {
    const big = { query: "{ __typename }", variables: { x: "x".repeat(1_100_000) } };
    for (const [accept, type] of [
      [
        "application/graphql-response+json, application/json;q=0.9",
        "application/graphql-response+json",
      ],
      ["application/json", "application/json"],
    ] as const) {
      const res = await handler(event(big, { accept }), context());
      expect(res.statusCode).toBe(413);
      expect(String(res.headers?.["content-type"])).toContain(type);
      expect(JSON.parse(String(res.body)).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    }
  });

  it("answers a persisted query whose hash is not its query's 400 BAD_REQUEST, saying so", async () => {
    const res = await call({
      query: "{ __typename }",
      extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].extensions).toEqual({ code: "BAD_REQUEST" });
    expect(res.json.errors[0].message).toMatch(/sha256Hash is not the SHA-256 hash of the query/);
  });

  it("answers a body that is not JSON 400 BAD_REQUEST as a GraphQL error, in the media type accepted", async () => {
    for (const [accept, type] of [
      ["application/graphql-response+json", "application/graphql-response+json"],
      ["application/json", "application/json"],
      ["", "application/json"],
    ] as const) {
      for (const body of ['{"query": "{ __typename }"', "query { __typename }", "{,}"]) {
        const res = await handler({ ...event(undefined, { accept }), body }, context());
        expect(res.statusCode, body).toBe(400);
        expect(String(res.headers?.["content-type"])).toContain(type);
        const json = JSON.parse(String(res.body));
        expect(json.errors).toHaveLength(1);
        expect(json.errors[0].extensions).toEqual({ code: "BAD_REQUEST" });
        expect(json.errors[0].message).toMatch(/not valid JSON/);
      }
    }
  });

  it('refuses a document of too many fields 400 with a clear error, where graphql-js would only say "Validation aborted."', async () => {
    const auth = { authorization: `Bearer ${await t.token("BUSINESS_UNIT")}` };
    const res = await call({ query: `{ me { ${"id ".repeat(708)} } }` }, auth);
    expect(res.status).toBe(400);
    expect(res.json.errors).toHaveLength(1);
    expect(res.json.errors[0].extensions).toEqual({
      code: "GRAPHQL_VALIDATION_FAILED",
      field: "query",
    });
    expect(res.json.errors[0].message).toMatch(/^Too many fields: 709 exceeds \d+/);
    const fine = await call({ query: `{ me { ${"id ".repeat(200)} } }` }, auth);
    expect(fine.json.errors).toBeUndefined();
  });

  it("has introspection off outside local development", async () => {
    const res = await call(
      { query: "{ __schema { types { name } } }" },
      { authorization: `Bearer ${await t.token("BUSINESS_UNIT")}` },
    );
    expect(res.status).toBe(400);
    expect(res.json.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("refuses a too costly query before running it, and serves the same query once", async () => {
    const auth = { authorization: `Bearer ${await t.token("BUSINESS_UNIT")}` };
    const block = (alias: string) =>
      `${alias}: cases(first: 100) { edges { node { agencies { id name kind version createdAt updatedAt } } } }`;
    const once = await call({ query: `{ ${block("a")} }` }, auth);
    expect(once.json.errors).toBeUndefined();
    const many = await call(
      { query: `{ ${["a", "b", "c", "d", "e"].map(block).join(" ")} }` },
      auth,
    );
    expect(many.status).toBe(400);
    expect(many.json.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(many.json.errors[0].message).toMatch(/too costly/);
  });

  it("logs structured JSON with the request id and never a child's details", async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = "info";
    const childName = `Loggable Child ${randomUUID().slice(0, 6)}`;
    try {
      const bu = `Bearer ${await t.token("BUSINESS_UNIT")}`;
      const created = await call(
        {
          query: `mutation C($input: CreateCaseInput!) { createCase(input: $input) { id identity { childName } } }`,
          variables: {
            input: {
              agencyIds: [t.agencyIds[0]],
              identity: { childName, address: "9 Secret Lane" },
            },
          },
        },
        { authorization: bu },
      );
      expect(created.json.data.createCase.identity.childName).toBe(childName);
    } finally {
      process.env.LOG_LEVEL = previous;
    }
    const entries = lines
      .flatMap((l) => l.split("\n"))
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const op = entries.find((e) => e.msg === "graphql operation");
    expect(op).toMatchObject({ operationName: "C", operationType: "mutation", errorCodes: [] });
    expect(typeof op.requestId).toBe("string");
    expect(op.dynamoRequests).toBeGreaterThan(0);
    const all = lines.join("");
    expect(all).not.toContain(childName);
    expect(all).not.toContain("Secret Lane");
  });
});
