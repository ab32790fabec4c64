import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER, readDevKey, signToken } from "../../src/local/dev-auth";
import { type LocalStack, startLocalStack } from "../../src/local/server";

/** `NODE_ENV=production npm start`: the API as AWS runs it, on the laptop. */
const keyDir = mkdtempSync(join(tmpdir(), "lif-prod-"));
let stack: LocalStack;

beforeAll(async () => {
  process.env.DEV_KEY_FILE = join(keyDir, "key.json");
  stack = await startLocalStack({
    port: 0,
    endpoint: inject("dynamoEndpoint"),
    seed: false,
    production: true,
  });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

/** The public route: no token needed to see how the API answers a query it refuses. */
const post = (query: string) =>
  fetch(new URL("/public/graphql", stack.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });

/** A token of the local signing key (`npm start`'s dev issuer). */
const token = async () =>
  signToken(
    readDevKey().privateJwk,
    { sub: "tester", partnershipId: "p", agencyId: null, roles: ["BUSINESS_UNIT"] },
    { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
  );

describe("npm start in production mode", () => {
  it("answers no introspection, makes no suggestions and serves no explorer", async () => {
    const intro = await post("{ __schema { types { name } } }");
    expect(intro.status).toBe(400);
    const body = (await intro.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await (await post('{ publicPartnershp(code: "x") { name } }')).text();
    expect(typo).not.toMatch(/Did you mean/);
    const page = await fetch(stack.url, { headers: { accept: "text/html" } });
    expect(await page.text()).not.toContain("<html");
  });

  it("serves neither the explorer, its assets nor dev tokens, as in AWS", async () => {
    const origin = new URL(stack.url).origin;
    const html = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
    for (const path of ["/graphql", "/public/graphql"]) {
      const page = await fetch(`${origin}${path}`, { headers: html });
      // What the handler answers a browser: no page, a client error (a 4xx, as in AWS).
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      const body = await page.text();
      expect(body).not.toContain("<html");
      expect(body).not.toMatch(/graphiql|explorer/i);
    }
    for (const path of [
      "/dev/token?role=BUSINESS_UNIT",
      "/explorer/0000000000000000/main.js",
      "/explorer/",
    ]) {
      const res = await fetch(`${origin}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toMatch(/eyJ/);
    }
  });
});

describe("the local server, as API Gateway and the function answer", () => {
  it("answers /graphql without a token 401 as the gateway's JWT authorizer does, before the function", async () => {
    const requests: { method: string; body?: string; headers?: Record<string, string> }[] = [
      { method: "POST", body: JSON.stringify({ query: "{ partnership { name } }" }) },
      { method: "POST", body: "not even JSON" },
      { method: "GET", headers: { "apollo-require-preflight": "true" } },
      { method: "POST", body: "{}", headers: { authorization: "  " } },
    ];
    for (const init of requests) {
      const res = await fetch(`${stack.url}?query=${encodeURIComponent("{ __typename }")}`, {
        ...init,
        headers: { "content-type": "application/json", ...init.headers },
      });
      expect(res.status, JSON.stringify(init)).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe("Bearer");
      expect(await res.json()).toEqual({ message: "Unauthorized" });
    }
    // With a token the function answers; without one, the public route does.
    const withToken = await fetch(stack.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(await withToken.json()).toEqual({ data: { __typename: "Query" } });
    const open = await post('{ publicPartnership(code: "nowhere") { name } }');
    expect(await open.json()).toEqual({ data: { publicPartnership: null } });
  });

  it("answers a body that is not JSON 400 with a JSON GraphQL error coded BAD_REQUEST", async () => {
    for (const path of ["/graphql", "/public/graphql"]) {
      const res = await fetch(new URL(path, stack.url), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          authorization: `Bearer ${await token()}`,
        },
        body: '{"query": "{ __typename }"',
      });
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/json");
      const body = (await res.json()) as { errors: { message: string; extensions: unknown }[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]?.extensions).toEqual({ code: "BAD_REQUEST" });
      expect(body.errors[0]?.message).toMatch(/not valid JSON/);
    }
  });
});
