import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { runOverdueJob } from "../../src/services/overdue-job";
import {
  codes,
  createCaseVia,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import { DECIDE, recommendVia, submitVia } from "../helpers/notifications";
import {
  commissionVia,
  daysFromToday,
  findingVia,
  ok,
  REVIEW_FIELDS,
  requestVia,
  reviewerVia,
  reviewMutation,
  scrVia,
  stepVia,
  today,
  versionOf,
} from "../helpers/reviews";

let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
});

const REVIEW = `query R($id: ID!) { review(id: $id) { ${REVIEW_FIELDS} notification { id status } } }`;

describe("the review a Chair's decision commissions (§18–21)", () => {
  it("§18–19: an SCR decision creates the review in the same transaction, targeted six months on", async () => {
    const { reviewId, notificationId, caseId } = await scrVia(api, t);
    const res = ok(
      await api.gql<{
        review: {
          kind: string;
          status: string;
          targetDate: string;
          familyRegime: string;
          cases: { id: string }[];
          participatingAgencies: { id: string }[];
          notification: { id: string; status: string };
        };
      }>(await t.token("INDEPENDENT_CHAIR"), REVIEW, { id: reviewId }),
    );
    expect(res.review).toMatchObject({
      kind: "SERIOUS_CASE_REVIEW",
      status: "COMMISSIONED",
      familyRegime: "STATUTORY",
      notification: { id: notificationId, status: "DECIDED" },
      cases: [{ id: caseId }],
    });
    const [y, m, d] = today().split("-").map(Number) as [number, number, number];
    const six = new Date(Date.UTC(y, m - 1 + 6, 1));
    const last = new Date(Date.UTC(six.getUTCFullYear(), six.getUTCMonth() + 1, 0)).getUTCDate();
    expect(res.review.targetDate).toBe(
      `${six.getUTCFullYear()}-${String(six.getUTCMonth() + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`,
    );
    // §18: the agencies concerned (the notifier, those named, the case's) take part.
    expect(res.review.participatingAgencies.map((a) => a.id).sort()).toEqual(
      [t.agencyIds[0], t.agencyIds[1]].sort(),
    );
  });

  it("§18–21: a decision that fails writes neither the decision nor a review", async () => {
    const n = await submitVia(api, t, "II");
    const version = await recommendVia(api, t, n.id, n.decisionVersion);
    // §19: category II requires an SCR: refused, nothing written.
    const refused = await api.gql(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
      input: {
        id: n.id,
        expectedVersion: version,
        outcome: "OTHER_REVIEW",
        reasons: "r",
        otherReview: { ground: "POTENTIAL_FOR_LEARNING", method: "Learning Together" },
      },
    });
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    const list = ok(
      await api.gql<{ reviews: { edges: { node: { notification: { id: string } | null } }[] } }>(
        await t.token("BUSINESS_UNIT"),
        `{ reviews(first: 100) { edges { node { notification { id } } } } }`,
      ),
    );
    expect(list.reviews.edges.filter((e) => e.node.notification?.id === n.id)).toHaveLength(0);
  });

  it("§21, §24: another review decided names its ground and method, and the kind asked for", async () => {
    const n = await submitVia(api, t, "IV");
    const version = await recommendVia(api, t, n.id, n.decisionVersion);
    const decided = ok(
      await api.gql<{
        decideReview: {
          decision: { reviewId: string; review: { kind: string; ground: string; method: string } };
        };
      }>(
        await t.token("INDEPENDENT_CHAIR"),
        `mutation D($input: DecideReviewInput!) { decideReview(input: $input) { decision { reviewId review { kind ground method } } } }`,
        {
          input: {
            id: n.id,
            expectedVersion: version,
            outcome: "OTHER_REVIEW",
            reasons: "Below the threshold; learning likely",
            causeForConcernAboutWorkingTogether: false,
            section20: {
              natureOfHarm: "a",
              evidenceOfConcernAboutServices: "b",
              publicConfidence: "c",
              likelihoodOfAdditionalLearning: "d",
              otherMethodsWouldAchieveLearning: "e",
            },
            otherReview: {
              ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
              method: "SCIE Learning Together (quick review)",
              kind: "NEAR_MISS_REVIEW",
            },
          },
        },
      ),
    );
    expect(decided.decideReview.decision.review).toEqual({
      kind: "NEAR_MISS_REVIEW",
      ground: "NEAR_MISS_OR_HARM_BELOW_THRESHOLD",
      method: "SCIE Learning Together (quick review)",
    });
  });

  it("§18: an SCR is held only on the Chair's decision, never commissioned directly", async () => {
    const res = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "commissionReview",
      "CommissionReviewInput",
      {
        kind: "SERIOUS_CASE_REVIEW",
        ground: "POTENTIAL_FOR_LEARNING",
        title: "x",
        commissionedOn: today(),
        targetDate: daysFromToday(30),
      },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.kind");
  });
});

