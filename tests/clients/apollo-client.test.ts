import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  ApolloClient,
  type FieldPolicy,
  gql,
  HttpLink,
  InMemoryCache,
  NetworkStatus,
  type PossibleTypesMap,
  type StoreObject,
  type TypePolicies,
} from "@apollo/client";
import { loadDevMessages, loadErrorMessages } from "@apollo/client/dev";
import { relayStylePagination } from "@apollo/client/utilities";
import { buildSchema, isAbstractType } from "graphql";
import { filter, firstValueFrom } from "rxjs";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "../../src/domain/roles";
import { runOverdueJob } from "../../src/services/overdue-job";
import { createCaseVia, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import { type LambdaHandler, lambdaFetch, loadGraphqlHandler } from "../helpers/lambda-fetch";
import { recommendVia, submitVia } from "../helpers/notifications";
import { recommend } from "../helpers/recommendations";

/**
 * The API as a board dashboard or agency portal built on Apollo Client 4 sees it: a normalised
 * InMemoryCache (possibleTypes from the committed schema, Relay pagination on the root
 * connections) over an HttpLink whose fetch is the Lambda handler itself, so every request and
 * answer goes through the real JSON bodies, headers and status codes.
 */

loadDevMessages();
loadErrorMessages();

/** Every abstract type of the committed schema with its object types, as Apollo wants them. */
function possibleTypesFromSchema(): PossibleTypesMap {
  const sdl = readFileSync(resolve(__dirname, "../../schema/schema.graphql"), "utf8");
  const schema = buildSchema(sdl);
  const map: PossibleTypesMap = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !isAbstractType(type)) continue;
    map[type.name] = schema.getPossibleTypes(type).map((t) => t.name);
  }
  return map;
}

const possibleTypes = possibleTypesFromSchema();

/** The setup docs/api.md recommends: one entry per notification, value objects merged. */
const byPosition: FieldPolicy<readonly StoreObject[]> = {
  merge: (existing = [], incoming, { mergeObjects }) =>
    incoming.map((item, i) => {
      const old = existing[i];
      return old ? mergeObjects(old, item) : item;
    }),
};
const typePolicies: TypePolicies = {
  NotificationDraft: { keyFields: (o) => `Notification:${o.id}` },
  IncidentNotification: {
    keyFields: (o) => `Notification:${o.id}`,
    fields: { clocks: byPosition },
  },
  ChairDecision: { merge: true },
  SubgroupRecommendation: { merge: true },
  Section20Assessment: { merge: true },
  OtherReview: { merge: true },
  BoardClosure: { merge: true },
  ReviewPublication: { merge: true },
  PublicationWithholding: { merge: true },
  Query: {
    fields: {
      notifications: relayStylePagination(["filter"]),
      cases: relayStylePagination(),
      agencies: relayStylePagination(),
      people: relayStylePagination(["agencyId"]),
      recommendations: relayStylePagination(["filter"]),
      actions: relayStylePagination(["filter"]),
      accessLog: relayStylePagination(["caseId", "personId"]),
      overdueSummaries: relayStylePagination(["agencyId", "asOf"]),
      reviews: relayStylePagination(["filter"]),
      reviewers: relayStylePagination(),
      contributionRequests: relayStylePagination(["filter"]),
      publishedLearning: relayStylePagination(["partnership", "filter"]),
      annualReport: relayStylePagination(["year"]),
    },
  },
};

let api: TestApi;
let handler: LambdaHandler;

beforeAll(async () => {
  api = await testApi();
  handler = await loadGraphqlHandler(api);
});

/** Apollo's own warnings (cache data loss, missing fields, fragment matching) fail the test. */
let warnings: unknown[][] = [];
beforeEach(() => {
  warnings = [];
  for (const level of ["warn", "error"] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      warnings.push(args);
    });
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(warnings).toEqual([]);
});

/** A client for one signed-in user, as a portal builds it once per session. */
async function apolloAs(t: Tenant, role: Role, agencyIndex = 0) {
  const token = await t.token(role, agencyIndex);
  const { fetch, exchanges } = lambdaFetch(handler);
  const client = new ApolloClient({
    link: new HttpLink({
      // Partner systems call their own route (their access tokens are refused on /graphql).
      uri: `https://api.example.org/${role === "PARTNER_SYSTEM" ? "system/" : ""}graphql`,
      fetch,
      headers: { authorization: `Bearer ${token}` },
    }),
    cache: new InMemoryCache({ possibleTypes, typePolicies }),
  });
  return { client, exchanges };
}

