import { randomUUID } from "node:crypto";
import type { Role } from "../../src/domain/roles";
import { createCaseVia, type GqlResult, type Tenant, type TestApi } from "../helpers/harness";
import {
  commissionVia,
  contactVia,
  daysFromToday,
  findingVia,
  ok,
  requestVia,
  reviewerVia,
  reviewMutation,
  scrVia,
  stepVia,
  today,
  versionOf,
} from "../helpers/reviews";

/**
 * The review operations of the roles x operations matrix (§21–34, §38), in the shape of
 * policy-matrix.test.ts's `Operation`. The review used is a learning review (§30: the consent
 * regime) of a case of agencies 0 and 1, agencies 0, 1 and 2 taking part, its lead reviewer the
 * seeded REVIEWER (an independent reviewer of the pool, trained): so agency roles (agency 0)
 * read it, the REVIEWER leads it, and the AUDIT_GROUP is told it does not exist.
 */
type Outcome = "ALLOW" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED" | "NULL";

export interface MatrixOperation {
  readonly name: string;
  readonly root: string;
  readonly allowed: readonly Role[];
  readonly anonymous?: Outcome;
  readonly denied?: Outcome;
  readonly deniedFor?: Partial<Record<Role, Outcome>>;
  // biome-ignore lint/suspicious/noExplicitAny: a path into the answer, whatever its shape.
  readonly value?: (data: Record<string, any> | null | undefined) => unknown;
  run(api: TestApi, t: Tenant, token: string, role: Role): Promise<GqlResult>;
}

const ALL: readonly Role[] = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
  "AGENCY_LEAD",
  "PRACTITIONER",
  "AUDIT_GROUP",
  "REVIEWER",
  "BOARD_MEMBER",
  "PARTNER_SYSTEM",
];
/** Everyone who reads the review: all but the audit group. */
const READERS = ALL.filter((r) => r !== "AUDIT_GROUP");
/** Those who run it: the business unit, the SCR subgroup and its lead reviewer. */
const RUNNERS: Role[] = ["BUSINESS_UNIT", "SCR_SUBGROUP", "REVIEWER"];
/** The audit group does not read the review: to it, it does not exist. */
const UNSEEN: Partial<Record<Role, Outcome>> = { AUDIT_GROUP: "NOT_FOUND" };

const leads = new WeakMap<Tenant, Promise<string>>();
/** The pool's reviewer the seeded REVIEWER signs in as: independent, trained (one per tenant). */
function leadReviewer(api: TestApi, t: Tenant): Promise<string> {
  const known = leads.get(t);
  if (known) return known;
  const person = t.seed.people.find((p) => p.roles.includes("REVIEWER"));
  const made = reviewerVia(api, t, { personId: person?.id });
  leads.set(t, made);
  return made;
}

/** A learning review, led by the seeded REVIEWER, commissioned or in progress. */
async function review(
  api: TestApi,
  t: Tenant,
  options: { inProgress?: boolean; over?: Record<string, unknown> } = {},
) {
  const r = await commissionVia(api, t, options.over);
  ok(
    await reviewMutation(api, t, "BUSINESS_UNIT", "appointPanelMember", "AppointPanelMemberInput", {
      id: r.id,
      role: "LEAD_REVIEWER",
      reviewerId: await leadReviewer(api, t),
    }),
  );
  if (options.inProgress !== false) await stepVia(api, t, r.id, "IN_PROGRESS");
  return { id: r.id, caseId: r.caseId };
}

/** §24 I: a near-miss review (the statutory regime of §26–29: no consent needed). */
const NEAR_MISS = { kind: "NEAR_MISS_REVIEW", ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD" };

/** A review with a finding, its draft report accepted (statutory: the family contacted). */
async function accepted(api: TestApi, t: Tenant, over?: Record<string, unknown>) {
  const r = await review(api, t, { over });
  await contactVia(api, t, r.id, r.caseId);
  await findingVia(api, t, r.id);
  await stepVia(api, t, r.id, "DRAFT_REPORT", "ACCEPTED");
  return r;
}

const publishInput = (t: Tenant, id: string) => ({
  id,
  publishedOn: today(),
  reportUrl: `${t.seed.partnership.website}/learning/${id}.pdf`,
  title: "Learning review: neglect of adolescents",
  summary: "What the board learnt",
});

async function published(api: TestApi, t: Tenant) {
  const r = await accepted(api, t);
  ok(
    await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "publishReview",
      "PublishReviewInput",
      publishInput(t, r.id),
      {
        versioned: true,
      },
    ),
  );
  return r;
}

