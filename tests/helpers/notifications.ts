import { randomUUID } from "node:crypto";
import type { Category } from "../../src/domain/notifications";
import { createCaseVia, type Tenant, type TestApi } from "./harness";

/** A complete notification input for a category, with the criteria and facts it needs. */
export function notificationInput(
  category: Category,
  t: Tenant,
  caseIds: string[],
  over: Record<string, unknown> = {},
) {
  const byCategory = {
    I: {
      outcome: "DEATH",
      abuseOrNeglect: "SUSPECTED",
      deathCircumstance: "NOT_YET_KNOWN",
      criteria: [
        { criterion: "DEATH_ABUSE_OR_NEGLECT_KNOWN_OR_SUSPECTED", reason: "Neglect suspected" },
      ],
    },
    II: {
      outcome: "DEATH",
      deathCircumstance: "SUSPECTED_SUICIDE",
      criteria: [{ criterion: "DEATH_IN_SECURE_CHILDRENS_HOME", reason: "Resident of the home" }],
    },
    III: {
      outcome: "DEATH",
      deathCircumstance: "SELF_HARM",
      detainedUnderMentalHealthAct: false,
      criteria: [
        { criterion: "DEATH_IN_TIER4_PSYCHIATRIC_PROVISION", reason: "Informal Tier 4 inpatient" },
      ],
    },
    IV: {
      outcome: "SERIOUS_HARM",
      abuseOrNeglect: "SUSPECTED",
      criteria: [
        { criterion: "POTENTIALLY_LIFE_THREATENING_INJURY", reason: "Head injury, non-accidental" },
      ],
    },
  }[category];
  return {
    notifyingAgencyId: t.agencyIds[0],
    involvedAgencyIds: [t.agencyIds[1]],
    caseIds,
    incidentDate: "2026-03-30",
    awareDate: "2026-04-02",
    summary: "Summary without names",
    ...byCategory,
    ...over,
  };
}

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: NotificationInput!, $key: String) {
    submitIncidentNotification(input: $input, idempotencyKey: $key) {
      id status category version reviewDecision { version state }
    }
  }
`;

/** Submits a complete notification as the business unit; returns its id and decision version. */
export async function submitVia(
  api: TestApi,
  t: Tenant,
  category: Category,
  over: Record<string, unknown> = {},
) {
  const c = await createCaseVia(api, t, [0, 1]);
  const res = await api.gql<{
    submitIncidentNotification: {
      id: string;
      category: string;
      reviewDecision: { version: number };
    };
  }>(await t.token("BUSINESS_UNIT"), SUBMIT, {
    input: notificationInput(category, t, [c.id], over),
    key: `n-${randomUUID()}`,
  });
  if (!res.data?.submitIncidentNotification) throw new Error(JSON.stringify(res.errors));
  return {
    id: res.data.submitIncidentNotification.id,
    decisionVersion: res.data.submitIncidentNotification.reviewDecision.version,
    caseId: c.id,
  };
}

export const RECOMMEND = /* GraphQL */ `
  mutation R($input: SubgroupRecommendationInput!) {
    recordSubgroupRecommendation(input: $input) { version state }
  }
`;

export const DECIDE = /* GraphQL */ `
  mutation D($input: DecideReviewInput!) {
    decideReview(input: $input) {
      version state decision { outcome reasons dissentsConsidered }
    }
  }
`;

/** Records the subgroup's recommendation; returns the decision record's new version. */
export async function recommendVia(api: TestApi, t: Tenant, id: string, version: number) {
  const res = await api.gql<{ recordSubgroupRecommendation: { version: number } }>(
    await t.token("SCR_SUBGROUP"),
    RECOMMEND,
    {
      input: {
        id: id,
        expectedVersion: version,
        recommendation: "SERIOUS_CASE_REVIEW",
        rationale: "Meets criteria",
      },
    },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.recordSubgroupRecommendation.version;
}
