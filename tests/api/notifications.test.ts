import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../../src/domain/roles";
import {
  codes,
  createCaseVia,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import {
  DECIDE,
  notificationInput,
  RECOMMEND,
  recommendVia,
  SUBMIT,
  submitVia,
} from "../helpers/notifications";

// The Thursday after the incidents' awareness date (2026-04-02, before Easter).
let clock = new Date("2026-04-09T10:00:00Z");
let api: TestApi;
let t: Tenant;

beforeAll(async () => {
  api = await testApi({ now: () => clock });
  t = await newTenant(api);
});

const DRAFT_FIELDS =
  "id status version category outcome summary awareDate caseIds: children { id } criteria { criterion reason }";

describe("drafts (nothing typed is lost)", () => {
  it("saves an incomplete draft, adds to it later, and submits it once complete", async () => {
    const practitioner = await t.token("PRACTITIONER", 0);
    const c = await createCaseVia(api, t, [0]);
    const created = await api.gql<{
      createNotificationDraft: { id: string; version: number; status: string };
    }>(
      practitioner,
      `mutation($input: NotificationInput!) { createNotificationDraft(input: $input) { ${DRAFT_FIELDS} } }`,
      { input: { summary: "Typed before the form timed out" } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createNotificationDraft.status).toBe("DRAFT");
    const id = created.data?.createNotificationDraft.id as string;

    const early = await api.gql(
      practitioner,
      `mutation($id: ID!) { submitNotification(input: { id: $id, expectedVersion: 1 }) { id } }`,
      { id },
    );
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    // What is missing is not in this mutation's input: the draft is named, and the field said.
    expect(early.errors?.[0]?.extensions?.field).toBe("input.id");
    expect(early.errors?.[0]?.message).toMatch(/^The draft cannot be submitted yet \(outcome\)/);

    const update = await api.gql<{
      updateNotificationDraft: { version: number; summary: string; category: string | null };
    }>(
      practitioner,
      `mutation($input: UpdateNotificationDraftInput!) { updateNotificationDraft(input: $input) { ${DRAFT_FIELDS} } }`,
      {
        input: {
          id,
          expectedVersion: 1,
          outcome: "SERIOUS_HARM",
          criteria: [{ criterion: "LONGSTANDING_OR_GRAVE_SEXUAL_ABUSE", reason: "Disclosure" }],
          incidentDate: "2026-04-01",
          awareDate: "2026-04-02",
          caseIds: [c.id],
        },
      },
    );
    expect(update.errors).toBeUndefined();
    expect(update.data?.updateNotificationDraft).toMatchObject({
      version: 2,
      summary: "Typed before the form timed out",
    });

    const submitted = await api.gql<{
      submitNotification: { status: string; category: string; version: number };
    }>(
      practitioner,
      `mutation($id: ID!) { submitNotification(input: { id: $id, expectedVersion: 2 }) { status category version } }`,
      { id },
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitNotification).toMatchObject({
      status: "SUBMITTED",
      category: "IV",
      version: 3,
    });
    const again = await api.gql<{ submitNotification: { version: number } }>(
      practitioner,
      `mutation($id: ID!) { submitNotification(input: { id: $id, expectedVersion: 2 }) { version } }`,
      { id },
    );
    expect(again.data?.submitNotification.version).toBe(3);
  });

  it("keeps a draft to the notifying agency until it is submitted", async () => {
    const created = await api.gql<{ createNotificationDraft: { id: string } }>(
      await t.token("PRACTITIONER", 0),
      `mutation($input: NotificationInput!) { createNotificationDraft(input: $input) { id } }`,
      { input: { summary: "Draft", involvedAgencyIds: [t.agencyIds[1]] } },
    );
    const id = created.data?.createNotificationDraft.id;
    for (const [role, agency] of [
      ["INDEPENDENT_CHAIR", 0],
      ["AGENCY_LEAD", 1],
    ] as const) {
      const res = await api.gql(
        await t.token(role, agency),
        `query($id: ID!) { notification(id: $id) { id } }`,
        { id },
      );
      // Not theirs to see: null, exactly as an id that does not exist.
      expect(res.errors, role).toBeUndefined();
      expect((res.data as { notification: unknown }).notification, role).toBeNull();
    }
    const bu = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { notification(id: $id) { id } }`,
      { id },
    );
    expect(bu.errors).toBeUndefined();
  });

  it("a partner system's retried submission creates one notification", async () => {
    const partner = await t.token("PARTNER_SYSTEM", 0);
    const c = await createCaseVia(api, t, [0]);
    const key = `nsub-${randomUUID()}`;
    const input = notificationInput("II", t, [c.id], { notifyingAgencyId: undefined });
    // Partner systems see the notification, not the decision record (§18 concerned parties).
    const PARTNER_SUBMIT = `mutation($input: NotificationInput!, $key: String) { submitIncidentNotification(input: $input, idempotencyKey: $key) { id status category } }`;
    const first = await api.gql<{ submitIncidentNotification: { id: string } }>(
      partner,
      PARTNER_SUBMIT,
      { input, key },
    );
    const retry = await api.gql<{ submitIncidentNotification: { id: string } }>(
      partner,
      PARTNER_SUBMIT,
      { input, key },
    );
    expect(first.errors).toBeUndefined();
    expect(retry.data?.submitIncidentNotification.id).toBe(
      first.data?.submitIncidentNotification.id,
    );
    const list = await api.gql<{
      notifications: { edges: { node: { id: string; notifyingAgency: { id: string } } }[] };
    }>(
      await t.token("BUSINESS_UNIT"),
      `{ notifications(first: 100) { edges { node { id notifyingAgency { id } } } } }`,
    );
    const mine = list.data?.notifications.edges.filter(
      (e) => e.node.id === first.data?.submitIncidentNotification.id,
    );
    expect(mine).toHaveLength(1);
  });
});

describe("the review decision through the API", () => {
  it("§19: a 'no SCR' decision on a category I notification is refused with BAD_USER_INPUT", async () => {
    const n = await submitVia(api, t, "I");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    const res = await api.gql(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
      input: { id: n.id, expectedVersion: v, outcome: "NO_REVIEW", reasons: "Not needed" },
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.outcome");
    expect(res.errors?.[0]?.message).toMatch(/§19/);
  });

  it("§20: a category IV decision missing a factor is refused", async () => {
    const n = await submitVia(api, t, "IV");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    const res = await api.gql(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
      input: {
        id: n.id,
        expectedVersion: v,
        outcome: "OTHER_REVIEW",
        reasons: "Threshold not met",
        causeForConcernAboutWorkingTogether: false,
        section20: {
          natureOfHarm: "a",
          evidenceOfConcernAboutServices: "b",
          likelihoodOfAdditionalLearning: "d",
          otherMethodsWouldAchieveLearning: "e",
        },
        otherReview: { ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD", method: "Learning review" },
      },
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.section20.publicConfidence");
  });

  it("§18: nobody but the Independent Chair may decide", async () => {
    const n = await submitVia(api, t, "II");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    for (const role of ROLES.filter((r) => r !== "INDEPENDENT_CHAIR")) {
      const res = await api.gql(await t.token(role, 0), DECIDE, {
        input: { id: n.id, expectedVersion: v, outcome: "SERIOUS_CASE_REVIEW", reasons: "r" },
      });
      expect(codes(res), role).toEqual(["FORBIDDEN"]);
    }
    const chair = await api.gql<{ decideReview: { state: string } }>(
      await t.token("INDEPENDENT_CHAIR"),
      DECIDE,
      {
        input: {
          id: n.id,
          expectedVersion: v,
          outcome: "SERIOUS_CASE_REVIEW",
          reasons: "Category II death",
        },
      },
    );
    expect(chair.data?.decideReview.state).toBe("DECIDED");
    const status = await api.gql<{ notification: { status: string } }>(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { notification(id: $id) { status } }`,
      { id: n.id },
    );
    expect(status.data?.notification.status).toBe("DECIDED");
  });

  it("§18: a dissent reaches the Chair before the decision, and a decision on a stale view is refused", async () => {
    const n = await submitVia(api, t, "II");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    const chair = await t.token("INDEPENDENT_CHAIR");
    const dissent = await api.gql<{ recordDissent: { version: number } }>(
      await t.token("SCR_SUBGROUP"),
      `mutation($id: ID!) { recordDissent(input: { id: $id, view: "A thematic review would teach more" }) { version } }`,
      { id: n.id },
    );
    expect(dissent.errors).toBeUndefined();

    const stale = await api.gql(chair, DECIDE, {
      input: { id: n.id, expectedVersion: v, outcome: "SERIOUS_CASE_REVIEW", reasons: "r" },
    });
    expect(codes(stale)).toEqual(["CONFLICT"]);

    const view = await api.gql<{
      reviewDecision: { version: number; state: string; dissents: { id: string; view: string }[] };
    }>(
      chair,
      `query($id: ID!) { reviewDecision(notificationId: $id) { version state dissents { id view } } }`,
      { id: n.id },
    );
    expect(view.data?.reviewDecision.state).toBe("AWAITING_DECISION");
    expect(view.data?.reviewDecision.dissents.map((d) => d.view)).toEqual([
      "A thematic review would teach more",
    ]);
    const current = view.data?.reviewDecision.version as number;

    const unacknowledged = await api.gql(chair, DECIDE, {
      input: { id: n.id, expectedVersion: current, outcome: "SERIOUS_CASE_REVIEW", reasons: "r" },
    });
    expect(codes(unacknowledged)).toEqual(["BAD_USER_INPUT"]);
    // Required, not sent: the list the dissent's id must be in.
    expect(unacknowledged.errors?.[0]?.extensions?.field).toBe("input.dissentsConsidered");
    // An id that is no dissent of this decision: named by its place in the list sent.
    const unknownDissent = await api.gql(chair, DECIDE, {
      input: {
        id: n.id,
        expectedVersion: current,
        outcome: "SERIOUS_CASE_REVIEW",
        reasons: "r",
        dissentsConsidered: [view.data?.reviewDecision.dissents[0]?.id, "no-such-dissent"],
      },
    });
    expect(codes(unknownDissent)).toEqual(["BAD_USER_INPUT"]);
    expect(unknownDissent.errors?.[0]?.extensions?.field).toBe("input.dissentsConsidered.1");
    expect(unknownDissent.errors?.[0]?.message).toContain("no-such-dissent");

    const decided = await api.gql<{ decideReview: { decision: { dissentsConsidered: string[] } } }>(
      chair,
      DECIDE,
      {
        input: {
          id: n.id,
          expectedVersion: current,
          outcome: "SERIOUS_CASE_REVIEW",
          reasons: "Statutory criteria met",
          dissentsConsidered: view.data?.reviewDecision.dissents.map((d) => d.id),
        },
      },
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideReview.decision.dissentsConsidered).toHaveLength(1);
  });

  it("§18: the Chair's reasons reach an involved agency's lead and nobody outside the concerned parties", async () => {
    const n = await submitVia(api, t, "II");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    await api.gql(
      await t.token("AGENCY_LEAD", 1),
      `mutation($id: ID!) { recordAgencyView(input: { id: $id, view: "We support an SCR", supportsSeriousCaseReview: true }) { version } }`,
      { id: n.id },
    );
    const current = await api.gql<{
      reviewDecision: { version: number; agencyViews: { agencyId: string }[] };
    }>(
      await t.token("INDEPENDENT_CHAIR"),
      `query($id: ID!) { reviewDecision(notificationId: $id) { version agencyViews { agencyId } } }`,
      { id: n.id },
    );
    expect(current.data?.reviewDecision.agencyViews.map((a) => a.agencyId)).toEqual([
      t.agencyIds[1],
    ]);
    expect(current.data?.reviewDecision.version).toBeGreaterThan(v);
    await api.gql(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
      input: {
        id: n.id,
        expectedVersion: current.data?.reviewDecision.version,
        outcome: "SERIOUS_CASE_REVIEW",
        reasons: "Reasons for the involved agencies",
      },
    });
    const READ = `query($id: ID!) { notification(id: $id) { id ... on IncidentNotification { viewerCanReadDecision reviewDecision { decision { reasons } } } } }`;

    const involved = await api.gql<{
      notification: { reviewDecision: { decision: { reasons: string } } };
    }>(await t.token("AGENCY_LEAD", 1), READ, { id: n.id });
    expect(involved.data?.notification.reviewDecision.decision.reasons).toBe(
      "Reasons for the involved agencies",
    );

    const uninvolved = await api.gql<{ notification: unknown }>(
      await t.token("AGENCY_LEAD", 2),
      READ,
      { id: n.id },
    );
    expect(uninvolved.errors).toBeUndefined();
    expect(uninvolved.data?.notification).toBeNull();
    const direct = await api.gql<{ reviewDecision: unknown }>(
      await t.token("AGENCY_LEAD", 2),
      `query($id: ID!) { reviewDecision(notificationId: $id) { decision { reasons } } }`,
      { id: n.id },
    );
    expect(direct.errors).toBeUndefined();
    expect(direct.data?.reviewDecision).toBeNull();
    // A partner system sees the notification, not the decision: null, and it is told why.
    const partner = await api.gql<{
      notification: { viewerCanReadDecision: boolean; reviewDecision: unknown };
    }>(await t.token("PARTNER_SYSTEM", 1), READ, { id: n.id });
    expect(partner.errors).toBeUndefined();
    expect(partner.data?.notification).toMatchObject({
      viewerCanReadDecision: false,
      reviewDecision: null,
    });
    for (const role of ["BOARD_MEMBER", "REVIEWER", "AUDIT_GROUP"] as const) {
      const res = await api.gql(await t.token(role), READ, { id: n.id });
      expect(JSON.stringify(res)).not.toContain("Reasons for the involved");
    }
    const dissentsForAgency = await api.gql<{
      reviewDecision: { viewerCanReadDissents: boolean; dissents: unknown };
    }>(
      await t.token("AGENCY_LEAD", 1),
      `query($id: ID!) { reviewDecision(notificationId: $id) { viewerCanReadDissents dissents { view } } }`,
      { id: n.id },
    );
    expect(dissentsForAgency.errors).toBeUndefined();
    expect(dissentsForAgency.data?.reviewDecision).toEqual({
      viewerCanReadDissents: false,
      dissents: null,
    });
  });
});

