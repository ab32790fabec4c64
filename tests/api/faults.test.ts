import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableNamesFromEnv } from "../../src/data/tables";
import { type LocalDynamo, startDynamoDbLocal } from "../../src/local/dynamodb-local";
import { ensureTables } from "../../src/local/tables";
import {
  codes,
  createCaseVia,
  type GqlResult,
  identityInput,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import { notificationInput } from "../helpers/notifications";
import { act, recommend } from "../helpers/recommendations";

/**
 * DynamoDB paused (SIGSTOP) and then stopped under the partner systems' mutations: every one
 * answers a retryable SERVICE_UNAVAILABLE with a request id (HTTP 503), within the client's
 * timeout budget, and a retry with the same idempotency key afterwards leaves exactly one record.
 * Its own DynamoDB Local, so that stopping it touches no other test.
 */
let dynamo: LocalDynamo;
let api: TestApi;
/** The same API with the SDK's usual patience, for setting up (a JVM just started is slow). */
let patient: TestApi;
let t: Tenant;

/** Short timeouts so the test is quick; the shape of the budget is the production one. */
const CLIENT = { connectionTimeoutMs: 300, requestTimeoutMs: 1500, maxAttempts: 2 };

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
  const raw = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "eu-west-2",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
  await ensureTables(raw, tableNamesFromEnv({}));
  raw.destroy();
  api = await testApi({ client: { endpoint: dynamo.endpoint, ...CLIENT } });
  patient = await testApi({ client: { endpoint: dynamo.endpoint }, keys: api.keys });
  t = await newTenant(patient);
}, 120_000);

afterAll(async () => {
  try {
    process.kill(dynamo.pid, "SIGCONT");
  } catch {
    // already stopped
  }
  await dynamo?.stop();
});

interface Fixture {
  readonly draftId: string;
  readonly actionId: string;
  readonly caseId: string;
}

/** Every mutation a partner system may call, with a fresh idempotency key where it takes one. */
function partnerMutations(f: Fixture, key: (name: string) => string) {
  // The same input every time it is sent, as a retrying client sends it.
  const identity = identityInput();
  return {
    createCase: () =>
      [
        `mutation($i: CreateCaseInput!, $k: String) { createCase(input: $i, idempotencyKey: $k) { id } }`,
        { i: { agencyIds: [t.agencyIds[0]], identity }, k: key("createCase") },
      ] as const,
    createNotificationDraft: () =>
      [
        `mutation($i: NotificationInput!, $k: String) { createNotificationDraft(input: $i, idempotencyKey: $k) { id } }`,
        { i: { summary: "draft", caseIds: [f.caseId] }, k: key("createNotificationDraft") },
      ] as const,
    submitIncidentNotification: () =>
      [
        `mutation($i: NotificationInput!, $k: String) { submitIncidentNotification(input: $i, idempotencyKey: $k) { id } }`,
        {
          i: notificationInput("IV", t, [f.caseId], { notifyingAgencyId: t.agencyIds[0] }),
          k: key("submitIncidentNotification"),
        },
      ] as const,
    updateNotificationDraft: () =>
      [
        `mutation($id: ID!) { updateNotificationDraft(input: { id: $id, expectedVersion: 1, summary: "more" }) { id } }`,
        { id: f.draftId },
      ] as const,
    submitNotification: () =>
      [
        `mutation($id: ID!) { submitNotification(input: { id: $id, expectedVersion: 1 }) { id } }`,
        { id: f.draftId },
      ] as const,
    recordActionProgress: () =>
      [
        `mutation($id: ID!, $k: String) { recordActionProgress(input: { id: $id, text: "t", on: "2026-06-01" }, idempotencyKey: $k) { id } }`,
        { id: f.actionId, k: key("recordActionProgress") },
      ] as const,
    updateActionStatus: () =>
      [
        `mutation($id: ID!) { updateActionStatus(input: { id: $id, expectedVersion: 1, status: IN_PROGRESS, on: "2026-06-01" }) { id } }`,
        { id: f.actionId },
      ] as const,
  };
}

async function fixture(): Promise<Fixture> {
  const c = await createCaseVia(patient, t, [0, 1]);
  const draft = await patient.gql<{ createNotificationDraft: { id: string } }>(
    await t.token("PARTNER_SYSTEM", 0),
    `mutation($i: NotificationInput!, $k: String) { createNotificationDraft(input: $i, idempotencyKey: $k) { id } }`,
    {
      i: notificationInput("IV", t, [c.id], { notifyingAgencyId: t.agencyIds[0] }),
      k: `d-${randomUUID()}`,
    },
  );
  const r = await recommend(patient, t, { participatingAgencyIds: [] });
  const a = await act(patient, t, r.id, "2026-12-01", 0);
  return {
    draftId: draft.data?.createNotificationDraft.id as string,
    actionId: a.id,
    caseId: c.id,
  };
}

