import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { UsageError } from "../../src/cli/partnership-create";
import { parseCommand, seedCommand } from "../../src/cli/seed";
import type { Role } from "../../src/domain/roles";
import { signToken } from "../../src/local/dev-auth";
import { DEMO, findDemoUser, seedPartnership } from "../../src/local/seed";
import { demoCatalogue, seedCatalogue } from "../../src/local/seed-digests";
import { MAX_SCALE } from "../../src/local/seed-scale";
import { digestIdOf } from "../../src/services/digests/catalogue";
import {
  createTables,
  ownTableNames,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type TestApi,
  testApi,
} from "../helpers/harness";

/**
 * `npm run seed -- --scale N` as a user runs it, against tables of its own holding the demo as
 * `npm start` seeds it. Every count is read back through the API (or, for the relevance
 * decisions and sessions kept on each national review's local record, the repository), never
 * taken from what the command says it did.
 */
const root = resolve(__dirname, "../..");
const tsx = join(root, "node_modules/.bin/tsx");
const tables = ownTableNames("scale");
let api: TestApi;

beforeAll(async () => {
  await createTables(tables);
  api = await testApi({ tables });
  const demo = DEMO[0];
  if (!demo) throw new Error("no demo partnership");
  await Promise.all([seedPartnership(api.store, demo), seedCatalogue(api.store)]);
}, 120_000);

const env = () => ({
  DYNAMODB_ENDPOINT: inject("dynamoEndpoint"),
  RECORDS_TABLE: tables.records,
  ACCESS_LOG_TABLE: tables.accessLog,
  AGGREGATES_TABLE: tables.aggregates,
});

/** The command in this process (quicker): its exit code, and what it wrote. */
async function seedHere(...args: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await seedCommand(
    args,
    { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) },
    env(),
  );
  return { status, stdout, stderr };
}

