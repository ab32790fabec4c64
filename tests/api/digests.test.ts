import { randomUUID } from "node:crypto";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ensureTables } from "../../src/local/tables";
import { digestIdOf } from "../../src/services/digests/catalogue";
import { digestRow, importRows } from "../helpers/digests";
import { codes, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import {
  commissionVia,
  contactVia,
  findingVia,
  ok,
  reviewMutation,
  scrVia,
  stepVia,
  today,
} from "../helpers/reviews";

const RELEVANCE = /* GraphQL */ `
  mutation($input: RecordDigestRelevanceInput!) {
    recordDigestRelevance(input: $input) { id local { relevant } }
  }
`;
const SESSION = /* GraphQL */ `
  mutation($input: HoldChallengeSessionInput!, $k: String) {
    holdChallengeSession(input: $input, idempotencyKey: $k) { id version attendanceCount }
  }
`;
const OUTCOME = /* GraphQL */ `
  mutation($input: RecordChallengeOutcomeInput!) {
    recordChallengeOutcome(input: $input) {
      id version outcomeCount gapCount
      outcomes { finding outcome gap recommendation { id source { kind activityId } owningAgency { id } status } }
    }
  }
`;
const DISSEMINATE = /* GraphQL */ `
  mutation($input: RecordDisseminationInput!, $k: String) {
    recordDissemination(input: $input, idempotencyKey: $k) {
      id local { disseminationCount tallies { method events reach } }
    }
  }
`;
const LOCAL = /* GraphQL */ `
  query($id: ID!) {
    nationalReviewDigest(id: $id) {
      id title
      local {
        relevant
        relevanceDecisions { relevant reason decidedOn decidedByPerson { id } }
        sessionCount disseminationCount
        disseminations { method audience reach }
      }
    }
    challengeSessions(digestId: $id) { edges { node { id servicesTested } } }
  }
`;

let api: TestApi;
let a: Tenant;
let b: Tenant;
beforeAll(async () => {
  api = await testApi();
  [a, b] = await Promise.all([newTenant(api), newTenant(api)]);
});

describe("§16: one national catalogue, each partnership's own work on it", () => {
  it("one record read by two partnerships with different relevance decisions, neither seeing the other's decisions, sessions or dissemination", async () => {
    const row = digestRow();
    await importRows(api, a, [row]);
    const id = digestIdOf(row.ref);

    const decide = async (t: Tenant, relevant: boolean, reason: string) =>
      api.gql(await t.token("SCR_SUBGROUP"), RELEVANCE, {
        input: { digestId: id, relevant, reason, decidedOn: "2026-01-10" },
      });
    expect((await decide(a, true, "Our health visiting model is the same")).errors).toBeUndefined();
    expect((await decide(b, false, "No infants in our caseload pattern")).errors).toBeUndefined();

    const session = await api.gql<{ holdChallengeSession: { id: string } }>(
      await a.token("BUSINESS_UNIT"),
      SESSION,
      {
        input: {
          digestId: id,
          heldOn: "2026-01-20",
          servicesTested: ["Health visiting", "Early help"],
          agencyIdsPresent: [a.agencyIds[0], a.agencyIds[1]],
        },
        k: `s-${randomUUID()}`,
      },
    );
    expect(session.errors).toBeUndefined();
    const spread = await api.gql(await a.token("BUSINESS_UNIT"), DISSEMINATE, {
      input: {
        digestId: id,
        method: "BRIEFING",
        audience: "Health visitors",
        on: "2026-01-25",
        reach: 40,
      },
      k: `d-${randomUUID()}`,
    });
    expect(spread.errors).toBeUndefined();

    type Local = {
      nationalReviewDigest: {
        title: string;
        local: {
          relevant: boolean;
          relevanceDecisions: { reason: string }[];
          sessionCount: number;
          disseminationCount: number;
          disseminations: unknown[];
        };
      };
      challengeSessions: { edges: { node: { id: string } }[] };
    };
    const seenByA = await api.gql<Local>(await a.token("BOARD_MEMBER"), LOCAL, { id });
    const seenByB = await api.gql<Local>(await b.token("BOARD_MEMBER"), LOCAL, { id });
    expect(seenByA.errors).toBeUndefined();
    expect(seenByB.errors).toBeUndefined();
    // One record, the same for both.
    expect(seenByA.data?.nationalReviewDigest.title).toBe(row.title);
    expect(seenByB.data?.nationalReviewDigest.title).toBe(row.title);
    expect(seenByA.data?.nationalReviewDigest.local).toMatchObject({
      relevant: true,
      relevanceDecisions: [
        {
          reason: "Our health visiting model is the same",
          // §16: who decided, and when.
          decidedOn: "2026-01-10",
          decidedByPerson: { id: a.seed.people.find((p) => p.roles.includes("SCR_SUBGROUP"))?.id },
        },
      ],
      sessionCount: 1,
      disseminationCount: 1,
    });
    expect(seenByB.data?.nationalReviewDigest.local).toMatchObject({
      relevant: false,
      relevanceDecisions: [{ reason: "No infants in our caseload pattern" }],
      sessionCount: 0,
      disseminationCount: 0,
      disseminations: [],
    });
    expect(seenByA.data?.challengeSessions.edges).toHaveLength(1);
    expect(seenByB.data?.challengeSessions.edges).toEqual([]);
    // A's session is, to B, a session that does not exist.
    const sid = session.data?.holdChallengeSession.id;
    const theirs = await api.gql(
      await b.token("BUSINESS_UNIT"),
      `query($id: ID!) { challengeSession(id: $id) { id } }`,
      { id: sid },
    );
    const none = await api.gql(
      await b.token("BUSINESS_UNIT"),
      `query($id: ID!) { challengeSession(id: $id) { id } }`,
      { id: randomUUID() },
    );
    expect(theirs).toMatchObject({ data: { challengeSession: null } });
    expect(theirs.errors).toEqual(none.errors);
    const outcome = await api.gql(await b.token("BUSINESS_UNIT"), OUTCOME, {
      input: { id: sid, expectedVersion: 1, finding: "f", outcome: "ASSURED", evidence: "e" },
    });
    const missing = await api.gql(await b.token("BUSINESS_UNIT"), OUTCOME, {
      input: {
        id: randomUUID(),
        expectedVersion: 1,
        finding: "f",
        outcome: "ASSURED",
        evidence: "e",
      },
    });
    expect(codes(outcome)).toEqual(["NOT_FOUND"]);
    expect(outcome.errors?.[0]?.message.replace(sid ?? "", "X")).toBe(
      missing.errors?.[0]?.message.replace(/ChallengeSession \S+ /, "ChallengeSession X "),
    );
  });

  it("§16, §35: a gap found in a challenge session makes a recommendation the tracking follows", async () => {
    const row = digestRow({ themes: ["information-sharing"] });
    await importRows(api, a, [row]);
    const bu = await a.token("BUSINESS_UNIT");
    const s = await api.gql<{ holdChallengeSession: { id: string; version: number } }>(
      bu,
      SESSION,
      {
        input: {
          digestId: digestIdOf(row.ref),
          heldOn: "2026-02-01",
          servicesTested: ["Front door"],
          agencyIdsPresent: [a.agencyIds[0], a.agencyIds[2]],
        },
      },
    );
    const session = s.data?.holdChallengeSession;
    const assured = await api.gql<{ recordChallengeOutcome: { version: number } }>(bu, OUTCOME, {
      input: {
        id: session?.id,
        expectedVersion: 1,
        finding: "Referrals are shared",
        outcome: "ASSURED",
        evidence: "Audit of 20 referrals",
      },
    });
    expect(assured.errors).toBeUndefined();
    const gap = await api.gql<{
      recordChallengeOutcome: {
        gapCount: number;
        outcomes: {
          outcome: string;
          recommendation: {
            id: string;
            source: { kind: string; id: string };
            owningAgency: { id: string };
            status: string;
          } | null;
        }[];
      };
    }>(bu, OUTCOME, {
      input: {
        id: session?.id,
        expectedVersion: 2,
        finding: "Missed appointments are not shared",
        outcome: "GAP_FOUND",
        gap: "No route from GP surgeries to the health visitor",
        recommendation: {
          text: "Agree a route for missed appointments",
          owningAgencyId: a.agencyIds[0],
          priority: "HIGH",
          targetDate: "2027-06-01",
        },
      },
    });
    expect(gap.errors).toBeUndefined();
    const out = gap.data?.recordChallengeOutcome;
    expect(out?.gapCount).toBe(1);
    expect(out?.outcomes.map((o) => o.outcome)).toEqual(["ASSURED", "GAP_FOUND"]);
    const rec = out?.outcomes[1]?.recommendation;
    expect(rec).toMatchObject({
      source: { kind: "LOCAL_CHALLENGE", activityId: session?.id },
      owningAgency: { id: a.agencyIds[0] },
      status: "PROPOSED",
    });
    // The tracking lists it with the rest of the board's learning, by its kind of source.
    const listed = await api.gql<{ recommendations: { edges: { node: { id: string } }[] } }>(
      bu,
      `{ recommendations(filter: { sourceKind: LOCAL_CHALLENGE }, first: 50) { edges { node { id } } } }`,
    );
    expect(listed.data?.recommendations.edges.map((e) => e.node.id)).toContain(rec?.id);
    // A stale version changes nothing.
    const stale = await api.gql(bu, OUTCOME, {
      input: {
        id: session?.id,
        expectedVersion: 2,
        finding: "x",
        outcome: "ASSURED",
        evidence: "y",
      },
    });
    expect(codes(stale)).toEqual(["CONFLICT"]);
  });

  it("§38: dissemination is summed per review and per year for the annual report", async () => {
    const row = digestRow();
    await importRows(api, b, [row]);
    const bu = await b.token("BUSINESS_UNIT");
    const spread = (method: string, reach: number, on: string) =>
      api.gql(bu, DISSEMINATE, {
        input: { digestId: digestIdOf(row.ref), method, audience: "Practitioners", on, reach },
      });
    for (const [m, r, on] of [
      ["TRAINING", 25, "2025-03-01"],
      ["TRAINING", 30, "2025-05-01"],
      ["NEWSLETTER", 400, "2025-06-01"],
    ] as const)
      expect((await spread(m, r, on)).errors).toBeUndefined();
    const res = await api.gql<{
      disseminationYear: { year: number; events: number; reach: number; tallies: unknown[] };
      nationalReviewDigest: { local: { tallies: unknown[] } };
    }>(
      await b.token("INDEPENDENT_CHAIR"),
      `query($id: ID!) { disseminationYear(year: 2025) { year events reach tallies { method events reach } }
        nationalReviewDigest(id: $id) { local { tallies { method events reach } } } }`,
      { id: digestIdOf(row.ref) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.disseminationYear).toEqual({
      year: 2025,
      events: 3,
      reach: 455,
      tallies: [
        { method: "NEWSLETTER", events: 1, reach: 400 },
        { method: "TRAINING", events: 2, reach: 55 },
      ],
    });
    expect(res.data?.nationalReviewDigest.local.tallies).toEqual([
      { method: "NEWSLETTER", events: 1, reach: 400 },
      { method: "TRAINING", events: 2, reach: 55 },
    ]);
    const early = await spread("BRIEFING", 1, "2018-01-01");
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(early.errors?.[0]?.extensions?.field).toBe("input.on");
  });
});

describe("§16, §38: a published local SCR offered to the catalogue", () => {
  const OFFER = `mutation($input: OfferReviewToCatalogueInput!) { offerReviewToCatalogue(input: $input) { id status version } }`;
  const ACCEPT = `mutation($input: AcceptCatalogueOfferInput!) { acceptCatalogueOffer(input: $input) { id status digest { id title sourceReviewId sourceUrl publishingArea pseudonym } } }`;

  it("§16, §38: the business unit offers it, once; an editor puts it in; nothing but the public text goes", async () => {
    const { reviewId, caseId } = await scrVia(api, a);
    const bu = await a.token("BUSINESS_UNIT");
    const offer = (input: Record<string, unknown>) => api.gql(bu, OFFER, { input });
    // Not yet published: refused, naming the review.
    const early = await offer({ reviewId, themes: ["neglect"] });
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(early.errors?.[0]?.extensions?.field).toBe("input.reviewId");
    await stepVia(api, a, reviewId, "IN_PROGRESS");
    await contactVia(api, a, reviewId, caseId);
    await findingVia(api, a, reviewId);
    await stepVia(api, a, reviewId, "DRAFT_REPORT", "ACCEPTED");
    const reportUrl = `${a.seed.partnership.website}/reviews/child-k.pdf`;
    ok(
      await reviewMutation(
        api,
        a,
        "INDEPENDENT_CHAIR",
        "publishReview",
        "PublishReviewInput",
        {
          id: reviewId,
          publishedOn: today(),
          reportUrl,
          title: "Serious case review: Child K",
          summary: "Health were not invited to strategy discussions.",
          actionStatement: "Social care will invite health to every strategy discussion.",
        },
        { versioned: true },
      ),
    );
    // An unknown theme is refused on its field; then offered, once.
    const badTheme = await offer({ reviewId, themes: ["no-such-theme"] });
    expect(codes(badTheme)).toEqual(["BAD_USER_INPUT"]);
    const made = await api.gql<{ offerReviewToCatalogue: { id: string; status: string } }>(
      bu,
      OFFER,
      { input: { reviewId, themes: ["neglect"], pseudonym: "Child K" } },
    );
    expect(made.data?.offerReviewToCatalogue.status).toBe("OFFERED");
    expect(codes(await offer({ reviewId, themes: ["neglect"] }))).toEqual(["CONFLICT"]);
    // Another partnership cannot offer it (its review is unknown there).
    const other = await api.gql(await b.token("BUSINESS_UNIT"), OFFER, {
      input: { reviewId, themes: ["neglect"] },
    });
    expect(codes(other)).toEqual(["NOT_FOUND"]);

    // The editor sees the offer and accepts it: a catalogue record naming its source review.
    const editor = await a.token("CATALOGUE_EDITOR");
    const offers = await api.gql<{
      catalogueOffers: { edges: { node: { id: string; title: string } }[] };
    }>(editor, `{ catalogueOffers(first: 50) { edges { node { id title } } } }`);
    const id = made.data?.offerReviewToCatalogue.id as string;
    expect(offers.data?.catalogueOffers.edges.map((e) => e.node)).toContainEqual({
      id,
      title: "Serious case review: Child K",
    });
    const accepted = await api.gql<{
      acceptCatalogueOffer: { status: string; digest: Record<string, unknown> };
    }>(editor, ACCEPT, { input: { id, expectedVersion: 1 } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptCatalogueOffer).toMatchObject({
      status: "ACCEPTED",
      digest: {
        title: "Serious case review: Child K",
        sourceReviewId: reviewId,
        sourceUrl: reportUrl,
        publishingArea: a.seed.partnership.name,
        pseudonym: "Child K",
      },
    });
    // The case's own pseudonym is nowhere in the record.
    const k = await api.gql<{ case: { pseudonym: string } }>(
      bu,
      `query($id: ID!) { case(id: $id) { pseudonym } }`,
      { id: caseId },
    );
    expect(JSON.stringify(accepted.data)).not.toContain(k.data?.case.pseudonym as string);
    expect(codes(await api.gql(editor, ACCEPT, { input: { id, expectedVersion: 2 } }))).toEqual([
      "CONFLICT",
    ]);
  });

  it("§16: a review that is not an SCR is not offered", async () => {
    const r = await commissionVia(api, a);
    const res = await api.gql(await a.token("BUSINESS_UNIT"), OFFER, {
      input: { reviewId: r.id, themes: ["neglect"] },
    });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("§16: the import as a mutation for catalogue editors", () => {
  it("reports a malformed row by its position and imports the rest; a second run creates nothing", async () => {
    const rows = [
      digestRow(),
      digestRow({ publishedOn: "2019-13-45" }),
      digestRow({ themes: ["not-a-theme"] }),
      digestRow(),
    ];
    const first = await importRows(api, a, rows);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(first.errors).toEqual([
      { line: 2, field: "publishedOn", message: "A date is YYYY-MM-DD" },
      { line: 3, field: "themes.0", message: "No theme not-a-theme in the vocabulary" },
    ]);
    const again = await importRows(api, a, rows);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const changed = await importRows(api, a, [
      { ...(rows[0] as (typeof rows)[0]), title: "A new title" },
    ]);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const read = await api.gql<{ nationalReviewDigest: { title: string; version: number } }>(
      await a.token("PRACTITIONER"),
      `query($id: ID!) { nationalReviewDigest(id: $id) { title version } }`,
      { id: digestIdOf(rows[0]?.ref ?? "") },
    );
    expect(read.data?.nationalReviewDigest).toEqual({ title: "A new title", version: 2 });
  });

  it("is refused to partnership staff: the catalogue is the editors'", async () => {
    const res = await api.gql(
      await a.token("BUSINESS_UNIT"),
      `mutation { importNationalReviewDigests(input: { rows: [] }) { created } }`,
    );
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });
});

describe("§16: search (on a catalogue of its own)", () => {
  let s: TestApi;
  let t: Tenant;
  const ref = (n: number) => `search-${n}`;
  beforeAll(async () => {
    const tables = {
      records: `digest-search-${randomUUID().slice(0, 8)}`,
      accessLog: `digest-search-log-${randomUUID().slice(0, 8)}`,
      aggregates: `digest-search-agg-${randomUUID().slice(0, 8)}`,
    };
    const client = new DynamoDBClient({
      endpoint: inject("dynamoEndpoint"),
      region: "eu-west-2",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    await ensureTables(client, tables);
    client.destroy();
    s = await testApi({ tables });
    t = await newTenant(s);
    await seedThemes(s, t);
    // The seeded set: six reviews.
    await importRows(s, t, [
      digestRow({
        ref: ref(1),
        publishedOn: "2012-03-01",
        title: "Child A: chronic neglect",
        themes: ["neglect"],
      }),
      digestRow({
        ref: ref(2),
        publishedOn: "2015-07-01",
        title: "Child B",
        summary: "The children were neglected for years.",
        keyLearning: "Look at the home.",
        themes: ["neglect", "voice-of-the-child"],
      }),
      digestRow({
        ref: ref(3),
        publishedOn: "2017-01-15",
        title: "Child C",
        summary: "A neglectful home was not recognised.",
        keyLearning: "Chronology matters.",
        themes: ["parental-mental-health"],
      }),
      digestRow({
        ref: ref(4),
        publishedOn: "2018-09-01",
        title: "Young person D",
        summary: "Exploited online.",
        keyLearning: "Ask about phones.",
        recommendations: [],
        themes: ["online-abuse", "adolescent-risk"],
      }),
      digestRow({
        ref: ref(5),
        publishedOn: "2020-02-01",
        title: "Family E",
        summary: "Domestic abuse in the home.",
        keyLearning: "Ask about the other parent.",
        recommendations: [],
        themes: ["domestic-abuse"],
      }),
      digestRow({
        ref: ref(6),
        publishedOn: "2023-05-01",
        title: "Sibling group F",
        summary: "Disguised compliance over months.",
        keyLearning: "Test what parents say.",
        recommendations: [],
        themes: ["disguised-compliance", "neglect"],
      }),
    ]);
  });

  const search = async (filter: Record<string, unknown>, orderBy = "DATE", first = 20) => {
    const res = await s.gql<{
      nationalReviewDigests: {
        totalCount: number;
        complete: boolean;
        edges: { node: { ref: string } }[];
      };
    }>(
      await t.token("PRACTITIONER"),
      `query($f: NationalReviewDigestFilter, $o: DigestSearchOrder, $n: Int) { nationalReviewDigests(filter: $f, orderBy: $o, first: $n) { totalCount complete edges { node { ref } } } }`,
      { f: filter, o: orderBy, n: first },
    );
    expect(res.errors).toBeUndefined();
    return {
      refs: res.data?.nationalReviewDigests.edges.map((e) => e.node.ref),
      requests: res.dynamoRequests,
    };
  };

  it("finds by theme, newest first", async () => {
    expect((await search({ themes: ["neglect"] })).refs).toEqual([ref(6), ref(2), ref(1)]);
  });

  it("finds by a word, and by its inflections, regardless of case", async () => {
    const all = [ref(3), ref(2), ref(1)];
    expect((await search({ words: "neglect" })).refs).toEqual(all);
    expect((await search({ words: "NEGLECTED" })).refs).toEqual(all);
    expect((await search({ words: "Neglectful" })).refs).toEqual(all);
  });

  it("orders by relevance: a word in the title weighs more", async () => {
    expect((await search({ words: "neglect" }, "RELEVANCE")).refs?.[0]).toBe(ref(1));
  });

  it("finds by a range of years, and combines words, themes and years", async () => {
    expect((await search({ publishedFromYear: 2015, publishedToYear: 2018 })).refs).toEqual([
      ref(4),
      ref(3),
      ref(2),
    ]);
    expect(
      (await search({ words: "neglected", themes: ["neglect"], publishedFromYear: 2013 })).refs,
    ).toEqual([ref(2)]);
  });

  it("pages, and costs one request per term plus one for the page", async () => {
    const page = await search({ themes: ["neglect"] }, "DATE", 2);
    expect(page.refs).toEqual([ref(6), ref(2)]);
    expect(page.requests).toBe(2);
    expect((await search({ words: "neglect home", themes: ["neglect"] })).requests).toBe(4);
  });

  it("refuses a bad year range on its field", async () => {
    const res = await s.gql(
      await t.token("PRACTITIONER"),
      `{ nationalReviewDigests(filter: { publishedFromYear: 2020, publishedToYear: 2010 }) { totalCount } }`,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("filter.publishedToYear");
  });
});

/** The default vocabulary in a fresh table (the shared one is seeded by the global setup). */
async function seedThemes(s: TestApi, t: Tenant) {
  const { DEFAULT_THEMES } = await import("../../src/domain/digests");
  for (const [code, label] of DEFAULT_THEMES) {
    const res = await s.gql(
      await t.token("CATALOGUE_EDITOR"),
      `mutation($c: String!, $l: String!) { addDigestTheme(input: { code: $c, label: $l }) { id } }`,
      { c: code, l: label },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
  }
}
