import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_PROGRESS_UPDATES } from "../../src/domain/actions";
import { MAX_EVIDENCE } from "../../src/domain/recommendations";
import { MAX_DISSENTS, MAX_VIEW_LENGTH } from "../../src/domain/review-decisions";
import { codes, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import { DECIDE, recommendVia, submitVia } from "../helpers/notifications";
import { act, advance, recommend } from "../helpers/recommendations";

/**
 * Whatever accumulates is its own record: every documented limit is reachable with every text
 * at its maximum length, the next one is refused as input, and the record stays writable.
 */
let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  api = await testApi({ now: () => new Date("2026-06-15T12:00:00Z") });
  t = await newTenant(api);
});

describe("records that accumulate", () => {
  it(`§18: takes ${MAX_DISSENTS} dissents of ${MAX_VIEW_LENGTH} characters, refuses the next, and can still be decided`, async () => {
    const n = await submitVia(api, t, "II");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    const scr = await t.token("SCR_SUBGROUP");
    const DISSENT = `mutation($id: ID!, $v: String!) { recordDissent(input: { id: $id, view: $v }) { version } }`;
    let version = v;
    for (let i = 0; i < MAX_DISSENTS; i++) {
      const res = await api.gql<{ recordDissent: { version: number } }>(scr, DISSENT, {
        id: n.id,
        v: `${String(i).padStart(2, "0")} ${"d".repeat(MAX_VIEW_LENGTH - 3)}`,
      });
      expect(res.errors, `dissent ${i + 1}`).toBeUndefined();
      version = res.data?.recordDissent.version ?? version;
    }
    const over = await api.gql(scr, DISSENT, { id: n.id, v: "one too many" });
    expect(codes(over)).toEqual(["BAD_USER_INPUT"]);
    const chair = await t.token("INDEPENDENT_CHAIR");
    const read = await api.gql<{ reviewDecision: { dissents: { id: string }[] } }>(
      chair,
      `query($id: ID!) { reviewDecision(notificationId: $id) { dissents { id } } }`,
      { id: n.id },
    );
    const ids = read.data?.reviewDecision.dissents.map((d) => d.id) ?? [];
    expect(ids).toHaveLength(MAX_DISSENTS);
    // One BatchGet reads them all: the decision, the notification and the dissents.
    expect(read.dynamoRequests).toBeLessThanOrEqual(4);
    const decided = await api.gql(chair, DECIDE, {
      input: {
        id: n.id,
        expectedVersion: version,
        outcome: "SERIOUS_CASE_REVIEW",
        reasons: "r".repeat(20_000),
        dissentsConsidered: ids,
      },
    });
    expect(decided.errors).toBeUndefined();
  });

  it(`§35: takes ${MAX_EVIDENCE} items of evidence at their maximum lengths, then refuses the next`, async () => {
    const r = await recommend(api, t, { participatingAgencyIds: [] });
    await advance(api, t, r, [
      { to: "ACCEPTED", on: "2026-01-02" },
      { to: "IN_PROGRESS", on: "2026-01-03" },
    ]);
    const bu = await t.token("BUSINESS_UNIT");
    const EVIDENCE = `mutation($i: ImpactEvidenceInput!) { recordImpactEvidence(input: $i) { evidenceCount } }`;
    const input = {
      whatChanged: "w".repeat(5000),
      howMeasured: "h".repeat(5000),
      before: "b".repeat(2000),
      after: "a".repeat(2000),
      verifiedBy: "v".repeat(200),
      verifiedOn: "2026-02-01",
    };
    for (let i = 0; i < MAX_EVIDENCE; i++) {
      const res = await api.gql(bu, EVIDENCE, { i: { id: r.id, ...input } });
      expect(res.errors, `evidence ${i + 1}`).toBeUndefined();
    }
    const over = await api.gql(bu, EVIDENCE, { i: { id: r.id, ...input } });
    expect(codes(over)).toEqual(["BAD_USER_INPUT"]);
    const read = await api.gql<{ recommendation: { evidence: unknown[] } }>(
      bu,
      `query($id: ID!) { recommendation(id: $id) { evidenceCount evidence { id } } }`,
      { id: r.id },
    );
    expect(read.data?.recommendation.evidence).toHaveLength(MAX_EVIDENCE);
  });

  it(`takes ${MAX_PROGRESS_UPDATES} progress updates of 2,000 characters, then refuses the next`, async () => {
    const r = await recommend(api, t, { participatingAgencyIds: [] });
    const a = await act(api, t, r.id, "2026-09-01", 0);
    const partner = await t.token("PARTNER_SYSTEM", 0);
    const UPDATE = `mutation($i: ActionProgressInput!, $k: String) { recordActionProgress(input: $i, idempotencyKey: $k) { updateCount } }`;
    const input = { text: "u".repeat(2000), on: "2026-06-01" };
    for (let i = 0; i < MAX_PROGRESS_UPDATES; i++) {
      const res = await api.gql(partner, UPDATE, {
        i: { id: a.id, ...input },
        k: `u-${randomUUID()}`,
      });
      expect(res.errors, `update ${i + 1}`).toBeUndefined();
    }
    const over = await api.gql(partner, UPDATE, {
      i: { id: a.id, ...input },
      k: `u-${randomUUID()}`,
    });
    expect(codes(over)).toEqual(["BAD_USER_INPUT"]);
    const page = await api.gql<{
      action: {
        updateCount: number;
        updates: { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
      };
    }>(
      partner,
      `query($id: ID!) { action(id: $id) { updateCount updates(first: 100) { edges { node { id } } pageInfo { hasNextPage } } } }`,
      { id: a.id },
    );
    expect(page.data?.action.updateCount).toBe(MAX_PROGRESS_UPDATES);
    expect(page.data?.action.updates.edges).toHaveLength(100);
    expect(page.data?.action.updates.pageInfo.hasNextPage).toBe(true);
  });
});
