import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { buildDashboardSite } from "../../src/dashboard/build";
import type { CognitoDashboardConfig } from "../../src/dashboard/config";
import {
  type Dashboard,
  formatCount,
  formatDays,
  formatShare,
  NONE,
} from "../../src/dashboard/figures";
import { financialYear } from "../../src/dashboard/period";
import { DASHBOARD_PATH } from "../../src/local/dashboard";
import { readDevKey, signToken } from "../../src/local/dev-auth";
import { DEMO, findDemoUser } from "../../src/local/seed";
import { type LocalStack, startLocalStack } from "../../src/local/server";
import { launchChromium } from "../helpers/browser";

/**
 * The board dashboard page (issue 16) as a board member and an agency's lead use it: Debian's
 * Chromium (installed by .ci/run when missing) opens /dashboard on the local stack (its own
 * tables, the demo seed, the aggregates kept by the stream poller as the aggregator Lambda keeps
 * them in AWS), signs in, and every figure on the page must equal the API's own `boardDashboard`
 * answer for the same period and agency, asked for here directly. Screenshots go to
 * tests/browser/screenshots/ (git-ignored).
 */
const SCREENSHOTS = join(__dirname, "screenshots");
const keyDir = mkdtempSync(join(tmpdir(), "lif-dashboard-"));
const tag = randomUUID().slice(0, 8);
const lutonshire = DEMO.find((s) => s.partnership.code === "lutonshire")!;
const agencyNamed = (name: string) => lutonshire.agencies.find((a) => a.name === name)!;
const POLICE = agencyNamed("Lutonshire Police");
const SOCIAL_CARE = agencyNamed("Lutonshire Children's Social Care");
/** A second period: the 24 months the demo seed's records fall in, the longest the API takes. */
const WIDE = { from: "2025-04", to: "2027-03" };

let stack: LocalStack;
let browser: Browser;
let origin: string;
/** Every URL any page asked for: all must be this server's (or the page's own blobs). */
const requested: string[] = [];
const pageErrors: string[] = [];

const DASHBOARD_QUERY = `query($period: DashboardPeriodInput!, $agencyId: ID) {
  boardDashboard(period: $period, agencyId: $agencyId) {
    id from to months agencyId asOf agency { id name }
    notifications { total byCategory { category count } byMonth { month category count } }
    decisions {
      total byOutcome { outcome count } medianWorkingDaysToDecision withinRapidReviewClock
      shareWithinRapidReviewClock clocks { clock metOnTime metLate overdue notYetDue shareOnTime }
    }
    reviews { total byKindAndStatus { kind status count } overdueMilestones pastTargetDate }
    contributions { agencyId agency { id name } requested outstanding late }
    recommendations { total byStatus { status count } byAgency { agencyId agency { id name } status rag count } }
    actions { total byStatus { status count } byAgency { agencyId agency { id name } status rag count } }
    overdue { asOf actions contributions milestones reviewsPastTarget revisitsDue reconsidersDue }
    audit { meetings meetingDates longestGapDays gapsOverThreeMonths exercises exercisesExpected }
    reports { agencyId agency { id name } kind count }
    nationalReviews { considered relevant challengeSessions gapsFound }
    effectiveness {
      sourceKind recommendations onTime late notYetDue implementedOnTimeShare
      evidencedImpactShare medianDaysToImplementation
    }
  }
}`;
const EXPORT_QUERY = `query($period: DashboardPeriodInput!, $agencyId: ID, $format: DashboardExportFormat!) {
  boardDashboardExport(period: $period, agencyId: $agencyId, format: $format) { filename contentType content }
}`;

async function tokenFor(role: string, agency?: string): Promise<string> {
  const q = new URLSearchParams({ role, ...(agency ? { agency } : {}) });
  const res = await fetch(`${origin}/dev/token?${q}`);
  expect(res.status).toBe(200);
  return (await res.text()).trim();
}

