import { randomUUID } from "node:crypto";
import { buildSchema, getNamedType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/domain/roles";
import { printSchemaSdl } from "../../src/graphql/sdl";
import { digestIdOf } from "../../src/services/digests/catalogue";
import { runOverdueJob } from "../../src/services/overdue-job";
import { agencyAuditVia, exerciseVia, reportVia } from "../helpers/audits";
import { digestRow, importRows } from "../helpers/digests";
import {
  CREATE_CASE,
  createCaseVia,
  identityInput,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import { DECIDE, recommendVia, submitVia } from "../helpers/notifications";
import { act, advance, recommend } from "../helpers/recommendations";
import {
  commissionVia,
  contactVia,
  findingVia,
  ok as okReview,
  today as realToday,
  requestVia,
  reviewerVia,
  reviewMutation,
  scrVia,
  stepVia,
} from "../helpers/reviews";

/**
 * Every kind of item sits beside others in an item collection or on a shared index partition;
 * a Query whose key condition could reach another kind's items would fail to read them (or make
 * short pages). So: one partnership holding every kind of child item, and every list of the
 * schema read page by page through it.
 */
const TODAY = "2026-06-15";
const clock = () => new Date(`${TODAY}T10:00:00Z`);
let api: TestApi;
let t: Tenant;
/** Reviews are dated by the real day (their helpers' dates are), so they live in a tenant of their own. */
let reviewsApi: TestApi;
let rt: Tenant;
const ids = {
  caseId: "",
  notificationId: "",
  recommendationId: "",
  actionId: "",
  personId: "",
  rolesPersonId: "",
  digestId: "",
  digestWord: "",
};

beforeAll(async () => {
  api = await testApi({ now: clock });
  t = await newTenant(api);
  const bu = await t.token("BUSINESS_UNIT");
  const lead = await t.token("AGENCY_LEAD", 0);
  const ok = async (token: string, query: string, variables?: Record<string, unknown>) => {
    // biome-ignore lint/suspicious/noExplicitAny: answers of many shapes, checked by use.
    const res = await api.gql<any>(token, query, variables);
    if (res.errors) throw new Error(`${query}: ${JSON.stringify(res.errors)}`);
    return res.data;
  };

  // Cases: META, IDENTITY and AGENCY# involvement items, an idempotency claim, access log entries,
  // and a pending-lists marker and case links once notifications cover them.
  for (let i = 0; i < 3; i++) await createCaseVia(api, t, [0, 1]);
  await ok(bu, CREATE_CASE, {
    input: { agencyIds: [t.agencyIds[0]], identity: identityInput() },
    key: `case-${randomUUID()}`,
  });
  await ok(bu, `{ cases(first: 5) { edges { node { identity { childName } } } } }`);

  // Notifications: META, DECISION, DISSENT#, VIEW#, CLOCK#, AGENCY# items; a draft beside them.
  const notifications = [];
  for (let i = 0; i < 3; i++)
    notifications.push(await submitVia(api, t, "I", { involvedAgencyIds: [t.agencyIds[1]] }));
  const n = notifications[0] as (typeof notifications)[number];
  ids.notificationId = n.id;
  ids.caseId = n.caseId;
  await ok(
    bu,
    `mutation($id: ID!) { recordNationalPanelNotified(input: { id: $id, expectedVersion: 1, on: "2026-04-03" }) { id } }`,
    { id: n.id },
  );
  let v = await recommendVia(api, t, n.id, n.decisionVersion);
  const subgroup = await t.token("SCR_SUBGROUP");
  const dissentIds: string[] = [];
  for (const view of ["Not needed", "Too late"]) {
    const d = await ok(
      subgroup,
      `mutation($id: ID!, $view: String!) { recordDissent(input: { id: $id, view: $view }) { version dissents { id } } }`,
      { id: n.id, view },
    );
    v = d.recordDissent.version;
    dissentIds.splice(
      0,
      dissentIds.length,
      ...d.recordDissent.dissents.map((x: { id: string }) => x.id),
    );
  }
  v = (
    await ok(
      lead,
      `mutation($id: ID!) { recordAgencyView(input: { id: $id, view: "We support an SCR" }) { version } }`,
      { id: n.id },
    )
  ).recordAgencyView.version;
  await ok(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
    input: {
      id: n.id,
      expectedVersion: v,
      outcome: "SERIOUS_CASE_REVIEW",
      reasons: "Category I",
      dissentsConsidered: dissentIds,
    },
  });
  // One whose clocks are still running.
  await submitVia(api, t, "I", { incidentDate: "2026-06-10", awareDate: "2026-06-12" });
  await ok(bu, `query($id: ID!) { case(id: $id) { identity { childName } } }`, { id: n.caseId });
  await ok(
    lead,
    `mutation($a: ID) { createNotificationDraft(input: { summary: "Draft", notifyingAgencyId: $a }) { id } }`,
    { a: t.agencyIds[0] },
  );
  // A change of a case's agencies after its notifications: involvement items move, lists follow.
  const moved = await api.gql<{ case: { version: number } }>(
    bu,
    `query($id: ID!) { case(id: $id) { version } }`,
    { id: n.caseId },
  );
  await ok(
    bu,
    `mutation($input: SetCaseAgenciesInput!) { setCaseAgencies(input: $input) { id } }`,
    {
      input: {
        id: n.caseId,
        expectedVersion: moved.data?.case.version,
        agencyIds: [t.agencyIds[0], t.agencyIds[1], t.agencyIds[2]],
      },
    },
  );

  // Recommendations: META, AGENCY#, ACTION#, EVIDENCE#, CONSEQUENCE#, REVISIT# and progress
  // updates, each action with several.
  const r = await recommend(api, t, { madeOn: "2026-01-01", targetDate: "2026-12-01" });
  ids.recommendationId = r.id;
  const actions = [];
  for (const [due, owner] of [
    ["2026-05-01", 0],
    ["2026-06-20", 1],
    ["2026-07-01", null],
    ["2026-09-01", 0],
  ] as const)
    actions.push(await act(api, t, r.id, due, owner));
  ids.actionId = (actions[0] as { id: string }).id;
  for (const a of actions)
    for (let i = 0; i < 3; i++)
      await ok(
        bu,
        `mutation($id: ID!, $k: String) { recordActionProgress(input: { id: $id, on: "2026-06-10", text: "step" }, idempotencyKey: $k) { id } }`,
        { id: a.id, k: `p-${randomUUID()}` },
      );
  await ok(
    bu,
    `mutation($id: ID!) { recordActionProgress(input: { id: $id, on: "2026-06-12", text: "done", status: COMPLETED }) { id } }`,
    { id: (actions[3] as { id: string }).id },
  );
  const rv = await api.gql<{ recommendation: { version: number } }>(
    bu,
    `query($id: ID!) { recommendation(id: $id) { version } }`,
    { id: r.id },
  );
  const inProgress = await advance(
    api,
    t,
    { id: r.id, version: rv.data?.recommendation.version ?? 0 },
    [{ to: "IN_PROGRESS", on: "2026-02-01" }],
  );
  await ok(
    bu,
    `mutation($id: ID!) { recordImpactEvidence(input: { id: $id, whatChanged: "w", howMeasured: "h", verifiedBy: "v", verifiedOn: "2026-03-01" }) { id } }`,
    { id: r.id },
  );
  await ok(
    bu,
    `mutation($id: ID!) { recordUnintendedConsequence(input: { id: $id, description: "d", observedOn: "2026-03-01" }) { id } }`,
    { id: r.id },
  );
  const scheduled = await ok(
    bu,
    `mutation($id: ID!, $v: Int!) { scheduleRevisit(input: { id: $id, expectedVersion: $v, on: "2027-01-01" }) { version } }`,
    { id: r.id, v: inProgress + 2 },
  );
  await ok(
    bu,
    `mutation($id: ID!, $v: Int!) { recordRevisitOutcome(input: { id: $id, expectedVersion: $v, outcome: STILL_RELEVANT, note: "n" }) { id } }`,
    { id: r.id, v: scheduled.scheduleRevisit.version },
  );
  await recommend(api, t, { madeOn: "2026-06-01", targetDate: "2026-09-01" });
  for (const kind of ["NEAR_MISS", "MULTI_AGENCY_AUDIT"])
    await act(
      api,
      t,
      (await recommend(api, t, { source: { kind, title: kind }, targetDate: "2026-06-01" })).id,
      "2026-06-30",
      0,
    );

  // Overdue summaries (one per agency and the board's), written by the daily job.
  await runOverdueJob(api.store, clock());
  const me = await ok(bu, `{ me { id } }`);
  ids.personId = me.me.id;

  // A person's role changes (ROLE# items) beside the person and their identity link.
  const invited = await ok(
    bu,
    `mutation($input: InvitePersonInput!) { invitePerson(input: $input) { id version } }`,
    {
      input: {
        name: "Changing Roles",
        email: `roles-${randomUUID()}@example.org`,
        roles: ["BOARD_MEMBER"],
      },
    },
  );
  let version = invited.invitePerson.version;
  for (const roles of [["REVIEWER"], ["AUDIT_GROUP"]])
    version = (
      await ok(
        bu,
        `mutation($input: ChangePersonRolesInput!) { changePersonRoles(input: $input) { version } }`,
        { input: { id: invited.invitePerson.id, expectedVersion: version, roles } },
      )
    ).changePersonRoles.version;
  ids.rolesPersonId = invited.invitePerson.id;

  // Audits and near misses: priorities, meetings with attendance and cases reviewed, exercises
  // with their cases, agencies' audits, Section 11 standards, reports with their escalations,
  // monthly counts beside them, reflections.
  const ag = await t.token("AUDIT_GROUP");
  const audited = await createCaseVia(api, t, [0, 1]);
  for (let i = 0; i < 3; i++) {
    await ok(
      bu,
      `mutation($input: CreateBusinessPriorityInput!) { createBusinessPriority(input: $input) { id } }`,
      {
        input: {
          title: `Priority ${i}`,
          periodFrom: "2026-04-01",
          periodTo: "2027-03-31",
          owner: "Board",
        },
      },
    );
    await ok(
      ag,
      `mutation($input: RecordAuditGroupMeetingInput!) { recordAuditGroupMeeting(input: $input) { id } }`,
      { input: { heldOn: `2026-0${i + 1}-10`, attendeeIds: [], caseIds: [audited.id] } },
    );
    await exerciseVia(api, t, audited.id, `2026-0${i + 1}-12`);
    await agencyAuditVia(api, t, 0);
    await ok(
      bu,
      `mutation($input: CreateSection11StandardInput!) { createSection11Standard(input: $input) { id } }`,
      { input: { number: i + 1, title: `Standard ${i + 1}` } },
    );
    const report = await reportVia(api, await t.token("PRACTITIONER", 0));
    await ok(
      lead,
      `mutation($input: EscalateNearMissInput!) { escalateNearMiss(input: $input) { id } }`,
      {
        input: {
          id: report.id,
          expectedVersion: 1,
          summary: "Unread referral over a weekend",
          reason: "Possible learning across agencies",
          escalatedOn: TODAY,
        },
      },
    );
    await ok(
      lead,
      `mutation($input: RecordReflectionInput!) { recordReflection(input: $input) { id } }`,
      {
        input: {
          kind: "SUPERVISION",
          theme: "Disguised compliance",
          heldOn: "2026-02-01",
          agencyIds: [t.agencyIds[0]],
          learned: "Check what parents say against what is seen",
        },
      },
    );
  }

  // Reviews: META, MILESTONE#, CONTRIBUTION# with their SUBMISSION# items, FINDING#, EVENT#,
  // FAMILY_CONTACT#, PUBLICATION and involvement items; reviewers with TRAINING# items.
  reviewsApi = await testApi();
  rt = await newTenant(reviewsApi);
  for (let i = 0; i < 3; i++)
    await reviewerVia(reviewsApi, rt, { agencyIndex: i > 0 ? 3 : undefined });
  const published = [];
  for (let i = 0; i < 3; i++) {
    const { reviewId, caseId } = await scrVia(reviewsApi, rt);
    await stepVia(reviewsApi, rt, reviewId, "IN_PROGRESS");
    for (const agency of [0, 1]) {
      const k = await requestVia(reviewsApi, rt, reviewId, agency);
      okReview(
        await reviewsApi.gql(
          await rt.token("AGENCY_LEAD", agency),
          `mutation($input: SubmitContributionInput!, $key: String) { submitContribution(input: $input, idempotencyKey: $key) { id } }`,
          { input: { id: k.id, content: "Our chronology" }, key: `s-${randomUUID()}` },
        ),
      );
    }
    // One left owed: the lists of contribution requests hold what is owed.
    await requestVia(reviewsApi, rt, reviewId, 0);
    await contactVia(reviewsApi, rt, reviewId, caseId);
    await findingVia(reviewsApi, rt, reviewId);
    await stepVia(reviewsApi, rt, reviewId, "DRAFT_REPORT", "ACCEPTED");
    published.push(reviewId);
  }
  for (const [i, id] of published.entries())
    okReview(
      await reviewMutation(
        reviewsApi,
        rt,
        "INDEPENDENT_CHAIR",
        "publishReview",
        "PublishReviewInput",
        {
          id,
          publishedOn: realToday(),
          reportUrl: `${rt.seed.partnership.website}/reviews/${i}.pdf`,
          title: `Serious case review ${i}`,
          summary: "What the board learned.",
          actionStatement: "What the agencies will do.",
        },
        { versioned: true },
      ),
    );
  // Each published SCR offered to the catalogue (offer items beside the catalogue's own).
  for (const reviewId of published)
    okReview(
      await reviewsApi.gql(
        await rt.token("BUSINESS_UNIT"),
        `mutation($input: OfferReviewToCatalogueInput!) { offerReviewToCatalogue(input: $input) { id } }`,
        { input: { reviewId, themes: ["neglect"] } },
      ),
    );
  await commissionVia(reviewsApi, rt);

  // The national catalogue (outside every tenant: term, theme and record items) and one
  // partnership's challenge sessions of a review, beside its relevance decisions.
  // The catalogue is shared by every test of the run: these rows carry a word of their own.
  ids.digestWord = `zq${randomUUID()
    .replace(/[^a-f]/g, "")
    .slice(0, 10)}`;
  const rows = [0, 1, 2].map((i) =>
    digestRow({ ref: `collections-${randomUUID()}-${i}`, title: `Baby Q ${ids.digestWord}` }),
  );
  await importRows(reviewsApi, rt, rows);
  ids.digestId = digestIdOf(rows[0]?.ref as string);
  const rbu = await rt.token("BUSINESS_UNIT");
  for (let i = 0; i < 3; i++)
    okReview(
      await reviewsApi.gql(
        rbu,
        `mutation($input: HoldChallengeSessionInput!, $k: String) { holdChallengeSession(input: $input, idempotencyKey: $k) { id } }`,
        {
          input: {
            digestId: ids.digestId,
            heldOn: realToday(),
            servicesTested: ["Early help"],
            agencyIdsPresent: [rt.agencyIds[0]],
          },
          k: `s-${randomUUID()}`,
        },
      ),
    );
});

interface List {
  readonly name: string;
  /** Read in the reviews' tenant (dated by the real day). */
  readonly reviews?: boolean;
  /** The schema coordinate of the list read. */
  readonly coordinate: string;
  readonly role: Role;
  /** A query with `$after: String`, and the connection within its answer. */
  readonly query: string;
  readonly variables?: () => Record<string, unknown>;
  // biome-ignore lint/suspicious/noExplicitAny: a path into the answer, whatever its shape.
  readonly at: (data: any) => Connection | undefined;
}
interface Connection {
  edges: { cursor: string; node: { id: string; __typename: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const PAGE = "first: 2, after: $after";
const EDGES = "edges { cursor node { id __typename } } pageInfo { hasNextPage endCursor }";
const root = (coordinate: string, field: string, role: Role, args = ""): List => ({
  name: `${field}(${args}) as ${role}`,
  coordinate,
  role,
  query: `query($after: String) { list: ${field}(${PAGE}${args ? `, ${args}` : ""}) { ${EDGES} } }`,
  at: (d) => d?.list,
});

const inReviews = (l: List): List => ({ ...l, reviews: true });

const LISTS: List[] = [
  root("Query.cases", "cases", "BUSINESS_UNIT"),
  root("Query.cases", "cases", "AGENCY_LEAD"),
  root("Query.agencies", "agencies", "BUSINESS_UNIT"),
  root("Query.people", "people", "BUSINESS_UNIT"),
  {
    ...root("Query.people", "people", "AGENCY_LEAD", "agencyId: $a"),
    query: `query($after: String, $a: ID) { list: people(${PAGE}, agencyId: $a) { ${EDGES} } }`,
    variables: () => ({ a: t.agencyIds[0] }),
  },
  {
    ...root("Query.accessLog", "accessLog", "BUSINESS_UNIT", "caseId: $caseId"),
    query: `query($after: String, $caseId: ID) { list: accessLog(${PAGE}, caseId: $caseId) { ${EDGES} } }`,
    variables: () => ({ caseId: ids.caseId }),
  },
  {
    ...root("Query.accessLog", "accessLog", "BUSINESS_UNIT", "personId: $personId"),
    query: `query($after: String, $personId: ID) { list: accessLog(${PAGE}, personId: $personId) { ${EDGES} } }`,
    variables: () => ({ personId: ids.personId }),
  },
  root("Query.notifications", "notifications", "BUSINESS_UNIT"),
  root("Query.notifications", "notifications", "AGENCY_LEAD"),
  root("Query.notifications", "notifications", "AGENCY_LEAD", "filter: { status: SUBMITTED }"),
  root("Query.notifications", "notifications", "BUSINESS_UNIT", "filter: { status: DECIDED }"),
  root("Query.notifications", "notifications", "BUSINESS_UNIT", "filter: { category: I }"),
  root("Query.notifications", "notifications", "BUSINESS_UNIT", "filter: { deadline: OVERDUE }"),
  root("Query.notifications", "notifications", "BUSINESS_UNIT", "filter: { deadline: DUE }"),
  root("Query.recommendations", "recommendations", "BUSINESS_UNIT"),
  root("Query.recommendations", "recommendations", "AGENCY_LEAD"),
  root("Query.recommendations", "recommendations", "BUSINESS_UNIT", "filter: { status: PROPOSED }"),
  root(
    "Query.recommendations",
    "recommendations",
    "BUSINESS_UNIT",
    "filter: { sourceKind: SERIOUS_CASE_REVIEW }",
  ),
  root("Query.recommendations", "recommendations", "BUSINESS_UNIT", "filter: { overdue: true }"),
  root("Query.recommendations", "recommendations", "BUSINESS_UNIT", "filter: { rag: GREEN }"),
  root(
    "Query.recommendations",
    "recommendations",
    "BUSINESS_UNIT",
    'filter: { madeFrom: "2026-01-01", madeTo: "2026-12-31" }',
  ),
  {
    ...root("Query.actions", "actions", "AGENCY_LEAD", "filter: { recommendationId: $r }"),
    query: `query($after: String, $r: ID) { list: actions(${PAGE}, filter: { recommendationId: $r }) { ${EDGES} } }`,
    variables: () => ({ r: ids.recommendationId }),
  },
  root("Query.actions", "actions", "BUSINESS_UNIT"),
  root("Query.actions", "actions", "AGENCY_LEAD"),
  root("Query.actions", "actions", "AGENCY_LEAD", "filter: { rag: BLUE }"),
  root("Query.actions", "actions", "AGENCY_LEAD", "filter: { status: COMPLETED }"),
  root("Query.actions", "actions", "BUSINESS_UNIT", "filter: { status: NOT_STARTED }"),
  root("Query.actions", "actions", "BUSINESS_UNIT", "filter: { sourceKind: SERIOUS_CASE_REVIEW }"),
  root("Query.actions", "actions", "BUSINESS_UNIT", "filter: { overdue: true }"),
  root("Query.actions", "actions", "BUSINESS_UNIT", "filter: { rag: AMBER }"),
  root(
    "Query.actions",
    "actions",
    "BUSINESS_UNIT",
    'filter: { dueFrom: "2026-01-01", dueTo: "2026-12-31" }',
  ),
  root("Query.overdueSummaries", "overdueSummaries", "BUSINESS_UNIT"),
  {
    ...root("Query.overdueSummaries", "overdueSummaries", "BUSINESS_UNIT", "agencyId: $a"),
    query: `query($after: String, $a: ID) { list: overdueSummaries(${PAGE}, agencyId: $a) { ${EDGES} } }`,
    variables: () => ({ a: t.agencyIds[0] }),
  },
  {
    name: "recommendation(id) { actions }",
    coordinate: "Recommendation.actions",
    role: "BUSINESS_UNIT",
    query: `query($after: String, $id: ID!) { recommendation(id: $id) { actions(${PAGE}) { ${EDGES} } } }`,
    variables: () => ({ id: ids.recommendationId }),
    at: (d) => d?.recommendation?.actions,
  },
  {
    name: "action(id) { updates }",
    coordinate: "Action.updates",
    role: "BUSINESS_UNIT",
    query: `query($after: String, $id: ID!) { action(id: $id) { updates(${PAGE}) { ${EDGES} } } }`,
    variables: () => ({ id: ids.actionId }),
    at: (d) => d?.action?.updates,
  },
  {
    name: "person(id) { roleChanges }",
    coordinate: "Person.roleChanges",
    role: "BUSINESS_UNIT",
    query: `query($after: String, $id: ID!) { person(id: $id) { roleChanges(${PAGE}) { ${EDGES} } } }`,
    variables: () => ({ id: ids.rolesPersonId }),
    at: (d) => d?.person?.roleChanges,
  },
  root("Query.partnerSystems", "partnerSystems", "BUSINESS_UNIT"),
  root("Query.businessPriorities", "businessPriorities", "BUSINESS_UNIT"),
  root("Query.auditGroupMeetings", "auditGroupMeetings", "AUDIT_GROUP"),
  root("Query.auditExercises", "auditExercises", "AUDIT_GROUP"),
  root("Query.agencyAudits", "agencyAudits", "AGENCY_LEAD"),
  root("Query.agencyAudits", "agencyAudits", "BUSINESS_UNIT"),
  root("Query.section11Standards", "section11Standards", "BUSINESS_UNIT"),
  root("Query.nearMissReports", "nearMissReports", "AGENCY_LEAD"),
  root("Query.escalations", "escalations", "BUSINESS_UNIT"),
  root("Query.reflections", "reflections", "BUSINESS_UNIT"),
  {
    ...inReviews(root("Query.nationalReviewDigests", "nationalReviewDigests", "BUSINESS_UNIT")),
    query: `query($after: String, $w: String) { list: nationalReviewDigests(${PAGE}, filter: { words: $w }) { ${EDGES} } }`,
    variables: () => ({ w: ids.digestWord }),
  },
  {
    ...inReviews(root("Query.challengeSessions", "challengeSessions", "BUSINESS_UNIT")),
    query: `query($after: String, $d: ID!) { list: challengeSessions(${PAGE}, digestId: $d) { ${EDGES} } }`,
    variables: () => ({ d: ids.digestId }),
  },
  inReviews(root("Query.catalogueOffers", "catalogueOffers", "CATALOGUE_EDITOR")),
  inReviews(root("Query.reviews", "reviews", "BUSINESS_UNIT")),
  inReviews(root("Query.reviews", "reviews", "AGENCY_LEAD")),
  inReviews(root("Query.reviewers", "reviewers", "BUSINESS_UNIT")),
  inReviews(root("Query.contributionRequests", "contributionRequests", "BUSINESS_UNIT")),
  inReviews(root("Query.contributionRequests", "contributionRequests", "AGENCY_LEAD")),
  {
    ...inReviews(root("Query.publishedLearning", "publishedLearning", "BUSINESS_UNIT")),
    query: `query($after: String, $code: String!) { list: publishedLearning(${PAGE}, partnership: $code) { ${EDGES} } }`,
    variables: () => ({ code: rt.code }),
  },
  {
    ...inReviews(root("Query.annualReport", "annualReport", "BOARD_MEMBER")),
    query: `query($after: String, $y: Int!) { list: annualReport(${PAGE}, year: $y) { ${EDGES} } }`,
    variables: () => ({ y: Number(realToday().slice(0, 4)) }),
  },
];

/** Reads a list to its end, two at a time; each page checked as it comes. */
async function readAll(list: List) {
  const [on, tenant] = list.reviews ? [reviewsApi, rt] : [api, t];
  const token = await tenant.token(list.role);
  const nodes: { id: string; __typename: string }[] = [];
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const res = await on.gql(token, list.query, { ...list.variables?.(), after });
    expect(res.errors, list.query).toBeUndefined();
    const conn = list.at(res.data);
    if (!conn) throw new Error(`no connection: ${list.query}`);
    // Every page but the last is full, and the cursor of its last edge is where the next starts.
    if (conn.pageInfo.hasNextPage) expect(conn.edges, list.query).toHaveLength(2);
    expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor ?? null);
    nodes.push(...conn.edges.map((e) => e.node));
    if (!conn.pageInfo.hasNextPage) return nodes;
    after = conn.pageInfo.endCursor;
  }
  throw new Error(`did not end: ${list.query}`);
}

describe("every list, beside every kind of item", () => {
  it.each(LISTS.map((l) => [l.name, l] as const))(
    "%s: reads whole pages of its own records only",
    async (_name, list) => {
      const nodes = await readAll(list);
      expect(nodes.length, list.query).toBeGreaterThan(0);
      expect(new Set(nodes.map((n) => n.id)).size, "no record twice").toBe(nodes.length);
    },
  );

  it("reads a recommendation's actions, and an action's updates, exactly", async () => {
    const [byField] = LISTS.filter((l) => l.coordinate === "Recommendation.actions");
    expect((await readAll(byField as List)).map((n) => n.__typename)).toEqual(
      Array(4).fill("Action"),
    );
    const [updates] = LISTS.filter((l) => l.coordinate === "Action.updates");
    expect(await readAll(updates as List)).toHaveLength(3);
  });

  it("covers every paginated list of the schema", () => {
    const schema = buildSchema(printSchemaSdl());
    const connections = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .filter((type) => !type.name.startsWith("__"))
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((f) => getNamedType(f.type).name.endsWith("Connection"))
          .map((f) => `${type.name}.${f.name}`),
      );
    expect(connections.length).toBeGreaterThan(5);
    expect(connections.filter((c) => !LISTS.some((l) => l.coordinate === c))).toEqual([]);
  });
});