describe("the schema as Apollo's cache needs it", () => {
  it("names the object types of every interface, Notification's two among them", () => {
    expect(possibleTypes.Notification?.slice().sort()).toEqual([
      "IncidentNotification",
      "NotificationDraft",
    ]);
  });
});

describe("Apollo Client 4 with InMemoryCache over the Lambda handler", () => {
  const NOTIFICATION = gql`
    query ChairNotification($id: ID!) {
      notification(id: $id) {
        id
        status
        version
        ... on IncidentNotification {
          viewerCanReadDecision
          reviewDecision { id state version decision { outcome } }
        }
      }
    }
  `;
  const DECIDE = gql`
    mutation DecideReview($input: DecideReviewInput!) {
      decideReview(input: $input) {
        id
        state
        version
        decision { outcome reasons }
        notification { id status version }
      }
    }
  `;
  type NotificationData = {
    notification: {
      __typename: string;
      id: string;
      status: string;
      version: number;
      viewerCanReadDecision: boolean;
      reviewDecision: {
        __typename: string;
        id: string;
        state: string;
        version: number;
        decision: { outcome: string } | null;
      } | null;
    } | null;
  };

  it("updates a decision's state in the cache from decideReview's answer, without a refetch", async () => {
    const t = await newTenant(api);
    const n = await submitVia(api, t, "II");
    const recommended = await recommendVia(api, t, n.id, n.decisionVersion);
    const { client, exchanges } = await apolloAs(t, "INDEPENDENT_CHAIR");

    // The Chair's screen: a live query of the notification and its decision record.
    const watched = client.watchQuery<NotificationData>({
      query: NOTIFICATION,
      variables: { id: n.id },
    });
    const seen: NotificationData[] = [];
    const sub = watched.subscribe((r) => {
      if (r.data && r.dataState === "complete") seen.push(r.data as NotificationData);
    });
    const first = await firstValueFrom(watched.pipe(filter((r) => r.dataState === "complete")));
    const before = (first.data as NotificationData).notification;
    expect(before).toMatchObject({
      __typename: "IncidentNotification",
      id: n.id,
      status: "SUBMITTED",
      viewerCanReadDecision: true,
      reviewDecision: {
        __typename: "ReviewDecision",
        id: n.id,
        state: "AWAITING_DECISION",
        version: recommended,
        decision: null,
      },
    });
    // The decision record is its own cache entry, keyed by the id the API gives it.
    expect(client.cache.identify({ __typename: "ReviewDecision", id: n.id })).toBe(
      `ReviewDecision:${n.id}`,
    );
    expect(exchanges).toHaveLength(1);

    const decided = await client.mutate({
      mutation: DECIDE,
      variables: {
        input: {
          id: n.id,
          expectedVersion: recommended,
          outcome: "SERIOUS_CASE_REVIEW",
          reasons: "Category II death in the secure estate",
        },
      },
    });
    expect(decided.error).toBeUndefined();
    expect(exchanges.map((e) => e.operationName)).toEqual(["ChairNotification", "DecideReview"]);
    expect(exchanges.every((e) => e.status === 200)).toBe(true);

    // The original query, read back from the cache alone: the new state, version and outcome.
    const cached = client.readQuery<NotificationData>({
      query: NOTIFICATION,
      variables: { id: n.id },
    });
    expect(cached?.notification).toMatchObject({
      id: n.id,
      status: "DECIDED",
      // The notification changed with its decision (decideReview selects it back).
      version: (before?.version ?? 0) + 1,
      reviewDecision: {
        id: n.id,
        state: "DECIDED",
        version: recommended + 1,
        decision: { outcome: "SERIOUS_CASE_REVIEW" },
      },
    });
    // The live query re-rendered from the cache with it, and nothing was fetched again.
    expect(seen.at(-1)).toEqual(cached);
    expect(
      (watched.getCurrentResult().data as NotificationData).notification?.reviewDecision?.state,
    ).toBe("DECIDED");
    const again = await client.query<NotificationData>({
      query: NOTIFICATION,
      variables: { id: n.id },
      fetchPolicy: "cache-only",
    });
    expect(again.data).toEqual(cached);
    expect(exchanges).toHaveLength(2);
    sub.unsubscribe();
  });

  describe("a dashboard with restricted fields renders with each role's policy answer", () => {
    const DASHBOARD = gql`
      query Dashboard {
        notifications(first: 20) {
          edges { cursor node { ...NotificationRow } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
        cases(first: 20) {
          edges { cursor node { id pseudonym viewerCanReadIdentity identity { id childName } } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
      fragment NotificationRow on Notification {
        id
        status
        category
        ... on IncidentNotification {
          viewerCanReadDecision
          reviewDecision { id state viewerCanReadDissents dissents { id view } }
        }
      }
    `;
    type Row = {
      __typename: "IncidentNotification" | "NotificationDraft";
      id: string;
      status: string;
      viewerCanReadDecision?: boolean;
      reviewDecision?: {
        id: string;
        state: string;
        viewerCanReadDissents: boolean;
        dissents: { id: string; view: string }[] | null;
      } | null;
    };
    type CaseRow = {
      id: string;
      pseudonym: string;
      viewerCanReadIdentity: boolean;
      identity: { __typename: string; id: string; childName: string } | null;
    };
    type Dashboard = {
      notifications: { edges: { cursor: string; node: Row }[] };
      cases: { edges: { cursor: string; node: CaseRow }[] };
    };

    let t: Tenant;
    let notificationId: string;
    let draftId: string;
    const childNames = new Map<string, string>();
    const dissentView = "A thematic review would teach more";

    beforeAll(async () => {
      t = await newTenant(api);
      // A case of agencies 0 and 1 behind a submitted notification naming agency 1, with the
      // subgroup's recommendation and a dissent; a case of agency 2 alone; a draft of agency 1
      // (the board's unfiltered list is of submitted notifications; an agency's has its drafts).
      const n = await submitVia(api, t, "II");
      notificationId = n.id;
      await recommendVia(api, t, n.id, n.decisionVersion);
      const dissent = await api.gql(
        await t.token("SCR_SUBGROUP"),
        `mutation($id: ID!, $v: String!) { recordDissent(input: { id: $id, view: $v }) { id } }`,
        { id: n.id, v: dissentView },
      );
      if (dissent.errors) throw new Error(JSON.stringify(dissent.errors));
      const other = await createCaseVia(api, t, [2]);
      childNames.set(other.id, other.identity.childName);
      const cases = await api.gql<{ case: { identity: { childName: string } } }>(
        await t.token("BUSINESS_UNIT"),
        `query($id: ID!) { case(id: $id) { identity { childName } } }`,
        { id: n.caseId },
      );
      childNames.set(n.caseId, cases.data?.case.identity.childName as string);
      const draft = await api.gql<{ createNotificationDraft: { id: string } }>(
        await t.token("BUSINESS_UNIT"),
        `mutation($a: ID) { createNotificationDraft(input: { summary: "Being written", notifyingAgencyId: $a }) { id } }`,
        { a: t.agencyIds[1] },
      );
      if (!draft.data) throw new Error(JSON.stringify(draft.errors));
      draftId = draft.data.createNotificationDraft.id;
    });

    it.each([
      // role, agency, may read: identity, decision, dissents; what its lists hold
      ["BUSINESS_UNIT", 0, true, true, true, { cases: 2, draft: false }],
      ["INDEPENDENT_CHAIR", 0, false, true, true, { cases: 2, draft: false }],
      ["AGENCY_LEAD", 1, true, true, false, { cases: 1, draft: true }],
      ["PARTNER_SYSTEM", 1, false, false, false, { cases: 1, draft: true }],
    ] as const)(
      "%s (agency %i): identity %s, decision %s, dissents %s",
      async (role, agency, identity, decision, dissents, lists) => {
        const { client, exchanges } = await apolloAs(t, role, agency);
        // Default errorPolicy ("none"): any error in the answer would reject this promise.
        const res = await client.query<Dashboard>({ query: DASHBOARD });
        expect(res.error).toBeUndefined();
        expect(exchanges).toEqual([{ method: "POST", operationName: "Dashboard", status: 200 }]);
        const data = res.data as Dashboard;

        const rows = data.notifications.edges.map((e) => e.node);
        expect(rows.map((r) => r.id).sort()).toEqual(
          (lists.draft ? [notificationId, draftId] : [notificationId]).sort(),
        );
        for (const row of rows) {
          if (row.__typename === "NotificationDraft") {
            expect(row).toEqual({
              __typename: "NotificationDraft",
              id: draftId,
              status: "DRAFT",
              category: null,
            });
            continue;
          }
          expect(row.viewerCanReadDecision).toBe(decision);
          if (!decision) {
            expect(row.reviewDecision).toBeNull();
            continue;
          }
          expect(row.reviewDecision).toMatchObject({
            id: row.id,
            state: "AWAITING_DECISION",
            viewerCanReadDissents: dissents,
            dissents: dissents ? [{ id: expect.any(String), view: dissentView }] : null,
          });
        }

        const cases = data.cases.edges.map((e) => e.node);
        expect(cases).toHaveLength(lists.cases);
        for (const c of cases) {
          expect(c.viewerCanReadIdentity).toBe(identity);
          expect(c.identity).toEqual(
            identity
              ? { __typename: "CaseIdentity", id: c.id, childName: childNames.get(c.id) }
              : null,
          );
        }

        // What the screen renders from the cache is that same answer, nulls included.
        expect(client.readQuery({ query: DASHBOARD })).toEqual(data);
        expect(exchanges).toHaveLength(1);
      },
    );
  });

  describe("a missed root lookup", () => {
    const LOOKUPS = gql`
      query Lookups(
        $caseId: ID!
        $notificationId: ID!
        $agencyId: ID!
        $personId: ID!
        $otherId: ID!
      ) {
        case(id: $caseId) { id pseudonym }
        notification(id: $notificationId) { id status }
        reviewDecision(notificationId: $notificationId) { id state }
        agency(id: $agencyId) { id name }
        person(id: $personId) { id name }
        recommendation(id: $otherId) { id }
        action(id: $otherId) { id }
        agencies(first: 5) { edges { node { id name } } }
        me { id name }
      }
    `;
    type Lookups = {
      case: unknown;
      notification: unknown;
      reviewDecision: unknown;
      agency: unknown;
      person: unknown;
      recommendation: unknown;
      action: unknown;
      agencies: { edges: { node: { id: string; name: string } }[] };
      me: { id: string; name: string } | null;
    };

    it("is null without an error and leaves its siblings intact; another partnership's ids answer exactly as missing ones", async () => {
      const t = await newTenant(api);
      const elsewhere = await newTenant(api);
      const theirs = await submitVia(api, elsewhere, "II");
      const theirPerson = elsewhere.seed.people[0]?.id as string;
      const { client, exchanges } = await apolloAs(t, "BUSINESS_UNIT");

      const ask = (vars: Record<string, string>) =>
        client.query<Lookups>({ query: LOOKUPS, variables: vars, fetchPolicy: "network-only" });
      const missing = await ask({
        caseId: randomUUID(),
        notificationId: randomUUID(),
        agencyId: randomUUID(),
        personId: randomUUID(),
        otherId: randomUUID(),
      });
      expect(missing.error).toBeUndefined();
      expect(missing.data).toMatchObject({
        case: null,
        notification: null,
        reviewDecision: null,
        agency: null,
        person: null,
        recommendation: null,
        action: null,
      });
      const data = missing.data as Lookups;
      expect(data.agencies.edges.map((e) => e.node.id).sort()).toEqual(
        t.agencyIds.slice(0, 5).sort(),
      );
      const me = t.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"));
      expect(data.me).toEqual({ __typename: "Person", id: me?.id, name: me?.name });

      const theirIds = {
        caseId: theirs.caseId,
        notificationId: theirs.id,
        agencyId: elsewhere.agencyIds[0] as string,
        personId: theirPerson,
        otherId: randomUUID(),
      };
      const foreign = await ask(theirIds);
      expect(foreign.error).toBeUndefined();
      expect(foreign.data).toEqual(missing.data);
      expect(exchanges.map((e) => e.status)).toEqual([200, 200]);

      // The null answers are cached like any other: asking again needs no request.
      const cached = await client.query<Lookups>({ query: LOOKUPS, variables: theirIds });
      expect(cached.data).toEqual(missing.data);
      expect(exchanges).toHaveLength(2);
    });
  });

  describe("objects that name another record are cached as themselves", () => {
    it("two recommendations from one learning activity keep their own source", async () => {
      const t = await newTenant(api);
      const activityId = `scr-${randomUUID().slice(0, 8)}`;
      const a = await recommend(api, t, {
        source: { kind: "SERIOUS_CASE_REVIEW", activityId, title: "SCR Child K" },
      });
      const b = await recommend(api, t, {
        source: { kind: "LOCAL_CHALLENGE", activityId, title: "Challenge session on Child K" },
        madeOn: "2026-01-02",
      });
      const { client } = await apolloAs(t, "BUSINESS_UNIT");
      const LIST = gql`
        query Sources {
          recommendations(first: 10) {
            edges { node { id source { id kind activityId title } } }
          }
        }
      `;
      type Sources = {
        recommendations: {
          edges: { node: { id: string; source: Record<string, unknown> } }[];
        };
      };
      const res = await client.query<Sources>({ query: LIST });
      expect(res.error).toBeUndefined();
      const sources = new Map(
        (res.data as Sources).recommendations.edges.map((e) => [e.node.id, e.node.source]),
      );
      expect(sources.get(a.id)).toEqual({
        __typename: "LearningSource",
        id: a.id,
        kind: "SERIOUS_CASE_REVIEW",
        activityId,
        title: "SCR Child K",
      });
      expect(sources.get(b.id)).toEqual({
        __typename: "LearningSource",
        id: b.id,
        kind: "LOCAL_CHALLENGE",
        activityId,
        title: "Challenge session on Child K",
      });
      expect(client.readQuery({ query: LIST })).toEqual(res.data);
    });

    it("an older overdue summary keeps the revisit date it found, beside a newer one", async () => {
      const t = await newTenant(api);
      const r = await recommend(api, t);
      const reschedule = async (today: string, version: number, on: string) => {
        const then = await testApi({ now: () => new Date(`${today}T10:00:00Z`), keys: api.keys });
        const res = await then.gql<{ scheduleRevisit: { version: number } }>(
          await t.token("BUSINESS_UNIT"),
          `mutation($id: ID!, $v: Int!, $on: LocalDate!) { scheduleRevisit(input: { id: $id, expectedVersion: $v, on: $on }) { version } }`,
          { id: r.id, v: version, on },
        );
        if (!res.data) throw new Error(JSON.stringify(res.errors));
        return res.data.scheduleRevisit.version;
      };
      const v = await reschedule("2026-06-01", r.version, "2026-06-10");
      await runOverdueJob(api.store, new Date("2026-06-15T10:00:00Z"));
      await reschedule("2026-06-15", v, "2026-06-16");
      await runOverdueJob(api.store, new Date("2026-06-20T10:00:00Z"));

      const { client } = await apolloAs(t, "AGENCY_LEAD", 0);
      const SUMMARIES = gql`
        query Summaries($a: ID) {
          overdueSummaries(agencyId: $a) {
            edges { node { id asOf revisitsDue { id recommendationId revisitOn } } }
          }
        }
      `;
      type Summaries = {
        overdueSummaries: {
          edges: {
            node: {
              asOf: string;
              revisitsDue: { recommendationId: string; revisitOn: string }[];
            };
          }[];
        };
      };
      const res = await client.query<Summaries>({
        query: SUMMARIES,
        variables: { a: t.agencyIds[0] },
      });
      expect(res.error).toBeUndefined();
      expect(
        (res.data as Summaries).overdueSummaries.edges.map((e) => [
          e.node.asOf,
          e.node.revisitsDue.map((d) => [d.recommendationId, d.revisitOn]),
        ]),
      ).toEqual([
        ["2026-06-20", [[r.id, "2026-06-16"]]],
        ["2026-06-15", [[r.id, "2026-06-10"]]],
      ]);
    });
  });

  it("relayStylePagination merges two pages of cases fetched with fetchMore (sealed cursors round-trip)", async () => {
    const t = await newTenant(api, { cases: 3 });
    const { client, exchanges } = await apolloAs(t, "BUSINESS_UNIT");
    const CASES = gql`
      query CasePages($first: Int, $after: String) {
        cases(first: $first, after: $after) {
          edges { cursor node { id pseudonym } }
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        }
      }
    `;
    type Cases = {
      cases: {
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      };
    };
    const watched = client.watchQuery<Cases>({ query: CASES, variables: { first: 2 } });
    const sub = watched.subscribe(() => undefined);
    const page1 = (await firstValueFrom(watched.pipe(filter((r) => r.dataState === "complete"))))
      .data as Cases;
    expect(page1.cases.edges).toHaveLength(2);
    expect(page1.cases.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    const more = await watched.fetchMore({ variables: { after: page1.cases.pageInfo.endCursor } });
    // The second page as the API sent it: asked for after a cursor, the last one.
    expect((more.data as Cases).cases.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
    // The watched list once the merge is broadcast (fetchMore resolves just before it).
    const merged = (
      await firstValueFrom(watched.pipe(filter((r) => r.networkStatus === NetworkStatus.ready)))
    ).data as Cases;
    const ids = merged.cases.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids.slice(0, 2)).toEqual(page1.cases.edges.map((e) => e.node.id));
    expect(ids.sort()).toEqual(t.seed.cases.map((c) => c.record.id).sort());
    // The merged pageInfo spans both pages: from the first page's start to the last's end.
    expect(merged.cases.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: false,
      endCursor: merged.cases.edges.at(-1)?.cursor,
    });
    expect(exchanges.map((e) => [e.operationName, e.status])).toEqual([
      ["CasePages", 200],
      ["CasePages", 200],
    ]);
    sub.unsubscribe();
  });

  it("turns the cached draft into the submitted notification when submitNotification answers", async () => {
    const t = await newTenant(api);
    const c = await createCaseVia(api, t, [0]);
    const { client, exchanges } = await apolloAs(t, "PRACTITIONER", 0);
    const DRAFT = gql`
      mutation Draft($input: NotificationInput!, $key: String) {
        createNotificationDraft(input: $input, idempotencyKey: $key) { id status version summary }
      }
    `;
    const SUBMIT = gql`
      mutation Submit($input: SubmitNotificationInput!) {
        submitNotification(input: $input) {
          id status version summary
          ... on IncidentNotification { category clocks { name dueOn state } }
        }
      }
    `;
    const READ = gql`
      query OneNotification($id: ID!) {
        notification(id: $id) { id status version summary ... on IncidentNotification { category } }
      }
    `;
    const draft = await client.mutate<{ createNotificationDraft: { id: string } }>({
      mutation: DRAFT,
      variables: {
        key: `d-${randomUUID()}`,
        input: {
          outcome: "DEATH",
          deathCircumstance: "SUSPECTED_SUICIDE",
          criteria: [{ criterion: "DEATH_IN_SECURE_CHILDRENS_HOME", reason: "Resident" }],
          incidentDate: "2026-03-30",
          awareDate: "2026-04-02",
          caseIds: [c.id],
          summary: "Complete, not yet sent",
        },
      },
    });
    const id = draft.data?.createNotificationDraft.id as string;
    const before = await client.query<{ notification: { status: string } }>({
      query: READ,
      variables: { id },
    });
    expect(before.data?.notification).toMatchObject({
      __typename: "NotificationDraft",
      status: "DRAFT",
    });
    expect(client.cache.identify({ __typename: "NotificationDraft", id })).toBe(
      `Notification:${id}`,
    );

    const submitted = await client.mutate({
      mutation: SUBMIT,
      variables: { input: { id, expectedVersion: 1 } },
    });
    expect(submitted.error).toBeUndefined();
    // The same cache entry now holds the submitted notification: no refetch, no stale draft.
    const after = client.readQuery<{ notification: Record<string, unknown> }>({
      query: READ,
      variables: { id },
    });
    expect(after?.notification).toMatchObject({
      __typename: "IncidentNotification",
      id,
      status: "SUBMITTED",
      version: 2,
      category: "II",
    });
    expect(exchanges.map((e) => e.operationName)).toEqual(["Draft", "OneNotification", "Submit"]);
  });
});