describe("the lifecycle", () => {
  it("§21–34: enforces the allowed transitions (published or withheld only by §33's own operations) and records each step", async () => {
    const r = await commissionVia(api, t);
    // Agencies take part in a review; they do not run it.
    const jump = await reviewMutation(
      api,
      t,
      "AGENCY_LEAD",
      "transitionReview",
      "TransitionReviewInput",
      { id: r.id, to: "IN_PROGRESS", on: today() },
      { versioned: true },
    );
    expect(codes(jump)).toEqual(["FORBIDDEN"]);
    const skip = await reviewMutation(
      api,
      t,
      "INDEPENDENT_CHAIR",
      "transitionReview",
      "TransitionReviewInput",
      { id: r.id, to: "ACCEPTED", on: today() },
      { versioned: true },
    );
    expect(codes(skip)).toEqual(["BAD_USER_INPUT"]);
    await stepVia(api, t, r.id, "IN_PROGRESS");
    // §5–6: a draft report records its findings first.
    const early = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "transitionReview",
      "TransitionReviewInput",
      { id: r.id, to: "DRAFT_REPORT", on: today() },
      { versioned: true },
    );
    expect(codes(early)).toEqual(["BAD_USER_INPUT"]);
    await findingVia(api, t, r.id);
    await stepVia(api, t, r.id, "DRAFT_REPORT", "ACCEPTED");
    const events = ok(
      await api.gql<{ review: { status: string; events: { from: string | null; to: string }[] } }>(
        await t.token("BUSINESS_UNIT"),
        `query($id: ID!) { review(id: $id) { status events { from to } } }`,
        { id: r.id },
      ),
    );
    expect(events.review.status).toBe("ACCEPTED");
    expect(events.review.events.map((e) => e.to)).toEqual([
      "IN_PROGRESS",
      "DRAFT_REPORT",
      "ACCEPTED",
    ]);
    // §33: published (or withheld) only through publishReview or withholdPublication.
    const published = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "transitionReview",
      "TransitionReviewInput",
      { id: r.id, to: "PUBLISHED", on: today() },
      { versioned: true },
    );
    expect(codes(published)).toEqual(["BAD_USER_INPUT"]);
    expect(published.errors?.[0]?.extensions?.field).toBe("input.to");
  });

  it("§27: an SCR goes to draft report only once the family's involvement was sought", async () => {
    const { reviewId, caseId } = await scrVia(api, t);
    await stepVia(api, t, reviewId, "IN_PROGRESS");
    await findingVia(api, t, reviewId);
    const refused = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "transitionReview",
      "TransitionReviewInput",
      { id: reviewId, to: "DRAFT_REPORT", on: today() },
      { versioned: true },
    );
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(refused.errors?.[0]?.message).toMatch(/§27/);
    ok(
      await reviewMutation(api, t, "BUSINESS_UNIT", "recordFamilyContact", "FamilyContactInput", {
        id: reviewId,
        caseId,
        familyMember: "Father",
        on: today(),
        method: "LETTER",
        outcome: "No reply",
      }),
    );
    await stepVia(api, t, reviewId, "DRAFT_REPORT");
  });
});