/** §16, §38: an SCR published in full, as the catalogue may be offered. */
async function publishedScr(api: TestApi, t: Tenant) {
  const { reviewId, caseId } = await scrVia(api, t);
  await stepVia(api, t, reviewId, "IN_PROGRESS");
  await contactVia(api, t, reviewId, caseId);
  await findingVia(api, t, reviewId);
  await stepVia(api, t, reviewId, "DRAFT_REPORT", "ACCEPTED");
  ok(
    await reviewMutation(
      api,
      t,
      "INDEPENDENT_CHAIR",
      "publishReview",
      "PublishReviewInput",
      {
        ...publishInput(t, reviewId),
        title: "Serious case review: Child K",
        actionStatement: "Agencies will share missed appointments within a week",
      },
      { versioned: true },
    ),
  );
  return reviewId;
}

const OFFER = `mutation($input: OfferReviewToCatalogueInput!) { offerReviewToCatalogue(input: $input) { id version } }`;

/** Runs a review mutation with the caller's token (its version read by the business unit). */
async function asCaller(
  api: TestApi,
  t: Tenant,
  token: string,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  options: { versioned?: boolean; key?: boolean } = {},
) {
  const withVersion = options.versioned
    ? { ...input, expectedVersion: await versionOf(api, t, input.id as string) }
    : input;
  return api.gql(
    token,
    `mutation M($input: ${inputType}!${options.key ? ", $key: String" : ""}) { ${mutation}(input: $input${options.key ? ", idempotencyKey: $key" : ""}) { id } }`,
    { input: withVersion, ...(options.key ? { key: `k-${randomUUID()}` } : {}) },
  );
}

/** A fixture made once per tenant, for operations that only read. */
function once<T>(make: (api: TestApi, t: Tenant) => Promise<T>) {
  const made = new WeakMap<Tenant, Promise<T>>();
  return (api: TestApi, t: Tenant) => {
    const known = made.get(t);
    if (known) return known;
    const next = make(api, t);
    made.set(t, next);
    return next;
  };
}

/** A write of the matrix: its fixture, and the call made on it with the caller's token. */
interface WriteSpec<F> extends Omit<MatrixOperation, "run"> {
  make(api: TestApi, t: Tenant): Promise<F>;
  call(api: TestApi, t: Tenant, token: string, fixture: F): Promise<GqlResult>;
}

/**
 * A write whose fixture is made afresh for each role allowed (the call changes it), and once per
 * tenant for the roles refused and the anonymous caller: a refusal changes nothing, and were one
 * let through, its own cell fails.
 */
function write<F>(spec: WriteSpec<F>): MatrixOperation {
  const { make, call, ...op } = spec;
  const refused = once(make);
  return {
    ...op,
    run: async (api, t, token, role) => {
      const fixture =
        token && op.allowed.includes(role) ? await make(api, t) : await refused(api, t);
      return call(api, t, token, fixture);
    },
  };
}

/** A read-only fixture: a review in progress with a contribution asked of agency 0. */
const readable = once(async (api, t) => {
  const r = await review(api, t);
  const k = await requestVia(api, t, r.id, 0);
  return { ...r, contributionId: k.id };
});

