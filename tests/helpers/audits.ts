import type { Tenant, TestApi } from "./harness";

export const REPORT = /* GraphQL */ `
  mutation($input: ReportNearMissInput!, $key: String) {
    reportNearMiss(input: $input, idempotencyKey: $key) { id receipt status { id status } }
  }
`;

/** A report through the API by `token` (a practitioner of agency 0 by default). */
export async function reportVia(
  api: TestApi,
  token: string,
  over: Record<string, unknown> = {},
  key?: string,
): Promise<{ id: string; receipt: string | null }> {
  const res = await api.gql<{ reportNearMiss: { id: string; receipt: string | null } }>(
    token,
    REPORT,
    {
      input: {
        kind: "NEAR_MISS",
        occurredOn: "2026-01-02",
        summary: "A referral sat unread over a bank holiday weekend",
        anonymous: false,
        ...over,
      },
      key,
    },
  );
  if (!res.data?.reportNearMiss) throw new Error(JSON.stringify(res.errors));
  return res.data.reportNearMiss;
}

export const CREATE_AGENCY_AUDIT = /* GraphQL */ `
  mutation($input: CreateAgencyAuditInput!, $key: String) {
    createAgencyAudit(input: $input, idempotencyKey: $key) { id version kind }
  }
`;

/** An agency's audit, by its lead (agency `index`). */
export async function agencyAuditVia(
  api: TestApi,
  t: Tenant,
  index = 0,
  over: Record<string, unknown> = {},
) {
  const res = await api.gql<{ createAgencyAudit: { id: string; version: number } }>(
    await t.token("AGENCY_LEAD", index),
    CREATE_AGENCY_AUDIT,
    {
      input: {
        agencyId: t.agencyIds[index],
        kind: "PLANNED",
        title: "Quality of referrals",
        scope: "Referrals to children's social care in the quarter",
        startedOn: "2026-01-02",
        ...over,
      },
    },
  );
  if (!res.data?.createAgencyAudit) throw new Error(JSON.stringify(res.errors));
  return res.data.createAgencyAudit;
}

/** A substantial exercise on one case, by the audit group. */
export async function exerciseVia(
  api: TestApi,
  t: Tenant,
  caseId: string,
  startedOn = "2026-01-02",
) {
  const res = await api.gql<{ createAuditExercise: { id: string; version: number } }>(
    await t.token("AUDIT_GROUP"),
    `mutation($input: CreateAuditExerciseInput!) { createAuditExercise(input: $input) { id version } }`,
    {
      input: {
        theme: "Neglect",
        substantial: true,
        startedOn,
        cases: [{ caseId, agencyIds: [t.agencyIds[0], t.agencyIds[1]] }],
      },
    },
  );
  if (!res.data?.createAuditExercise) throw new Error(JSON.stringify(res.errors));
  return res.data.createAuditExercise;
}
