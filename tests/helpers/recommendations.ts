import type { Tenant, TestApi } from "./harness";

export const CREATE_REC = /* GraphQL */ `
  mutation($input: CreateRecommendationInput!, $key: String) {
    createRecommendation(input: $input, idempotencyKey: $key) { id version status }
  }
`;
export const TRANSITION = /* GraphQL */ `
  mutation($input: TransitionRecommendationInput!) {
    transitionRecommendation(input: $input) { id version status closedWithoutEvidence { reason } }
  }
`;
export const CREATE_ACTION = /* GraphQL */ `
  mutation($input: CreateActionInput!, $key: String) {
    createAction(input: $input, idempotencyKey: $key) { id version status rag }
  }
`;

/** A recommendation through the API as the business unit. */
export async function recommend(
  api: TestApi,
  t: Tenant,
  over: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await api.gql<{ createRecommendation: { id: string; version: number } }>(
    await t.token("BUSINESS_UNIT"),
    CREATE_REC,
    {
      input: {
        source: { kind: "SERIOUS_CASE_REVIEW", title: "SCR Child K" },
        text: "Strategy discussions include health",
        finding: "Health were not invited to strategy discussions",
        owningAgencyId: t.agencyIds[0],
        participatingAgencyIds: [t.agencyIds[1]],
        priority: "HIGH",
        madeOn: "2026-01-01",
        targetDate: "2026-03-01",
        ...over,
      },
    },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createRecommendation;
}

/** Moves a recommendation through `steps` as the business unit; returns the last version. */
export async function advance(
  api: TestApi,
  t: Tenant,
  rec: { id: string; version: number },
  steps: { to: string; on: string; reason?: string; closeWithoutEvidence?: boolean }[],
): Promise<number> {
  let v = rec.version;
  for (const input of steps) {
    const res = await api.gql<{ transitionRecommendation: { version: number } }>(
      await t.token("BUSINESS_UNIT"),
      TRANSITION,
      { input: { id: rec.id, expectedVersion: v, ...input } },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    v = res.data.transitionRecommendation.version;
  }
  return v;
}

/** Accepts a recommendation still proposed (on the day it was made), as the business unit. */
async function accepted(api: TestApi, t: Tenant, recommendationId: string) {
  const bu = await t.token("BUSINESS_UNIT");
  const res = await api.gql<{
    recommendation: { status: string; version: number; madeOn: string };
  }>(bu, `query($id: ID!) { recommendation(id: $id) { status version madeOn } }`, {
    id: recommendationId,
  });
  const r = res.data?.recommendation;
  if (r?.status === "PROPOSED")
    await advance(api, t, { id: recommendationId, version: r.version }, [
      { to: "ACCEPTED", on: r.madeOn },
    ]);
}

/** An action through the API as the business unit (§35: the recommendation is accepted first). */
export async function act(
  api: TestApi,
  t: Tenant,
  recommendationId: string,
  dueDate: string,
  agencyIndex: number | null = 0,
): Promise<{ id: string; version: number }> {
  await accepted(api, t, recommendationId);
  const res = await api.gql<{ createAction: { id: string; version: number } }>(
    await t.token("BUSINESS_UNIT"),
    CREATE_ACTION,
    {
      input: {
        recommendationId,
        owningAgencyId: agencyIndex === null ? null : t.agencyIds[agencyIndex],
        responsiblePerson: "Named safeguarding lead",
        description: "Update the strategy meeting procedure",
        dueDate,
      },
    },
  );
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.createAction;
}