describe("clocks and lists", () => {
  it("counts the deadlines in working days across Easter and shows due soon, then overdue", async () => {
    const own = await newTenant(api);
    const n = await submitVia(api, own, "II"); // aware Thursday 2026-04-02
    const bu = await own.token("BUSINESS_UNIT");
    const CLOCKS = `query($id: ID!) { notification(id: $id) { version ... on IncidentNotification { clocks { name dueOn state workingDaysLeft } } } }`;
    const read = await api.gql<{
      notification: { clocks: { name: string; dueOn: string; state: string }[] };
    }>(bu, CLOCKS, { id: n.id });
    expect(read.data?.notification.clocks).toEqual([
      {
        name: "NATIONAL_PANEL_NOTIFICATION",
        dueOn: "2026-04-13",
        state: "DUE_SOON",
        workingDaysLeft: 2,
      },
      { name: "RAPID_REVIEW", dueOn: "2026-04-27", state: "DUE", workingDaysLeft: 12 },
    ]);
    const LIST = `query($d: DeadlineFilter) { notifications(filter: { deadline: $d }) { edges { node { id } } } }`;
    const ids = async (d: string) =>
      (
        (await api.gql<{ notifications: { edges: { node: { id: string } }[] } }>(bu, LIST, { d }))
          .data?.notifications.edges ?? []
      ).map((e) => e.node.id);
    expect(await ids("DUE_SOON")).toEqual([n.id]);
    expect(await ids("OVERDUE")).toEqual([]);

    const saved = clock;
    clock = new Date("2026-04-14T09:00:00Z");
    try {
      expect(await ids("OVERDUE")).toEqual([n.id]);
      const version = (
        await api.gql<{ notification: { version: number } }>(bu, CLOCKS, { id: n.id })
      ).data?.notification.version;
      const met = await api.gql<{ recordNationalPanelNotified: { clocks: { state: string }[] } }>(
        bu,
        `mutation($id: ID!, $v: Int!) { recordNationalPanelNotified(input: { id: $id, expectedVersion: $v, on: "2026-04-13" }) { clocks { state } } }`,
        { id: n.id, v: version },
      );
      expect(met.data?.recordNationalPanelNotified.clocks.map((c) => c.state)).toEqual([
        "MET",
        "DUE",
      ]);
      expect(await ids("OVERDUE")).toEqual([]);
      expect(await ids("DUE")).toEqual([n.id]);
    } finally {
      clock = saved;
    }
  });

  it("lists by status, category and agency, each on its own index, and refuses two filters at once", async () => {
    const own = await newTenant(api);
    const one = await submitVia(api, own, "I");
    const four = await submitVia(api, own, "IV");
    const chair = await own.token("INDEPENDENT_CHAIR");
    const q = async (filter: Record<string, unknown>, token = chair) =>
      api.gql<{ notifications: { edges: { node: { id: string } }[] } }>(
        token,
        `query($f: NotificationFilter) { notifications(filter: $f, first: 50) { edges { node { id } } } }`,
        { f: filter },
      );
    const idsOf = (r: Awaited<ReturnType<typeof q>>) =>
      r.data?.notifications.edges.map((e) => e.node.id) ?? [];
    expect(idsOf(await q({ category: "I" }))).toEqual([one.id]);
    expect(idsOf(await q({ category: "IV" }))).toEqual([four.id]);
    expect(idsOf(await q({ status: "SUBMITTED" })).sort()).toEqual([one.id, four.id].sort());
    expect(idsOf(await q({ agencyId: own.agencyIds[1] })).sort()).toEqual([one.id, four.id].sort());
    expect(idsOf(await q({ agencyId: own.agencyIds[3] }))).toEqual([]);
    const lead = await own.token("AGENCY_LEAD", 1);
    expect(idsOf(await q({ status: "SUBMITTED" }, lead)).sort()).toEqual([one.id, four.id].sort());
    expect(idsOf(await q({}, await own.token("AGENCY_LEAD", 2)))).toEqual([]);
    const both = await q({ status: "SUBMITTED", category: "I" });
    expect(codes(both)).toEqual(["BAD_USER_INPUT"]);
    expect(both.errors?.[0]?.extensions?.field).toBe("filter");
    expect(codes(await q({}, await own.token("BOARD_MEMBER")))).toEqual(["FORBIDDEN"]);
  });

  it("a list of N notifications with their agencies costs the same DynamoDB requests for N = 5 and N = 50", async () => {
    const LIST = `query($n: Int!) { notifications(first: $n) { edges { node { id category notifyingAgency { name } involvedAgencies { name } ... on IncidentNotification { clocks { state } reviewDecision { state } } } } } }`;
    const cost = async (n: number) => {
      const own = await newTenant(api);
      const c = await createCaseVia(api, own, [0]);
      const bu = await own.token("BUSINESS_UNIT");
      for (let i = 0; i < n; i++) {
        const r = await api.gql(bu, SUBMIT, {
          input: notificationInput("II", own, [c.id]),
          key: `k-${randomUUID()}`,
        });
        if (r.errors) throw new Error(JSON.stringify(r.errors));
      }
      const res = await api.gql<{ notifications: { edges: unknown[] } }>(bu, LIST, { n });
      expect(res.errors).toBeUndefined();
      expect(res.data?.notifications.edges).toHaveLength(n);
      return res.dynamoRequests;
    };
    const five = await cost(5);
    const fifty = await cost(50);
    expect(five).toBe(fifty);
    // Query + BatchGet agencies + BatchGet decision records.
    expect(fifty).toBe(3);
  });

  it("refuses a recommendation from anyone but the SCR subgroup", async () => {
    const n = await submitVia(api, t, "III");
    const res = await api.gql(await t.token("BUSINESS_UNIT"), RECOMMEND, {
      input: {
        id: n.id,
        expectedVersion: n.decisionVersion,
        recommendation: "SERIOUS_CASE_REVIEW",
        rationale: "r",
      },
    });
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });
});