/** The command as a user runs it, in a process of its own. */
function seed(...args: string[]) {
  const res = spawnSync(tsx, ["src/cli/seed.ts", ...args], {
    cwd: root,
    env: { ...process.env, ...env(), LOG_LEVEL: "silent" },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

async function tokenAs(role: Role, agencyId?: string) {
  const user = findDemoUser(role, agencyId);
  return signToken(
    api.keys.trusted.privateJwk,
    { sub: user.id, partnershipId: user.partnershipId, agencyId: user.agencyId, roles: user.roles },
    { issuer: TEST_ISSUER, audience: TEST_AUDIENCE },
  );
}

interface Page {
  edges: { node: Record<string, unknown> }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Every node of a list, page by page; the read fails the test if any record fails its checks. */
async function all(token: string, field: string, fields: string, args = "", first = 100) {
  const nodes: Record<string, unknown>[] = [];
  let after: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof api.gql<Record<string, Page>>>> = await api.gql<
      Record<string, Page>
    >(
      token,
      `query($after: String) { ${field}(first: ${first}, after: $after${args}) {
        edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    expect(res.errors, `${field}: ${JSON.stringify(res.errors)}`).toBeUndefined();
    const page = res.data?.[field] as Page;
    nodes.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return nodes;
}

const NOTIFICATION = `id status awareDate ... on IncidentNotification { category criteria { criterion }
  clocks { name state dueOn } clockHistory { id } reviewDecision { id state
  decision { outcome reasons reviewId } dissents { id } agencyViews { id } } }`;
const REVIEW = `id kind status overdueSince milestones { id lateSince } contributions { id status }
  findings { id recommendations { id } } panel { role } publication { title }
  withholding { decision }`;
const RECOMMENDATION = `id status rag source { kind } evidence { id } revisits { id }
  unintendedConsequences { id } actionCount`;

/** The months of the notifications' dates of awareness, at the last count. */
let months = new Set<string>();

/** The demo partnership's records per kind, as its business unit and Chair read them. */
async function counts() {
  const bu = await tokenAs("BUSINESS_UNIT");
  const chair = await tokenAs("INDEPENDENT_CHAIR");
  const notifications = [
    ...(await all(bu, "notifications", NOTIFICATION, "", 20)),
    ...(await all(bu, "notifications", "id", ", filter: { status: DRAFT }")),
  ];
  const reviews = await all(chair, "reviews", REVIEW, "", 10);
  const recommendations = await all(bu, "recommendations", RECOMMENDATION, "", 20);
  const pid = DEMO[0]?.partnership.id as string;
  const locals = await api.store.digestWork.getLocals(
    pid,
    demoCatalogue().map((d) => digestIdOf(d.ref)),
  );
  const local = [...locals.values()];
  const count = async (field: string) => (await all(bu, field, "id")).length;
  months = new Set(notifications.map((n) => String(n.awareDate ?? "").slice(0, 7)));
  return {
    cases: await count("cases"),
    notifications: notifications.length,
    chairDecisions: notifications.filter(
      (n) => (n.reviewDecision as { decision: unknown } | null)?.decision,
    ).length,
    reviews: reviews.length,
    milestones: reviews.flatMap((r) => r.milestones as unknown[]).length,
    contributions: reviews.flatMap((r) => r.contributions as unknown[]).length,
    findings: reviews.flatMap((r) => r.findings as unknown[]).length,
    recommendations: recommendations.length,
    actions: (await all(bu, "actions", "id status rag dueDate overdueSince")).length,
    reviewers: await count("reviewers"),
    auditMeetings: await count("auditGroupMeetings"),
    auditExercises: await count("auditExercises"),
    agencyAudits: await count("agencyAudits"),
    // Each agency's lead reads their own agency's reports (§15).
    nearMissReports: (
      await Promise.all(
        (DEMO[0]?.agencies ?? []).map(
          async (a) =>
            (
              await all(await tokenAs("AGENCY_LEAD", a.id), "nearMissReports", "id kind")
            ).length,
        ),
      )
    ).reduce((a, b) => a + b, 0),
    escalations: await count("escalations"),
    reflections: await count("reflections"),
    relevanceDecisions: local.reduce((n, l) => n + l.relevanceCount, 0),
    challengeSessions: local.reduce((n, l) => n + l.sessionCount, 0),
  };
}

describe("npm run seed -- --scale N", () => {
  it("adds N times the demo's records of every kind, each readable through the API, and a second run adds nothing", async () => {
    const demo = await counts();
    for (const [kind, n] of Object.entries(demo))
      if (kind !== "relevanceDecisions" && kind !== "challengeSessions")
        expect(n, kind).toBeGreaterThan(0);

    const first = seed("--scale", "2", "--no-progress");
    expect(first.status, first.stderr).toBe(0);
    const scaled = await counts();
    // Each copy also decides on four national reviews and holds a session on one, whose gap
    // makes a recommendation (the demo has no such work).
    expect(scaled).toEqual({
      ...Object.fromEntries(Object.entries(demo).map(([kind, n]) => [kind, 3 * n])),
      recommendations: 3 * demo.recommendations + 2,
      relevanceDecisions: 2 * 4,
      challengeSessions: 2,
    });
    // Each copy is dated back by its own days: the notifications spread over many months.
    expect(months.size).toBeGreaterThanOrEqual(4);
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ copiesMade: 2, copiesAlreadyThere: 0 });
    expect(summary.created).toMatchObject({
      cases: 2 * demo.cases,
      notifications: 2 * demo.notifications,
    });

    const again = await seedHere("--scale", "2", "--no-progress");
    expect(again.status, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      copiesMade: 0,
      copiesAlreadyThere: 2,
      recordsWritten: 0,
    });
    expect(await counts()).toEqual(scaled);
  }, 120_000);

  it("refuses an unknown partnership (exit 2, no stack trace), a bad scale, and says clearly that no stack is running", async () => {
    const unknown = await seedHere("--scale", "1", "--partnership", "nowhere");
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("No partnership 'nowhere'");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    expect(() => parseCommand(["--scale", "0"])).toThrow(
      `--scale: a whole number from 1 to ${MAX_SCALE}`,
    );
    expect(() => parseCommand(["--scale", String(MAX_SCALE + 1)])).toThrow(UsageError);
    expect(() => parseCommand(["--scale", "2.5"])).toThrow(UsageError);
    expect(parseCommand(["--scale", "10"])).toMatchObject({ scale: 10, partnership: "lutonshire" });
    const io = () => {
      const out = { stdout: "", stderr: "" };
      return {
        out,
        io: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) },
      };
    };
    const stackFile = process.env.LOCAL_STACK_FILE;
    process.env.LOCAL_STACK_FILE = join(root, ".local", `missing-${tables.records}.json`);
    try {
      const none = io();
      expect(await seedCommand(["--scale", "1"], none.io, {})).toBe(2);
      expect(none.out.stderr).toContain("No local stack is running");
    } finally {
      if (stackFile === undefined) delete process.env.LOCAL_STACK_FILE;
      else process.env.LOCAL_STACK_FILE = stackFile;
    }
    const down = io();
    expect(
      await seedCommand(["--scale", "1"], down.io, { DYNAMODB_ENDPOINT: "http://127.0.0.1:9" }),
    ).toBe(2);
    expect(down.out.stderr).toMatch(/^Cannot reach DynamoDB at .*: is npm start running\?\n$/);
  });
});
