import { randomUUID } from "node:crypto";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createDocumentClient } from "../../src/data/client";
import { tableNamesFromEnv } from "../../src/data/tables";
import { reportVia } from "../helpers/audits";
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
  api = await testApi({ now: () => new Date("2026-02-10T10:00:00Z") });
  t = await newTenant(api);
});

const practitioner = (tenant: Tenant, index = 0) =>
  tenant.seed.people.find(
    (p) => p.roles.includes("PRACTITIONER") && p.agencyId === tenant.agencyIds[index],
  ) as Tenant["seed"]["people"][number];

/** Every item of both tables (tests only: a Scan). */
async function everyItem(): Promise<Record<string, unknown>[]> {
  const doc = createDocumentClient({ endpoint: inject("dynamoEndpoint") });
  const tables = tableNamesFromEnv({});
  const out: Record<string, unknown>[] = [];
  for (const TableName of [tables.records, tables.accessLog]) {
    let start: Record<string, unknown> | undefined;
    do {
      const res = await doc.send(new ScanCommand({ TableName, ExclusiveStartKey: start }));
      out.push(...((res.Items ?? []) as Record<string, unknown>[]));
      start = res.LastEvaluatedKey;
    } while (start);
  }
  return out;
}

/** Runs `fn` with the API's logs on, returning every line written meanwhile. */
async function capturingLogs<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const level = process.env.LOG_LEVEL;
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.env.LOG_LEVEL = "debug";
  process.stdout.write = ((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await fn(), lines };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.env.LOG_LEVEL = level;
  }
}

const STATUS = /* GraphQL */ `
  query($id: ID, $receipt: String) { nearMissReportStatus(id: $id, receipt: $receipt) { id status response } }
`;
const READ = /* GraphQL */ `
  query($id: ID!) { nearMissReport(id: $id) { id anonymous summary reporter { id name } escalation { id status reportId } } }
`;

describe("§7: anonymous reports", () => {
  it("§7: an anonymous report leaves no reporter identity in any table item or log line", async () => {
    const own = await newTenant(api);
    const me = practitioner(own);
    const secrets = [me.id, me.email, me.name, me.identity as string];
    // The capture sees the API's lines: an unauthenticated attempt logs one.
    const { result, lines } = await capturingLogs(() => reportVia(api, "").catch(() => null));
    expect(result).toBeNull();
    expect(lines.some((l) => l.includes("graphql operation"))).toBe(true);

    const token = await own.token("PRACTITIONER", 0);
    const captured = await capturingLogs(() =>
      reportVia(
        api,
        token,
        { anonymous: true, summary: "Anonymous: a strategy meeting went ahead without health" },
        `anon-${randomUUID()}`,
      ),
    );
    expect(captured.result.receipt).toBeTruthy();
    const opLines = captured.lines.filter((l) => l.includes("graphql operation"));
    expect(opLines).toHaveLength(1);
    for (const line of captured.lines) for (const s of secrets) expect(line).not.toContain(s);

    const items = await everyItem();
    const reportItems = items.filter((i) => JSON.stringify(i).includes(captured.result.id));
    expect(reportItems.length).toBeGreaterThanOrEqual(2); // the report and its idempotency claim
    // The person's own records name them; nothing else may.
    const ownPk = `T#${own.partnershipId}#PERSON#${me.id}`;
    const leaks = items.filter((i) => {
      if (i.pk === ownPk || i.pk === `IDENTITY#${me.identity}`) return false;
      const text = JSON.stringify(i);
      return secrets.some((s) => text.includes(s));
    });
    expect(leaks).toEqual([]);

    // The agency's lead sees the report, with no reporter.
    const lead = await api.gql<{ nearMissReport: { anonymous: boolean; reporter: unknown } }>(
      await own.token("AGENCY_LEAD", 0),
      READ,
      { id: captured.result.id },
    );
    expect(lead.data?.nearMissReport).toMatchObject({ anonymous: true, reporter: null });
  });

  it("§7: the anonymous reporter follows their report by its receipt", async () => {
    const token = await t.token("PRACTITIONER", 0);
    const r = await reportVia(api, token, { anonymous: true });
    const mine = await api.gql<{ nearMissReportStatus: { status: string } }>(token, STATUS, {
      receipt: r.receipt,
    });
    expect(mine.data?.nearMissReportStatus).toMatchObject({ id: r.id, status: "RECEIVED" });
    // Without the receipt, an anonymous report is no one's: not even its reporter's by id.
    const byId = await api.gql(token, STATUS, { id: r.id });
    expect(byId).toMatchObject({ data: { nearMissReportStatus: null } });
  });
});

