import {
  buildSchema,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { publicOperations } from "../../src/auth/policy";
import { printSchemaSdl } from "../../src/graphql/sdl";
import { codes, newTenant, type Tenant, type TestApi, testApi } from "../helpers/harness";
import { lambdaFetch, loadGraphqlHandler } from "../helpers/lambda-fetch";
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

let api: TestApi;
let t: Tenant;
let publicFetch: ReturnType<typeof lambdaFetch>["fetch"];

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
  publicFetch = lambdaFetch(await loadGraphqlHandler(api)).fetch;
});

/** Every field of what the public may read. */
const PUBLIC_FIELDS = "id kind title summary actionStatement reportUrl publishedOn";
const PUBLIC_LIST = `query P($code: String!, $filter: PublishedLearningFilter) {
  publishedLearning(partnership: $code, filter: $filter, first: 100) {
    edges { cursor node { ${PUBLIC_FIELDS} } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

/** A request on the public route, as API Gateway passes it: no token. */
async function anonymous(query: string, variables: Record<string, unknown> = {}) {
  const res = await publicFetch("https://api.example.org/public/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: string } }[];
  };
}

async function publicList(tenant: Tenant, filter: Record<string, unknown> = {}) {
  const res = await anonymous(PUBLIC_LIST, { code: tenant.code, filter });
  expect(res.errors).toBeUndefined();
  const list = res.data?.publishedLearning as { edges: { node: Record<string, unknown> }[] };
  return list.edges.map((e) => e.node);
}

/** An SCR taken to an accepted report, with a finding and the family's involvement sought. */
async function acceptedScr(tenant: Tenant) {
  const { reviewId, caseId } = await scrVia(api, tenant);
  await stepVia(api, tenant, reviewId, "IN_PROGRESS");
  await contactVia(api, tenant, reviewId, caseId);
  await findingVia(api, tenant, reviewId);
  await stepVia(api, tenant, reviewId, "DRAFT_REPORT", "ACCEPTED");
  return { reviewId, caseId };
}

const publishInput = (tenant: Tenant, id: string, over: Record<string, unknown> = {}) => ({
  id,
  publishedOn: today(),
  reportUrl: `${tenant.seed.partnership.website}/reviews/child-k.pdf`,
  title: "Serious case review: Child K",
  summary: "Health were not invited to strategy discussions; the referral form now asks.",
  actionStatement: "Children's social care will invite health to every strategy discussion.",
  ...over,
});

describe("publication (§33–34, §38)", () => {
  it("§33: a published SCR is public in full with the agencies' action statement, and nothing else", async () => {
    const { reviewId } = await acceptedScr(t);
    ok(
      await reviewMutation(
        api,
        t,
        "INDEPENDENT_CHAIR",
        "publishReview",
        "PublishReviewInput",
        publishInput(t, reviewId),
        {
          versioned: true,
        },
      ),
    );
    const items = await publicList(t);
    expect(items).toContainEqual({
      id: reviewId,
      kind: "SERIOUS_CASE_REVIEW",
      title: "Serious case review: Child K",
      summary: "Health were not invited to strategy discussions; the referral form now asks.",
      actionStatement: "Children's social care will invite health to every strategy discussion.",
      reportUrl: `${t.seed.partnership.website}/reviews/child-k.pdf`,
      publishedOn: today(),
    });
    // Searched (any case), by kind and year.
    expect((await publicList(t, { search: "REFERRAL FORM" })).map((i) => i.id)).toContain(reviewId);
    expect(await publicList(t, { search: "no such words" })).toEqual([]);
    expect(
      (await publicList(t, { kind: "SERIOUS_CASE_REVIEW", year: Number(today().slice(0, 4)) })).map(
        (i) => i.id,
      ),
    ).toContain(reviewId);
    expect(await publicList(t, { kind: "LEARNING_REVIEW" })).toEqual([]);
    // §34: the annual report lists what was published in the year.
    const report = ok(
      await api.gql<{ annualReport: { edges: { node: { id: string } }[] } }>(
        await t.token("BOARD_MEMBER"),
        `query($y: Int!) { annualReport(year: $y) { edges { node { id summary } } } }`,
        { y: Number(today().slice(0, 4)) },
      ),
    );
    expect(report.annualReport.edges.map((e) => e.node.id)).toContain(reviewId);
  });

  it("§33: a withheld SCR is absent from the public query, with its reason kept", async () => {
    const tenant = await newTenant(api);
    const { reviewId } = await acceptedScr(tenant);
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "withholdPublication",
        "WithholdPublicationInput",
        {
          id: reviewId,
          decision: "DO_NOT_PUBLISH",
          legalReason: "Publication would identify a sibling in care proceedings",
          on: today(),
        },
        { versioned: true },
      ),
    );
    expect(await publicList(tenant)).toEqual([]);
    const kept = ok(
      await api.gql<{
        review: { status: string; withholding: { decision: string; legalReason: string } };
      }>(
        await tenant.token("INDEPENDENT_CHAIR"),
        `query($id: ID!) { review(id: $id) { status withholding { decision legalReason } } }`,
        { id: reviewId },
      ),
    );
    expect(kept.review).toEqual({
      status: "PUBLICATION_WITHHELD",
      withholding: {
        decision: "DO_NOT_PUBLISH",
        legalReason: "Publication would identify a sibling in care proceedings",
      },
    });
    // And it cannot be published after all.
    const published = await reviewMutation(
      api,
      tenant,
      "BUSINESS_UNIT",
      "publishReview",
      "PublishReviewInput",
      publishInput(tenant, reviewId),
      { versioned: true },
    );
    expect(codes(published)).toEqual(["BAD_USER_INPUT"]);
  });

  it("§33: stays public twelve months: an earlier withdrawal needs a legal reason; it is recorded and leaves the public list", async () => {
    const tenant = await newTenant(api);
    const { reviewId } = await acceptedScr(tenant);
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "publishReview",
        "PublishReviewInput",
        publishInput(tenant, reviewId),
        { versioned: true },
      ),
    );
    const refused = await reviewMutation(
      api,
      tenant,
      "BUSINESS_UNIT",
      "withdrawPublication",
      "WithdrawPublicationInput",
      { id: reviewId, on: today(), reason: "A family member asked" },
      { versioned: true },
    );
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0]?.extensions?.field).toBe("input.legalReason");
    expect((await publicList(tenant)).map((i) => i.id)).toEqual([reviewId]);
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "withdrawPublication",
        "WithdrawPublicationInput",
        {
          id: reviewId,
          on: today(),
          reason: "A family member asked",
          legalReason: "Injunction of the family court",
        },
        { versioned: true },
      ),
    );
    expect(await publicList(tenant)).toEqual([]);
    const kept = ok(
      await api.gql<{
        review: {
          publication: { withdrawnOn: string; publishedOn: string };
          events: { to: string; reason: string | null }[];
        };
      }>(
        await tenant.token("BUSINESS_UNIT"),
        `query($id: ID!) { review(id: $id) { publication { publishedOn withdrawnOn } events { to reason } } }`,
        { id: reviewId },
      ),
    );
    expect(kept.review.publication).toEqual({ publishedOn: today(), withdrawnOn: today() });
    expect(kept.review.events.at(-1)?.reason).toMatch(
      /Withdrawn: A family member asked \(legal reason: Injunction/,
    );
  });
});

/** Every type reachable from a field's type, through object fields, interfaces and unions. */
function reachable(schema: ReturnType<typeof buildSchema>, roots: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    if (isObjectType(type) || isInterfaceType(type))
      for (const f of Object.values(type.getFields())) {
        visit(getNamedType(f.type));
        for (const a of f.args) visit(getNamedType(a.type));
      }
    if (isInterfaceType(type)) for (const o of schema.getPossibleTypes(type)) visit(o);
    if (isUnionType(type)) for (const o of type.getTypes()) visit(o);
  };
  const query = schema.getQueryType();
  for (const name of roots) {
    const field = query?.getFields()[name];
    if (!field) throw new Error(`no query ${name}`);
    visit(getNamedType(field.type));
    for (const a of field.args) visit(getNamedType(a.type));
  }
  return seen;
}

describe("the public route", () => {
  it("§33–34, §38: reaches, through every field of every public operation, only published learning and the partnership's public page", () => {
    const schema = buildSchema(printSchemaSdl());
    const types = reachable(schema, publicOperations());
    const objects = [...types].filter((n) => {
      const type = schema.getType(n);
      return type && !isScalarType(type) && !isEnumType(type) && !n.endsWith("Filter");
    });
    expect(objects.sort()).toEqual([
      "PageInfo",
      "PublicPartnership",
      "PublishedLearning",
      "PublishedLearningConnection",
      "PublishedLearningEdge",
    ]);
    // No field there refers to anything else: no case, person, agency, review or notification.
    for (const name of ["PublishedLearning", "PublicPartnership"]) {
      const type = schema.getType(name);
      if (!isObjectType(type)) throw new Error(name);
      for (const f of Object.values(type.getFields()))
        expect(
          isScalarType(getNamedType(f.type)) || isEnumType(getNamedType(f.type)),
          `${name}.${f.name}`,
        ).toBe(true);
    }
  });

  it("§33–34: never shows a public caller an unpublished review or any case detail", async () => {
    const tenant = await newTenant(api);
    // Reviews at every stage before publication, and one published.
    const published = await acceptedScr(tenant);
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "publishReview",
        "PublishReviewInput",
        publishInput(tenant, published.reviewId),
        { versioned: true },
      ),
    );
    const accepted = await acceptedScr(tenant);
    const commissioned = await commissionVia(api, tenant);
    const underWay = await commissionVia(api, tenant);
    await stepVia(api, tenant, underWay.id, "IN_PROGRESS");
    const items = await publicList(tenant);
    expect(items.map((i) => i.id)).toEqual([published.reviewId]);
    const internal = ok(
      await api.gql<{ case: { pseudonym: string }; review: { title: string } }>(
        await tenant.token("BUSINESS_UNIT"),
        `query($c: ID!, $r: ID!) { case(id: $c) { pseudonym } review(id: $r) { title } }`,
        { c: published.caseId, r: published.reviewId },
      ),
    );
    const text = JSON.stringify(items);
    for (const secret of [
      accepted.reviewId,
      commissioned.id,
      underWay.id,
      published.caseId,
      tenant.partnershipId,
      ...tenant.agencyIds,
      ...tenant.seed.people.map((p) => p.id),
      // The case's pseudonym is in the review's internal title: neither is public.
      internal.case.pseudonym,
      internal.review.title,
    ])
      expect(text).not.toContain(secret);
    // Another partnership's code shows its own, not these; an unknown one shows none.
    expect((await publicList(t)).map((i) => i.id)).not.toContain(published.reviewId);
    expect(
      (await anonymous(PUBLIC_LIST, { code: "no-such-board" })).data?.publishedLearning,
    ).toMatchObject({ edges: [] });
    // Everything else answers UNAUTHENTICATED on the public route.
    for (const query of [
      `query($id: ID!) { review(id: $id) { id title } }`,
      `{ reviews { edges { node { id } } } }`,
      `query($id: ID!) { case(id: $id) { pseudonym } }`,
      `{ annualReport(year: 2026) { edges { node { id } } } }`,
      `{ contributionRequests { edges { node { id } } } }`,
    ]) {
      const res = await anonymous(query, { id: accepted.reviewId });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
    }
    // The cost and depth limits hold on the public route too.
    const costly = await anonymous(
      `query($code: String!) { ${Array.from({ length: 30 }, (_, i) => `a${i}: publishedLearning(partnership: $code, first: 100) { edges { node { summary actionStatement } } }`).join(" ")} }`,
      { code: tenant.code },
    );
    expect(costly.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