function expectRetryable(res: GqlResult, name: string) {
  expect(codes(res), name).toEqual(["SERVICE_UNAVAILABLE"]);
  expect(res.errors?.[0]?.extensions?.retryable, name).toBe(true);
  expect(String(res.errors?.[0]?.extensions?.requestId), name).toMatch(/^[0-9a-f-]{36}$/);
  expect(res.httpStatus, name).toBe(503);
  expect(JSON.stringify(res.errors), name).not.toMatch(/Exception|ECONN|Timeout|stack|aws/i);
}

describe("DynamoDB unavailable", () => {
  it("paused: every partner-system mutation answers a retryable error within the budget, and a retry afterwards creates each record once", async () => {
    const f = await fixture();
    const token = await t.token("PARTNER_SYSTEM", 0);
    const keys = new Map<string, string>();
    const key = (name: string) => {
      if (!keys.has(name)) keys.set(name, `${name}-${randomUUID()}`);
      return keys.get(name) as string;
    };
    const mutations = partnerMutations(f, key);
    const budget = CLIENT.maxAttempts * (CLIENT.connectionTimeoutMs + CLIENT.requestTimeoutMs);
    process.kill(dynamo.pid, "SIGSTOP");
    try {
      for (const [name, make] of Object.entries(mutations)) {
        const [query, variables] = make();
        const started = Date.now();
        const res = await api.gql(token, query, variables);
        expectRetryable(res, name);
        // The first DynamoDB call fails after the budget; nothing waits longer than a few.
        expect(Date.now() - started, name).toBeLessThan(4 * budget + 1_000);
      }
    } finally {
      process.kill(dynamo.pid, "SIGCONT");
    }
    // A paused request may still complete once DynamoDB resumes: a retry with the same key
    // returns that record rather than writing a second. Retried as a client would, while the
    // answer is SERVICE_UNAVAILABLE (a request with the key may still be in progress).
    const send = async (query: string, variables: Record<string, unknown>) => {
      for (let attempt = 0; ; attempt++) {
        const res = await api.gql<Record<string, { id: string }>>(token, query, variables);
        if (codes(res)[0] !== "SERVICE_UNAVAILABLE" || attempt >= 20) return res;
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const created: Record<string, string> = {};
    for (const name of ["createCase", "createNotificationDraft", "submitIncidentNotification"]) {
      const [query, variables] = mutations[name as keyof typeof mutations]();
      const first = await send(query, variables);
      const again = await send(query, variables);
      expect(first.errors, name).toBeUndefined();
      expect(again.data?.[name]?.id, name).toBe(first.data?.[name]?.id);
      created[name] = first.data?.[name]?.id as string;
    }
    // The submitted notification is whole: its decision record and its agencies' lists.
    const whole = await api.gql<{
      notification: { status: string; reviewDecision: { version: number } | null };
    }>(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { notification(id: $id) { status ... on IncidentNotification { reviewDecision { version } } } }`,
      { id: created.submitIncidentNotification },
    );
    expect(whole.data?.notification.status).toBe("SUBMITTED");
    expect(whole.data?.notification.reviewDecision?.version).toBeGreaterThanOrEqual(1);
    const listed = await api.gql<{ notifications: { edges: { node: { id: string } }[] } }>(
      await t.token("AGENCY_LEAD", 0),
      `{ notifications(first: 100) { edges { node { id } } } }`,
    );
    const ids = listed.data?.notifications.edges.map((e) => e.node.id) ?? [];
    expect(ids.filter((id) => id === created.submitIncidentNotification)).toHaveLength(1);
    // The action's progress updates are counted and readable one for one.
    const action = await api.gql<{
      action: { updateCount: number; updates: { edges: unknown[] } };
    }>(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { action(id: $id) { updateCount updates(first: 100) { edges { node { id } } } } }`,
      { id: f.actionId },
    );
    expect(action.data?.action.updates.edges).toHaveLength(action.data?.action.updateCount ?? -1);
  }, 60_000);

  it("stopped: every partner-system mutation answers a retryable error with a request id", async () => {
    const f = await fixture();
    const token = await t.token("PARTNER_SYSTEM", 0);
    const mutations = partnerMutations(f, (name) => `${name}-${randomUUID()}`);
    await dynamo.stop();
    for (const [name, make] of Object.entries(mutations)) {
      const [query, variables] = make();
      expectRetryable(await api.gql(token, query, variables), name);
    }
  }, 60_000);
});