async function graphql<T>(
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const res = await fetch(stack.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as never;
}

async function apiDashboard(
  token: string,
  period: { from: string; to: string },
  agencyId: string | null,
): Promise<Dashboard> {
  const body = await graphql<{ boardDashboard: Dashboard }>(token, DASHBOARD_QUERY, {
    period,
    agencyId,
  });
  expect(body.errors).toBeUndefined();
  return body.data!.boardDashboard;
}

/**
 * Every figure of an answer, keyed by where the page shows it (its `data-figure`): this is the
 * test's own reading of the contract, independent of the page's code.
 */
function expectedFigures(d: Dashboard): Map<string, string | number | null> {
  const m = new Map<string, string | number | null>();
  const put = (key: string, value: string | number | null) => {
    expect(m.has(key), `figure ${key} given twice`).toBe(false);
    m.set(key, value);
  };
  put("asOf", d.asOf);
  put("notifications.total", d.notifications.total);
  for (const c of d.notifications.byCategory)
    put(`notifications.byCategory.${c.category}`, c.count);
  for (const r of d.notifications.byMonth)
    put(`notifications.byMonth.${r.month}.${r.category}`, r.count);
  const dec = d.decisions;
  put("decisions.total", dec.total);
  for (const o of dec.byOutcome) put(`decisions.byOutcome.${o.outcome}`, o.count);
  put("decisions.medianWorkingDaysToDecision", dec.medianWorkingDaysToDecision);
  put("decisions.withinRapidReviewClock", dec.withinRapidReviewClock);
  put("decisions.shareWithinRapidReviewClock", dec.shareWithinRapidReviewClock);
  for (const c of dec.clocks)
    for (const f of ["metOnTime", "metLate", "overdue", "notYetDue", "shareOnTime"] as const)
      put(`decisions.clocks.${c.clock}.${f}`, c[f]);
  put("reviews.total", d.reviews.total);
  put("reviews.overdueMilestones", d.reviews.overdueMilestones);
  put("reviews.pastTargetDate", d.reviews.pastTargetDate);
  for (const r of d.reviews.byKindAndStatus)
    put(`reviews.byKindAndStatus.${r.kind}.${r.status}`, r.count);
  for (const c of d.contributions)
    for (const f of ["requested", "outstanding", "late"] as const)
      put(`contributions.${c.agencyId}.${f}`, c[f]);
  for (const key of ["recommendations", "actions"] as const) {
    put(`${key}.total`, d[key].total);
    for (const s of d[key].byStatus) put(`${key}.byStatus.${s.status}`, s.count);
    for (const r of d[key].byAgency)
      put(`${key}.byAgency.${r.agencyId ?? "board"}.${r.status}.${r.rag}`, r.count);
  }
  for (const [f, v] of Object.entries(d.overdue)) put(`overdue.${f}`, v);
  const { meetingDates, ...audit } = d.audit;
  for (const [f, v] of Object.entries(audit)) put(`audit.${f}`, v);
  for (const [i, date] of meetingDates.entries()) put(`audit.meetingDates.${i}`, date);
  for (const r of d.reports) put(`reports.${r.agencyId}.${r.kind}`, r.count);
  for (const [f, v] of Object.entries(d.nationalReviews)) put(`nationalReviews.${f}`, v);
  for (const e of d.effectiveness) {
    const { sourceKind, ...figures } = e;
    for (const [f, v] of Object.entries(figures)) put(`effectiveness.${sourceKind}.${f}`, v);
  }
  return m;
}

const SHARES = /share|Share$/;
const DAYS = /medianWorkingDaysToDecision|longestGapDays|medianDaysToImplementation/;
const DATES = /^(asOf|overdue\.asOf|audit\.meetingDates\.\d+)$/;
const dateText = (d: string) =>
  new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${d}T00:00:00Z`));

/** The text a figure must show. */
function shown(key: string, value: string | number | null): string {
  if (DATES.test(key)) return value === null ? NONE : dateText(value as string);
  if (SHARES.test(key)) return formatShare(value as number | null);
  if (DAYS.test(key)) return formatDays(value as number | null);
  return formatCount(value as number);
}

/** Every figure on the page equals the API's: the same figures, values and text, no other. */
async function expectPageShows(page: Page, d: Dashboard): Promise<number> {
  // (A string: the test's TypeScript has no DOM types.)
  const onPage = (await page.evaluate(`[...document.querySelectorAll("[data-figure]")].map((e) => ({
    key: e.dataset.figure, value: e.dataset.value, text: e.textContent }))`)) as {
    key: string;
    value: string;
    text: string;
  }[];
  const expected = expectedFigures(d);
  const keys = onPage.map((f) => f.key);
  expect(new Set(keys).size, "each figure once").toBe(keys.length);
  expect([...keys].sort()).toEqual([...expected.keys()].sort());
  for (const f of onPage) {
    const value = expected.get(f.key) ?? null;
    expect(f.value, f.key).toBe(value === null ? "null" : String(value));
    expect(f.text, f.key).toBe(shown(f.key, value));
  }
  return onPage.length;
}

/** Waits for the page to have loaded (again) after an action that loads figures. */
async function loaded(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator("#status").textContent(), { timeout: 15_000 })
    .toBe("Figures loaded.");
}

async function newPage(
  viewport: { width: number; height: number },
  urls: string[] = requested,
): Promise<Page> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.setDefaultTimeout(15_000);
  page.on("request", (r) => urls.push(r.url()));
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(`console: ${m.text()}`);
  });
  return page;
}

async function signIn(page: Page, label: string): Promise<void> {
  await page.goto(`${origin}${DASHBOARD_PATH}`);
  await page.getByLabel("Demo user").selectOption({ label });
  await page.getByRole("button", { name: "Sign in" }).click();
  await loaded(page);
}

async function choose(page: Page, period: { from: string; to: string }, agency: string) {
  await page.getByLabel("First month", { exact: true }).fill(period.from);
  await page.getByLabel("Last month", { exact: true }).fill(period.to);
  await page.getByLabel("Agency", { exact: true }).selectOption({ label: agency });
  await page.getByRole("button", { name: "Show figures" }).click();
  await loaded(page);
}

/**
 * The static site as S3 and CloudFront serve it (dist/dashboard/ with the config.json the deploy
 * step writes, under the response headers policy's CSP), on an origin of its own, and a
 * stand-in for the user pool's hosted UI on another: its authorize, token and logout endpoints
 * as Cognito answers them, checking the PKCE verifier, and signing the Chair's ID token with
 * the dev key the local API trusts.
 */
const CLIENT_ID = "dashboard-test-client";
const siteDir = mkdtempSync(join(tmpdir(), "lif-dashboard-site-"));
let site: Server;
let idp: Server;
let siteOrigin: string;
let idpOrigin: string;
let siteConfig = "";
/** What the hosted UI stand-in was asked, in order. */
const idpCalls: string[] = [];
const codes = new Map<string, { challenge: string; redirectUri: string }>();

const listen = (server: Server, host: string) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve(`http://${host}:${(server.address() as AddressInfo).port}`),
    ),
  );