describe("what a caller may not see does not exist for them", () => {
  const DRAFT = `mutation($i: NotificationInput!, $k: String) { createNotificationDraft(input: $i, idempotencyKey: $k) { id } }`;

  it.each(["PRACTITIONER", "PARTNER_SYSTEM"] as const)(
    "%s: a case its agency is not on is refused exactly as an id that does not exist",
    async (role) => {
      const theirs = await createCaseVia(api, t, [1]);
      const token = await t.token(role, 0);
      const attach = (caseId: string) =>
        api.gql(token, DRAFT, {
          i: { caseIds: [caseId], summary: "s" },
          k: `k-${randomUUID()}`,
        });
      const hidden = await attach(theirs.id);
      const missing = await attach("00000000-0000-4000-a000-000000000000");
      expect(hidden.errors?.[0]?.extensions).toEqual(missing.errors?.[0]?.extensions);
      expect(hidden.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.caseIds.0",
      });
      expect(hidden.errors?.[0]?.message.replace(theirs.id, "<id>")).toBe(
        missing.errors?.[0]?.message.replace("00000000-0000-4000-a000-000000000000", "<id>"),
      );
      // Once the business unit adds the agency to the case, the agency may link it.
      const own = await createCaseVia(api, t, [0, 1]);
      expect((await attach(own.id)).errors).toBeUndefined();
    },
  );

  it("§18: which dissents the Chair considered, ids and records, is as restricted as the dissents themselves", async () => {
    const n = await submitVia(api, t, "I");
    const v = await recommendVia(api, t, n.id, n.decisionVersion);
    const dissent = await api.gql<{ recordDissent: { version: number } }>(
      await t.token("SCR_SUBGROUP"),
      `mutation($id: ID!) { recordDissent(input: { id: $id, view: "Disagree" }) { version } }`,
      { id: n.id },
    );
    const ids = await api.gql<{ reviewDecision: { dissents: { id: string }[] } }>(
      await t.token("INDEPENDENT_CHAIR"),
      `query($id: ID!) { reviewDecision(notificationId: $id) { dissents { id } } }`,
      { id: n.id },
    );
    await api.gql(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
      input: {
        id: n.id,
        expectedVersion: dissent.data?.recordDissent.version ?? v + 1,
        outcome: "SERIOUS_CASE_REVIEW",
        reasons: "Category I",
        dissentsConsidered: ids.data?.reviewDecision.dissents.map((d) => d.id),
      },
    });
    const q = `query($id: ID!) { reviewDecision(notificationId: $id) { decision { outcome dissentsConsidered consideredDissents { id view recordedByPerson { id } } } } }`;
    const lead = await api.gql<{ reviewDecision: { decision: Record<string, unknown> } }>(
      await t.token("AGENCY_LEAD", 0),
      q,
      { id: n.id },
    );
    expect(lead.data?.reviewDecision.decision).toEqual({
      outcome: "SERIOUS_CASE_REVIEW",
      dissentsConsidered: null,
      consideredDissents: null,
    });
    expect(lead.errors).toBeUndefined();
    const chair = await api.gql<{
      reviewDecision: {
        decision: { dissentsConsidered: string[]; consideredDissents: Record<string, unknown>[] };
      };
    }>(await t.token("INDEPENDENT_CHAIR"), q, { id: n.id });
    const decision = chair.data?.reviewDecision.decision;
    expect(decision?.dissentsConsidered).toHaveLength(1);
    // Beside the ids, the records they name.
    const subgroup = t.seed.people.find((p) => p.roles.includes("SCR_SUBGROUP"));
    expect(decision?.consideredDissents).toEqual([
      {
        id: decision?.dissentsConsidered[0],
        view: "Disagree",
        recordedByPerson: { id: subgroup?.id },
      },
    ]);
  });
});

