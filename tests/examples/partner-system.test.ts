import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  ApiError,
  type Connection,
  exampleInput,
  type Fetch,
  main,
  pollUntilDecided,
  type Runtime,
  submitNotification,
} from "../../examples/partner-system/src/client";
import { createDocumentClient } from "../../src/data/client";
import { Store } from "../../src/data/store";
import { tableNamesFromEnv } from "../../src/data/tables";
import type { Role } from "../../src/domain/roles";
import { readDevKey, signClientToken, signToken } from "../../src/local/dev-auth";
import { demoPartnership, seedPartnership } from "../../src/local/seed";
import { type LocalStack, startLocalStack } from "../../src/local/server";

/**
 * The partner-system example (examples/partner-system) run as an integrator would run it: over
 * HTTP against the local stack `npm start` serves (here in production mode, as in AWS), with a
 * PARTNER_SYSTEM token of the dev issuer. Failures are injected in the fetch it is given; pauses
 * are recorded instead of waited for. The stack shares the suite's DynamoDB Local, in a
 * partnership of its own (so the counts below see only this file's records).
 */
const keyDir = mkdtempSync(join(tmpdir(), "lif-partner-"));
let stack: LocalStack;
const code = `p${randomUUID().slice(0, 12)}`;
// Case i involves agencies i % 4 and (i + 3) % 4: agency 0 is in cases 0 and 1, not in case 2.
const seed = demoPartnership(
  code,
  `Partner ${code} Partnership`,
  [
    ["Police", "POLICE"],
    ["Hospital", "HEALTH"],
    ["Social Care", "CHILDRENS_SOCIAL_CARE"],
    ["Schools", "EDUCATION"],
  ],
  3,
);
const caseId = (i: number) => seed.cases[i]?.record.id as string;

async function token(role: Role, agencyIndex = 0) {
  const agencyId = seed.agencies[agencyIndex]?.id;
  // A partner system: its agency's registered client, with an access token.
  if (role === "PARTNER_SYSTEM") {
    const system = seed.partnerSystems.find((s) => s.agencyId === agencyId);
    if (!system) throw new Error("no partner system");
    return signClientToken(readDevKey().privateJwk, system.clientId);
  }
  const user = seed.people.find(
    (p) => p.roles.includes(role) && (p.agencyId === null || p.agencyId === agencyId),
  );
  if (!user) throw new Error(`no ${role}`);
  return signToken(readDevKey().privateJwk, {
    sub: user.id,
    partnershipId: user.partnershipId,
    agencyId: user.agencyId,
    roles: user.roles,
  });
}