/** §21–34, §38: reviews, the reviewer pool, contributions, families, findings, publication. */
export function REVIEW_OPERATIONS(): MatrixOperation[] {
  const finding = {
    title: "Referrals lost between teams",
    whatHappened: "Two referrals were not passed on",
    systemicPattern: "Two inboxes with no owner",
    evidence: "Case records",
    questionsForBoard: "Who owns the inboxes?",
  };
  return [
    {
      name: "list reviews",
      root: "reviews",
      allowed: READERS,
      run: async (api, t, token) => {
        await readable(api, t);
        return api.gql(token, `{ reviews(first: 5) { edges { node { id } } } }`);
      },
    },
    {
      name: "read a review",
      root: "review",
      allowed: READERS,
      denied: "NULL",
      value: (d) => d?.review?.id,
      run: async (api, t, token) => {
        const r = await readable(api, t);
        return api.gql(token, `query($id: ID!) { review(id: $id) { id } }`, { id: r.id });
      },
    },
    {
      name: "read a review's contacts with the family",
      root: "review",
      allowed: ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "BUSINESS_UNIT", "REVIEWER"],
      denied: "NULL",
      value: (d) => d?.review?.familyContacts,
      run: async (api, t, token) => {
        const r = await readable(api, t);
        return api.gql(token, `query($id: ID!) { review(id: $id) { familyContacts { id } } }`, {
          id: r.id,
        });
      },
    },
    write({
      name: "commission a review (§21, §24)",
      root: "commissionReview",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"],
      make: (api, t) => createCaseVia(api, t, [0, 1]),
      call: (api, t, token, c) =>
        asCaller(
          api,
          t,
          token,
          "commissionReview",
          "CommissionReviewInput",
          {
            kind: "STRATEGIC_REVIEW",
            ground: "STRATEGIC_BUSINESS_PLAN",
            title: "Audit of cases: neglect strategy",
            caseIds: [c.id],
            participatingAgencyIds: [t.agencyIds[0]],
            commissionedOn: today(),
            targetDate: daysFromToday(120),
          },
          { key: true },
        ),
    }),
    write({
      name: "update a review's details",
      root: "updateReview",
      allowed: RUNNERS,
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "updateReview",
          "UpdateReviewInput",
          { id: r.id, termsOfReference: "How agencies worked together" },
          { versioned: true },
        ),
    }),
    write({
      name: "start a review",
      root: "transitionReview",
      allowed: RUNNERS,
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t, { inProgress: false }),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "transitionReview",
          "TransitionReviewInput",
          { id: r.id, to: "IN_PROGRESS", on: today() },
          { versioned: true },
        ),
    }),
    write({
      name: "accept a review's draft report",
      root: "transitionReview",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"],
      deniedFor: UNSEEN,
      make: async (api, t) => {
        const r = await review(api, t);
        await findingVia(api, t, r.id);
        await stepVia(api, t, r.id, "DRAFT_REPORT");
        return r;
      },
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "transitionReview",
          "TransitionReviewInput",
          { id: r.id, to: "ACCEPTED", on: today() },
          { versioned: true },
        ),
    }),
    write({
      name: "add a review milestone",
      root: "addReviewMilestone",
      allowed: RUNNERS,
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t),
      call: (api, t, token, r) =>
        asCaller(api, t, token, "addReviewMilestone", "AddReviewMilestoneInput", {
          id: r.id,
          name: "Practitioner event",
          dueDate: daysFromToday(30),
        }),
    }),
    write({
      name: "complete a review milestone",
      root: "updateReviewMilestone",
      allowed: RUNNERS,
      deniedFor: UNSEEN,
      make: async (api, t) => {
        const r = await review(api, t);
        ok(
          await reviewMutation(
            api,
            t,
            "BUSINESS_UNIT",
            "addReviewMilestone",
            "AddReviewMilestoneInput",
            { id: r.id, name: "Terms agreed", dueDate: daysFromToday(10) },
          ),
        );
        return `${r.id}:1`;
      },
      call: (api, t, token, milestoneId) =>
        asCaller(api, t, token, "updateReviewMilestone", "UpdateReviewMilestoneInput", {
          id: milestoneId,
          expectedVersion: 1,
          completedOn: today(),
        }),
    }),
    write({
      name: "add a case to a review (§30)",
      root: "addReviewCase",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP"],
      deniedFor: UNSEEN,
      make: async (api, t) => ({
        ...(await review(api, t)),
        other: (await createCaseVia(api, t, [0, 2])).id,
      }),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "addReviewCase",
          "AddReviewCaseInput",
          { id: r.id, caseId: r.other, reason: "A second example of the theme" },
          { versioned: true },
        ),
    }),
    write({
      name: "swap a review's case for an alternative (§31)",
      root: "swapReviewCase",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP"],
      deniedFor: UNSEEN,
      make: async (api, t) => ({
        ...(await review(api, t)),
        other: (await createCaseVia(api, t, [0, 2])).id,
      }),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "swapReviewCase",
          "SwapReviewCaseInput",
          {
            id: r.id,
            caseId: r.caseId,
            alternativeCaseId: r.other,
            reason: "The family did not reply",
          },
          { versioned: true },
        ),
    }),
    write({
      name: "appoint a review's panel member (§23)",
      root: "appointPanelMember",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP"],
      deniedFor: UNSEEN,
      make: async (api, t) => ({ ...(await review(api, t)), reviewer: await reviewerVia(api, t) }),
      call: (api, t, token, r) =>
        asCaller(api, t, token, "appointPanelMember", "AppointPanelMemberInput", {
          id: r.id,
          role: "CO_REVIEWER",
          reviewerId: r.reviewer,
        }),
    }),
    write({
      name: "record a contact with a family member (§27, §30)",
      root: "recordFamilyContact",
      allowed: ["BUSINESS_UNIT", "REVIEWER"],
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t),
      call: (api, t, token, r) =>
        asCaller(api, t, token, "recordFamilyContact", "FamilyContactInput", {
          id: r.id,
          caseId: r.caseId,
          familyMember: "Mother",
          on: today(),
          method: "LETTER",
          outcome: "Letter sent explaining the review",
          purposeExplained: true,
        }),
    }),
    write({
      name: "record a family member's consent (§30–32)",
      root: "recordConsent",
      allowed: ["BUSINESS_UNIT", "REVIEWER"],
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t),
      call: (api, t, token, r) =>
        asCaller(api, t, token, "recordConsent", "ConsentInput", {
          id: r.id,
          caseId: r.caseId,
          familyMember: "Mother",
          status: "REFUSED",
          on: today(),
        }),
    }),
    write({
      name: "attach an agency's records of a case (§28)",
      root: "attachCaseRecords",
      allowed: ["BUSINESS_UNIT", "REVIEWER", "AGENCY_LEAD"],
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t, { over: NEAR_MISS }),
      call: (api, t, token, r) =>
        asCaller(api, t, token, "attachCaseRecords", "AttachCaseRecordsInput", {
          id: r.id,
          caseId: r.caseId,
          agencyId: t.agencyIds[0],
          description: "Case file summary",
        }),
    }),
    write({
      name: "share a review's information at its end (§29, §32)",
      root: "shareReviewInformation",
      allowed: ["BUSINESS_UNIT"],
      deniedFor: UNSEEN,
      make: (api, t) => accepted(api, t, NEAR_MISS),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "shareReviewInformation",
          "ShareReviewInformationInput",
          { id: r.id },
          { versioned: true },
        ),
    }),
    write({
      name: "record a review's finding (§5–6)",
      root: "addReviewFinding",
      allowed: RUNNERS,
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "addReviewFinding",
          "AddReviewFindingInput",
          { id: r.id, ...finding },
          { key: true },
        ),
    }),
    write({
      name: "make a recommendation from a finding (§35)",
      root: "createRecommendationFromFinding",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP"],
      deniedFor: UNSEEN,
      make: async (api, t) => {
        const r = await review(api, t);
        const f = await findingVia(api, t, r.id);
        await stepVia(api, t, r.id, "DRAFT_REPORT");
        return f.id;
      },
      call: (api, t, token, findingId) =>
        asCaller(
          api,
          t,
          token,
          "createRecommendationFromFinding",
          "RecommendationFromFindingInput",
          {
            id: findingId,
            text: "Give the inboxes an owner",
            owningAgencyId: t.agencyIds[0],
            priority: "HIGH",
            madeOn: today(),
            targetDate: daysFromToday(90),
          },
          { key: true },
        ),
    }),
    write({
      name: "offer a published SCR to the national catalogue (§16, §38)",
      root: "offerReviewToCatalogue",
      allowed: ["BUSINESS_UNIT"],
      make: publishedScr,
      call: (api, _t, token, reviewId) =>
        api.gql(token, OFFER, { input: { reviewId, themes: ["neglect"] } }),
    }),
    {
      name: "list the offers to the national catalogue (§16)",
      root: "catalogueOffers",
      allowed: ["CATALOGUE_EDITOR"],
      run: (api, _t, token) =>
        api.gql(token, `{ catalogueOffers(first: 5) { edges { node { id } } } }`),
    },
    write({
      name: "accept an offer into the national catalogue (§16)",
      root: "acceptCatalogueOffer",
      allowed: ["CATALOGUE_EDITOR"],
      make: async (api, t) => {
        const reviewId = await publishedScr(api, t);
        const res = await api.gql<{ offerReviewToCatalogue: { id: string } }>(
          await t.token("BUSINESS_UNIT"),
          OFFER,
          { input: { reviewId, themes: ["neglect"] } },
        );
        return ok(res).offerReviewToCatalogue.id;
      },
      call: (api, _t, token, id) =>
        api.gql(
          token,
          `mutation($input: AcceptCatalogueOfferInput!) { acceptCatalogueOffer(input: $input) { id status digest { id } } }`,
          { input: { id, expectedVersion: 1 } },
        ),
    }),
    write({
      name: "publish a review (§33–34)",
      root: "publishReview",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"],
      deniedFor: UNSEEN,
      make: (api, t) => accepted(api, t),
      call: (api, t, token, r) =>
        asCaller(api, t, token, "publishReview", "PublishReviewInput", publishInput(t, r.id), {
          versioned: true,
        }),
    }),
    write({
      name: "withhold a review's publication (§33)",
      root: "withholdPublication",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"],
      deniedFor: UNSEEN,
      make: (api, t) => accepted(api, t),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "withholdPublication",
          "WithholdPublicationInput",
          {
            id: r.id,
            decision: "DELAY",
            legalReason: "Criminal proceedings under way",
            reconsiderOn: daysFromToday(90),
            on: today(),
          },
          { versioned: true },
        ),
    }),
    write({
      name: "withdraw a publication (§33)",
      root: "withdrawPublication",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"],
      deniedFor: UNSEEN,
      make: (api, t) => published(api, t),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "withdrawPublication",
          "WithdrawPublicationInput",
          {
            id: r.id,
            on: today(),
            reason: "A court order",
            legalReason: "Reporting restriction ordered by the family court",
          },
          { versioned: true },
        ),
    }),
    {
      name: "list the reviewer pool (§23)",
      root: "reviewers",
      allowed: ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "BUSINESS_UNIT"],
      run: (api, _t, token) => api.gql(token, `{ reviewers(first: 5) { edges { node { id } } } }`),
    },
    {
      name: "read a reviewer (the board; the reviewer their own)",
      root: "reviewer",
      allowed: ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "BUSINESS_UNIT", "REVIEWER"],
      denied: "NULL",
      // Not among the operations a partner system may be registered for.
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.reviewer?.id,
      run: async (api, t, token) =>
        api.gql(token, `query($id: ID!) { reviewer(id: $id) { id } }`, {
          id: await leadReviewer(api, t),
        }),
    },
    write({
      name: "add a reviewer to the pool (§23)",
      root: "createReviewer",
      allowed: ["BUSINESS_UNIT"],
      make: async () => null,
      call: (api, t, token) =>
        asCaller(
          api,
          t,
          token,
          "createReviewer",
          "CreateReviewerInput",
          { name: "An Independent Reviewer", kind: "INDEPENDENT" },
          { key: true },
        ),
    }),
    write({
      name: "record a reviewer's training (§23)",
      root: "recordReviewerTraining",
      allowed: ["BUSINESS_UNIT"],
      make: (api, t) => reviewerVia(api, t, { trained: "NONE" }),
      call: (api, t, token, reviewerId) =>
        asCaller(api, t, token, "recordReviewerTraining", "ReviewerTrainingInput", {
          id: reviewerId,
          course: "Learning Together",
          completedOn: daysFromToday(-5),
          expiresOn: daysFromToday(700),
        }),
    }),
    {
      name: "list contribution requests (§28)",
      root: "contributionRequests",
      allowed: [
        "INDEPENDENT_CHAIR",
        "SCR_SUBGROUP",
        "BUSINESS_UNIT",
        "AGENCY_LEAD",
        "PRACTITIONER",
        "PARTNER_SYSTEM",
      ],
      run: async (api, t, token) => {
        await readable(api, t);
        return api.gql(token, `{ contributionRequests(first: 5) { edges { node { id } } } }`);
      },
    },
    {
      name: "read a contribution request of the caller's agency (§28)",
      root: "contribution",
      allowed: [
        "INDEPENDENT_CHAIR",
        "SCR_SUBGROUP",
        "BUSINESS_UNIT",
        "AGENCY_LEAD",
        "PRACTITIONER",
        "PARTNER_SYSTEM",
        "REVIEWER",
      ],
      denied: "NULL",
      value: (d) => d?.contribution?.id,
      run: async (api, t, token) => {
        const r = await readable(api, t);
        return api.gql(token, `query($id: ID!) { contribution(id: $id) { id } }`, {
          id: r.contributionId,
        });
      },
    },
    write({
      name: "ask an agency for a contribution (§28)",
      root: "requestContribution",
      allowed: RUNNERS,
      deniedFor: UNSEEN,
      make: (api, t) => review(api, t),
      call: (api, t, token, r) =>
        asCaller(
          api,
          t,
          token,
          "requestContribution",
          "RequestContributionInput",
          {
            id: r.id,
            agencyId: t.agencyIds[0],
            kind: "AGENCY_REPORT",
            request: "Your agency's report",
            dueDate: daysFromToday(21),
          },
          { key: true },
        ),
    }),
    write({
      name: "answer the caller's agency's contribution request (§28)",
      root: "submitContribution",
      allowed: ["AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      // Those who do not read the request are told it does not exist.
      deniedFor: { AUDIT_GROUP: "NOT_FOUND", BOARD_MEMBER: "NOT_FOUND" },
      make: async (api, t) => (await requestVia(api, t, (await review(api, t)).id, 0)).id,
      call: (api, t, token, contributionId) =>
        asCaller(
          api,
          t,
          token,
          "submitContribution",
          "SubmitContributionInput",
          { id: contributionId, content: "Our chronology" },
          { key: true },
        ),
    }),
    write({
      name: "accept an agency's contribution (§28)",
      root: "reviewContribution",
      allowed: RUNNERS,
      deniedFor: { AUDIT_GROUP: "NOT_FOUND", BOARD_MEMBER: "NOT_FOUND" },
      make: async (api, t) => {
        const k = await requestVia(api, t, (await review(api, t)).id, 0);
        ok(
          await api.gql(
            await t.token("AGENCY_LEAD", 0),
            `mutation($input: SubmitContributionInput!) { submitContribution(input: $input) { id } }`,
            { input: { id: k.id, content: "Our chronology" } },
          ),
        );
        return k.id;
      },
      call: (api, t, token, contributionId) =>
        asCaller(api, t, token, "reviewContribution", "ReviewContributionInput", {
          id: contributionId,
          expectedVersion: 2,
          outcome: "ACCEPTED",
        }),
    }),
    {
      name: "search published learning (§33–34)",
      root: "publishedLearning",
      allowed: ALL,
      anonymous: "ALLOW",
      run: (api, t, token) =>
        api.gql(
          token,
          `query($code: String!) { publishedLearning(partnership: $code, filter: { search: "learning" }) { edges { node { id title } } } }`,
          { code: t.code },
        ),
    },
    {
      name: "read the annual report's learning (§34)",
      root: "annualReport",
      allowed: ALL,
      run: (api, _t, token) =>
        api.gql(token, `{ annualReport(year: 2026) { edges { node { id summary } } } }`),
    },
  ];
}