describe("§23: the reviewer pool and the panel", () => {
  it("§23: an untrained reviewer is refused as an SCR's lead, saying why", async () => {
    const { reviewId } = await scrVia(api, t);
    const untrained = await reviewerVia(api, t, { trained: "EXPIRED" });
    const res = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "appointPanelMember",
      "AppointPanelMemberInput",
      {
        id: reviewId,
        role: "LEAD_REVIEWER",
        reviewerId: untrained,
      },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.field).toBe("input.reviewerId");
    expect(res.errors?.[0]?.message).toMatch(/§23.*no current training.*expired 2023-01-10/);
  });

  it("§23: a reviewer employed by an agency involved in a case under review is refused as not independent", async () => {
    const { reviewId } = await scrVia(api, t);
    // The SCR's case involves agencies 0 and 1.
    const fromAgency1 = await reviewerVia(api, t, { agencyIndex: 1 });
    const res = await reviewMutation(
      api,
      t,
      "SCR_SUBGROUP",
      "appointPanelMember",
      "AppointPanelMemberInput",
      {
        id: reviewId,
        role: "LEAD_REVIEWER",
        reviewerId: fromAgency1,
      },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.message).toMatch(/§23: not independent/);
    // The same agency's representative sits on the panel as a member.
    const lead = t.seed.people.find(
      (p) => p.agencyId === t.agencyIds[1] && p.roles.includes("AGENCY_LEAD"),
    );
    ok(
      await reviewMutation(
        api,
        t,
        "SCR_SUBGROUP",
        "appointPanelMember",
        "AppointPanelMemberInput",
        {
          id: reviewId,
          role: "PANEL_MEMBER",
          personId: lead?.id,
        },
      ),
    );
  });

  it("§23: a trained reviewer from an uninvolved agency leads; the panel and its roles are recorded", async () => {
    const { reviewId } = await scrVia(api, t);
    const lead = await reviewerVia(api, t, { agencyIndex: 3 });
    const co = await reviewerVia(api, t);
    for (const [role, reviewerId] of [
      ["LEAD_REVIEWER", lead],
      ["CO_REVIEWER", co],
    ])
      ok(
        await reviewMutation(
          api,
          t,
          "BUSINESS_UNIT",
          "appointPanelMember",
          "AppointPanelMemberInput",
          {
            id: reviewId,
            role,
            reviewerId,
          },
        ),
      );
    const res = ok(
      await api.gql<{
        review: {
          leadReviewer: { id: string; trainingCurrent: boolean };
          panel: { role: string; reviewer: { id: string }; agency: { id: string } | null }[];
        };
      }>(
        await t.token("BUSINESS_UNIT"),
        `query($id: ID!) { review(id: $id) { leadReviewer { id trainingCurrent } panel { role reviewer { id } agency { id } } } }`,
        { id: reviewId },
      ),
    );
    expect(res.review.leadReviewer).toEqual({ id: lead, trainingCurrent: true });
    expect(res.review.panel).toEqual([
      { role: "LEAD_REVIEWER", reviewer: { id: lead }, agency: { id: t.agencyIds[3] } },
      { role: "CO_REVIEWER", reviewer: { id: co }, agency: null },
    ]);
    // §23: a case involving the lead's agency cannot join: they would no longer be independent.
    const theirs = await createCaseVia(api, t, [3]);
    const added = await reviewMutation(
      api,
      t,
      "BUSINESS_UNIT",
      "addReviewCase",
      "AddReviewCaseInput",
      { id: reviewId, caseId: theirs.id, reason: "Sibling" },
      { versioned: true },
    );
    expect(codes(added)).toEqual(["BAD_USER_INPUT"]);
    expect(added.errors?.[0]?.message).toMatch(/§23/);
  });
});