describe("§18: legitimately concerned parties follow the cases", () => {
  const READ = `query($id: ID!) { notification(id: $id) { id ... on IncidentNotification { reviewDecision { id } } } }`;
  /** What the token's holder sees: the decision record, the notification without it, or nothing. */
  const sees = async (token: string, id: string) => {
    const res = await api.gql<{ notification: { reviewDecision: unknown } | null }>(token, READ, {
      id,
    });
    expect(res.errors).toBeUndefined();
    const n = res.data?.notification;
    return n === null ? "nothing" : n?.reviewDecision ? "decision" : "notification only";
  };
  const VIEW = `mutation($id: ID!) { recordAgencyView(input: { id: $id, view: "We know this family" }) { version } }`;
  const LIST = `{ notifications(first: 100) { edges { node { id } } } }`;
  const SET = `mutation($i: SetCaseAgenciesInput!) { setCaseAgencies(input: $i) { version } }`;

  it("§18: an agency on the case but left off the notification may read the reasons and give its view; removed from the case it may not; added, it may", async () => {
    // The case involves agencies 0 and 2; the notification (by agency 0) names agency 1 only.
    const c = await createCaseVia(api, t, [0, 2]);
    const sub = await api.gql<{ submitIncidentNotification: { id: string } }>(
      await t.token("BUSINESS_UNIT"),
      SUBMIT,
      { input: notificationInput("II", t, [c.id]), key: `k-${randomUUID()}` },
    );
    const id = sub.data?.submitIncidentNotification.id as string;
    const listed = async (agency: number) => {
      const res = await api.gql<{ notifications: { edges: { node: { id: string } }[] } }>(
        await t.token("AGENCY_LEAD", agency),
        LIST,
      );
      return res.data?.notifications.edges.some((e) => e.node.id === id);
    };

    const onCase = await t.token("AGENCY_LEAD", 2);
    expect(await sees(onCase, id)).toBe("decision");
    expect((await api.gql(onCase, VIEW, { id })).errors).toBeUndefined();
    expect(await listed(2)).toBe(true);
    expect(await sees(await t.token("AGENCY_LEAD", 3), id)).toBe("nothing");
    expect(await listed(3)).toBe(false);

    // The business unit moves the case from agency 2 to agency 3.
    const bu = await t.token("BUSINESS_UNIT");
    const moved = await api.gql(bu, SET, {
      i: { id: c.id, expectedVersion: c.version, agencyIds: [t.agencyIds[0], t.agencyIds[3]] },
    });
    expect(moved.errors).toBeUndefined();
    expect(await sees(onCase, id)).toBe("nothing");
    expect(codes(await api.gql(onCase, VIEW, { id }))).toEqual(["NOT_FOUND"]);
    expect(await listed(2)).toBe(false);
    const added = await t.token("AGENCY_LEAD", 3);
    expect(await sees(added, id)).toBe("decision");
    expect((await api.gql(added, VIEW, { id })).errors).toBeUndefined();
    expect(await listed(3)).toBe(true);
    // The agency the notification names keeps its place whatever happens to the case.
    expect(await listed(1)).toBe(true);
  });
});