/** A plain GraphQL call, for what the board does around the partner system. */
async function gql<T>(role: Role, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(stack.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await token(role)}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** What the business unit sees: every notification of the partnership with this summary. */
async function notificationsWithSummary(summary: string) {
  const data = await gql<{
    notifications: { edges: { node: { id: string; summary: string | null } }[] };
  }>("BUSINESS_UNIT", "{ notifications(first: 100) { edges { node { id summary } } } }");
  return data.notifications.edges.map((e) => e.node).filter((n) => n.summary === summary);
}

/** A runtime whose pauses are recorded, not waited for, and whose fetch may fail on purpose. */
function harness(
  fail: (
    attempt: number,
    input: string | URL | Request,
    init?: RequestInit,
  ) => Promise<Response> | null,
) {
  const sleeps: number[] = [];
  let attempts = 0;
  const fetchWith: Fetch = (input, init) => {
    attempts++;
    return fail(attempts, input, init) ?? fetch(input, init);
  };
  const runtime: Partial<Runtime> = {
    fetch: fetchWith,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    log: () => undefined,
  };
  return { runtime, sleeps, attempts: () => attempts };
}

/** The partner systems' route, where their access tokens are taken. */
const systemUrl = () => stack.url.replace(/\/graphql$/, "/system/graphql");

const connect = async (runtime: Partial<Runtime>): Promise<Connection> => ({
  url: systemUrl(),
  token: await token("PARTNER_SYSTEM"),
  runtime,
});

const unique = (what: string) => `${what} ${randomUUID()}`;
const key = () => `test-${randomUUID()}`;

/** The server's answer to a database fault, as src/graphql/server.ts sends it. */
const unavailable = (retryAfter: string) =>
  Promise.resolve(
    new Response(
      JSON.stringify({
        errors: [
          {
            message: "The service is temporarily unavailable; retry the request (request r-1)",
            extensions: { code: "SERVICE_UNAVAILABLE", retryable: true, requestId: "r-1" },
          },
        ],
        data: null,
      }),
      { status: 503, headers: { "content-type": "application/json", "retry-after": retryAfter } },
    ),
  );

beforeAll(async () => {
  process.env.DEV_KEY_FILE = join(keyDir, "key.json");
  stack = await startLocalStack({
    port: 0,
    endpoint: inject("dynamoEndpoint"),
    seed: false,
    production: true,
  });
  const store = new Store(
    createDocumentClient({ endpoint: inject("dynamoEndpoint") }),
    tableNamesFromEnv({}),
  );
  await seedPartnership(store, seed, { activity: false });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(keyDir, { recursive: true, force: true });
});

describe("the partner-system example against the local API", () => {
  it("retries after the answer was lost once the server had committed: the same key returns the same notification, and one exists", async () => {
    const summary = unique("Lost answer");
    let dropped: { data: { submitIncidentNotification: { id: string } } } | undefined;
    const h = harness((attempt, input, init) => {
      if (attempt !== 1) return null;
      // The request reaches the API and is processed; its answer never reaches us.
      return fetch(input, init).then(async (res) => {
        dropped = (await res.json()) as typeof dropped;
        throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      });
    });
    const res = await submitNotification(await connect(h.runtime), {
      input: exampleInput(caseId(0), summary),
      idempotencyKey: key(),
    });
    expect(res.attempts).toBe(2);
    expect(h.attempts()).toBe(2);
    expect(h.sleeps).toHaveLength(1);
    expect(dropped?.data.submitIncidentNotification.id).toBe(res.notification.id);
    expect(res.notification).toMatchObject({ status: "SUBMITTED", category: "IV", version: 1 });
    expect(res.notification.clocks.map((c) => c.name).sort()).toEqual([
      "NATIONAL_PANEL_NOTIFICATION",
      "RAPID_REVIEW",
    ]);
    expect(await notificationsWithSummary(summary)).toEqual([{ id: res.notification.id, summary }]);
  });

  it("retries a connection that failed before the request left, and a 502 and a 503 on the way, honouring Retry-After", async () => {
    const summary = unique("Flaky network");
    const h = harness((attempt) => {
      if (attempt === 1)
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } }));
      if (attempt === 2)
        return Promise.resolve(
          new Response("<html>502 Bad Gateway</html>", {
            status: 502,
            headers: { "content-type": "text/html" },
          }),
        );
      if (attempt === 3) return unavailable("7");
      return null;
    });
    const res = await submitNotification(await connect(h.runtime), {
      input: exampleInput(caseId(1), summary),
      idempotencyKey: key(),
    });
    expect(res.attempts).toBe(4);
    // Backoff 1 s, 2 s, 4 s with the jitter at its middle (0.75 of each); the 503's
    // Retry-After: 7 outweighs the third.
    expect(h.sleeps).toEqual([750, 1500, 7000]);
    expect(await notificationsWithSummary(summary)).toEqual([{ id: res.notification.id, summary }]);
  });

  it("retries what stays unavailable no more than its attempts allow, and reports the request id", async () => {
    const h = harness(() => unavailable("1"));
    const err = await submitNotification(
      { ...(await connect(h.runtime)), retry: { maxAttempts: 3 } },
      { input: exampleInput(caseId(0), unique("Never")), idempotencyKey: key() },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      retryable: true,
      attempts: 3,
      details: { httpStatus: 503, requestId: "r-1" },
    });
    expect(h.sleeps).toEqual([1000, 1500]);
  });

  it("does not retry what a resend would not change: bad input, a case not the agency's, a reused key, a bad token", async () => {
    const fail = async (conn: Connection, input: ReturnType<typeof exampleInput>, k: string) =>
      (await submitNotification(conn, { input, idempotencyKey: k }).catch(
        (e: unknown) => e,
      )) as ApiError;

    const h = harness(() => null);
    const conn = await connect(h.runtime);
    const early = { ...exampleInput(caseId(0), unique("Bad")), awareDate: "2026-11-19" };
    expect(await fail(conn, early, key())).toMatchObject({
      code: "BAD_USER_INPUT",
      retryable: false,
      attempts: 1,
      details: { field: "input.awareDate" },
    });
    // Case 2 does not involve the partner system's agency: to it, the case does not exist.
    expect(await fail(conn, exampleInput(caseId(2), unique("Not ours")), key())).toMatchObject({
      code: "BAD_USER_INPUT",
      attempts: 1,
      details: { field: "input.caseIds.0" },
    });
    const k = key();
    await submitNotification(conn, {
      input: exampleInput(caseId(0), unique("First")),
      idempotencyKey: k,
    });
    expect(await fail(conn, exampleInput(caseId(0), unique("Second")), k)).toMatchObject({
      code: "CONFLICT",
      attempts: 1,
      details: { reason: "IDEMPOTENCY_KEY_REUSED" },
    });
    expect(
      await fail({ ...conn, token: "not-a-token" }, exampleInput(caseId(0), unique("Anon")), key()),
    ).toMatchObject({ code: "UNAUTHENTICATED", attempts: 1, details: { httpStatus: 401 } });
    // One request each (the reused key's first submission included), and no pause at all.
    expect(h.attempts()).toBe(5);
    expect(h.sleeps).toEqual([]);
  });

  it("polls the notification until the Chair has decided, and reads no decision it is not concerned with (§18)", async () => {
    const h = harness(() => null);
    const conn = await connect(h.runtime);
    const { notification } = await submitNotification(conn, {
      input: exampleInput(caseId(0), unique("To decide")),
      idempotencyKey: key(),
    });
    // While the partner system waits, the SCR subgroup recommends and the Chair decides.
    let decided = false;
    const decide = async () => {
      const { notification: n } = await gql<{
        notification: { reviewDecision: { version: number } };
      }>(
        "SCR_SUBGROUP",
        "query($id: ID!) { notification(id: $id) { ... on IncidentNotification { reviewDecision { version } } } }",
        { id: notification.id },
      );
      const recommended = await gql<{ recordSubgroupRecommendation: { version: number } }>(
        "SCR_SUBGROUP",
        "mutation($input: SubgroupRecommendationInput!) { recordSubgroupRecommendation(input: $input) { version } }",
        {
          input: {
            id: notification.id,
            expectedVersion: n.reviewDecision.version,
            recommendation: "SERIOUS_CASE_REVIEW",
            rationale: "Agencies did not share what they knew",
          },
        },
      );
      const factor = "Assessed from the agencies' chronologies";
      await gql(
        "INDEPENDENT_CHAIR",
        "mutation($input: DecideReviewInput!) { decideReview(input: $input) { state } }",
        {
          input: {
            id: notification.id,
            expectedVersion: recommended.recordSubgroupRecommendation.version,
            outcome: "SERIOUS_CASE_REVIEW",
            reasons: "Cause for concern about how agencies worked together (§20)",
            causeForConcernAboutWorkingTogether: true,
            section20: {
              natureOfHarm: factor,
              evidenceOfConcernAboutServices: factor,
              publicConfidence: factor,
              likelihoodOfAdditionalLearning: factor,
              otherMethodsWouldAchieveLearning: factor,
            },
          },
        },
      );
      decided = true;
    };
    const sleeps: number[] = [];
    const res = await pollUntilDecided(
      {
        ...conn,
        runtime: {
          ...h.runtime,
          sleep: async (ms) => {
            sleeps.push(ms);
            if (!decided) await decide();
          },
        },
      },
      { id: notification.id, intervalMs: 5_000, timeoutMs: 60_000 },
    );
    expect(res).toEqual({
      decided: true,
      polls: 2,
      notification: {
        __typename: "IncidentNotification",
        id: notification.id,
        status: "DECIDED",
        version: 2,
        category: "IV",
        viewerCanReadDecision: false,
        reviewDecision: null,
      },
    });
    expect(sleeps).toEqual([5_000]);
    // The Chair's decision is there, for those concerned with it.
    const chair = await gql<{
      notification: { reviewDecision: { state: string; decision: { outcome: string } } };
    }>(
      "BUSINESS_UNIT",
      "query($id: ID!) { notification(id: $id) { ... on IncidentNotification { reviewDecision { state decision { outcome } } } } }",
      { id: notification.id },
    );
    expect(chair.notification.reviewDecision).toEqual({
      state: "DECIDED",
      decision: { outcome: "SERIOUS_CASE_REVIEW" },
    });
  });

  it("stops polling at its timeout, and reports a notification it may not see as NOT_FOUND", async () => {
    let now = 0;
    const h = harness(() => null);
    const conn = await connect({
      ...h.runtime,
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    const { notification } = await submitNotification(conn, {
      input: exampleInput(caseId(1), unique("Undecided")),
      idempotencyKey: key(),
    });
    const res = await pollUntilDecided(conn, {
      id: notification.id,
      intervalMs: 10_000,
      timeoutMs: 30_000,
    });
    expect(res).toMatchObject({ decided: false, polls: 4, notification: { status: "SUBMITTED" } });
    expect(now).toBe(30_000);
    const missing = await pollUntilDecided(conn, { id: randomUUID() }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "NOT_FOUND", retryable: false });
  });

  it("runs as a command: finds the agency's open case, submits, and a second run with the same key changes nothing", async () => {
    const partner = await token("PARTNER_SYSTEM");
    const summary = unique("From the command line");
    const run = async () => {
      let printed = "";
      const status = await main(
        ["--key", "cli-run-0001", "--summary", summary, "--poll-every", "1", "--poll-for", "0"],
        { GRAPHQL_URL: systemUrl(), PARTNER_TOKEN: partner },
        (t) => {
          printed += t;
        },
      );
      return { status, out: JSON.parse(printed) };
    };
    const first = await run();
    expect(first.status).toBe(0);
    expect(first.out.submitted.notification.status).toBe("SUBMITTED");
    expect(first.out.poll).toBeNull();
    const again = await run();
    expect(again.out.submitted.notification.id).toBe(first.out.submitted.notification.id);
    expect(await notificationsWithSummary(summary)).toHaveLength(1);
  });
});