describe("§28: contributions", () => {
  it("§28: an agency never sees another agency's contribution requests, on any path", async () => {
    const r = await commissionVia(api, t);
    await stepVia(api, t, r.id, "IN_PROGRESS");
    const mine = await requestVia(api, t, r.id, 0);
    const theirs = await requestVia(api, t, r.id, 1);
    const lead0 = await t.token("AGENCY_LEAD", 0);
    // In the review, only its own.
    const inReview = ok(
      await api.gql<{ review: { contributions: { id: string }[] } }>(
        lead0,
        `query($id: ID!) { review(id: $id) { contributions { id } } }`,
        { id: r.id },
      ),
    );
    expect(inReview.review.contributions.map((k) => k.id)).toEqual([mine.id]);
    // By id: another agency's is null, exactly like one that does not exist.
    const byId = await api.gql<{ a: unknown; b: unknown }>(
      lead0,
      `query($a: ID!, $b: ID!) { a: contribution(id: $a) { id } b: contribution(id: $b) { id } }`,
      { a: theirs.id, b: `${r.id}:999` },
    );
    expect(byId.errors).toBeUndefined();
    expect(byId.data).toEqual({ a: null, b: null });
    // Their list: only its own; asking for another agency's is FORBIDDEN.
    const listed = ok(
      await api.gql<{ contributionRequests: { edges: { node: { id: string } }[] } }>(
        lead0,
        `{ contributionRequests(first: 100) { edges { node { id } } } }`,
      ),
    );
    expect(listed.contributionRequests.edges.map((e) => e.node.id)).toContain(mine.id);
    expect(listed.contributionRequests.edges.map((e) => e.node.id)).not.toContain(theirs.id);
    const other = await api.gql(
      lead0,
      `query($a: ID) { contributionRequests(filter: { agencyId: $a }) { edges { node { id } } } }`,
      { a: t.agencyIds[1] },
    );
    expect(codes(other)).toEqual(["FORBIDDEN"]);
    // Answering another agency's: NOT_FOUND, as for an id that does not exist.
    for (const id of [theirs.id, `${r.id}:999`]) {
      const answered = await api.gql(
        await t.token("PARTNER_SYSTEM", 0),
        `mutation($input: SubmitContributionInput!, $key: String) { submitContribution(input: $input, idempotencyKey: $key) { id } }`,
        { input: { id, content: "Our chronology" }, key: `s-${randomUUID()}` },
      );
      expect(codes(answered)).toEqual(["NOT_FOUND"]);
    }
    // The lead reviewer and the board see all.
    const board = ok(
      await api.gql<{ review: { contributions: { id: string }[] } }>(
        await t.token("SCR_SUBGROUP"),
        `query($id: ID!) { review(id: $id) { contributions { id } } }`,
        { id: r.id },
      ),
    );
    expect(board.review.contributions.map((k) => k.id)).toEqual([mine.id, theirs.id]);
  });

  it("§28: a partner system submits once per idempotency key; the reviewer returns it with questions", async () => {
    const { reviewId } = await scrVia(api, t);
    await stepVia(api, t, reviewId, "IN_PROGRESS");
    const k = await requestVia(api, t, reviewId, 0);
    const ps = await t.token("PARTNER_SYSTEM", 0);
    const submit = (key: string | null) =>
      api.gql<{ submitContribution: { id: string; status: string; submissionCount: number } }>(
        ps,
        `mutation($input: SubmitContributionInput!, $key: String) { submitContribution(input: $input, idempotencyKey: $key) { id status submissionCount } }`,
        { input: { id: k.id, content: "Chronology: 12 contacts since 2024" }, key },
      );
    expect(codes(await submit(null))).toEqual(["BAD_USER_INPUT"]);
    const key = `sub-${randomUUID()}`;
    const first = ok(await submit(key));
    const again = ok(await submit(key));
    expect(first.submitContribution).toEqual({ id: k.id, status: "SUBMITTED", submissionCount: 1 });
    expect(again.submitContribution).toEqual(first.submitContribution);
    // A new key is a new submission, refused while one awaits review.
    expect(codes(await submit(`sub-${randomUUID()}`))).toEqual(["CONFLICT"]);
    const returned = ok(
      await api.gql<{ reviewContribution: { status: string; dueDate: string } }>(
        await t.token("BUSINESS_UNIT"),
        `mutation($input: ReviewContributionInput!) { reviewContribution(input: $input) { status dueDate } }`,
        {
          input: {
            id: k.id,
            expectedVersion: 2,
            outcome: "RETURNED_WITH_QUESTIONS",
            questions: "What happened after the March referral?",
            dueDate: daysFromToday(21),
          },
        },
      ),
    );
    expect(returned.reviewContribution).toEqual({
      status: "RETURNED_WITH_QUESTIONS",
      dueDate: daysFromToday(21),
    });
    expect(ok(await submit(`sub-${randomUUID()}`)).submitContribution.submissionCount).toBe(2);
  });
});