describe("§7: named reporters", () => {
  it("§7: a named reporter is visible to their own agency's lead, hidden from another agency's lead and the board", async () => {
    const r = await reportVia(api, await t.token("PRACTITIONER", 0));
    const own = await api.gql<{ nearMissReport: { reporter: { id: string } } }>(
      await t.token("AGENCY_LEAD", 0),
      READ,
      { id: r.id },
    );
    expect(own.data?.nearMissReport.reporter.id).toBe(practitioner(t).id);
    for (const token of [
      await t.token("AGENCY_LEAD", 1),
      await t.token("BUSINESS_UNIT"),
      await t.token("INDEPENDENT_CHAIR"),
    ]) {
      const other = await api.gql(token, READ, { id: r.id });
      expect(other).toMatchObject({ data: { nearMissReport: null } });
      expect(other.errors).toBeUndefined();
      // As for an id that does not exist.
      expect(await api.gql(token, READ, { id: randomUUID() })).toMatchObject({
        data: { nearMissReport: null },
      });
    }
    // The board's counts never name anyone.
    const counts = await api.gql<{ nearMissCounts: { counts: unknown[] } }>(
      await t.token("BUSINESS_UNIT"),
      `{ nearMissCounts(fromMonth: "2026-01", toMonth: "2026-12") { id counts { id month agencyId kind count } } }`,
    );
    expect(JSON.stringify(counts.data)).not.toContain(practitioner(t).id);
    expect(counts.data?.nearMissCounts.counts).toContainEqual(
      expect.objectContaining({ month: "2026-02", agencyId: t.agencyIds[0], kind: "NEAR_MISS" }),
    );
  });

  it("§7: a reporter reads their own report's status and is refused another's", async () => {
    const mineToken = await t.token("PRACTITIONER", 0);
    const otherToken = await t.token("PRACTITIONER", 1);
    const mine = await reportVia(api, mineToken);
    const theirs = await reportVia(api, otherToken);
    const lead = await t.token("AGENCY_LEAD", 0);
    const responded = await api.gql(
      lead,
      `mutation($input: RespondToNearMissInput!) { respondToNearMiss(input: $input) { id status version } }`,
      {
        input: {
          id: mine.id,
          expectedVersion: 1,
          withinArrangements: true,
          response: "Duty rota now covers bank holidays",
          learningUsed: "Shared at the team briefing",
          respondedOn: "2026-02-10",
        },
      },
    );
    expect(responded.errors).toBeUndefined();
    const own = await api.gql(mineToken, STATUS, { id: mine.id });
    expect(own.data).toMatchObject({
      nearMissReportStatus: {
        status: "WITHIN_ARRANGEMENTS",
        response: "Duty rota now covers bank holidays",
      },
    });
    const refused = await api.gql(mineToken, STATUS, { id: theirs.id });
    expect(refused).toMatchObject({ data: { nearMissReportStatus: null } });
    expect(refused.errors).toBeUndefined();
    // Another report's receipt with my id, or a forged receipt: nothing.
    const forged = await api.gql(mineToken, STATUS, {
      receipt: `${theirs.id}.${"A".repeat(32)}`,
    });
    expect(forged).toMatchObject({ data: { nearMissReportStatus: null } });
    // The other agency's reporter cannot reach mine with their receipt.
    const cross = await api.gql(otherToken, STATUS, { id: mine.id, receipt: theirs.receipt });
    expect(codes(cross)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("§24 I: a review answers an escalated near miss", () => {
  it("§24 I, §24 III: commissioning the review marks the escalation and links both ways, once", async () => {
    const r = await reportVia(api, await t.token("PRACTITIONER", 0));
    const lead = await t.token("AGENCY_LEAD", 0);
    const esc = await api.gql<{ escalateNearMiss: { escalation: { id: string } } }>(
      lead,
      `mutation($input: EscalateNearMissInput!) { escalateNearMiss(input: $input) { escalation { id } } }`,
      {
        input: {
          id: r.id,
          expectedVersion: 1,
          summary: "A referral sat unread",
          reason: "Learning across agencies",
          escalatedOn: "2026-02-10",
        },
      },
    );
    const escalationId = esc.data?.escalateNearMiss.escalation.id as string;
    const bu = await t.token("BUSINESS_UNIT");
    const priority = await api.gql<{ createBusinessPriority: { id: string } }>(
      bu,
      `mutation { createBusinessPriority(input: { title: "Front door", periodFrom: "2025-04-01", periodTo: "2026-03-31", owner: "Board" }) { id } }`,
    );
    const caseId = (await createCaseVia(api, t, [0, 1])).id;
    const COMMISSION = `mutation($input: CommissionReviewInput!, $key: String) { commissionReview(input: $input, idempotencyKey: $key) { id escalation { id status review { id } } businessPriority { id } } }`;
    const input = (over: Record<string, unknown> = {}) => ({
      kind: "NEAR_MISS_REVIEW",
      ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
      title: "Near-miss review: the unread referral",
      caseIds: [caseId],
      participatingAgencyIds: [t.agencyIds[0], t.agencyIds[1]],
      commissionedOn: "2026-02-10",
      targetDate: "2026-08-10",
      escalationId,
      businessPriorityId: priority.data?.createBusinessPriority.id,
      ...over,
    });
    const wrongGround = await api.gql(bu, COMMISSION, {
      input: input({ kind: "LEARNING_REVIEW", ground: "POTENTIAL_FOR_LEARNING" }),
    });
    expect(codes(wrongGround)).toEqual(["BAD_USER_INPUT"]);
    expect(wrongGround.errors?.[0]?.extensions?.field).toBe("input.ground");

    const key = `nm-review-${escalationId}`;
    const made = await api.gql<{
      commissionReview: {
        id: string;
        escalation: { id: string; status: string; review: { id: string } };
        businessPriority: { id: string };
      };
    }>(bu, COMMISSION, { input: input(), key });
    expect(made.errors).toBeUndefined();
    const review = made.data?.commissionReview;
    expect(review?.escalation).toEqual({
      id: escalationId,
      status: "REVIEW_COMMISSIONED",
      review: { id: review?.id },
    });
    expect(review?.businessPriority.id).toBe(priority.data?.createBusinessPriority.id);
    // A retry answers the same review; another review for the same escalation is refused.
    const again = await api.gql<{ commissionReview: { id: string } }>(bu, COMMISSION, {
      input: input(),
      key,
    });
    expect(again.data?.commissionReview.id).toBe(review?.id);
    const second = await api.gql(bu, COMMISSION, { input: input(), key: `${key}-2` });
    expect(codes(second)).toEqual(["CONFLICT"]);
    // Decided, the board's answer does not change.
    const changed = await api.gql(
      await t.token("INDEPENDENT_CHAIR"),
      `mutation($input: DecideEscalationInput!) { decideEscalation(input: $input) { id } }`,
      {
        input: {
          id: escalationId,
          expectedVersion: 2,
          status: "DECLINED",
          note: "Changed our mind",
          decidedOn: "2026-02-10",
        },
      },
    );
    expect(codes(changed)).toEqual(["CONFLICT"]);
  });
});

describe("§7: an anonymous report leaves nothing that says who sent it", () => {
  it("§7: is sent on its own: a request that also does anything else is refused, and writes nothing", async () => {
    const practitioner = await t.token("PRACTITIONER", 0);
    const total = async () => {
      const res = await api.gql<{ nearMissCounts: { counts: { count: number }[] } }>(
        await t.token("BUSINESS_UNIT"),
        `{ nearMissCounts(fromMonth: "2026-02", toMonth: "2026-02") { counts { count } } }`,
      );
      return (res.data?.nearMissCounts.counts ?? []).reduce((n, c) => n + c.count, 0);
    };
    const before = await total();
    const mixed = await api.gql(
      practitioner,
      `mutation($input: ReportNearMissInput!) { a: reportNearMiss(input: $input) { id } b: reportNearMiss(input: $input) { id } }`,
      {
        input: {
          kind: "NEAR_MISS",
          occurredOn: "2026-02-01",
          summary: "Sent with something else",
          anonymous: true,
        },
      },
    );
    expect(codes(mixed)).toContain("BAD_USER_INPUT");
    expect(mixed.errors?.[0]?.extensions?.field).toBe("input.anonymous");
    expect(await total()).toBe(before);
  });
});

describe("§15, §24 I: the agency decides, responds and escalates", () => {
  it("§24 I: an escalation creates a board referral linked to the report, both ways", async () => {
    const r = await reportVia(api, await t.token("PRACTITIONER", 0));
    const lead = await t.token("AGENCY_LEAD", 0);
    const esc = await api.gql<{
      escalateNearMiss: { escalation: { id: string; reportId: string } };
    }>(
      lead,
      `mutation($input: EscalateNearMissInput!) { escalateNearMiss(input: $input) { id status escalation { id reportId status } } }`,
      {
        input: {
          id: r.id,
          expectedVersion: 1,
          summary: "Unread referral over a weekend; a child was harmed",
          reason: "Possible learning across agencies",
          escalatedOn: "2026-02-10",
        },
      },
    );
    expect(esc.errors).toBeUndefined();
    const escalation = esc.data?.escalateNearMiss.escalation;
    expect(escalation?.reportId).toBe(r.id);
    const bu = await t.token("BUSINESS_UNIT");
    const board = await api.gql<{ escalations: { edges: { node: { id: string } }[] } }>(
      bu,
      `{ escalations(first: 50) { edges { node { id reportId summary status agency { id } } } } }`,
    );
    expect(board.data?.escalations.edges.map((e) => e.node.id)).toContain(escalation?.id);
    // The board decides; the report still shows its (now decided) escalation to the lead.
    const decided = await api.gql(
      await t.token("INDEPENDENT_CHAIR"),
      `mutation($input: DecideEscalationInput!) { decideEscalation(input: $input) { id status version } }`,
      {
        input: {
          id: escalation?.id,
          expectedVersion: 1,
          status: "REVIEW_COMMISSIONED",
          note: "A §24 I review is commissioned",
          decidedOn: "2026-02-10",
        },
      },
    );
    expect(decided.errors).toBeUndefined();
    const back = await api.gql(lead, READ, { id: r.id });
    expect(back.data).toMatchObject({
      nearMissReport: { escalation: { id: escalation?.id, status: "REVIEW_COMMISSIONED" } },
    });
    // A second escalation of the same report is refused.
    const again = await api.gql(
      lead,
      `mutation($input: EscalateNearMissInput!) { escalateNearMiss(input: $input) { id } }`,
      {
        input: {
          id: r.id,
          expectedVersion: 2,
          summary: "x",
          reason: "y",
          escalatedOn: "2026-02-10",
        },
      },
    );
    expect(codes(again)).toEqual(["CONFLICT"]);
    // Another agency's lead cannot see or escalate it.
    const foreign = await api.gql(
      await t.token("AGENCY_LEAD", 1),
      `mutation($input: EscalateNearMissInput!) { escalateNearMiss(input: $input) { id } }`,
      {
        input: {
          id: r.id,
          expectedVersion: 2,
          summary: "x",
          reason: "y",
          escalatedOn: "2026-02-10",
        },
      },
    );
    expect(codes(foreign)).toEqual(["NOT_FOUND"]);
  });
});

describe("§7: partner systems", () => {
  it("§7: a partner system's retried report creates one record", async () => {
    const own = await newTenant(api);
    const system = await own.token("PARTNER_SYSTEM", 0);
    const key = `nm-${randomUUID()}`;
    const first = await reportVia(api, system, { anonymous: true }, key);
    const retry = await reportVia(api, system, { anonymous: true }, key);
    expect(retry.id).toBe(first.id);
    expect(retry.receipt).toBeNull();
    const list = await api.gql<{ nearMissReports: { edges: unknown[] } }>(
      await own.token("AGENCY_LEAD", 0),
      `{ nearMissReports(first: 10) { edges { node { id } } } }`,
    );
    expect(list.data?.nearMissReports.edges).toHaveLength(1);
    const counts = await api.gql<{ nearMissCounts: { counts: { count: number }[] } }>(
      await own.token("BUSINESS_UNIT"),
      `{ nearMissCounts(fromMonth: "2026-02", toMonth: "2026-02") { id counts { id count } } }`,
    );
    expect(counts.data?.nearMissCounts.counts).toEqual([expect.objectContaining({ count: 1 })]);
    // Without a key it is refused: a partner system retries.
    const res = await api.gql(
      system,
      `mutation { reportNearMiss(input: { kind: NEAR_MISS, occurredOn: "2026-02-01", summary: "x", anonymous: true }) { id } }`,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("§9–10: reflective practice", () => {
  it("§9: a reflection is seen by the board and the agencies that took part, not others", async () => {
    const res = await api.gql<{ recordReflection: { id: string } }>(
      await t.token("PRACTITIONER", 0),
      `mutation($input: RecordReflectionInput!) { recordReflection(input: $input) { id agencies { id } } }`,
      {
        input: {
          kind: "SUPERVISION",
          theme: "Disguised compliance",
          heldOn: "2026-02-01",
          agencyIds: [t.agencyIds[0]],
          learned: "Check what parents say against what is seen",
          goodPractice: "The health visitor's persistence",
        },
      },
    );
    expect(res.errors).toBeUndefined();
    const id = res.data?.recordReflection.id;
    const q = `query($id: ID!) { reflection(id: $id) { id theme } }`;
    expect((await api.gql(await t.token("BOARD_MEMBER"), q, { id })).data).toMatchObject({
      reflection: { id },
    });
    expect((await api.gql(await t.token("PRACTITIONER", 1), q, { id })).data).toEqual({
      reflection: null,
    });
  });
});

describe("§15: concurrent reports", () => {
  it("§15: reports sent at once from one agency are all recorded and counted (a lost race is retried, never the caller's mistake)", async () => {
    const own = await newTenant(api);
    const token = await own.token("PRACTITIONER", 0);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.gql(
          token,
          `mutation { reportNearMiss(input: { kind: NEAR_MISS, occurredOn: "2026-02-01", summary: "At once", anonymous: true }) { id } }`,
        ),
      ),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    const counts = await api.gql<{ nearMissCounts: { counts: { count: number }[] } }>(
      await own.token("BUSINESS_UNIT"),
      `{ nearMissCounts(fromMonth: "2026-02", toMonth: "2026-02") { id counts { id count } } }`,
    );
    expect(counts.data?.nearMissCounts.counts).toEqual([expect.objectContaining({ count: 8 })]);
  });
});
