import { randomUUID } from "node:crypto";
import { addDays, englishDate } from "../../src/domain/dates";
import type { Role } from "../../src/domain/roles";
import { createCaseVia, type GqlResult, type Tenant, type TestApi } from "./harness";
import { DECIDE, recommendVia, submitVia } from "./notifications";

/** Today in England, as the API counts it. */
export const today = () => englishDate(new Date());
export const daysFromToday = (n: number) => addDays(today(), n);

/** Throws with the errors unless the operation answered data. */
export function ok<T>(res: GqlResult<T>): T {
  if (!res.data || res.errors?.length) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

export const REVIEW_FIELDS = /* GraphQL */ `
  id kind status version familyRegime targetDate commissionedOn
  cases { id } participatingAgencies { id } milestones { id name dueDate completedOn version }
`;

/**
 * An SCR through the Chair's decision (§18–19): a category II notification of agency 0 naming
 * agency 1, on a case of agencies 0 and 1. Returns the review and the notification.
 */
export async function scrVia(api: TestApi, t: Tenant, over: Record<string, unknown> = {}) {
  const n = await submitVia(api, t, "II", over);
  const version = await recommendVia(api, t, n.id, n.decisionVersion);
  const decided = ok(
    await api.gql<{ decideReview: { decision: { reviewId: string } } }>(
      await t.token("INDEPENDENT_CHAIR"),
      `mutation D($input: DecideReviewInput!) { decideReview(input: $input) { decision { reviewId } } }`,
      {
        input: {
          id: n.id,
          expectedVersion: version,
          outcome: "SERIOUS_CASE_REVIEW",
          reasons: "§19",
        },
      },
    ),
  );
  return {
    reviewId: decided.decideReview.decision.reviewId,
    notificationId: n.id,
    caseId: n.caseId,
  };
}

export { DECIDE };

/**
 * A review the board commissions (§24): a learning review (§24 II, the consent regime) of a case
 * of agencies 0 and 1, agencies 0, 1 and 2 participating, unless `over` says otherwise.
 */
export async function commissionVia(
  api: TestApi,
  t: Tenant,
  over: Record<string, unknown> = {},
): Promise<{ id: string; version: number; caseId: string }> {
  const caseId =
    (over.caseIds as string[] | undefined)?.[0] ?? (await createCaseVia(api, t, [0, 1])).id;
  const res = ok(
    await api.gql<{ commissionReview: { id: string; version: number } }>(
      await t.token("BUSINESS_UNIT"),
      `mutation C($input: CommissionReviewInput!, $key: String) { commissionReview(input: $input, idempotencyKey: $key) { id version } }`,
      {
        input: {
          kind: "LEARNING_REVIEW",
          ground: "POTENTIAL_FOR_LEARNING",
          title: "Thematic review: neglect of adolescents",
          method: "SCIE Learning Together",
          caseIds: [caseId],
          participatingAgencyIds: t.agencyIds.slice(0, 3),
          commissionedOn: today(),
          targetDate: daysFromToday(180),
          ...over,
        },
        key: `c-${randomUUID()}`,
      },
    ),
  );
  return { ...res.commissionReview, caseId };
}

/** The review's current version (as the business unit reads it). */
export async function versionOf(api: TestApi, t: Tenant, id: string): Promise<number> {
  const res = ok(
    await api.gql<{ review: { version: number } }>(
      await t.token("BUSINESS_UNIT"),
      `query($id: ID!) { review(id: $id) { version } }`,
      { id },
    ),
  );
  return res.review.version;
}

/** Runs a review mutation as `role` with `input` (its version read first when `versioned`). */
export async function reviewMutation<T = Record<string, unknown>>(
  api: TestApi,
  t: Tenant,
  role: Role,
  mutation: string,
  inputType: string,
  input: Record<string, unknown>,
  options: { versioned?: boolean; select?: string; agencyIndex?: number; key?: string } = {},
): Promise<GqlResult<T>> {
  const withVersion =
    options.versioned && input.id
      ? { ...input, expectedVersion: await versionOf(api, t, input.id as string) }
      : input;
  const keyed = options.key !== undefined;
  return api.gql<T>(
    await t.token(role, options.agencyIndex ?? 0),
    `mutation M($input: ${inputType}!${keyed ? ", $key: String" : ""}) { ${mutation}(input: $input${keyed ? ", idempotencyKey: $key" : ""}) { ${options.select ?? "id version status"} } }`,
    { input: withVersion, ...(keyed ? { key: options.key } : {}) },
  );
}

/** Moves a review through `steps` as the business unit (ACCEPTED as the Chair). */
export async function stepVia(api: TestApi, t: Tenant, id: string, ...steps: string[]) {
  for (const to of steps)
    ok(
      await reviewMutation(
        api,
        t,
        to === "ACCEPTED" ? "INDEPENDENT_CHAIR" : "BUSINESS_UNIT",
        "transitionReview",
        "TransitionReviewInput",
        { id, to, on: today() },
        { versioned: true },
      ),
    );
}

/** A reviewer in the pool: independent, or employed by agency `agencyIndex`; trained or not. */
export async function reviewerVia(
  api: TestApi,
  t: Tenant,
  options: {
    agencyIndex?: number;
    trained?: "CURRENT" | "EXPIRED" | "NONE";
    personId?: string;
  } = {},
): Promise<string> {
  const bu = await t.token("BUSINESS_UNIT");
  const created = ok(
    await api.gql<{ createReviewer: { id: string } }>(
      bu,
      `mutation($input: CreateReviewerInput!) { createReviewer(input: $input) { id } }`,
      {
        input: {
          name: `Reviewer ${randomUUID().slice(0, 6)}`,
          kind: options.agencyIndex === undefined ? "INDEPENDENT" : "MEMBER_AGENCY",
          agencyId: options.agencyIndex === undefined ? null : t.agencyIds[options.agencyIndex],
          personId: options.personId ?? null,
        },
      },
    ),
  );
  const trained = options.trained ?? "CURRENT";
  if (trained !== "NONE")
    ok(
      await api.gql(
        bu,
        `mutation($input: ReviewerTrainingInput!) { recordReviewerTraining(input: $input) { id } }`,
        {
          input: {
            id: created.createReviewer.id,
            course: "Learning Together: systems approach to case review",
            completedOn: trained === "CURRENT" ? daysFromToday(-100) : "2020-01-10",
            expiresOn: trained === "CURRENT" ? daysFromToday(600) : "2023-01-10",
          },
        },
      ),
    );
  return created.createReviewer.id;
}

/** A family contact explaining the purpose (§30), as the business unit. */
export async function contactVia(
  api: TestApi,
  t: Tenant,
  id: string,
  caseId: string,
  familyMember = "Mother",
) {
  return ok(
    await reviewMutation(api, t, "BUSINESS_UNIT", "recordFamilyContact", "FamilyContactInput", {
      id,
      caseId,
      familyMember,
      on: today(),
      method: "VISIT",
      outcome: "Told about the review; happy to take part",
      purposeExplained: true,
    }),
  );
}

/** A finding, as the business unit. */
export async function findingVia(api: TestApi, t: Tenant, id: string) {
  return ok(
    await api.gql<{ addReviewFinding: { id: string; version: number } }>(
      await t.token("BUSINESS_UNIT"),
      `mutation($input: AddReviewFindingInput!) { addReviewFinding(input: $input) { id version } }`,
      {
        input: {
          id,
          title: "Strategy discussions left out health",
          whatHappened: "Health were not invited to two strategy discussions",
          systemicPattern: "The referral form has no field for health involvement",
          evidence: "Minutes of the strategy discussions; practitioner event",
          questionsForBoard: "How will the board know health are invited?",
        },
      },
    ),
  ).addReviewFinding;
}

/** A contribution asked of agency `agencyIndex`, as the business unit. */
export async function requestVia(
  api: TestApi,
  t: Tenant,
  id: string,
  agencyIndex: number,
  over: Record<string, unknown> = {},
) {
  return ok(
    await reviewMutation<{ requestContribution: { id: string; version: number } }>(
      api,
      t,
      "BUSINESS_UNIT",
      "requestContribution",
      "RequestContributionInput",
      {
        id,
        agencyId: t.agencyIds[agencyIndex],
        kind: "CHRONOLOGY",
        request: "A chronology of your involvement",
        dueDate: daysFromToday(14),
        ...over,
      },
      { key: `r-${randomUUID()}` },
    ),
  ).requestContribution;
}