describe("§5–6, §35, §37: findings and their recommendations", () => {
  it("§5–6: a finding says what happened and why as a pattern of the system, with evidence and questions for the board", async () => {
    const tenant = await newTenant(api);
    const r = await commissionVia(api, tenant);
    // Not before the review is under way.
    expect(
      codes(
        await api.gql(
          await tenant.token("BUSINESS_UNIT"),
          `mutation($input: AddReviewFindingInput!) { addReviewFinding(input: $input) { id } }`,
          {
            input: {
              id: r.id,
              title: "t",
              whatHappened: "w",
              systemicPattern: "s",
              evidence: "e",
              questionsForBoard: "q",
            },
          },
        ),
      ),
    ).toEqual(["CONFLICT"]);
    await stepVia(api, tenant, r.id, "IN_PROGRESS");
    // §6: the why is required: a finding without the systemic pattern is refused, by field.
    const noWhy = await api.gql(
      await tenant.token("BUSINESS_UNIT"),
      `mutation($input: AddReviewFindingInput!) { addReviewFinding(input: $input) { id } }`,
      {
        input: {
          id: r.id,
          title: "Health left out",
          whatHappened: "Health were not invited",
          systemicPattern: "   ",
          evidence: "Minutes",
          questionsForBoard: "How will the board know?",
        },
      },
    );
    expect(codes(noWhy)).toEqual(["BAD_USER_INPUT"]);
    expect(noWhy.errors?.[0]?.extensions?.field).toBe("input.systemicPattern");
    const f = await findingVia(api, tenant, r.id);
    const read = ok(
      await api.gql<{ review: { findings: Record<string, unknown>[] } }>(
        await tenant.token("PRACTITIONER", 0),
        `query($id: ID!) { review(id: $id) { findings { id title whatHappened systemicPattern evidence questionsForBoard } } }`,
        { id: r.id },
      ),
    );
    expect(read.review.findings).toEqual([
      {
        id: f.id,
        title: "Strategy discussions left out health",
        whatHappened: "Health were not invited to two strategy discussions",
        systemicPattern: "The referral form has no field for health involvement",
        evidence: "Minutes of the strategy discussions; practitioner event",
        questionsForBoard: "How will the board know health are invited?",
      },
    ]);
  });

  it("§35, §37: a recommendation made from a finding is tracked, linked both ways, and counted under its review's kind", async () => {
    const tenant = await newTenant(api);
    const r = await commissionVia(api, tenant);
    await stepVia(api, tenant, r.id, "IN_PROGRESS");
    const f = await findingVia(api, tenant, r.id);
    const input = {
      id: f.id,
      text: "Add a health field to the strategy discussion referral form",
      owningAgencyId: tenant.agencyIds[0],
      priority: "HIGH",
      madeOn: today(),
      targetDate: daysFromToday(90),
    };
    const RECOMMEND_FROM = `mutation($input: RecommendationFromFindingInput!, $key: String) { createRecommendationFromFinding(input: $input, idempotencyKey: $key) { id status finding source { kind activityId title } sourceFinding { id } } }`;
    const bu = await tenant.token("BUSINESS_UNIT");
    // §35: made from the draft report on, not while the findings are still being gathered.
    expect(codes(await api.gql(bu, RECOMMEND_FROM, { input }))).toEqual(["CONFLICT"]);
    await stepVia(api, tenant, r.id, "DRAFT_REPORT");
    const key = `rf-${randomUUID()}`;
    const made = ok(
      await api.gql<{
        createRecommendationFromFinding: {
          id: string;
          status: string;
          finding: string;
          source: { kind: string; activityId: string };
          sourceFinding: { id: string };
        };
      }>(bu, RECOMMEND_FROM, { input, key }),
    ).createRecommendationFromFinding;
    expect(made).toMatchObject({
      status: "PROPOSED",
      finding: "Strategy discussions left out health",
      source: { kind: "LEARNING_REVIEW", activityId: r.id },
      sourceFinding: { id: f.id },
    });
    // A retry with the same key makes nothing more.
    const again = ok(
      await api.gql<{ createRecommendationFromFinding: { id: string } }>(bu, RECOMMEND_FROM, {
        input,
        key,
      }),
    );
    expect(again.createRecommendationFromFinding.id).toBe(made.id);
    // Linked both ways, and tracked with the other recommendations (the owner sees it).
    const linked = ok(
      await api.gql<{
        review: { findings: { recommendations: { id: string }[] }[] };
        recommendation: { id: string; sourceFinding: { id: string } };
      }>(
        await tenant.token("AGENCY_LEAD", 0),
        `query($r: ID!, $k: ID!) { review(id: $r) { findings { recommendations { id } } } recommendation(id: $k) { id sourceFinding { id } } }`,
        { r: r.id, k: made.id },
      ),
    );
    expect(linked.review.findings).toEqual([{ recommendations: [{ id: made.id }] }]);
    expect(linked.recommendation.sourceFinding).toEqual({ id: f.id });
    // §37: the effectiveness figures count it under the review's kind.
    const figures = ok(
      await api.gql<{
        learningEffectiveness: { byKind: { sourceKind: string; recommendations: number }[] };
      }>(
        await tenant.token("BOARD_MEMBER"),
        `query($f: LocalDate!, $t: LocalDate!) { learningEffectiveness(from: $f, to: $t) { byKind { sourceKind recommendations } } }`,
        { f: daysFromToday(-30), t: today() },
      ),
    );
    const counted = Object.fromEntries(
      figures.learningEffectiveness.byKind.map((k) => [k.sourceKind, k.recommendations]),
    );
    expect(counted).toMatchObject({ LEARNING_REVIEW: 1, SERIOUS_CASE_REVIEW: 0 });
  });
});

