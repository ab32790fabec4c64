import { beforeAll, describe, expect, it } from "vitest";
import { runOverdueJob } from "../../src/services/overdue-job";
import { agencyAuditVia, exerciseVia } from "../helpers/audits";
import {
  codes,
  createCaseVia,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";

let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  // A fixed day: 15 April 2015, just after the 2014 framework year ended.
  api = await testApi({ now: () => new Date("2015-04-15T10:00:00Z") });
  t = await newTenant(api);
});

const ADD_MEMBER = /* GraphQL */ `
  mutation($input: AddAuditGroupMemberInput!) { addAuditGroupMember(input: $input) { id name memberRole agency { id } } }
`;
const MEETING = /* GraphQL */ `
  mutation($input: RecordAuditGroupMeetingInput!) { recordAuditGroupMeeting(input: $input) { id heldOn attendanceCount attendance { memberId name } caseIdsReviewed } }
`;
const COMPLIANCE = /* GraphQL */ `
  query($year: Int) { auditGroupCompliance(year: $year) { id year meetingsHeld substantialExercisesCompleted nextMeetingDueOn breaches { kind from to } } }
`;

describe("§13–14: the multi-agency audit group", () => {
  it("§14: lists the provider agencies with no member", async () => {
    const own = await newTenant(api);
    const ag = await own.token("AUDIT_GROUP");
    const chair = await api.gql(ag, ADD_MEMBER, {
      input: { name: "Indy Pendent", memberRole: "INDEPENDENT_CHAIR", from: "2014-04-01" },
    });
    expect(chair.errors).toBeUndefined();
    const member = await api.gql(ag, ADD_MEMBER, {
      input: {
        name: "Named Nurse",
        agencyId: own.agencyIds[1],
        memberRole: "MEMBER",
        from: "2014-04-01",
      },
    });
    expect(member.errors).toBeUndefined();
    const chairWithAgency = await api.gql(ag, ADD_MEMBER, {
      input: {
        name: "X",
        agencyId: own.agencyIds[0],
        memberRole: "INDEPENDENT_CHAIR",
        from: "2014-04-01",
      },
    });
    expect(chairWithAgency.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.agencyId",
    });
    const res = await api.gql<{
      auditGroup: {
        id: string;
        members: unknown[];
        providerAgenciesWithoutMember: { id: string }[];
      };
    }>(
      await own.token("BOARD_MEMBER"),
      `{ auditGroup { id members { id name memberRole } providerAgenciesWithoutMember { id } } }`,
    );
    expect(res.data?.auditGroup.members).toHaveLength(2);
    expect(res.data?.auditGroup.providerAgenciesWithoutMember.map((a) => a.id).sort()).toEqual(
      [own.agencyIds[0], own.agencyIds[2], own.agencyIds[3]].sort(),
    );
  });

  it("§14: a meeting gap of three months and one day is a breach; §13: two exercises by year end is a breach", async () => {
    const own = await newTenant(api);
    const ag = await own.token("AUDIT_GROUP");
    const m = await api.gql<{ addAuditGroupMember: { id: string } }>(ag, ADD_MEMBER, {
      input: {
        name: "Named Nurse",
        agencyId: own.agencyIds[1],
        memberRole: "MEMBER",
        from: "2014-04-01",
      },
    });
    const memberId = m.data?.addAuditGroupMember.id;
    const c = await createCaseVia(api, own, [0, 1]);
    // 10 April, 10 July (exactly three months: kept), 11 October (three months and a day: a
    // breach), 11 January (kept).
    for (const heldOn of ["2014-04-10", "2014-07-10", "2014-10-11", "2015-01-11"]) {
      const res = await api.gql(ag, MEETING, {
        input: { heldOn, attendeeIds: [memberId], caseIds: [c.id] },
      });
      expect(res.errors).toBeUndefined();
    }
    const twice = await api.gql(ag, MEETING, {
      input: { heldOn: "2014-04-10", attendeeIds: [], caseIds: [] },
    });
    expect(codes(twice)).toEqual(["CONFLICT"]);
    for (const on of ["2014-06-30", "2014-11-30"]) {
      const e = await exerciseVia(api, own, c.id, "2014-05-01");
      const done = await api.gql(
        ag,
        `mutation($input: CompleteAuditExerciseInput!) { completeAuditExercise(input: $input) { id completedOn } }`,
        { input: { id: e.id, expectedVersion: e.version, completedOn: on } },
      );
      expect(done.errors).toBeUndefined();
    }
    const res = await api.gql<{
      auditGroupCompliance: { breaches: { kind: string; from: string; to: string }[] };
    }>(await own.token("INDEPENDENT_CHAIR"), COMPLIANCE, { year: 2014 });
    expect(res.errors).toBeUndefined();
    expect(res.data?.auditGroupCompliance).toMatchObject({
      year: 2014,
      meetingsHeld: 4,
      substantialExercisesCompleted: 2,
      breaches: [
        { kind: "MEETING_GAP", from: "2014-07-10", to: "2014-10-11" },
        { kind: "EXERCISES_SHORT", from: "2014-04-01", to: "2015-03-31" },
      ],
    });
    const future = await api.gql(await own.token("INDEPENDENT_CHAIR"), COMPLIANCE, { year: 2016 });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "year" });
  });
});