const readAll = async (req: IncomingMessage) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  return body;
};
const base64url = (b: Buffer) => b.toString("base64url");

function startSite(): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/config.json") {
      res.writeHead(200, { "content-type": "application/json" }).end(siteConfig);
      return;
    }
    const file = path === "/" ? "index.html" : path.slice(1);
    const full = join(siteDir, file);
    if (!/^(assets\/)?[\w.-]+$/.test(file) || !existsSync(full)) {
      res.writeHead(404).end();
      return;
    }
    const api = new URL(stack.url).origin;
    res
      .writeHead(200, {
        "content-type":
          { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" }[extname(full)] ??
          "application/octet-stream",
        // serverless.yml's DashboardResponseHeaders, with this test's origins.
        "content-security-policy": `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${api} ${idpOrigin}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      })
      .end(readFileSync(full));
  });
}

function startHostedUi(): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", idpOrigin);
    const cors = { "access-control-allow-origin": siteOrigin };
    if (req.method === "GET" && url.pathname === "/oauth2/authorize") {
      const q = url.searchParams;
      idpCalls.push(`authorize ${q.get("code_challenge_method")} ${q.get("scope")}`);
      const redirectUri = q.get("redirect_uri") ?? "";
      const ok =
        q.get("client_id") === CLIENT_ID &&
        q.get("response_type") === "code" &&
        q.get("code_challenge_method") === "S256" &&
        redirectUri === `${siteOrigin}/`;
      if (!ok) {
        res.writeHead(400).end("bad authorize request");
        return;
      }
      // The person signs in here (password and MFA in Cognito): the stand-in knows the Chair.
      const code = randomUUID();
      codes.set(code, { challenge: q.get("code_challenge") ?? "", redirectUri });
      const back = new URL(redirectUri);
      back.search = new URLSearchParams({ code, state: q.get("state") ?? "" }).toString();
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === "POST" && url.pathname === "/oauth2/token") {
      const form = new URLSearchParams(await readAll(req));
      const code = form.get("code") ?? "";
      const issued = codes.get(code);
      codes.delete(code);
      const verifier = form.get("code_verifier") ?? "";
      const proven =
        issued !== undefined &&
        form.get("grant_type") === "authorization_code" &&
        form.get("client_id") === CLIENT_ID &&
        form.get("redirect_uri") === issued.redirectUri &&
        base64url(createHash("sha256").update(verifier).digest()) === issued.challenge;
      idpCalls.push(`token ${proven ? "proven" : "refused"}`);
      if (!proven) {
        res
          .writeHead(400, { ...cors, "content-type": "application/json" })
          .end('{"error":"invalid_grant"}');
        return;
      }
      const chair = findDemoUser("INDEPENDENT_CHAIR");
      const idToken = await signToken(readDevKey().privateJwk, {
        sub: chair.id,
        partnershipId: chair.partnershipId,
        agencyId: chair.agencyId,
        roles: chair.roles,
        name: chair.name,
      });
      res.writeHead(200, { ...cors, "content-type": "application/json" }).end(
        JSON.stringify({
          id_token: idToken,
          access_token: "not-used",
          token_type: "Bearer",
          expires_in: 3600,
        }),
      );
      return;
    }
    if (req.method === "GET" && url.pathname === "/logout") {
      idpCalls.push("logout");
      res.writeHead(302, { location: url.searchParams.get("logout_uri") ?? "/" }).end();
      return;
    }
    res.writeHead(404).end();
  });
}

beforeAll(async () => {
  site = startSite();
  idp = startHostedUi();
  [siteOrigin, idpOrigin] = await Promise.all([
    listen(site, "127.0.0.1"),
    listen(idp, "localhost"),
  ]);
  // The API answers the site's origin as the gateway answers params.<stage>.corsOrigins.
  process.env.CORS_ORIGINS = siteOrigin;
  process.env.DEV_KEY_FILE = join(keyDir, "key.json");
  // Tables of its own: the stream poller reads the whole stream of its records table.
  Object.assign(process.env, {
    RECORDS_TABLE: `page-${tag}-records`,
    ACCESS_LOG_TABLE: `page-${tag}-log`,
    AGGREGATES_TABLE: `page-${tag}-agg`,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  [stack, browser] = await Promise.all([
    startLocalStack({ port: 0, endpoint: inject("dynamoEndpoint"), aggregate: true }),
    launchChromium(),
  ]);
  origin = new URL(stack.url).origin;
  await buildDashboardSite(siteDir);
  const config: CognitoDashboardConfig = {
    mode: "cognito",
    graphqlUrl: stack.url,
    cognito: { domain: idpOrigin, clientId: CLIENT_ID },
  };
  siteConfig = JSON.stringify(config);
  // The seed's changes, through the stream into the aggregates, before anything is compared.
  await stack.drainAggregates();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await Promise.all(
    [site, idp].map((s) => new Promise<void>((r) => (s?.listening ? s.close(() => r()) : r()))),
  );
  rmSync(keyDir, { recursive: true, force: true });
  rmSync(siteDir, { recursive: true, force: true });
});

describe("the board dashboard page in Chromium", () => {
  let chair: Page;
  let chairToken: string;
  const year = financialYear(new Date());

  it("signs the Independent Chair in and shows the whole partnership's figures for this financial year, equal to the API's", async () => {
    chair = await newPage({ width: 1366, height: 768 });
    const transfer: { url: string; bytes: number }[] = [];
    chair.on("requestfinished", async (r) => {
      const sizes = await r.sizes();
      transfer.push({ url: r.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize });
    });
    await signIn(chair, "lutonshire: INDEPENDENT_CHAIR");
    chairToken = await tokenFor("INDEPENDENT_CHAIR");
    expect(await chair.getByLabel("First month", { exact: true }).inputValue()).toBe(year.from);
    expect(await chair.getByLabel("Last month", { exact: true }).inputValue()).toBe(year.to);
    expect(await chair.getByLabel("Agency", { exact: true }).inputValue()).toBe("");
    const d = await apiDashboard(chairToken, year, null);
    expect(d.months).toHaveLength(12);
    const figures = await expectPageShows(chair, d);
    expect(figures).toBeGreaterThan(100);
    await expect
      .poll(() => chair.locator("#summary").textContent())
      .toContain("the whole partnership");
    // Charts drawn, each an image with a summary and a table beside it.
    const charts = chair.locator(".chart[role=img]");
    expect(await charts.count()).toBe(4);
    for (const c of await charts.all()) {
      expect(await c.getAttribute("aria-label")).toBeTruthy();
      expect(await c.locator("canvas").count()).toBe(1);
    }
    // The sign-in and the first view: what it cost to load, as served (gzipped where the
    // browser accepts it, as CloudFront serves the static site).
    await chair.waitForLoadState("networkidle");
    const page = transfer.filter((t) => t.url.includes(DASHBOARD_PATH));
    const api = transfer.filter((t) => !t.url.includes(DASHBOARD_PATH));
    const sum = (list: { bytes: number }[]) => list.reduce((a, t) => a + t.bytes, 0);
    console.info(
      `dashboard transfer: page ${sum(page)} bytes in ${page.length} requests (HTML, script, styles), ` +
        `API ${sum(api)} bytes in ${api.length} requests (token, viewer, agencies, dashboard); total ${sum(transfer)} bytes`,
    );
    expect(sum(page)).toBeLessThan(60_000);
  });

  it("switches period and agency: the figures follow, still equal to the API's", async () => {
    await choose(chair, WIDE, POLICE.name);
    const d = await apiDashboard(chairToken, WIDE, POLICE.id);
    expect(d.agencyId).toBe(POLICE.id);
    expect(d.months).toHaveLength(24);
    await expectPageShows(chair, d);
    expect(await chair.locator("#summary").textContent()).toContain(
      "Lutonshire Police, Apr 2025 to Mar 2027",
    );
    // And back to the whole partnership over the wide period.
    await choose(chair, WIDE, "Whole partnership");
    const whole = await apiDashboard(chairToken, WIDE, null);
    await expectPageShows(chair, whole);
    // The seed's records fall in this period: the comparison is not of zeros alone.
    expect(whole.notifications.total).toBeGreaterThan(0);
    expect(whole.recommendations.total + whole.actions.total).toBeGreaterThan(0);
  });

  it("downloads the period's CSV, byte for byte the API's export, under the API's file name", async () => {
    const downloading = chair.waitForEvent("download");
    await chair.getByRole("button", { name: "Download CSV" }).click();
    const download = await downloading;
    const file = await download.path();
    const body = await graphql<{
      boardDashboardExport: { filename: string; content: string };
    }>(chairToken, EXPORT_QUERY, { period: WIDE, agencyId: null, format: "CSV" });
    expect(body.errors).toBeUndefined();
    const exported = body.data!.boardDashboardExport;
    expect(download.suggestedFilename()).toBe(exported.filename);
    expect(exported.filename).toMatch(/\.csv$/);
    expect(readFileSync(file, "utf8")).toBe(exported.content);
    expect(exported.content.split("\n").length).toBeGreaterThan(100);
    await expect
      .poll(() => chair.locator("#status").textContent())
      .toBe(`Downloaded ${exported.filename}.`);

    const downloadingJson = chair.waitForEvent("download");
    await chair.getByRole("button", { name: "Download JSON" }).click();
    const json = await downloadingJson;
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    JSON.parse(readFileSync(await json.path(), "utf8"));
  });

  it("reaches every control with the keyboard, in order, each labelled and with a visible focus ring", async () => {
    await chair.goto(`${origin}${DASHBOARD_PATH}`);
    await loaded(chair);
    await chair.locator("body").focus();
    const order: string[] = [];
    for (let i = 0; i < 24; i++) {
      await chair.keyboard.press("Tab");
      const focused = (await chair.evaluate(`(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          id: el.id || el.getAttribute("href") || el.tagName,
          ring: style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2,
        };
      })()`)) as { id: string; ring: boolean } | null;
      if (!focused) break;
      expect(focused.ring, `${focused.id} shows its focus`).toBe(true);
      // A month input is several stops (month, year, its picker): one control.
      if (order.at(-1) !== focused.id) order.push(focused.id);
      if (focused.id === "export-json") break;
    }
    expect(order).toEqual([
      "#main",
      "sign-out",
      "from",
      "to",
      "agency",
      "show",
      "export-csv",
      "export-json",
    ]);
    // Each form control has a label a screen reader reads.
    for (const label of ["First month", "Last month", "Agency"])
      expect(await chair.getByLabel(label, { exact: true }).count()).toBe(1);
    // Enter on the focused "Show figures" reloads the figures.
    await chair.locator("#show").focus();
    await chair.keyboard.press("Enter");
    await loaded(chair);
  });

  it("gives every text on the page at least WCAG AA contrast against its background", async () => {
    // Each element's own text, its colour against the first opaque background behind it.
    const { checked, low } = (await chair.evaluate(`(() => {
      const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
        }
        return [255, 255, 255];
      };
      const out = [];
      let checked = 0;
      for (const el of document.querySelectorAll("body *")) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.checkVisibility()) continue;
        checked++;
        const style = getComputedStyle(el);
        const a = lum(rgb(style.color)), b = lum(background(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) out.push(el.tagName + " " + el.textContent.trim().slice(0, 30) + " " + ratio.toFixed(2));
      }
      return { checked, low: out };
    })()`)) as { checked: number; low: string[] };
    expect(checked).toBeGreaterThan(300);
    expect(low).toEqual([]);
  });

  it("saves screenshots at laptop (1366x768) and tablet (768x1024) sizes, with nothing wider than the screen", async () => {
    await chair.screenshot({ path: join(SCREENSHOTS, "dashboard-laptop.png") });
    await chair.screenshot({
      path: join(SCREENSHOTS, "dashboard-laptop-full.png"),
      fullPage: true,
    });
    const tablet = await newPage({ width: 768, height: 1024 });
    await signIn(tablet, "lutonshire: INDEPENDENT_CHAIR");
    await tablet.screenshot({ path: join(SCREENSHOTS, "dashboard-tablet.png") });
    await tablet.screenshot({
      path: join(SCREENSHOTS, "dashboard-tablet-full.png"),
      fullPage: true,
    });
    for (const p of [chair, tablet]) {
      const { scroll, client } = (await p.evaluate(
        "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
      )) as { scroll: number; client: number };
      expect(scroll, "no horizontal scrolling").toBeLessThanOrEqual(client);
    }
    await tablet.close();
    expect(existsSync(join(SCREENSHOTS, "dashboard-tablet.png"))).toBe(true);
  });

  it("gives an agency's lead their own agency only: another is not offered, and the API refuses it", async () => {
    const lead = await newPage({ width: 1366, height: 768 });
    await signIn(lead, `lutonshire: AGENCY_LEAD (${SOCIAL_CARE.name})`);
    const options = await lead
      .getByLabel("Agency", { exact: true })
      .locator("option")
      .allTextContents();
    expect(options).toEqual([SOCIAL_CARE.name]);
    const leadToken = await tokenFor("AGENCY_LEAD", SOCIAL_CARE.id);
    await expectPageShows(lead, await apiDashboard(leadToken, year, SOCIAL_CARE.id));
    await choose(lead, WIDE, SOCIAL_CARE.name);
    const d = await apiDashboard(leadToken, WIDE, SOCIAL_CARE.id);
    await expectPageShows(lead, d);
    // Only its own agency's rows.
    for (const r of [...d.contributions, ...d.reports, ...d.recommendations.byAgency])
      expect([SOCIAL_CARE.id, null]).toContain(r.agencyId);
    for (const agencyId of [POLICE.id, null]) {
      const refused = await graphql(leadToken, DASHBOARD_QUERY, { period: WIDE, agencyId });
      expect(refused.errors?.[0]?.extensions?.code, String(agencyId)).toBe("FORBIDDEN");
    }
    await lead.close();
  });

  it("asked nothing of any other origin, and raised no error", () => {
    expect(requested.length).toBeGreaterThan(0);
    expect(
      requested.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith(`blob:${origin}/`)),
    ).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});

describe("the static site, as S3 and CloudFront serve it, signing in through the hosted UI", () => {
  it("signs in with the authorization code and PKCE, calls the API across origins with the ID token, shows its figures, and signs out", async () => {
    const urls: string[] = [];
    const page = await newPage({ width: 1366, height: 768 }, urls);
    await page.goto(`${siteOrigin}/`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await loaded(page);
    expect(idpCalls).toEqual(["authorize S256 openid email profile", "token proven"]);
    // The code is gone from the address bar once exchanged.
    expect(page.url()).toBe(`${siteOrigin}/`);
    const year = financialYear(new Date());
    await expectPageShows(
      page,
      await apiDashboard(await tokenFor("INDEPENDENT_CHAIR"), year, null),
    );
    // Every request went to the site, the API or the hosted UI: nothing else.
    const allowed = [siteOrigin, origin, idpOrigin].map((o) => `${o}/`);
    expect(urls.filter((u) => !allowed.some((o) => u.startsWith(o)))).toEqual([]);
    expect(urls.some((u) => u.startsWith(`${origin}/graphql`))).toBe(true);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(idpCalls.at(-1)).toBe("logout");
    expect(await page.evaluate("sessionStorage.length")).toBe(0);
    await page.close();
  });

  it("refuses a code exchanged without its verifier, and the page says so", async () => {
    const urls: string[] = [];
    const page = await newPage({ width: 1366, height: 768 }, urls);
    // A code the page never asked for (no verifier of its own in this tab).
    await page.goto(`${siteOrigin}/?code=${randomUUID()}&state=forged`);
    await expect
      .poll(() => page.locator("#error").textContent())
      .toContain("Sign-in failed: the answer was not for this page's request");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(idpCalls.filter((c) => c.startsWith("token"))).toEqual(["token proven"]);
    expect(urls.filter((u) => !u.startsWith(`${siteOrigin}/`))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