describe("the overdue job", () => {
  it("§18–20, §28, §33: the overdue job picks up late milestones, late contributions, reviews past target and publication reconsider dates", async () => {
    const tenant = await newTenant(api);
    const r = await commissionVia(api, tenant, { targetDate: daysFromToday(20) });
    await stepVia(api, tenant, r.id, "IN_PROGRESS");
    ok(
      await reviewMutation(
        api,
        tenant,
        "BUSINESS_UNIT",
        "addReviewMilestone",
        "AddReviewMilestoneInput",
        {
          id: r.id,
          name: "Chronologies in",
          dueDate: daysFromToday(5),
        },
      ),
    );
    const k = await requestVia(api, tenant, r.id, 1, { dueDate: daysFromToday(3) });
    // A delayed publication of another review, reconsidered in ten days.
    const w = await commissionVia(api, tenant);
    await stepVia(api, tenant, w.id, "IN_PROGRESS");
    await findingVia(api, tenant, w.id);
    await stepVia(api, tenant, w.id, "DRAFT_REPORT", "ACCEPTED");
    ok(
      await reviewMutation(
        api,
        tenant,
        "INDEPENDENT_CHAIR",
        "withholdPublication",
        "WithholdPublicationInput",
        {
          id: w.id,
          decision: "DELAY",
          legalReason: "Criminal proceedings pending",
          reconsiderOn: daysFromToday(10),
          on: today(),
        },
        { versioned: true },
      ),
    );
    // Nothing is late today.
    const now = await runOverdueJob(api.store, new Date());
    expect(now.lateMilestones + now.lateContributions).toBeGreaterThanOrEqual(0);
    const later = new Date(Date.now() + 30 * 86_400_000);
    await runOverdueJob(api.store, later);
    const summaries = ok(
      await api.gql<{
        overdueSummaries: {
          edges: {
            node: {
              agency: { id: string } | null;
              lateMilestones: { milestoneId: string; milestone: { name: string } }[];
              lateContributions: { contributionId: string; contribution: { id: string } | null }[];
              reviewsPastTarget: { reviewId: string }[];
              reconsidersDue: { reviewId: string; reconsiderOn: string }[];
            };
          }[];
        };
      }>(
        await tenant.token("BUSINESS_UNIT"),
        `query($d: LocalDate) { overdueSummaries(asOf: $d, first: 5) { edges { node { agency { id } lateMilestones { milestoneId milestone { name } } lateContributions { contributionId contribution { id } } reviewsPastTarget { reviewId } reconsidersDue { reviewId reconsiderOn } } } } }`,
        { d: daysFromToday(30) },
      ),
    );
    const board = summaries.overdueSummaries.edges.find((e) => e.node.agency === null)?.node;
    expect(board?.lateMilestones).toEqual([
      { milestoneId: `${r.id}:1`, milestone: { name: "Chronologies in" } },
    ]);
    expect(board?.reviewsPastTarget).toEqual([{ reviewId: r.id }]);
    expect(board?.reconsidersDue).toEqual([{ reviewId: w.id, reconsiderOn: daysFromToday(10) }]);
    const agency1 = summaries.overdueSummaries.edges.find(
      (e) => e.node.agency?.id === tenant.agencyIds[1],
    )?.node;
    expect(agency1?.lateContributions).toEqual([
      { contributionId: k.id, contribution: { id: k.id } },
    ]);
    const agency0 = summaries.overdueSummaries.edges.find(
      (e) => e.node.agency?.id === tenant.agencyIds[0],
    )?.node;
    expect(agency0?.lateContributions).toEqual([]);
    // The review shows itself overdue as of then (its milestone late, then its target).
    const asThen = await testApi({ now: () => later, keys: api.keys });
    const shown = ok(
      await asThen.gql<{ review: { overdueSince: string; milestones: { lateSince: string }[] } }>(
        await tenant.token("BUSINESS_UNIT"),
        `query($id: ID!) { review(id: $id) { overdueSince milestones { lateSince } } }`,
        { id: r.id },
      ),
    );
    expect(shown.review.milestones[0]?.lateSince).toBe(daysFromToday(6));
    expect(shown.review.overdueSince).toBe(daysFromToday(6));
    expect(await versionOf(api, tenant, r.id)).toBeGreaterThan(0);
  });
});