describe("clock records keep their history", () => {
  const RECORD = `mutation($id: ID!, $v: Int!, $on: LocalDate!, $reason: String) { recordNationalPanelNotified(input: { id: $id, expectedVersion: $v, on: $on, reason: $reason }) { version nationalPanelNotifiedOn clocks { name state } } }`;
  const HISTORY = `query($id: ID!) { notification(id: $id) { ... on IncidentNotification { viewerCanReadClockHistory clockHistory { clock on previousOn reason recordedBy } } } }`;

  it("a second record is a correction: it needs a reason, keeps the earlier date, and the history is the board's", async () => {
    const n = await submitVia(api, t, "II");
    const bu = await t.token("BUSINESS_UNIT");
    const first = await api.gql<{ recordNationalPanelNotified: { version: number } }>(bu, RECORD, {
      id: n.id,
      v: 1,
      on: "2026-04-07",
    });
    expect(first.errors).toBeUndefined();
    const v = first.data?.recordNationalPanelNotified.version as number;
    const silent = await api.gql(bu, RECORD, { id: n.id, v, on: "2026-04-08" });
    expect(silent.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.reason",
    });
    const same = await api.gql<{ recordNationalPanelNotified: { version: number } }>(bu, RECORD, {
      id: n.id,
      v,
      on: "2026-04-07",
    });
    expect(same.data?.recordNationalPanelNotified.version).toBe(v);
    const corrected = await api.gql<{
      recordNationalPanelNotified: { nationalPanelNotifiedOn: string; clocks: { state: string }[] };
    }>(bu, RECORD, {
      id: n.id,
      v,
      on: "2026-04-08",
      reason: "The panel's receipt is dated the 8th",
    });
    expect(corrected.data?.recordNationalPanelNotified).toMatchObject({
      nationalPanelNotifiedOn: "2026-04-08",
      clocks: [{ state: "MET" }, expect.anything()],
    });
    const history = await api.gql<{ notification: { clockHistory: Record<string, unknown>[] } }>(
      await t.token("INDEPENDENT_CHAIR"),
      HISTORY,
      { id: n.id },
    );
    expect(history.data?.notification.clockHistory).toEqual([
      expect.objectContaining({ on: "2026-04-07", previousOn: null, reason: null }),
      expect.objectContaining({
        on: "2026-04-08",
        previousOn: "2026-04-07",
        reason: "The panel's receipt is dated the 8th",
      }),
    ]);
    const lead = await api.gql<{ notification: { clockHistory: unknown } }>(
      await t.token("AGENCY_LEAD", 0),
      HISTORY,
      { id: n.id },
    );
    expect(lead.errors).toBeUndefined();
    expect(lead.data?.notification).toEqual({
      viewerCanReadClockHistory: false,
      clockHistory: null,
    });
  });
});
