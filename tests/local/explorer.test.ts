import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type LocalStack, startLocalStack } from "../../src/local/server";
import { launchChromium } from "../helpers/browser";

/**
 * The local explorer as a newcomer uses it: Debian's Chromium (installed by .ci/run when
 * missing) opens the API's URL, and GraphiQL must render from this server alone, list the
 * schema in its docs, autocomplete, and run a query with the token in its headers editor.
 */
const keyDir = mkdtempSync(join(tmpdir(), "lif-explorer-"));
let stack: LocalStack;
let browser: Browser;
let page: Page;
let origin: string;
/** Every URL the page asked for: all must be this server's (no CDN). */
const requested: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  process.env.DEV_KEY_FILE = join(keyDir, "key.json");
  [stack, browser] = await Promise.all([
    // The shared DynamoDB Local: the demo partnerships' ids are their own, used by no other test.
    startLocalStack({ port: 0, endpoint: inject("dynamoEndpoint") }),
    launchChromium(),
  ]);
  origin = new URL(stack.url).origin;
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(10_000);
  page.on("request", (r) => requested.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

/** The lines a Monaco editor shows (a short document shows whole; it draws spaces as NBSP). */
const editorText = async (selector: string) =>
  ((await page.locator(`${selector} .view-lines`).first().textContent()) ?? "").replace(
    /\u00a0/g,
    " ",
  );
const HEADERS = 'section[aria-label="Headers"] .graphiql-editor:not(.hidden)';

describe("the local explorer (GraphiQL) in Chromium", () => {
  it("renders from this server alone, with the schema's docs", async () => {
    await page.goto(stack.url);
    await page.locator(".graphiql-container").waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    const docs = page.locator(".graphiql-doc-explorer");
    // The root types come from introspection, which is on locally.
    await docs.getByRole("link", { name: "Query" }).first().click();
    const fields = () => docs.locator(".graphiql-doc-explorer-field-name").allTextContents();
    await expect.poll(fields, { timeout: 10_000 }).toContain("notifications");
    expect(await fields()).toContain("agencies");
    // A newcomer's first query needs no setup: the headers editor already carries a dev token.
    expect(await editorText(HEADERS)).toMatch(/"Authorization":\s*"Bearer eyJ/);
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:"))).toEqual(
      [],
    );
  });

  it("autocompletes a query from the schema", async () => {
    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    await page.keyboard.type("{ agen");
    const suggestions = page.locator(".suggest-widget");
    await expect
      .poll(() => suggestions.textContent().catch(() => ""), { timeout: 10_000 })
      .toContain("agencies");
    // The field's type: the suggestion comes from the schema, not from words in the editor.
    expect(await suggestions.textContent()).toContain("AgencyConnection!");
    await page.keyboard.press("Escape");
  });

  it("runs a typed query with the dev token in the headers editor, and shows the data", async () => {
    const editor = page.locator(".graphiql-query-editor .monaco-editor").first();
    await editor.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.press("Delete");
    // insertText: no auto-closed brackets doubling what is typed.
    await page.keyboard.insertText(
      "query Agencies { partnership { name } agencies(first: 20) { edges { node { name kind } } } }",
    );
    // The headers editor holds a token (the page's default: the demo business unit); the
    // "Dev tokens" panel replaces it with another demo user's, signed by GET /dev/token.
    await page.getByRole("button", { name: "Show Dev tokens" }).click();
    await page
      .locator(".dev-tokens select")
      .selectOption({ label: "lutonshire: INDEPENDENT_CHAIR" });
    await page.getByRole("button", { name: "Use this token" }).click();
    await expect
      .poll(() => page.locator(".dev-tokens [role=status]").textContent())
      .toContain("token for lutonshire: INDEPENDENT_CHAIR");
    await expect.poll(() => editorText(HEADERS)).toMatch(/"Authorization":\s*"Bearer eyJ/);

    const answered = page.waitForResponse(
      (r) => r.url() === stack.url && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /Execute query/ }).click();
    const response = await answered;
    expect(response.request().postDataJSON().query).toMatch(/^query Agencies \{/);
    // The panel's token, not the page's default one, went with the request.
    const sent =
      response
        .request()
        .headers()
        .authorization?.replace(/^Bearer /, "") ?? "";
    const claims = JSON.parse(Buffer.from(sent.split(".")[1] ?? "", "base64url").toString());
    expect(claims.roles).toEqual(["INDEPENDENT_CHAIR"]);
    const body = (await response.json()) as {
      data?: { partnership: { name: string }; agencies: { edges: unknown[] } };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data?.partnership.name).toBe("Lutonshire Safeguarding Children Partnership");
    expect(body.data?.agencies.edges).toHaveLength(8);
    // And the newcomer sees it in the response pane.
    await expect
      .poll(() => editorText(".graphiql-response"), { timeout: 10_000 })
      .toMatch(/^\{ *"data": \{ *"partnership": \{ *"name": "Lutonshire Safeguarding/);
    expect(await editorText(".graphiql-response")).toContain('"kind": "HEALTH"');
    expect(await editorText(".graphiql-response")).not.toContain('"errors"');
  });

  it("without a token, the same query is refused as the gateway's authorizer refuses it", async () => {
    await page.getByRole("button", { name: "No token" }).click();
    const answered = page.waitForResponse(
      (r) => r.url() === stack.url && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /Execute query/ }).click();
    const response = await answered;
    expect(response.request().headers().authorization).toBeUndefined();
    expect(response.status()).toBe(401);
    expect(await response.json()).toEqual({ message: "Unauthorized" });
  });

  it("at /public/graphql, runs its own public query without a token", async () => {
    const publicUrl = `${origin}/public/graphql`;
    await page.goto(publicUrl);
    await page.locator(".graphiql-container").waitFor();
    // Its own saved tabs: the query typed for /graphql above stays there.
    expect(await editorText(".graphiql-query-editor")).toContain("publicPartnership");
    const answered = page.waitForResponse(
      (r) => r.url() === publicUrl && r.request().method() === "POST",
    );
    await page.getByRole("button", { name: /Execute query/ }).click();
    const response = await answered;
    expect(response.request().headers().authorization).toBeUndefined();
    expect(await response.json()).toEqual({
      data: {
        publicPartnership: {
          name: "Lutonshire Safeguarding Children Partnership",
          website: "https://www.lutonshirescp.example.org",
        },
      },
    });
    expect(pageErrors).toEqual([]);
  });
});

describe("the explorer's routes", () => {
  it("serve the explorer on the public route too, with no token in its headers", async () => {
    const res = await fetch(`${origin}/public/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await res.text();
    const config = JSON.parse(
      html.match(/<script id="explorer-config" type="application\/json">(.*?)<\/script>/s)?.[1] ??
        "null",
    );
    expect(config).toMatchObject({ route: "/public/graphql", token: null });
    expect(config.defaultQuery).toContain("publicPartnership");
    // A client asking for JSON still reaches the API.
    const api = await fetch(`${origin}/graphql`, { headers: { accept: "application/json" } });
    expect(api.headers.get("content-type")).not.toMatch(/html/);
  });

  it("GET /dev/token signs a demo user's token the API accepts, and refuses what it cannot sign", async () => {
    const token = await (await fetch(`${origin}/dev/token?role=INDEPENDENT_CHAIR`)).text();
    const res = await fetch(stack.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token.trim()}` },
      body: JSON.stringify({ query: "{ partnership { name } }" }),
    });
    expect(((await res.json()) as { data: unknown }).data).toEqual({
      partnership: { name: "Lutonshire Safeguarding Children Partnership" },
    });
    expect((await fetch(`${origin}/dev/token?role=NOBODY`)).status).toBe(400);
    expect((await fetch(`${origin}/dev/token?role=AGENCY_LEAD&agency=nope`)).status).toBe(400);
  });

  it("answer only requests addressed to localhost (a DNS-rebinding page names its own host)", async () => {
    const { port } = new URL(origin);
    const status = await new Promise<number | undefined>((resolve, reject) =>
      request(
        {
          host: "127.0.0.1",
          port,
          path: "/dev/token?role=BUSINESS_UNIT",
          headers: { host: "evil.example" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      )
        .on("error", reject)
        .end(),
    );
    expect(status).toBe(403);
  });
});
