import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { runOverdueJob } from "../../src/services/overdue-job";
import { codes, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import {
  act,
  advance,
  CREATE_ACTION,
  CREATE_REC,
  recommend,
  TRANSITION,
} from "../helpers/recommendations";

const TODAY = "2026-06-15";
const clock = () => new Date(`${TODAY}T10:00:00Z`);
let api: TestApi;
let t: Tenant;

beforeAll(async () => {
  api = await testApi({ now: clock });
  t = await newTenant(api);
});

describe("the recommendation lifecycle through the API", () => {
  it("refuses a forbidden transition with a clear error and changes nothing", async () => {
    const r = await recommend(api, t);
    const res = await api.gql(await t.token("BUSINESS_UNIT"), TRANSITION, {
      input: { id: r.id, expectedVersion: r.version, to: "IMPLEMENTED", on: "2026-02-01" },
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.to");
    expect(res.errors?.[0]?.message).toContain("allowed: ACCEPTED, REJECTED");
    const now = await api.gql<{ recommendation: { status: string; version: number } }>(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { recommendation(id: $id) { status version } }`,
      { id: r.id },
    );
    expect(now.data?.recommendation).toEqual({ status: "PROPOSED", version: 1 });
  });

  it("§35–36: refuses evidence verified before the board accepted, and a consequence observed before the recommendation was made", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const r = await recommend(api, t, { madeOn: "2026-03-01", targetDate: "2026-09-01" });
    await advance(api, t, r, [
      { to: "ACCEPTED", on: "2026-03-05" },
      { to: "IN_PROGRESS", on: "2026-03-10" },
      { to: "IMPLEMENTED", on: "2026-05-01" },
    ]);
    const EVIDENCE = `mutation($id: ID!, $on: LocalDate!) { recordImpactEvidence(input: { id: $id, whatChanged: "w", howMeasured: "h", verifiedBy: "v", verifiedOn: $on }) { evidenceCount } }`;
    for (const on of ["2026-01-01", "2026-03-04"]) {
      const res = await api.gql(bu, EVIDENCE, { id: r.id, on });
      expect(codes(res), on).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors?.[0]?.extensions?.field).toBe("input.verifiedOn");
    }
    const onTheDay = await api.gql(bu, EVIDENCE, { id: r.id, on: "2026-03-05" });
    expect(onTheDay.errors).toBeUndefined();
    const CONSEQUENCE = `mutation($id: ID!, $on: LocalDate!) { recordUnintendedConsequence(input: { id: $id, description: "d", observedOn: $on }) { consequenceCount } }`;
    const early = await api.gql(bu, CONSEQUENCE, { id: r.id, on: "2026-02-28" });
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(early.errors?.[0]?.extensions?.field).toBe("input.observedOn");
    expect((await api.gql(bu, CONSEQUENCE, { id: r.id, on: "2026-03-01" })).errors).toBeUndefined();
  });

  it("§35: is closed only once its actions are done, and never 'without evidence' when its impact is evidenced", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const r = await recommend(api, t, { madeOn: "2026-01-01", targetDate: "2026-09-01" });
    const a = await act(api, t, r.id, "2026-08-01", 0);
    const EVIDENCE = `mutation($id: ID!) { recordImpactEvidence(input: { id: $id, whatChanged: "w", howMeasured: "h", verifiedBy: "v", verifiedOn: "2026-03-01" }) { version } }`;
    const read = async () =>
      (
        await api.gql<{ recommendation: { version: number; actionCount: number } }>(
          bu,
          `query($id: ID!) { recommendation(id: $id) { version actionCount } }`,
          { id: r.id },
        )
      ).data?.recommendation as { version: number; actionCount: number };
    expect((await read()).actionCount).toBe(1);
    let v = await advance(api, t, { id: r.id, version: (await read()).version }, [
      { to: "IN_PROGRESS", on: "2026-01-10" },
      { to: "IMPLEMENTED", on: "2026-02-20" },
    ]);
    const ev = await api.gql<{ recordImpactEvidence: { version: number } }>(bu, EVIDENCE, {
      id: r.id,
    });
    v = await advance(api, t, { id: r.id, version: ev.data?.recordImpactEvidence.version ?? v }, [
      { to: "IMPACT_EVIDENCED", on: "2026-03-02" },
    ]);
    const open = await api.gql(bu, TRANSITION, {
      input: { id: r.id, expectedVersion: v, to: "CLOSED", on: "2026-03-03" },
    });
    expect(codes(open)).toEqual(["BAD_USER_INPUT"]);
    expect(open.errors?.[0]?.message).toBe("Complete or cancel its 1 open action first");
    const done = await api.gql(
      bu,
      `mutation($id: ID!) { updateActionStatus(input: { id: $id, expectedVersion: 1, status: COMPLETED, on: "2026-03-01" }) { status } }`,
      { id: a.id },
    );
    expect(done.errors).toBeUndefined();
    const flagged = await api.gql(bu, TRANSITION, {
      input: {
        id: r.id,
        expectedVersion: v,
        to: "CLOSED",
        on: "2026-03-03",
        closeWithoutEvidence: true,
        reason: "r",
      },
    });
    expect(flagged.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.closeWithoutEvidence",
    });
    const closed = await api.gql<{ transitionRecommendation: { status: string } }>(bu, TRANSITION, {
      input: { id: r.id, expectedVersion: v, to: "CLOSED", on: "2026-03-03" },
    });
    expect(closed.data?.transitionRecommendation.status).toBe("CLOSED");
    // A closed recommendation takes no more actions.
    const late = await api.gql(bu, CREATE_ACTION, {
      input: {
        recommendationId: r.id,
        responsiblePerson: "p",
        description: "d",
        dueDate: "2026-09-01",
      },
    });
    expect(late.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.recommendationId",
    });
  });

  it("refuses to close without evidence, closes with it, or by a board decision with a reason", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const r = await recommend(api, t);
    const v = await advance(api, t, r, [
      { to: "ACCEPTED", on: "2026-01-05" },
      { to: "IN_PROGRESS", on: "2026-01-10" },
      { to: "IMPLEMENTED", on: "2026-02-20" },
    ]);
    const refused = await api.gql(bu, TRANSITION, {
      input: { id: r.id, expectedVersion: v, to: "CLOSED", on: "2026-03-01" },
    });
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0]?.message).toMatch(/evidence of its impact/);

    const lead = await t.token("AGENCY_LEAD", 0);
    const ev = await api.gql<{
      recordImpactEvidence: { version: number; evidence: { whatChanged: string }[] };
    }>(
      lead,
      `mutation($input: ImpactEvidenceInput!) { recordImpactEvidence(input: $input) { version evidence { whatChanged } } }`,
      {
        input: {
          id: r.id,
          whatChanged: "Health attend strategy meetings",
          howMeasured: "Audit of 20 strategy meetings",
          before: "35%",
          after: "90%",
          verifiedBy: "Multi-agency audit group",
          verifiedOn: "2026-04-01",
        },
      },
    );
    expect(ev.errors).toBeUndefined();
    const closed = await advance(
      api,
      t,
      { id: r.id, version: ev.data?.recordImpactEvidence.version as number },
      [
        { to: "IMPACT_EVIDENCED", on: "2026-04-02" },
        { to: "CLOSED", on: "2026-04-03" },
      ],
    );
    expect(closed).toBeGreaterThan(v);

    const other = await recommend(api, t);
    const ov = await advance(api, t, other, [
      { to: "ACCEPTED", on: "2026-01-05" },
      { to: "IN_PROGRESS", on: "2026-01-10" },
      { to: "IMPLEMENTED", on: "2026-02-20" },
    ]);
    const board = await api.gql<{
      transitionRecommendation: { status: string; closedWithoutEvidence: { reason: string } };
    }>(await t.token("INDEPENDENT_CHAIR"), TRANSITION, {
      input: {
        id: other.id,
        expectedVersion: ov,
        to: "CLOSED",
        on: "2026-03-01",
        closeWithoutEvidence: true,
        reason: "Service recommissioned",
      },
    });
    expect(board.data?.transitionRecommendation).toEqual({
      id: other.id,
      version: ov + 1,
      status: "CLOSED",
      closedWithoutEvidence: { reason: "Service recommissioned" },
    });
  });

  it("lets only the board accept, and only the owner's lead start the work", async () => {
    const r = await recommend(api, t);
    const byLead = await api.gql(await t.token("AGENCY_LEAD", 0), TRANSITION, {
      input: { id: r.id, expectedVersion: 1, to: "ACCEPTED", on: "2026-01-05" },
    });
    expect(codes(byLead)).toEqual(["FORBIDDEN"]);
    const v = await advance(api, t, r, [{ to: "ACCEPTED", on: "2026-01-05" }]);
    const otherLead = await api.gql(await t.token("AGENCY_LEAD", 1), TRANSITION, {
      input: { id: r.id, expectedVersion: v, to: "IN_PROGRESS", on: "2026-01-06" },
    });
    expect(codes(otherLead)).toEqual(["FORBIDDEN"]);
    const owner = await api.gql(await t.token("AGENCY_LEAD", 0), TRANSITION, {
      input: { id: r.id, expectedVersion: v, to: "IN_PROGRESS", on: "2026-01-06" },
    });
    expect(owner.errors).toBeUndefined();
  });
});

describe("actions", () => {
  const ACTION = `query($id: ID!) { action(id: $id) { id status version rag dueDate updates { edges { node { text } } } overdueSince } }`;

  it("derive RAG at the day boundaries", async () => {
    const r = await recommend(api, t);
    const bu = await t.token("BUSINESS_UNIT");
    const cases: [string, string][] = [
      ["2026-06-14", "RED"],
      ["2026-06-15", "AMBER"],
      ["2026-06-29", "AMBER"],
      ["2026-06-30", "GREEN"],
    ];
    for (const [due, expected] of cases) {
      const a = await act(api, t, r.id, due);
      const res = await api.gql<{ action: { rag: string } }>(bu, ACTION, { id: a.id });
      expect(res.data?.action.rag, due).toBe(expected);
    }
  });

  it("cannot be touched by another agency's lead", async () => {
    const r = await recommend(api, t);
    const a = await act(api, t, r.id, "2026-07-01", 0);
    const other = await api.gql(
      await t.token("AGENCY_LEAD", 1),
      `mutation($id: ID!) { updateActionStatus(input: { id: $id, expectedVersion: 1, status: IN_PROGRESS, on: "2026-06-10" }) { id } }`,
      { id: a.id },
    );
    expect(codes(other)).toEqual(["FORBIDDEN"]);
    const stranger = await api.gql(
      await t.token("AGENCY_LEAD", 2),
      `mutation($id: ID!) { recordActionProgress(input: { id: $id, text: "x", on: "2026-06-10" }) { id } }`,
      { id: a.id },
    );
    expect(codes(stranger)).toEqual(["NOT_FOUND"]);
    const unchanged = await api.gql<{ action: { status: string; version: number } }>(
      await t.token("BUSINESS_UNIT"),
      ACTION,
      { id: a.id },
    );
    expect(unchanged.data?.action).toMatchObject({ status: "NOT_STARTED", version: 1 });
  });

  it("take a partner system's retried progress update once", async () => {
    const r = await recommend(api, t);
    const a = await act(api, t, r.id, "2026-07-01", 0);
    const partner = await t.token("PARTNER_SYSTEM", 0);
    const UPDATE = `mutation($input: ActionProgressInput!, $key: String) { recordActionProgress(input: $input, idempotencyKey: $key) { version status updates { edges { node { text } } } } }`;
    const key = `upd-${randomUUID()}`;
    const input = { id: a.id, text: "Procedure drafted", on: "2026-06-12", status: "IN_PROGRESS" };
    const first = await api.gql<{ recordActionProgress: { version: number } }>(partner, UPDATE, {
      input,
      key,
    });
    const retry = await api.gql<{
      recordActionProgress: { version: number; updates: { edges: unknown[] } };
    }>(partner, UPDATE, { input, key });
    expect(first.errors).toBeUndefined();
    expect(retry.data?.recordActionProgress.version).toBe(first.data?.recordActionProgress.version);
    expect(retry.data?.recordActionProgress.updates.edges).toHaveLength(1);
    const misuse = await api.gql(partner, UPDATE, { input: { ...input, text: "Different" }, key });
    expect(codes(misuse)).toEqual(["CONFLICT"]);
    const noKey = await api.gql(partner, UPDATE, { input });
    expect(codes(noKey)).toEqual(["BAD_USER_INPUT"]);
  });

  it("are listed by their recommendation after progress updates, in full pages whose cursors follow on", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const lead = await t.token("AGENCY_LEAD", 0);
    const r = await recommend(api, t, { targetDate: "2026-12-01" });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await act(api, t, r.id, "2026-07-01", 0)).id);
    // Updates on every action but the last, several on some: they sit in the same collection.
    for (const [i, id] of ids.slice(0, 4).entries())
      for (let n = 0; n <= i; n++) {
        const res = await api.gql(
          lead,
          `mutation($id: ID!) { recordActionProgress(input: { id: $id, on: "2026-06-10", text: "started" }) { id } }`,
          { id },
        );
        expect(res.errors).toBeUndefined();
      }
    type Conn = {
      edges: { node: { id: string; updateCount: number } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
    const pages = async (read: (after: string | null) => Promise<Conn | undefined>) => {
      const seen: { id: string; updateCount: number }[][] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const conn = await read(after);
        if (!conn) throw new Error("no connection");
        seen.push(conn.edges.map((e) => e.node));
        if (!conn.pageInfo.hasNextPage) return seen;
        after = conn.pageInfo.endCursor;
      }
      throw new Error("did not end");
    };
    const NODE = "edges { node { id updateCount } } pageInfo { hasNextPage endCursor }";
    const byField = await pages(async (after) => {
      const res = await api.gql<{ recommendation: { actions: Conn } }>(
        bu,
        `query($id: ID!, $after: String) { recommendation(id: $id) { actions(first: 2, after: $after) { ${NODE} } } }`,
        { id: r.id, after },
      );
      expect(res.errors).toBeUndefined();
      return res.data?.recommendation.actions;
    });
    const byFilter = await pages(async (after) => {
      const res = await api.gql<{ actions: Conn }>(
        lead,
        `query($id: ID!, $after: String) { actions(filter: { recommendationId: $id }, first: 2, after: $after) { ${NODE} } }`,
        { id: r.id, after },
      );
      expect(res.errors).toBeUndefined();
      return res.data?.actions;
    });
    for (const seen of [byField, byFilter]) {
      expect(seen.map((p) => p.length)).toEqual([2, 2, 1]);
      const all = seen.flat();
      expect(all.map((a) => a.id).sort()).toEqual([...ids].sort());
      expect(all.map((a) => a.updateCount).sort()).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it("let a recommendation whose actions have progress updates be closed once they are done", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const r = await recommend(api, t, { targetDate: "2026-12-01" });
    const a = await act(api, t, r.id, "2026-07-01", 0);
    const done = await api.gql(
      bu,
      `mutation($id: ID!) { recordActionProgress(input: { id: $id, on: "2026-06-10", text: "done", status: COMPLETED }) { status } }`,
      { id: a.id },
    );
    expect(done.errors).toBeUndefined();
    const now = await api.gql<{ recommendation: { version: number } }>(
      bu,
      `query($id: ID!) { recommendation(id: $id) { version } }`,
      { id: r.id },
    );
    const v = await advance(api, t, { id: r.id, version: now.data?.recommendation.version ?? 0 }, [
      { to: "IN_PROGRESS", on: "2026-06-01" },
      { to: "IMPLEMENTED", on: "2026-06-12" },
    ]);
    const closed = await api.gql<{ transitionRecommendation: { status: string } }>(
      await t.token("INDEPENDENT_CHAIR"),
      TRANSITION,
      {
        input: {
          id: r.id,
          expectedVersion: v,
          to: "CLOSED",
          on: "2026-06-14",
          closeWithoutEvidence: true,
          reason: "Service recommissioned",
        },
      },
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.transitionRecommendation.status).toBe("CLOSED");
  });

  it("refuse a stale update with CONFLICT and keep the newer one", async () => {
    const r = await recommend(api, t);
    const a = await act(api, t, r.id, "2026-07-01", 0);
    const lead = await t.token("AGENCY_LEAD", 0);
    const STATUS = `mutation($id: ID!, $v: Int!, $s: ActionStatus!) { updateActionStatus(input: { id: $id, expectedVersion: $v, status: $s, on: "2026-06-10" }) { version status } }`;
    const ok = await api.gql(lead, STATUS, { id: a.id, v: 1, s: "IN_PROGRESS" });
    expect(ok.errors).toBeUndefined();
    const stale = await api.gql(lead, STATUS, { id: a.id, v: 1, s: "CANCELLED" });
    expect(codes(stale)).toEqual(["CONFLICT"]);
    const now = await api.gql<{ action: { status: string; version: number } }>(lead, ACTION, {
      id: a.id,
    });
    expect(now.data?.action).toMatchObject({ status: "IN_PROGRESS", version: 2 });
  });
});

describe("the overdue job", () => {
  it("§35: finds overdue actions and passed revisits, writes the same summaries when run twice, and dates each overdue from the day after it was due", async () => {
    const own = await newTenant(api);
    const bu = await own.token("BUSINESS_UNIT");
    const r = await recommend(api, own);
    const late = await act(api, own, r.id, "2026-06-01", 0);
    const later = await act(api, own, r.id, "2026-06-10", 0);
    await act(api, own, r.id, "2026-06-20", 0);
    const boardLate = await act(api, own, r.id, "2026-05-01", null);
    const done = await act(api, own, r.id, "2026-06-02", 1);
    await api.gql(
      bu,
      `mutation($id: ID!) { updateActionStatus(input: { id: $id, expectedVersion: 1, status: COMPLETED, on: "2026-06-01" }) { id } }`,
      { id: done.id },
    );
    // A revisit that was due yesterday (scheduled while it was still ahead), on the accepted
    // recommendation (version 2, and one more for each of its 5 actions).
    const early = await testApi({ now: () => new Date("2026-06-01T10:00:00Z") });
    const rv = await early.gql<{ scheduleRevisit: { version: number } }>(
      await own.token("BUSINESS_UNIT", 0, early.keys.trusted.privateJwk),
      `mutation($id: ID!) { scheduleRevisit(input: { id: $id, expectedVersion: 7, on: "2026-06-14" }) { version } }`,
      { id: r.id },
    );
    expect(rv.errors).toBeUndefined();

    const summaries = async () => {
      const res = await api.gql<{
        overdueSummaries: { edges: { node: Record<string, unknown> }[] };
      }>(
        bu,
        `{ overdueSummaries(asOf: "${TODAY}", first: 10) { edges { node { id agencyId agency { id } asOf overdueActionCount overdueActions { id actionId dueDate action { id dueDate } } revisitDueCount revisitsDue { id recommendationId revisitOn recommendation { id } } } } } }`,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data?.overdueSummaries.edges.map((e) => e.node);
    };
    const marks = async () =>
      Promise.all(
        [late, later, boardLate, done].map(async (a) => {
          const res = await api.gql<{ action: { overdueSince: string | null } }>(bu, ACTION_MARK, {
            id: a.id,
          });
          return res.data?.action.overdueSince;
        }),
      );
    const ACTION_MARK = `query($id: ID!) { action(id: $id) { overdueSince } }`;

    await runOverdueJob(api.store, clock());
    const first = await summaries();
    const firstMarks = await marks();
    await runOverdueJob(api.store, clock());
    expect(await summaries()).toEqual(first);
    expect(await marks()).toEqual(firstMarks);

    // overdueSince is derived from the due date, not from the day the job ran.
    expect(firstMarks).toEqual(["2026-06-02", "2026-06-11", "2026-05-02", null]);
    const byAgency = new Map(first?.map((s) => [s.agencyId, s]));
    // Each summary and each item is cacheable by its own id (an item is what that summary found
    // that day), and leads to the record it names.
    const own0 = `${own.agencyIds[0]}:${TODAY}`;
    expect(byAgency.get(own.agencyIds[0])).toMatchObject({
      id: own0,
      agency: { id: own.agencyIds[0] },
      overdueActionCount: 2,
      overdueActions: [
        {
          id: `${own0}:${late.id}`,
          actionId: late.id,
          dueDate: "2026-06-01",
          action: { id: late.id, dueDate: "2026-06-01" },
        },
        {
          id: `${own0}:${later.id}`,
          actionId: later.id,
          dueDate: "2026-06-10",
          action: { id: later.id, dueDate: "2026-06-10" },
        },
      ],
      revisitDueCount: 1,
      revisitsDue: [
        {
          id: `${own0}:${r.id}`,
          recommendationId: r.id,
          revisitOn: "2026-06-14",
          recommendation: { id: r.id },
        },
      ],
    });
    expect(byAgency.get(null)).toMatchObject({
      agency: null,
      overdueActionCount: 1,
      overdueActions: [
        { id: `BOARD:${TODAY}:${boardLate.id}`, actionId: boardLate.id, dueDate: "2026-05-01" },
      ],
    });
    expect(new Set(first?.map((s) => s.id)).size).toBe(first?.length);
    expect(byAgency.get(own.agencyIds[1])).toMatchObject({
      overdueActionCount: 0,
      revisitDueCount: 0,
    });
    expect(first).toHaveLength(own.agencyIds.length + 1);

    const rec = await api.gql<{ recommendation: { revisitOverdueSince: string } }>(
      bu,
      `query($id: ID!) { recommendation(id: $id) { revisitOverdueSince } }`,
      { id: r.id },
    );
    expect(rec.data?.recommendation.revisitOverdueSince).toBe("2026-06-15");

    const lead = await api.gql<{
      overdueSummaries: { edges: { node: { overdueActionCount: number } }[] };
    }>(
      await own.token("AGENCY_LEAD", 0),
      `query($a: ID) { overdueSummaries(agencyId: $a) { edges { node { overdueActionCount } } } }`,
      { a: own.agencyIds[0] },
    );
    expect(lead.data?.overdueSummaries.edges.map((e) => e.node.overdueActionCount)).toEqual([2]);
    const otherLead = await api.gql(
      await own.token("AGENCY_LEAD", 1),
      `query($a: ID) { overdueSummaries(agencyId: $a) { edges { node { asOf } } } }`,
      { a: own.agencyIds[0] },
    );
    expect(codes(otherLead)).toEqual(["FORBIDDEN"]);
  });
});

describe("lists", () => {
  it("the BLUE filter returns exactly the completed actions, never the cancelled ones (whose RAG is null)", async () => {
    const own = await newTenant(api);
    const r = await recommend(api, own, { participatingAgencyIds: [] });
    const completed = await act(api, own, r.id, "2026-06-20", 0);
    const cancelled = await act(api, own, r.id, "2026-06-21", 0);
    await act(api, own, r.id, "2026-06-22", 0);
    const bu = await own.token("BUSINESS_UNIT");
    const STATUS = `mutation($id: ID!, $s: ActionStatus!) { updateActionStatus(input: { id: $id, expectedVersion: 1, status: $s, on: "2026-06-01" }) { id rag } }`;
    await api.gql(bu, STATUS, { id: completed.id, s: "COMPLETED" });
    const c = await api.gql<{ updateActionStatus: { rag: string | null } }>(bu, STATUS, {
      id: cancelled.id,
      s: "CANCELLED",
    });
    expect(c.data?.updateActionStatus.rag).toBeNull();
    const blue = async (token: string, agency: string | null) => {
      const res = await api.gql<{ actions: { edges: { node: { id: string; rag: string } }[] } }>(
        token,
        `query($a: ID) { actions(filter: { rag: BLUE, agencyId: $a }) { edges { node { id rag } } } }`,
        { a: agency },
      );
      return res.data?.actions.edges.map((e) => e.node);
    };
    expect(await blue(await own.token("AGENCY_LEAD", 0), null)).toEqual([
      { id: completed.id, rag: "BLUE" },
    ]);
    expect(await blue(bu, own.agencyIds[0] as string)).toEqual([{ id: completed.id, rag: "BLUE" }]);
    expect(await blue(bu, null)).toEqual([{ id: completed.id, rag: "BLUE" }]);
    // An agency's lead lists its open actions, and its finished ones by status.
    const lead = await own.token("AGENCY_LEAD", 0);
    const byStatus = async (status: string | null) => {
      const res = await api.gql<{ actions: { edges: { node: { id: string } }[] } }>(
        lead,
        `query($s: ActionStatus) { actions(filter: { status: $s }) { edges { node { id } } } }`,
        { s: status },
      );
      expect(res.errors).toBeUndefined();
      return res.data?.actions.edges.map((e) => e.node.id);
    };
    expect(await byStatus("CANCELLED")).toEqual([cancelled.id]);
    expect(await byStatus("COMPLETED")).toEqual([completed.id]);
    expect(await byStatus(null)).toHaveLength(1);
    expect(await byStatus(null)).not.toContain(cancelled.id);
  });

  it("tells an agency user which of the actions filter they sent their list cannot take, and what it can", async () => {
    const own = await newTenant(api);
    const lead = await own.token("AGENCY_LEAD", 0);
    for (const [filter, field] of [
      [{ status: "IN_PROGRESS" }, "filter.status"],
      [{ status: "NOT_STARTED", rag: "RED" }, "filter.status"],
      [{ sourceKind: "NEAR_MISS" }, "filter.sourceKind"],
    ] as const) {
      const res = await api.gql(
        lead,
        `query($f: ActionFilter) { actions(filter: $f) { edges { node { id } } } }`,
        { f: filter },
      );
      expect(codes(res), JSON.stringify(filter)).toEqual(["BAD_USER_INPUT"]);
      const error = res.errors?.[0];
      expect(error?.extensions?.field).toBe(field);
      // Nothing about an agencyId the user did not send; what the list does take instead.
      expect(error?.message).not.toMatch(/agencyId/);
      expect(error?.message).toMatch(/COMPLETED or CANCELLED/);
      expect(error?.message).toMatch(/recommendationId/);
    }
  });

  it("filter recommendations and actions by agency, status, RAG, source kind, overdue and date range", async () => {
    const own = await newTenant(api);
    const chair = await own.token("INDEPENDENT_CHAIR");
    const scr = await recommend(api, own, { madeOn: "2026-01-01", targetDate: "2026-06-01" });
    const audit = await recommend(api, own, {
      source: { kind: "MULTI_AGENCY_AUDIT", title: "Neglect audit" },
      owningAgencyId: own.agencyIds[2],
      participatingAgencyIds: [],
      madeOn: "2026-03-01",
      targetDate: "2026-09-01",
    });
    await advance(api, own, audit, [{ to: "ACCEPTED", on: "2026-03-05" }]);
    const recs = async (filter: Record<string, unknown>, token = chair) => {
      const res = await api.gql<{ recommendations: { edges: { node: { id: string } }[] } }>(
        token,
        `query($f: RecommendationFilter) { recommendations(filter: $f, first: 50) { edges { node { id } } } }`,
        { f: filter },
      );
      if (res.errors) return res.errors.map((e) => e.extensions?.code);
      return res.data?.recommendations.edges.map((e) => e.node.id);
    };
    expect(await recs({ sourceKind: "MULTI_AGENCY_AUDIT" })).toEqual([audit.id]);
    expect(await recs({ status: "ACCEPTED" })).toEqual([audit.id]);
    expect(await recs({ status: "PROPOSED" })).toEqual([scr.id]);
    expect(await recs({ overdue: true })).toEqual([scr.id]);
    expect(await recs({ rag: "GREEN" })).toEqual([audit.id]);
    expect(await recs({ madeFrom: "2026-02-01", madeTo: "2026-03-31" })).toEqual([audit.id]);
    expect(await recs({ agencyId: own.agencyIds[1] })).toEqual([scr.id]);
    expect(await recs({ agencyId: own.agencyIds[2], madeFrom: "2026-02-01" })).toEqual([audit.id]);
    expect(await recs({ status: "PROPOSED", sourceKind: "NEAR_MISS" })).toEqual(["BAD_USER_INPUT"]);
    // Agency users: theirs (owned or taken part in) only.
    expect(await recs({}, await own.token("PRACTITIONER", 1))).toEqual([scr.id]);
    expect(await recs({}, await own.token("AGENCY_LEAD", 3))).toEqual([]);
    expect(await recs({}, await own.token("REVIEWER"))).toEqual(["FORBIDDEN"]);

    const a1 = await act(api, own, scr.id, "2026-06-10", 0);
    const a2 = await act(api, own, scr.id, "2026-06-20", 0);
    const a3 = await act(api, own, audit.id, "2026-08-01", 2);
    const actions = async (filter: Record<string, unknown>, token = chair) => {
      const res = await api.gql<{ actions: { edges: { node: { id: string } }[] } }>(
        token,
        `query($f: ActionFilter) { actions(filter: $f, first: 50) { edges { node { id } } } }`,
        { f: filter },
      );
      if (res.errors) return res.errors.map((e) => e.extensions?.code);
      return res.data?.actions.edges.map((e) => e.node.id);
    };
    expect(await actions({ overdue: true })).toEqual([a1.id]);
    expect(await actions({ rag: "AMBER" })).toEqual([a2.id]);
    expect(await actions({ rag: "GREEN" })).toEqual([a3.id]);
    expect(await actions({ agencyId: own.agencyIds[0], overdue: true })).toEqual([a1.id]);
    expect(await actions({ sourceKind: "MULTI_AGENCY_AUDIT" })).toEqual([a3.id]);
    expect(await actions({ status: "NOT_STARTED", dueFrom: "2026-06-15" })).toEqual([a2.id, a3.id]);
    expect(await actions({ sourceKind: "SERIOUS_CASE_REVIEW", dueTo: "2026-06-15" })).toEqual([
      a1.id,
    ]);
    expect(await actions({ status: "NOT_STARTED", overdue: true })).toEqual(["BAD_USER_INPUT"]);
    expect(await actions({ dueFrom: "2026-06-15", dueTo: "2026-07-01" })).toEqual([a2.id]);
    expect(await actions({ recommendationId: scr.id })).toHaveLength(2);
    expect(await actions({ rag: "RED", overdue: true })).toEqual(["BAD_USER_INPUT"]);
    expect(await actions({ overdue: true }, await own.token("AGENCY_LEAD", 0))).toEqual([a1.id]);
    expect(
      await actions({ agencyId: own.agencyIds[0] }, await own.token("AGENCY_LEAD", 2)),
    ).toEqual(["FORBIDDEN"]);
  });

  it("refuses a recommendation's actions inside a list, where they would cost a request each", async () => {
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `{ recommendations(first: 5) { edges { node { id actions { edges { node { id } } } } } } }`,
    );
    expect(codes(res)).toContain("BAD_USER_INPUT");
  });

  it("costs the same DynamoDB requests for a filtered list of 10 and of 200 matching actions", async () => {
    const cost = async (n: number) => {
      const own = await newTenant(api);
      // At most 50 actions a recommendation.
      const recs = [];
      for (let i = 0; i < Math.ceil(n / 50); i++) recs.push(await recommend(api, own));
      for (let i = 0; i < n; i++)
        await act(api, own, recs[Math.floor(i / 50)]?.id as string, "2026-05-01", 0);
      const res = await api.gql<{
        actions: { edges: unknown[]; pageInfo: { hasNextPage: boolean } };
      }>(
        await own.token("AGENCY_LEAD", 0),
        `{ actions(filter: { overdue: true }, first: 100) { edges { node { id rag owningAgency { name } } } pageInfo { hasNextPage } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.actions.edges).toHaveLength(Math.min(n, 100));
      expect(res.data?.actions.pageInfo.hasNextPage).toBe(n > 100);
      return res.dynamoRequests;
    };
    const ten = await cost(10);
    const twoHundred = await cost(200);
    expect(ten).toBe(twoHundred);
    // One Query on byAgency, one BatchGetItem for the owning agencies.
    expect(twoHundred).toBe(2);
  }, 60_000);
});

describe("effectiveness of learning (§37)", () => {
  it("computes the figures on a seeded set whose right answer is stated", async () => {
    const own = await newTenant(api);
    // SCR: made 1 Jan, target 1 Mar, implemented 20 Feb (on time, 50 days), evidence.
    const a = await recommend(api, own, { madeOn: "2026-01-01", targetDate: "2026-03-01" });
    const av = await advance(api, own, a, [
      { to: "ACCEPTED", on: "2026-01-02" },
      { to: "IN_PROGRESS", on: "2026-01-03" },
      { to: "IMPLEMENTED", on: "2026-02-20" },
    ]);
    await api.gql(
      await own.token("BUSINESS_UNIT"),
      `mutation($id: ID!) { recordImpactEvidence(input: { id: $id, whatChanged: "w", howMeasured: "h", verifiedBy: "Audit group", verifiedOn: "2026-03-01" }) { id } }`,
      { id: a.id },
    );
    expect(av).toBe(4);
    // SCR: made 10 Jan, target 10 Feb, implemented 12 Mar (late, 61 days).
    const b = await recommend(api, own, { madeOn: "2026-01-10", targetDate: "2026-02-10" });
    await advance(api, own, b, [
      { to: "ACCEPTED", on: "2026-01-11" },
      { to: "IN_PROGRESS", on: "2026-01-12" },
      { to: "IMPLEMENTED", on: "2026-03-12" },
    ]);
    // SCR: still in progress; and one rejected (left out).
    const c = await recommend(api, own, { madeOn: "2026-02-01" });
    await advance(api, own, c, [{ to: "ACCEPTED", on: "2026-02-02" }]);
    const d = await recommend(api, own, { madeOn: "2026-02-01" });
    await advance(api, own, d, [{ to: "REJECTED", on: "2026-02-02", reason: "Duplicate" }]);
    // Near miss: made 1 Jan, target 31 Jan, implemented 31 Jan (on time, 30 days).
    const e = await recommend(api, own, {
      source: { kind: "NEAR_MISS", title: "Near miss 14" },
      madeOn: "2026-01-01",
      targetDate: "2026-01-31",
    });
    await advance(api, own, e, [
      { to: "ACCEPTED", on: "2026-01-02" },
      { to: "IN_PROGRESS", on: "2026-01-03" },
      { to: "IMPLEMENTED", on: "2026-01-31" },
    ]);
    // Outside the period.
    await recommend(api, own, { madeOn: "2025-12-31", targetDate: "2026-01-15" });

    const res = await api.gql<{ learningEffectiveness: { byKind: Record<string, unknown>[] } }>(
      await own.token("BOARD_MEMBER"),
      `{ learningEffectiveness(from: "2026-01-01", to: "2026-03-31") { byKind { sourceKind recommendations implementedOnTimeShare evidencedImpactShare medianDaysToImplementation } } }`,
    );
    expect(res.errors).toBeUndefined();
    const rows = new Map(res.data?.learningEffectiveness.byKind.map((r) => [r.sourceKind, r]));
    expect(rows.get("SERIOUS_CASE_REVIEW")).toEqual({
      sourceKind: "SERIOUS_CASE_REVIEW",
      recommendations: 3,
      implementedOnTimeShare: 1 / 3,
      evidencedImpactShare: 1 / 3,
      medianDaysToImplementation: 55.5,
    });
    expect(rows.get("NEAR_MISS")).toEqual({
      sourceKind: "NEAR_MISS",
      recommendations: 1,
      implementedOnTimeShare: 1,
      evidencedImpactShare: 0,
      medianDaysToImplementation: 30,
    });
    expect(rows.get("MULTI_AGENCY_AUDIT")).toMatchObject({
      recommendations: 0,
      implementedOnTimeShare: null,
    });
    const agency = await api.gql(
      await own.token("AGENCY_LEAD", 0),
      `{ learningEffectiveness(from: "2026-01-01", to: "2026-03-31") { byKind { sourceKind } } }`,
    );
    expect(codes(agency)).toEqual(["FORBIDDEN"]);
  });

  it("covers at most 366 days a request, so that the figures cost a bounded read", async () => {
    const board = await t.token("BOARD_MEMBER");
    const q = (from: string, to: string) =>
      api.gql(
        board,
        `query($f: LocalDate!, $t: LocalDate!) { learningEffectiveness(from: $f, to: $t) { from } }`,
        {
          f: from,
          t: to,
        },
      );
    expect((await q("2024-01-01", "2024-12-31")).errors).toBeUndefined();
    const tooLong = await q("2025-01-01", "2026-01-02");
    expect(codes(tooLong)).toEqual(["BAD_USER_INPUT"]);
    expect(tooLong.errors?.[0]?.extensions?.field).toBe("to");
  });

  it("creates a recommendation once for a retried create", async () => {
    const key = `rec-${randomUUID()}`;
    const input = {
      source: { kind: "LOCAL_CHALLENGE", title: "Challenge session on SCR 'Daniel'" },
      text: "t",
      finding: "f",
      priority: "MEDIUM",
      madeOn: "2026-05-01",
      targetDate: "2026-08-01",
    };
    const bu = await t.token("BUSINESS_UNIT");
    const first = await api.gql<{ createRecommendation: { id: string } }>(bu, CREATE_REC, {
      input,
      key,
    });
    const retry = await api.gql<{ createRecommendation: { id: string } }>(bu, CREATE_REC, {
      input,
      key,
    });
    expect(retry.data?.createRecommendation.id).toBe(first.data?.createRecommendation.id);
    const list = await api.gql<{ recommendations: { edges: unknown[] } }>(
      bu,
      `{ recommendations(filter: { sourceKind: LOCAL_CHALLENGE }) { edges { node { id } } } }`,
    );
    expect(list.data?.recommendations.edges).toHaveLength(1);
  });
});