describe("§11–12: agencies' audits", () => {
  it("§11: an agency is refused another agency's audits", async () => {
    const a = await agencyAuditVia(api, t, 0, { startedOn: "2015-01-05" });
    const other = await t.token("AGENCY_LEAD", 1);
    const read = await api.gql(other, `query($id: ID!) { agencyAudit(id: $id) { id } }`, {
      id: a.id,
    });
    expect(read).toMatchObject({ data: { agencyAudit: null } });
    const list = await api.gql(
      other,
      `query($a: ID) { agencyAudits(filter: { agencyId: $a }) { edges { node { id } } } }`,
      { a: t.agencyIds[0] },
    );
    expect(codes(list)).toEqual(["FORBIDDEN"]);
    const write = await api.gql(
      other,
      `mutation($input: RecordAgencyAuditEntryInput!) { recordAgencyAuditEntry(input: $input) { id } }`,
      { input: { id: a.id, kind: "FINDING", text: "x", on: "2015-02-01" } },
    );
    expect(codes(write)).toEqual(["NOT_FOUND"]);
    const create = await api.gql(
      other,
      `mutation($input: CreateAgencyAuditInput!) { createAgencyAudit(input: $input) { id } }`,
      {
        input: {
          agencyId: t.agencyIds[0],
          kind: "PLANNED",
          title: "x",
          scope: "y",
          startedOn: "2015-01-01",
        },
      },
    );
    expect(codes(create)).toEqual(["FORBIDDEN"]);
    // The board's core roles and the audit group see all of them.
    for (const role of ["BUSINESS_UNIT", "AUDIT_GROUP"] as const) {
      const all = await api.gql<{ agencyAudits: { edges: { node: { id: string } }[] } }>(
        await t.token(role),
        `{ agencyAudits(first: 100) { edges { node { id } } } }`,
      );
      expect(all.data?.agencyAudits.edges.map((e) => e.node.id)).toContain(a.id);
    }
  });

  it("§12: the agency reports how the learning was used; the board challenges and the agency responds", async () => {
    const a = await agencyAuditVia(api, t, 0, {
      kind: "RESPONSIVE",
      trigger: "A serious incident in March",
      startedOn: "2015-03-01",
    });
    const lead = await t.token("AGENCY_LEAD", 0);
    const entry = `mutation($input: RecordAgencyAuditEntryInput!) { recordAgencyAuditEntry(input: $input) { id entryCount entries { kind text } } }`;
    const steps: [string, string, string][] = [
      [lead, "FINDING", "Chronologies missing in 4 of 10 files"],
      [lead, "LEARNING_REPORT", "Chronology template now mandatory; re-audit shows 9 of 10"],
      [await t.token("INDEPENDENT_CHAIR"), "CHALLENGE", "How do you know it improved outcomes?"],
      [lead, "RESPONSE", "Case outcomes tracked for six months"],
    ];
    for (const [token, kind, text] of steps) {
      const res = await api.gql(token, entry, {
        input: { id: a.id, kind, text, on: "2015-04-01" },
      });
      expect(res.errors).toBeUndefined();
    }
    const leadChallenge = await api.gql(lead, entry, {
      input: { id: a.id, kind: "CHALLENGE", text: "x", on: "2015-04-01" },
    });
    expect(codes(leadChallenge)).toEqual(["FORBIDDEN"]);
    const read = await api.gql<{ agencyAudit: { entries: { kind: string }[] } }>(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { agencyAudit(id: $id) { id entries { kind } } }`,
      { id: a.id },
    );
    expect(read.data?.agencyAudit.entries.map((e) => e.kind)).toEqual([
      "FINDING",
      "LEARNING_REPORT",
      "CHALLENGE",
      "RESPONSE",
    ]);
  });

  it("§11: a responsive audit names the incident or concern; a Section 11 return rates the standards", async () => {
    const lead = await t.token("AGENCY_LEAD", 0);
    const noTrigger = await api.gql(
      lead,
      `mutation($input: CreateAgencyAuditInput!) { createAgencyAudit(input: $input) { id } }`,
      {
        input: {
          agencyId: t.agencyIds[0],
          kind: "RESPONSIVE",
          title: "x",
          scope: "y",
          startedOn: "2015-01-01",
        },
      },
    );
    expect(noTrigger.errors?.[0]?.extensions).toMatchObject({ field: "input.trigger" });
    const std = await api.gql<{ createSection11Standard: { id: string } }>(
      await t.token("BUSINESS_UNIT"),
      `mutation { createSection11Standard(input: { number: 1, title: "Senior management commitment" }) { id } }`,
    );
    const s11 = await agencyAuditVia(api, t, 0, { kind: "SECTION_11", startedOn: "2015-01-01" });
    const rated = await api.gql<{ rateSection11Standard: { ratings: unknown[] } }>(
      lead,
      `mutation($input: RateSection11StandardInput!) { rateSection11Standard(input: $input) { id ratings { rating evidence standard { id number } } } }`,
      {
        input: {
          id: s11.id,
          standardId: std.data?.createSection11Standard.id,
          rating: "GOOD",
          evidence: "Board minutes show safeguarding on every agenda",
        },
      },
    );
    expect(rated.errors).toBeUndefined();
    expect(rated.data?.rateSection11Standard.ratings).toEqual([
      expect.objectContaining({ rating: "GOOD", standard: expect.objectContaining({ number: 1 }) }),
    ]);
  });
});

describe("§13–14: the daily overdue job", () => {
  it("§14: reports the audit group's meeting falling due, then overdue, on the board's summary", async () => {
    const own = await newTenant(api);
    const ag = await own.token("AUDIT_GROUP");
    // Last meeting 20 January 2015: the next is due 20 April, within 14 days of 15 April.
    const res = await api.gql(ag, MEETING, {
      input: { heldOn: "2015-01-20", attendeeIds: [], caseIds: [] },
    });
    expect(res.errors).toBeUndefined();
    const run = await runOverdueJob(api.store, new Date("2015-04-15T10:00:00Z"));
    expect(run.auditDue).toBeGreaterThanOrEqual(1);
    const board = await api.gql<{
      overdueSummaries: { edges: { node: { agencyId: string | null; auditDue: unknown[] } }[] };
    }>(
      await own.token("BUSINESS_UNIT"),
      `{ overdueSummaries(first: 50, asOf: "2015-04-15") { edges { node { agencyId auditDue { id kind dueOn overdue } } } } }`,
    );
    const summary = board.data?.overdueSummaries.edges.find((e) => e.node.agencyId === null);
    // The 2015 year began on 1 April: its first exercise is due by 31 July (not yet reported).
    expect(summary?.node.auditDue).toEqual([
      {
        id: "BOARD:2015-04-15:MEETING:2015-04-20",
        kind: "MEETING",
        dueOn: "2015-04-20",
        overdue: false,
      },
    ]);
    // A day after the due date the meeting is overdue.
    await runOverdueJob(api.store, new Date("2015-04-21T10:00:00Z"));
    const later = await api.gql<{
      overdueSummaries: {
        edges: { node: { asOf: string; agencyId: string | null; auditDue: unknown[] } }[];
      };
    }>(
      await own.token("BUSINESS_UNIT"),
      `{ overdueSummaries(first: 50, asOf: "2015-04-21") { edges { node { asOf agencyId auditDue { kind dueOn overdue } } } } }`,
    );
    const next = later.data?.overdueSummaries.edges.find((e) => e.node.agencyId === null);
    expect(next?.node.auditDue).toEqual([{ kind: "MEETING", dueOn: "2015-04-20", overdue: true }]);
  });
});

describe("business-plan priorities", () => {
  it("§13: exercises and recommendations link to the business-plan priority they serve", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const p = await api.gql<{ createBusinessPriority: { id: string } }>(
      bu,
      `mutation { createBusinessPriority(input: { title: "Neglect", periodFrom: "2014-04-01", periodTo: "2015-03-31", owner: "Neglect subgroup" }) { id } }`,
    );
    const priorityId = p.data?.createBusinessPriority.id;
    expect(priorityId).toBeTruthy();
    const c = await createCaseVia(api, t, [0]);
    const e = await api.gql<{ createAuditExercise: { businessPriority: { title: string } } }>(
      await t.token("AUDIT_GROUP"),
      `mutation($input: CreateAuditExerciseInput!) { createAuditExercise(input: $input) { id businessPriority { id title } } }`,
      {
        input: {
          theme: "Neglect",
          substantial: true,
          startedOn: "2015-01-02",
          businessPriorityId: priorityId,
          cases: [{ caseId: c.id, agencyIds: [t.agencyIds[0]] }],
        },
      },
    );
    expect(e.data?.createAuditExercise.businessPriority.title).toBe("Neglect");
    const rec = (businessPriorityId: string) =>
      api.gql<{ createRecommendation: { businessPriority: { id: string } | null } }>(
        bu,
        `mutation($input: CreateRecommendationInput!) { createRecommendation(input: $input) { id businessPriority { id } } }`,
        {
          input: {
            source: { kind: "MULTI_AGENCY_AUDIT", title: "Neglect audit" },
            text: "Use the graded care profile",
            finding: "Neglect was recognised late",
            priority: "HIGH",
            businessPriorityId,
            madeOn: "2015-02-01",
            targetDate: "2015-09-01",
          },
        },
      );
    expect((await rec(priorityId as string)).data?.createRecommendation.businessPriority?.id).toBe(
      priorityId,
    );
    const unknown = await rec("no-such-priority");
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.businessPriorityId",
    });
  });
});
