import { randomUUID } from "node:crypto";
import { buildSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { publicOperations } from "../../src/auth/policy";
import { isPlatformRole, ROLES, type Role } from "../../src/domain/roles";
import { printSchemaSdl } from "../../src/graphql/sdl";
import { digestIdOf } from "../../src/services/digests/catalogue";
import {
  agencyAuditVia,
  CREATE_AGENCY_AUDIT,
  exerciseVia,
  REPORT,
  reportVia,
} from "../helpers/audits";
import { digestRow, IMPORT, importRows } from "../helpers/digests";
import {
  codes,
  createCaseVia,
  type GqlResult,
  identityInput,
  newTenant,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";
import {
  DECIDE,
  notificationInput,
  RECOMMEND,
  recommendVia,
  submitVia,
} from "../helpers/notifications";
import {
  act,
  advance,
  CREATE_ACTION,
  CREATE_REC,
  recommend,
  TRANSITION,
} from "../helpers/recommendations";
import { REVIEW_OPERATIONS } from "./policy-matrix.reviews";

/**
 * The whole matrix of roles x operations, through the GraphQL schema. Agency roles act for
 * agency 0, which is involved in the case used; board roles have no agency. Each cell is what
 * the API must answer: ALLOW, or the error code.
 */
type Outcome = "ALLOW" | "FORBIDDEN" | "NOT_FOUND" | "UNAUTHENTICATED" | "NULL";

interface Operation {
  readonly name: string;
  /** The root query or mutation field the operation exercises. */
  readonly root: string;
  readonly allowed: readonly Role[];
  /** What a caller without a token gets (default UNAUTHENTICATED). */
  readonly anonymous?: Outcome;
  /** Code for roles outside `allowed` (default FORBIDDEN); per role where it differs. */
  readonly denied?: Outcome;
  readonly deniedFor?: Partial<Record<Role, Outcome>>;
  /**
   * For reads answered NULL: where the answer is. ALLOW then means it is there; NULL means it is
   * null with no error (a root lookup missed, or a restricted field withheld).
   */
  // biome-ignore lint/suspicious/noExplicitAny: a path into the answer, whatever its shape.
  readonly value?: (data: Record<string, any> | null | undefined) => unknown;
  run(api: TestApi, t: Tenant, token: string, role: Role): Promise<GqlResult>;
}

/** Every role of a partnership (the platform operator belongs to none: see below). */
const ALL = ROLES.filter((r) => !isPlatformRole(r));
const SUBMIT_ID = /* GraphQL */ `
  mutation($input: NotificationInput!, $key: String) {
    submitIncidentNotification(input: $input, idempotencyKey: $key) { id }
  }
`;
/** Roles that cannot see a notification at all: they are told it does not exist. */
const NOT_NOTIFICATION_READERS: Partial<Record<Role, Outcome>> = {
  BOARD_MEMBER: "NOT_FOUND",
  AUDIT_GROUP: "NOT_FOUND",
  REVIEWER: "NOT_FOUND",
};
const BOARD_WIDE: Role[] = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
  "BOARD_MEMBER",
  "AUDIT_GROUP",
];

/** §17–21 and §35–37 operations; agency 0 notifies and owns the recommendation. */
function NOTIFICATION_AND_LEARNING_OPERATIONS(): Operation[] {
  const submitted = (api: TestApi, t: Tenant) => submitVia(api, t, "II", { involvedAgencyIds: [] });
  /** A complete draft of agency 0, saved by the business unit. */
  const draft = async (api: TestApi, t: Tenant) => {
    const c = await createCaseVia(api, t, [0]);
    const res = await api.gql<{ createNotificationDraft: { id: string } }>(
      await t.token("BUSINESS_UNIT"),
      `mutation($input: NotificationInput!) { createNotificationDraft(input: $input) { id } }`,
      { input: notificationInput("II", t, [c.id], { involvedAgencyIds: [] }) },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createNotificationDraft;
  };
  const recommended = async (api: TestApi, t: Tenant) => {
    const n = await submitted(api, t);
    return { ...n, version: await recommendVia(api, t, n.id, n.decisionVersion) };
  };
  const inProgress = async (api: TestApi, t: Tenant) => {
    const r = await recommend(api, t, { participatingAgencyIds: [] });
    return {
      ...r,
      version: await advance(api, t, r, [
        { to: "ACCEPTED", on: "2026-01-02" },
        { to: "IN_PROGRESS", on: "2026-01-03" },
      ]),
    };
  };
  return [
    {
      name: "list notifications",
      root: "notifications",
      allowed: CASE_READERS,
      run: (api, _t, token) =>
        api.gql(token, `{ notifications(first: 5) { edges { node { id } } } }`),
    },
    {
      name: "save a notification draft",
      root: "createNotificationDraft",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      run: (api, t, token) =>
        api.gql(
          token,
          `mutation($a: ID, $k: String) { createNotificationDraft(input: { summary: "Draft", notifyingAgencyId: $a }, idempotencyKey: $k) { id } }`,
          {
            a: t.agencyIds[0],
            k: `d-${randomUUID()}`,
          },
        ),
    },
    {
      name: "read the Chair's reasons",
      root: "notification",
      allowed: [
        "INDEPENDENT_CHAIR",
        "SCR_SUBGROUP",
        "BUSINESS_UNIT",
        "AGENCY_LEAD",
        "PRACTITIONER",
      ],
      denied: "NULL",
      value: (d) => d?.notification?.reviewDecision?.decision?.reasons,
      run: async (api, t, token) => {
        const n = await recommended(api, t);
        await api.gql(await t.token("INDEPENDENT_CHAIR"), DECIDE, {
          input: {
            id: n.id,
            expectedVersion: n.version,
            outcome: "SERIOUS_CASE_REVIEW",
            reasons: "r",
          },
        });
        return api.gql(
          token,
          `query($id: ID!) { notification(id: $id) { ... on IncidentNotification { reviewDecision { decision { reasons } } } } }`,
          { id: n.id },
        );
      },
    },
    {
      name: "record the SCR subgroup's recommendation",
      root: "recordSubgroupRecommendation",
      allowed: ["SCR_SUBGROUP"],
      run: async (api, t, token) => {
        const n = await submitted(api, t);
        return api.gql(token, RECOMMEND, {
          input: {
            id: n.id,
            expectedVersion: n.decisionVersion,
            recommendation: "SERIOUS_CASE_REVIEW",
            rationale: "r",
          },
        });
      },
    },
    {
      name: "record a dissent",
      root: "recordDissent",
      allowed: ["SCR_SUBGROUP"],
      run: async (api, t, token) => {
        const n = await submitted(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { recordDissent(input: { id: $id, view: "v" }) { version } }`,
          { id: n.id },
        );
      },
    },
    {
      name: "record an agency's view",
      root: "recordAgencyView",
      allowed: ["AGENCY_LEAD"],
      deniedFor: NOT_NOTIFICATION_READERS,
      run: async (api, t, token) => {
        const n = await submitted(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { recordAgencyView(input: { id: $id, view: "v" }) { version } }`,
          { id: n.id },
        );
      },
    },
    {
      name: "decide whether to hold an SCR",
      root: "decideReview",
      allowed: ["INDEPENDENT_CHAIR"],
      run: async (api, t, token) => {
        const n = await recommended(api, t);
        return api.gql(token, DECIDE, {
          input: {
            id: n.id,
            expectedVersion: n.version,
            outcome: "SERIOUS_CASE_REVIEW",
            reasons: "r",
          },
        });
      },
    },
    {
      name: "record the national panel notified",
      root: "recordNationalPanelNotified",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP"],
      deniedFor: NOT_NOTIFICATION_READERS,
      run: async (api, t, token) => {
        const n = await submitted(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { recordNationalPanelNotified(input: { id: $id, expectedVersion: 1, on: "2026-04-03" }) { id } }`,
          { id: n.id },
        );
      },
    },
    {
      name: "make a recommendation",
      root: "createRecommendation",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP", "AUDIT_GROUP"],
      run: (api, t, token) =>
        api.gql(token, CREATE_REC, {
          input: {
            source: { kind: "NEAR_MISS", title: "n" },
            text: "t",
            finding: "f",
            priority: "LOW",
            madeOn: "2026-01-01",
            targetDate: "2026-02-01",
            owningAgencyId: t.agencyIds[0],
          },
        }),
    },
    {
      name: "list recommendations",
      root: "recommendations",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      run: (api, _t, token) =>
        api.gql(token, `{ recommendations(first: 5) { edges { node { id } } } }`),
    },
    {
      name: "accept a recommendation",
      root: "transitionRecommendation",
      allowed: ["BUSINESS_UNIT", "INDEPENDENT_CHAIR"],
      deniedFor: { REVIEWER: "NOT_FOUND" },
      run: async (api, t, token) => {
        const r = await recommend(api, t, { participatingAgencyIds: [] });
        return api.gql(token, TRANSITION, {
          input: { id: r.id, expectedVersion: r.version, to: "ACCEPTED", on: "2026-01-02" },
        });
      },
    },
    {
      name: "record evidence of impact",
      root: "recordImpactEvidence",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
      deniedFor: { REVIEWER: "NOT_FOUND" },
      run: async (api, t, token) => {
        const r = await inProgress(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { recordImpactEvidence(input: { id: $id, whatChanged: "w", howMeasured: "h", verifiedBy: "v", verifiedOn: "2026-02-01" }) { id } }`,
          { id: r.id },
        );
      },
    },
    {
      name: "add an action",
      root: "createAction",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
      deniedFor: { REVIEWER: "NOT_FOUND" },
      run: async (api, t, token) => {
        const r = await inProgress(api, t);
        return api.gql(token, CREATE_ACTION, {
          input: {
            recommendationId: r.id,
            owningAgencyId: t.agencyIds[0],
            responsiblePerson: "p",
            description: "d",
            dueDate: "2026-09-01",
          },
          key: `a-${randomUUID()}`,
        });
      },
    },
    {
      name: "update an action's progress",
      root: "recordActionProgress",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PARTNER_SYSTEM"],
      deniedFor: { REVIEWER: "NOT_FOUND" },
      run: async (api, t, token) => {
        const r = await inProgress(api, t);
        const a = await act(api, t, r.id, "2026-09-01", 0);
        return api.gql(
          token,
          `mutation($id: ID!, $k: String) { recordActionProgress(input: { id: $id, text: "x", on: "2026-02-01" }, idempotencyKey: $k) { id } }`,
          {
            id: a.id,
            k: `p-${randomUUID()}`,
          },
        );
      },
    },
    {
      name: "see which forms of learning work",
      root: "learningEffectiveness",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(
          token,
          `{ learningEffectiveness(from: "2026-01-01", to: "2026-12-31") { byKind { recommendations } } }`,
        ),
    },
    {
      name: "read the whole partnership's board dashboard",
      root: "boardDashboard",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(token, `{ boardDashboard(period: { from: "2026-01", to: "2026-12" }) { id } }`),
    },
    {
      name: "read an agency's view of the board dashboard (the lead: their own agency's)",
      root: "boardDashboard",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD"],
      run: (api, t, token) =>
        api.gql(
          token,
          `query($a: ID) { boardDashboard(period: { from: "2026-01", to: "2026-12" }, agencyId: $a) { id } }`,
          { a: t.agencyIds[0] },
        ),
    },
    {
      name: "export the board dashboard's figures",
      root: "boardDashboardExport",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(
          token,
          `{ boardDashboardExport(period: { from: "2026-01", to: "2026-12" }, format: CSV) { id } }`,
        ),
    },
    {
      name: "read a notification's decision record",
      root: "reviewDecision",
      allowed: [
        "INDEPENDENT_CHAIR",
        "SCR_SUBGROUP",
        "BUSINESS_UNIT",
        "AGENCY_LEAD",
        "PRACTITIONER",
      ],
      denied: "NULL",
      // Not an operation a partner system can be registered for (§18: not a concerned party).
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.reviewDecision,
      run: async (api, t, token) => {
        const n = await submitted(api, t);
        return api.gql(
          token,
          `query($id: ID!) { reviewDecision(notificationId: $id) { version } }`,
          {
            id: n.id,
          },
        );
      },
    },
    {
      name: "submit a complete notification in one step",
      root: "submitIncidentNotification",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      run: async (api, t, token) => {
        const c = await createCaseVia(api, t, [0]);
        return api.gql(token, SUBMIT_ID, {
          input: notificationInput("II", t, [c.id], { involvedAgencyIds: [] }),
          key: `s-${randomUUID()}`,
        });
      },
    },
    {
      name: "save more of a draft",
      root: "updateNotificationDraft",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      denied: "NOT_FOUND",
      run: async (api, t, token) => {
        const d = await draft(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { updateNotificationDraft(input: { id: $id, expectedVersion: 1, summary: "More" }) { id } }`,
          { id: d.id },
        );
      },
    },
    {
      name: "submit a draft",
      root: "submitNotification",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      denied: "NOT_FOUND",
      run: async (api, t, token) => {
        const d = await draft(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { submitNotification(input: { id: $id, expectedVersion: 1 }) { id status } }`,
          { id: d.id },
        );
      },
    },
    {
      name: "record the rapid review completed",
      root: "recordRapidReviewCompleted",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP"],
      deniedFor: NOT_NOTIFICATION_READERS,
      run: async (api, t, token) => {
        const n = await submitted(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { recordRapidReviewCompleted(input: { id: $id, expectedVersion: 1, on: "2026-04-10" }) { id } }`,
          { id: n.id },
        );
      },
    },
    {
      name: "read a recommendation",
      root: "recommendation",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      denied: "NULL",
      value: (d) => d?.recommendation,
      run: async (api, t, token) => {
        const r = await recommend(api, t, { participatingAgencyIds: [] });
        return api.gql(token, `query($id: ID!) { recommendation(id: $id) { id } }`, { id: r.id });
      },
    },
    {
      name: "record an unintended consequence",
      root: "recordUnintendedConsequence",
      allowed: ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "BUSINESS_UNIT", "AGENCY_LEAD"],
      deniedFor: { REVIEWER: "NOT_FOUND" },
      run: async (api, t, token) => {
        const r = await inProgress(api, t);
        return api.gql(
          token,
          `mutation($id: ID!) { recordUnintendedConsequence(input: { id: $id, description: "d", observedOn: "2026-02-01" }) { id } }`,
          { id: r.id },
        );
      },
    },
    {
      name: "schedule a revisit of the learning",
      root: "scheduleRevisit",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP", "INDEPENDENT_CHAIR"],
      run: async (api, t, token) => {
        const r = await recommend(api, t, { participatingAgencyIds: [] });
        return api.gql(
          token,
          `mutation($id: ID!, $v: Int!) { scheduleRevisit(input: { id: $id, expectedVersion: $v, on: "2030-01-01" }) { id } }`,
          { id: r.id, v: r.version },
        );
      },
    },
    {
      name: "record the outcome of a revisit",
      root: "recordRevisitOutcome",
      allowed: ["BUSINESS_UNIT", "SCR_SUBGROUP", "INDEPENDENT_CHAIR"],
      run: async (api, t, token) => {
        const r = await recommend(api, t, { participatingAgencyIds: [] });
        const scheduled = await api.gql<{ scheduleRevisit: { version: number } }>(
          await t.token("BUSINESS_UNIT"),
          `mutation($id: ID!, $v: Int!) { scheduleRevisit(input: { id: $id, expectedVersion: $v, on: "2030-01-01" }) { version } }`,
          { id: r.id, v: r.version },
        );
        return api.gql(
          token,
          `mutation($id: ID!, $v: Int!) { recordRevisitOutcome(input: { id: $id, expectedVersion: $v, outcome: STILL_RELEVANT, note: "n" }) { id } }`,
          { id: r.id, v: scheduled.data?.scheduleRevisit.version },
        );
      },
    },
    {
      name: "list actions",
      root: "actions",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      run: (api, _t, token) => api.gql(token, `{ actions(first: 5) { edges { node { id } } } }`),
    },
    {
      name: "read an action",
      root: "action",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      denied: "NULL",
      value: (d) => d?.action,
      run: async (api, t, token) => {
        const r = await inProgress(api, t);
        const a = await act(api, t, r.id, "2026-09-01", 0);
        return api.gql(token, `query($id: ID!) { action(id: $id) { id } }`, { id: a.id });
      },
    },
    {
      name: "change an action's status",
      root: "updateActionStatus",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PARTNER_SYSTEM"],
      deniedFor: { REVIEWER: "NOT_FOUND" },
      run: async (api, t, token) => {
        const r = await inProgress(api, t);
        const a = await act(api, t, r.id, "2026-09-01", 0);
        return api.gql(
          token,
          `mutation($id: ID!, $v: Int!) { updateActionStatus(input: { id: $id, expectedVersion: $v, status: IN_PROGRESS, on: "2026-02-01" }) { id } }`,
          { id: a.id, v: a.version },
        );
      },
    },
    {
      name: "see every agency's overdue summary",
      root: "overdueSummaries",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(token, `{ overdueSummaries(asOf: "2026-06-01") { edges { node { agencyId } } } }`),
    },
  ];
}
const CASE_READERS: Role[] = [
  "INDEPENDENT_CHAIR",
  "SCR_SUBGROUP",
  "BUSINESS_UNIT",
  "AGENCY_LEAD",
  "PRACTITIONER",
  "PARTNER_SYSTEM",
];

const OPERATIONS: Operation[] = [
  {
    name: "read the partnership",
    root: "partnership",
    allowed: ALL,
    run: (api, _t, token) => api.gql(token, `{ partnership { id name } }`),
  },
  {
    name: "list agencies",
    root: "agencies",
    allowed: ALL,
    run: (api, _t, token) => api.gql(token, `{ agencies(first: 5) { edges { node { id } } } }`),
  },
  {
    name: "create an agency",
    root: "createAgency",
    allowed: ["BUSINESS_UNIT"],
    run: (api, _t, token) =>
      api.gql(
        token,
        `mutation { createAgency(input: { name: "New agency", kind: OTHER }) { id } }`,
      ),
  },
  {
    name: "update an agency",
    root: "updateAgency",
    allowed: ["BUSINESS_UNIT"],
    run: async (api, t, token) => {
      const created = await api.gql<{ createAgency: { id: string } }>(
        await t.token("BUSINESS_UNIT"),
        `mutation { createAgency(input: { name: "To rename", kind: OTHER }) { id } }`,
      );
      return api.gql(
        token,
        `mutation U($id: ID!) { updateAgency(input: { id: $id, expectedVersion: 1, name: "Renamed" }) { id } }`,
        { id: created.data?.createAgency.id },
      );
    },
  },
  {
    // No agency named: all for the business unit, their own agency's for a lead (see identity).
    name: "list staff",
    root: "people",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
    run: (api, _t, token) => api.gql(token, `{ people(first: 5) { edges { node { id } } } }`),
  },
  {
    name: "list own agency's staff",
    root: "people",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
    run: (api, t, token) =>
      api.gql(
        token,
        `query P($a: ID) { people(agencyId: $a, first: 5) { edges { node { id email } } } }`,
        {
          a: t.agencyIds[0],
        },
      ),
  },
  {
    name: "read an agency",
    root: "agency",
    allowed: ALL,
    run: (api, t, token) =>
      api.gql(token, `query($id: ID!) { agency(id: $id) { id } }`, { id: t.agencyIds[1] }),
  },
  {
    name: "read their own person record",
    root: "me",
    allowed: ALL,
    run: (api, _t, token) => api.gql(token, `{ me { id } }`),
  },
  {
    name: "read a member of staff's name and roles",
    root: "person",
    allowed: ALL,
    value: (d) => d?.person?.name,
    run: (api, t, token) => {
      const bu = t.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"));
      return api.gql(token, `query($id: ID!) { person(id: $id) { id name } }`, { id: bu?.id });
    },
  },
  {
    name: "read the business unit's email",
    root: "person",
    allowed: ["BUSINESS_UNIT"],
    denied: "NULL",
    value: (d) => d?.person?.email,
    run: (api, t, token) => {
      const bu = t.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"));
      return api.gql(token, `query($id: ID!) { person(id: $id) { id email } }`, { id: bu?.id });
    },
  },
  {
    name: "look up a partnership's public page",
    root: "publicPartnership",
    allowed: ALL,
    anonymous: "ALLOW",
    run: (api, t, token) =>
      api.gql(token, `query($code: String!) { publicPartnership(code: $code) { name } }`, {
        code: t.code,
      }),
  },
  {
    name: "list cases",
    root: "cases",
    allowed: CASE_READERS,
    run: (api, _t, token) =>
      api.gql(token, `{ cases(first: 5) { edges { node { id pseudonym } } } }`),
  },
  {
    name: "read an involved case",
    root: "case",
    allowed: CASE_READERS,
    // Roles that read no case: null, as for a case that does not exist.
    denied: "NULL",
    value: (d) => d?.case,
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(token, `query C($id: ID!) { case(id: $id) { id agencies { id } } }`, {
        id: c.id,
      });
    },
  },
  {
    name: "read a case's identifying details",
    root: "case",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER"],
    // Roles that read the case but not who the child is: null, with viewerCanReadIdentity false;
    // roles that read no case: the case is null.
    denied: "NULL",
    value: (d) => d?.case?.identity,
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(token, `query C($id: ID!) { case(id: $id) { identity { childName } } }`, {
        id: c.id,
      });
    },
  },
  {
    name: "create a case",
    root: "createCase",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
    run: (api, t, token) =>
      api.gql(
        token,
        `mutation M($input: CreateCaseInput!, $key: String) { createCase(input: $input, idempotencyKey: $key) { id } }`,
        {
          input: { agencyIds: [t.agencyIds[0]], identity: identityInput() },
          key: `k-${randomUUID()}`,
        },
      ),
  },
  {
    name: "update a case's identifying details",
    root: "updateCaseIdentity",
    allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(
        token,
        `mutation M($input: UpdateCaseIdentityInput!) { updateCaseIdentity(input: $input) { id } }`,
        { input: { id: c.id, expectedVersion: 1, identity: identityInput() } },
      );
    },
  },
  {
    name: "change the agencies of a case",
    root: "setCaseAgencies",
    allowed: ["BUSINESS_UNIT"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(
        token,
        `mutation M($input: SetCaseAgenciesInput!) { setCaseAgencies(input: $input) { id } }`,
        {
          input: { id: c.id, expectedVersion: 1, agencyIds: [t.agencyIds[0], t.agencyIds[1]] },
        },
      );
    },
  },
  {
    name: "read the access log",
    root: "accessLog",
    allowed: ["BUSINESS_UNIT"],
    run: async (api, t, token) => {
      const c = await createCaseVia(api, t, [0]);
      return api.gql(token, `query L($c: ID) { accessLog(caseId: $c) { edges { node { id } } } }`, {
        c: c.id,
      });
    },
  },
  ...NOTIFICATION_AND_LEARNING_OPERATIONS(),
  ...IDENTITY_OPERATIONS(),
  ...REVIEW_OPERATIONS(),
  ...AUDIT_OPERATIONS(),
  ...DIGEST_OPERATIONS(),
];

/**
 * §16, §38: the national catalogue (read by every partnership's staff and its editors, edited by
 * its editors only) and each partnership's relevance decisions, sessions and dissemination.
 */
function DIGEST_OPERATIONS(): Operation[] {
  const STAFF = ALL.filter((r) => r !== "PARTNER_SYSTEM");
  const READERS: Role[] = [...STAFF, "CATALOGUE_EDITOR"];
  const digest = async (api: TestApi, t: Tenant) => {
    const row = digestRow();
    await importRows(api, t, [row]);
    return digestIdOf(row.ref);
  };
  const session = async (api: TestApi, t: Tenant) => {
    const res = await api.gql<{ holdChallengeSession: { id: string } }>(
      await t.token("BUSINESS_UNIT"),
      `mutation($input: HoldChallengeSessionInput!) { holdChallengeSession(input: $input) { id } }`,
      {
        input: {
          digestId: await digest(api, t),
          heldOn: "2026-01-20",
          servicesTested: ["Early help"],
          agencyIdsPresent: [t.agencyIds[0]],
        },
      },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.holdChallengeSession.id;
  };
  return [
    {
      name: "search the national catalogue",
      root: "nationalReviewDigests",
      allowed: READERS,
      run: (api, _t, token) =>
        api.gql(token, `{ nationalReviewDigests(first: 2) { totalCount edges { node { id } } } }`),
    },
    {
      name: "read a national review",
      root: "nationalReviewDigest",
      allowed: READERS,
      value: (d) => d?.nationalReviewDigest?.id,
      run: async (api, t, token) =>
        api.gql(token, `query($id: ID!) { nationalReviewDigest(id: $id) { id title } }`, {
          id: await digest(api, t),
        }),
    },
    {
      name: "read the catalogue's themes",
      root: "digestThemes",
      allowed: READERS,
      run: (api, _t, token) => api.gql(token, `{ digestThemes { id themes { code label } } }`),
    },
    {
      name: "add a theme to the catalogue's vocabulary",
      root: "addDigestTheme",
      allowed: ["CATALOGUE_EDITOR"],
      run: (api, _t, token) =>
        api.gql(
          token,
          `mutation($c: String!) { addDigestTheme(input: { code: $c, label: "Private fostering" }) { id } }`,
          { c: `t-${randomUUID().slice(0, 12)}` },
        ),
    },
    {
      name: "import national reviews",
      root: "importNationalReviewDigests",
      allowed: ["CATALOGUE_EDITOR"],
      run: (api, _t, token) => api.gql(token, IMPORT, { rows: [digestRow()] }),
    },
    {
      name: "decide whether a national review is relevant locally",
      root: "recordDigestRelevance",
      allowed: ["SCR_SUBGROUP"],
      run: async (api, t, token) =>
        api.gql(
          token,
          `mutation($id: ID!) { recordDigestRelevance(input: { digestId: $id, relevant: true, reason: "r", decidedOn: "2026-01-10" }) { id } }`,
          { id: await digest(api, t) },
        ),
    },
    {
      name: "record dissemination of a national review",
      root: "recordDissemination",
      allowed: ["SCR_SUBGROUP", "BUSINESS_UNIT"],
      run: async (api, t, token) =>
        api.gql(
          token,
          `mutation($id: ID!, $k: String) { recordDissemination(input: { digestId: $id, method: WEBSITE, audience: "All staff", on: "2026-01-10", reach: 3 }, idempotencyKey: $k) { id } }`,
          { id: await digest(api, t), k: `dis-${randomUUID()}` },
        ),
    },
    {
      name: "read the year's dissemination",
      root: "disseminationYear",
      allowed: BOARD_WIDE,
      run: (api, _t, token) => api.gql(token, `{ disseminationYear(year: 2026) { id events } }`),
    },
    {
      name: "list a review's challenge sessions",
      root: "challengeSessions",
      allowed: STAFF,
      run: async (api, t, token) =>
        api.gql(
          token,
          `query($id: ID!) { challengeSessions(digestId: $id) { edges { node { id } } } }`,
          {
            id: await digest(api, t),
          },
        ),
    },
    {
      name: "read a challenge session",
      root: "challengeSession",
      allowed: STAFF,
      value: (d) => d?.challengeSession?.id,
      run: async (api, t, token) =>
        api.gql(token, `query($id: ID!) { challengeSession(id: $id) { id outcomes { id } } }`, {
          id: await session(api, t),
        }),
    },
    {
      name: "hold a challenge session",
      root: "holdChallengeSession",
      allowed: ["SCR_SUBGROUP", "BUSINESS_UNIT"],
      run: async (api, t, token) =>
        api.gql(
          token,
          `mutation($input: HoldChallengeSessionInput!, $k: String) { holdChallengeSession(input: $input, idempotencyKey: $k) { id } }`,
          {
            input: {
              digestId: await digest(api, t),
              heldOn: "2026-01-20",
              servicesTested: ["Front door"],
              agencyIdsPresent: [t.agencyIds[0]],
            },
            k: `ses-${randomUUID()}`,
          },
        ),
    },
    {
      name: "record a challenge session's outcome",
      root: "recordChallengeOutcome",
      allowed: ["SCR_SUBGROUP", "BUSINESS_UNIT"],
      run: async (api, t, token) =>
        api.gql(
          token,
          `mutation($id: ID!, $k: String) { recordChallengeOutcome(input: { id: $id, expectedVersion: 1, finding: "f", outcome: ASSURED, evidence: "e" }, idempotencyKey: $k) { id } }`,
          { id: await session(api, t), k: `out-${randomUUID()}` },
        ),
    },
  ];
}

/** §12: staff, their roles, partner systems and new partnerships. */
function IDENTITY_OPERATIONS(): Operation[] {
  const practitioner = (t: Tenant) =>
    t.seed.people.find((p) => p.roles.includes("PRACTITIONER") && p.agencyId === t.agencyIds[0]);
  const system = (t: Tenant) => t.seed.partnerSystems.find((s) => s.agencyId === t.agencyIds[0]);
  return [
    {
      name: "invite a practitioner of agency 0",
      root: "invitePerson",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"],
      run: (api, t, token) =>
        api.gql(
          token,
          `mutation($input: InvitePersonInput!, $k: String) { invitePerson(input: $input, idempotencyKey: $k) { id roles } }`,
          {
            input: {
              name: "New Practitioner",
              email: `p-${randomUUID().slice(0, 8)}@example.org`,
              agencyId: t.agencyIds[0],
              roles: ["PRACTITIONER"],
            },
            k: `inv-${randomUUID()}`,
          },
        ),
    },
    {
      name: "give a practitioner of agency 0 the lead's role",
      root: "changePersonRoles",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"],
      run: async (api, t, token) => {
        const own = await newTenant(api);
        const p = practitioner(own);
        return api.gql(
          await tokenIn(own, token, t),
          `mutation($input: ChangePersonRolesInput!) { changePersonRoles(input: $input) { id roles version } }`,
          { input: { id: p?.id, expectedVersion: 1, roles: ["PRACTITIONER", "AGENCY_LEAD"] } },
        );
      },
    },
    {
      name: "disable a practitioner of agency 0",
      root: "disablePerson",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"],
      run: async (api, t, token) => {
        const own = await newTenant(api);
        return api.gql(
          await tokenIn(own, token, t),
          `mutation($input: PersonRefInput!) { disablePerson(input: $input) { id enabled } }`,
          { input: { id: practitioner(own)?.id, expectedVersion: 1 } },
        );
      },
    },
    {
      name: "enable a practitioner of agency 0",
      root: "enablePerson",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT", "AGENCY_LEAD"],
      run: async (api, t, token) => {
        const own = await newTenant(api);
        return api.gql(
          await tokenIn(own, token, t),
          `mutation($input: PersonRefInput!) { enablePerson(input: $input) { id enabled } }`,
          { input: { id: practitioner(own)?.id, expectedVersion: 1 } },
        );
      },
    },
    {
      name: "read a person's role changes",
      root: "person",
      allowed: ["INDEPENDENT_CHAIR", "BUSINESS_UNIT"],
      denied: "NULL",
      value: (d) => d?.person?.roleChanges,
      run: (api, t, token) =>
        api.gql(
          token,
          `query($id: ID!) { person(id: $id) { id roleChanges { edges { node { id } } } } }`,
          { id: practitioner(t)?.id },
        ),
    },
    {
      // An agency's lead: their own agency's.
      name: "list partner systems",
      root: "partnerSystems",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
      run: (api, _t, token) =>
        api.gql(token, `{ partnerSystems(first: 5) { edges { node { id clientId } } } }`),
    },
    {
      name: "read a partner system",
      root: "partnerSystem",
      allowed: ["BUSINESS_UNIT", "AGENCY_LEAD"],
      denied: "NULL",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.partnerSystem,
      run: (api, t, token) =>
        api.gql(token, `query($id: ID!) { partnerSystem(id: $id) { id name } }`, {
          id: system(t)?.id,
        }),
    },
    {
      name: "register a partner system",
      root: "registerPartnerSystem",
      allowed: ["BUSINESS_UNIT"],
      run: (api, t, token) =>
        api.gql(
          token,
          `mutation($input: RegisterPartnerSystemInput!, $k: String) { registerPartnerSystem(input: $input, idempotencyKey: $k) { clientSecret partnerSystem { id } } }`,
          { input: { agencyId: t.agencyIds[0], name: "Case system" }, k: `reg-${randomUUID()}` },
        ),
    },
    {
      name: "stop a partner system",
      root: "stopPartnerSystem",
      allowed: ["BUSINESS_UNIT"],
      // Only the business unit and the agency's lead can see the system at all.
      denied: "NOT_FOUND",
      deniedFor: { AGENCY_LEAD: "FORBIDDEN", PARTNER_SYSTEM: "FORBIDDEN" },
      run: async (api, t, token) => {
        const own = await newTenant(api);
        return api.gql(
          await tokenIn(own, token, t),
          `mutation($input: PartnerSystemRefInput!) { stopPartnerSystem(input: $input) { id enabled } }`,
          { input: { id: system(own)?.id, expectedVersion: 1 } },
        );
      },
    },
    {
      name: "start a partner system",
      root: "startPartnerSystem",
      allowed: ["BUSINESS_UNIT"],
      // Only the business unit and the agency's lead can see the system at all.
      denied: "NOT_FOUND",
      deniedFor: { AGENCY_LEAD: "FORBIDDEN", PARTNER_SYSTEM: "FORBIDDEN" },
      run: async (api, t, token) => {
        const own = await newTenant(api);
        return api.gql(
          await tokenIn(own, token, t),
          `mutation($input: PartnerSystemRefInput!) { startPartnerSystem(input: $input) { id enabled } }`,
          { input: { id: system(own)?.id, expectedVersion: 1 } },
        );
      },
    },
    {
      name: "set up a new partnership",
      root: "createPartnership",
      allowed: ["PLATFORM_OPERATOR"],
      run: (api, _t, token) =>
        api.gql(
          token,
          `mutation($input: CreatePartnershipInput!, $k: String) { createPartnership(input: $input, idempotencyKey: $k) { partnership { id code } admin { id roles } } }`,
          {
            input: {
              code: `p${randomUUID().slice(0, 12)}`,
              name: "New Partnership",
              agencies: [{ name: "Police", kind: "POLICE" }],
              admin: { name: "First Admin", email: `a-${randomUUID().slice(0, 8)}@example.org` },
            },
            k: `part-${randomUUID()}`,
          },
        ),
    },
  ];
}

/** §7, §9–15, §24 I: audits, near misses, escalations and reflections; agency 0 reports and audits. */
function AUDIT_OPERATIONS(): Operation[] {
  const BOARD_CORE: Role[] = ["INDEPENDENT_CHAIR", "SCR_SUBGROUP", "BUSINESS_UNIT"];
  const AUDIT_READERS: Role[] = [...BOARD_CORE, "AUDIT_GROUP", "AGENCY_LEAD", "PARTNER_SYSTEM"];
  const AUDIT_WRITERS: Role[] = ["AUDIT_GROUP", "BUSINESS_UNIT"];
  const notPartner = (roles: readonly Role[]) => roles.filter((r) => r !== "PARTNER_SYSTEM");
  /** A named report of agency 0's practitioner. */
  const report = async (api: TestApi, t: Tenant) =>
    reportVia(api, await t.token("PRACTITIONER", 0));
  const escalated = async (api: TestApi, t: Tenant) => {
    const r = await report(api, t);
    const res = await api.gql<{ escalateNearMiss: { escalation: { id: string } } }>(
      await t.token("AGENCY_LEAD", 0),
      ESCALATE,
      { input: { id: r.id, expectedVersion: 1, ...ESCALATION } },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.escalateNearMiss.escalation;
  };
  const exercise = async (api: TestApi, t: Tenant) => {
    const c = await createCaseVia(api, t, [0, 1]);
    return exerciseVia(api, t, c.id);
  };
  const reflection = async (api: TestApi, t: Tenant) => {
    const res = await api.gql<{ recordReflection: { id: string } }>(
      await t.token("BUSINESS_UNIT"),
      RECORD_REFLECTION,
      { input: reflectionInput(t) },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.recordReflection;
  };
  return [
    {
      name: "list business priorities",
      root: "businessPriorities",
      allowed: notPartner(ALL),
      run: (api, _t, token) => api.gql(token, `{ businessPriorities { edges { node { id } } } }`),
    },
    {
      name: "read a business priority",
      root: "businessPriority",
      allowed: notPartner(ALL),
      value: (d) => d?.businessPriority,
      run: async (api, t, token) => {
        const p = await api.gql<{ createBusinessPriority: { id: string } }>(
          await t.token("BUSINESS_UNIT"),
          CREATE_PRIORITY,
        );
        return api.gql(token, `query($id: ID!) { businessPriority(id: $id) { id } }`, {
          id: p.data?.createBusinessPriority.id,
        });
      },
    },
    {
      name: "create a business priority",
      root: "createBusinessPriority",
      allowed: ["BUSINESS_UNIT"],
      run: (api, _t, token) => api.gql(token, CREATE_PRIORITY),
    },
    {
      name: "read the audit group",
      root: "auditGroup",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(token, `{ auditGroup { id members { id } providerAgenciesWithoutMember { id } } }`),
    },
    {
      name: "read the audit group's compliance",
      root: "auditGroupCompliance",
      allowed: BOARD_WIDE,
      run: (api, _t, token) => api.gql(token, `{ auditGroupCompliance { id breaches { kind } } }`),
    },
    {
      name: "list audit group meetings",
      root: "auditGroupMeetings",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(token, `{ auditGroupMeetings { edges { node { id attendance { name } } } } }`),
    },
    {
      name: "add an audit group member",
      root: "addAuditGroupMember",
      allowed: AUDIT_WRITERS,
      run: (api, t, token) =>
        api.gql(
          token,
          `mutation($input: AddAuditGroupMemberInput!) { addAuditGroupMember(input: $input) { id } }`,
          {
            input: {
              name: "Named Nurse",
              agencyId: t.agencyIds[1],
              memberRole: "MEMBER",
              from: "2026-01-01",
            },
          },
        ),
    },
    {
      name: "record an audit group meeting",
      root: "recordAuditGroupMeeting",
      allowed: AUDIT_WRITERS,
      run: (api, _t, token) => {
        // One meeting a day: a day of its own for each run.
        const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return api.gql(
          token,
          `mutation($input: RecordAuditGroupMeetingInput!, $k: String) { recordAuditGroupMeeting(input: $input, idempotencyKey: $k) { id } }`,
          { input: { heldOn: day, attendeeIds: [], caseIds: [] }, k: `m-${randomUUID()}` },
        );
      },
    },
    {
      name: "list audit exercises",
      root: "auditExercises",
      allowed: BOARD_WIDE,
      run: (api, _t, token) => api.gql(token, `{ auditExercises { edges { node { id } } } }`),
    },
    {
      name: "read an audit exercise",
      root: "auditExercise",
      allowed: BOARD_WIDE,
      run: async (api, t, token) => {
        const e = await exercise(api, t);
        return api.gql(
          token,
          `query($id: ID!) { auditExercise(id: $id) { id cases { caseId agencies { id } } findings { id } } }`,
          { id: e.id },
        );
      },
    },
    {
      name: "create an audit exercise",
      root: "createAuditExercise",
      allowed: AUDIT_WRITERS,
      run: async (api, t, token) => {
        const c = await createCaseVia(api, t, [0]);
        return api.gql(
          token,
          `mutation($input: CreateAuditExerciseInput!, $k: String) { createAuditExercise(input: $input, idempotencyKey: $k) { id } }`,
          {
            input: {
              theme: "Neglect",
              substantial: true,
              startedOn: "2026-01-02",
              cases: [{ caseId: c.id, agencyIds: [t.agencyIds[0]] }],
            },
            k: `e-${randomUUID()}`,
          },
        );
      },
    },
    {
      name: "add an audit finding",
      root: "addAuditFinding",
      allowed: AUDIT_WRITERS,
      run: async (api, t, token) => {
        const e = await exercise(api, t);
        return api.gql(
          token,
          `mutation($input: AddAuditFindingInput!) { addAuditFinding(input: $input) { id findingCount } }`,
          { input: { id: e.id, text: "Chronologies missing" } },
        );
      },
    },
    {
      name: "complete an audit exercise",
      root: "completeAuditExercise",
      allowed: AUDIT_WRITERS,
      run: async (api, t, token) => {
        const e = await exercise(api, t);
        return api.gql(
          token,
          `mutation($input: CompleteAuditExerciseInput!) { completeAuditExercise(input: $input) { id } }`,
          { input: { id: e.id, expectedVersion: e.version, completedOn: "2026-01-03" } },
        );
      },
    },
    {
      name: "list agencies' audits (an agency: its own)",
      root: "agencyAudits",
      allowed: AUDIT_READERS,
      run: (api, _t, token) => api.gql(token, `{ agencyAudits { edges { node { id } } } }`),
    },
    {
      name: "read agency 0's audit",
      root: "agencyAudit",
      allowed: AUDIT_READERS,
      denied: "NULL",
      value: (d) => d?.agencyAudit,
      run: async (api, t, token) => {
        const a = await agencyAuditVia(api, t, 0);
        return api.gql(token, `query($id: ID!) { agencyAudit(id: $id) { id entries { id } } }`, {
          id: a.id,
        });
      },
    },
    {
      name: "record agency 0's audit",
      root: "createAgencyAudit",
      allowed: ["AGENCY_LEAD", "PARTNER_SYSTEM"],
      run: (api, t, token) =>
        api.gql(token, CREATE_AGENCY_AUDIT, {
          input: {
            agencyId: t.agencyIds[0],
            kind: "PLANNED",
            title: "Referrals",
            scope: "A quarter's referrals",
            startedOn: "2026-01-02",
          },
          key: `aa-${randomUUID()}`,
        }),
    },
    {
      name: "record a finding on agency 0's audit",
      root: "recordAgencyAuditEntry",
      allowed: ["AGENCY_LEAD", "PARTNER_SYSTEM"],
      denied: "NOT_FOUND",
      deniedFor: {
        INDEPENDENT_CHAIR: "FORBIDDEN",
        SCR_SUBGROUP: "FORBIDDEN",
        BUSINESS_UNIT: "FORBIDDEN",
        AUDIT_GROUP: "FORBIDDEN",
      },
      run: async (api, t, token) => {
        const a = await agencyAuditVia(api, t, 0);
        return api.gql(
          token,
          `mutation($input: RecordAgencyAuditEntryInput!) { recordAgencyAuditEntry(input: $input) { id } }`,
          {
            input: {
              id: a.id,
              kind: "FINDING",
              text: "Files lacked chronologies",
              on: "2026-01-03",
            },
          },
        );
      },
    },
    {
      name: "challenge agency 0's audit",
      root: "recordAgencyAuditEntry",
      allowed: BOARD_CORE,
      denied: "NOT_FOUND",
      deniedFor: {
        AUDIT_GROUP: "FORBIDDEN",
        AGENCY_LEAD: "FORBIDDEN",
        PARTNER_SYSTEM: "FORBIDDEN",
      },
      run: async (api, t, token) => {
        const a = await agencyAuditVia(api, t, 0);
        return api.gql(
          token,
          `mutation($input: RecordAgencyAuditEntryInput!) { recordAgencyAuditEntry(input: $input) { id } }`,
          { input: { id: a.id, kind: "CHALLENGE", text: "Show the impact", on: "2026-01-03" } },
        );
      },
    },
    {
      name: "rate a Section 11 standard for agency 0",
      root: "rateSection11Standard",
      allowed: ["AGENCY_LEAD", "PARTNER_SYSTEM"],
      denied: "NOT_FOUND",
      deniedFor: {
        INDEPENDENT_CHAIR: "FORBIDDEN",
        SCR_SUBGROUP: "FORBIDDEN",
        BUSINESS_UNIT: "FORBIDDEN",
        AUDIT_GROUP: "FORBIDDEN",
      },
      run: async (api, t, token) => {
        const a = await agencyAuditVia(api, t, 0, { kind: "SECTION_11" });
        const s = await api.gql<{ createSection11Standard: { id: string } }>(
          await t.token("BUSINESS_UNIT"),
          CREATE_STANDARD,
        );
        return api.gql(
          token,
          `mutation($input: RateSection11StandardInput!) { rateSection11Standard(input: $input) { id } }`,
          {
            input: {
              id: a.id,
              standardId: s.data?.createSection11Standard.id,
              rating: "GOOD",
              evidence: "Minutes",
            },
          },
        );
      },
    },
    {
      name: "create a Section 11 standard",
      root: "createSection11Standard",
      allowed: ["BUSINESS_UNIT"],
      run: (api, _t, token) => api.gql(token, CREATE_STANDARD),
    },
    {
      name: "list Section 11 standards",
      root: "section11Standards",
      allowed: ALL,
      run: (api, _t, token) => api.gql(token, `{ section11Standards { edges { node { id } } } }`),
    },
    {
      name: "report a near miss for agency 0",
      root: "reportNearMiss",
      allowed: ["AGENCY_LEAD", "PRACTITIONER", "PARTNER_SYSTEM"],
      run: (api, _t, token) =>
        api.gql(token, REPORT, {
          input: {
            kind: "NEAR_MISS",
            occurredOn: "2026-01-02",
            summary: "Unread referral",
            anonymous: false,
          },
          key: `nm-${randomUUID()}`,
        }),
    },
    {
      name: "list agency 0's near-miss reports",
      root: "nearMissReports",
      allowed: ["AGENCY_LEAD"],
      run: (api, _t, token) => api.gql(token, `{ nearMissReports { edges { node { id } } } }`),
    },
    {
      name: "read a near-miss report of agency 0",
      root: "nearMissReport",
      allowed: ["AGENCY_LEAD"],
      denied: "NULL",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.nearMissReport,
      run: async (api, t, token) => {
        const r = await report(api, t);
        return api.gql(
          token,
          `query($id: ID!) { nearMissReport(id: $id) { id reporter { id } } }`,
          {
            id: r.id,
          },
        );
      },
    },
    {
      name: "follow agency 0's practitioner's report (its reporter only)",
      root: "nearMissReportStatus",
      allowed: ["PRACTITIONER"],
      denied: "NULL",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.nearMissReportStatus,
      run: async (api, t, token) => {
        const r = await report(api, t);
        return api.gql(token, `query($id: ID) { nearMissReportStatus(id: $id) { id status } }`, {
          id: r.id,
        });
      },
    },
    {
      name: "read near-miss counts",
      root: "nearMissCounts",
      allowed: BOARD_WIDE,
      run: (api, _t, token) =>
        api.gql(
          token,
          `{ nearMissCounts(fromMonth: "2026-01", toMonth: "2026-12") { id counts { id count } } }`,
        ),
    },
    {
      name: "respond to a near-miss report of agency 0",
      root: "respondToNearMiss",
      allowed: ["AGENCY_LEAD"],
      denied: "NOT_FOUND",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      run: async (api, t, token) => {
        const r = await report(api, t);
        return api.gql(
          token,
          `mutation($input: RespondToNearMissInput!) { respondToNearMiss(input: $input) { id } }`,
          {
            input: {
              id: r.id,
              expectedVersion: 1,
              withinArrangements: true,
              response: "Rota changed",
              respondedOn: new Date().toISOString().slice(0, 10),
            },
          },
        );
      },
    },
    {
      name: "escalate a near-miss report of agency 0",
      root: "escalateNearMiss",
      allowed: ["AGENCY_LEAD"],
      denied: "NOT_FOUND",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      run: async (api, t, token) => {
        const r = await report(api, t);
        return api.gql(token, ESCALATE, { input: { id: r.id, expectedVersion: 1, ...ESCALATION } });
      },
    },
    {
      name: "list escalations (an agency's lead: its own)",
      root: "escalations",
      allowed: [...BOARD_CORE, "AGENCY_LEAD"],
      run: (api, _t, token) => api.gql(token, `{ escalations { edges { node { id } } } }`),
    },
    {
      name: "read agency 0's escalation",
      root: "escalation",
      allowed: [...BOARD_CORE, "AGENCY_LEAD"],
      denied: "NULL",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.escalation,
      run: async (api, t, token) => {
        const e = await escalated(api, t);
        return api.gql(token, `query($id: ID!) { escalation(id: $id) { id reportId } }`, {
          id: e.id,
        });
      },
    },
    {
      name: "decide on an escalation",
      root: "decideEscalation",
      allowed: BOARD_CORE,
      denied: "NOT_FOUND",
      deniedFor: { AGENCY_LEAD: "FORBIDDEN", PARTNER_SYSTEM: "FORBIDDEN" },
      run: async (api, t, token) => {
        const e = await escalated(api, t);
        return api.gql(
          token,
          `mutation($input: DecideEscalationInput!) { decideEscalation(input: $input) { id status } }`,
          {
            input: {
              id: e.id,
              expectedVersion: 1,
              status: "DECLINED",
              note: "Single-agency learning suffices",
              decidedOn: new Date().toISOString().slice(0, 10),
            },
          },
        );
      },
    },
    {
      name: "record a reflection with agency 0",
      root: "recordReflection",
      allowed: ["BUSINESS_UNIT", "AUDIT_GROUP", "AGENCY_LEAD", "PRACTITIONER"],
      run: (api, t, token) => api.gql(token, RECORD_REFLECTION, { input: reflectionInput(t) }),
    },
    {
      name: "list reflections",
      root: "reflections",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD", "PRACTITIONER"],
      run: (api, _t, token) => api.gql(token, `{ reflections { edges { node { id } } } }`),
    },
    {
      name: "read a reflection of agency 0",
      root: "reflection",
      allowed: [...BOARD_WIDE, "AGENCY_LEAD", "PRACTITIONER"],
      denied: "NULL",
      deniedFor: { PARTNER_SYSTEM: "FORBIDDEN" },
      value: (d) => d?.reflection,
      run: async (api, t, token) => {
        const r = await reflection(api, t);
        return api.gql(token, `query($id: ID!) { reflection(id: $id) { id } }`, { id: r.id });
      },
    },
  ];
}

const CREATE_PRIORITY = /* GraphQL */ `
  mutation { createBusinessPriority(input: { title: "Neglect", periodFrom: "2026-04-01", periodTo: "2027-03-31", owner: "Neglect subgroup chair" }) { id } }
`;
const CREATE_STANDARD = /* GraphQL */ `
  mutation { createSection11Standard(input: { number: 1, title: "Senior management commitment" }) { id } }
`;
const ESCALATE = /* GraphQL */ `
  mutation($input: EscalateNearMissInput!) { escalateNearMiss(input: $input) { id escalation { id } } }
`;
const ESCALATION = {
  summary: "A referral sat unread; a child was harmed",
  reason: "Possible learning across agencies",
  escalatedOn: new Date().toISOString().slice(0, 10),
};
const RECORD_REFLECTION = /* GraphQL */ `
  mutation($input: RecordReflectionInput!) { recordReflection(input: $input) { id } }
`;
const reflectionInput = (t: Tenant) => ({
  kind: "MULTI_AGENCY_DISCUSSION",
  theme: "Disguised compliance",
  heldOn: "2026-01-02",
  agencyIds: [t.agencyIds[0]],
  learned: "Check what is said against what is seen",
});

/**
 * The caller's token again, for the same role in another tenant `own` (operations that change
 * people or systems run on a tenant of their own, so that one role's change does not change
 * another role's expected answer). A token of a role with no seeded user keeps the original.
 */
async function tokenIn(own: Tenant, token: string, t: Tenant): Promise<string> {
  if (token === null) return token;
  const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as {
    roles?: Role[] | string;
    client_id?: string;
    partnership_id?: string;
  };
  if (payload.client_id) return own.token("PARTNER_SYSTEM", 0);
  const role = [payload.roles ?? []].flat()[0] as Role | undefined;
  if (!role || payload.partnership_id !== t.partnershipId) return token;
  return own.token(role, 0);
}

let api: TestApi;
let t: Tenant;
beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
});

describe("roles x operations", () => {
  for (const op of OPERATIONS) {
    for (const role of ROLES) {
      const expected: Outcome = op.allowed.includes(role)
        ? "ALLOW"
        : (op.deniedFor?.[role] ?? op.denied ?? "FORBIDDEN");
      it(`${role} may ${expected === "ALLOW" ? "" : "not "}${op.name}`, async () => {
        const res = await op.run(api, t, await t.token(role, 0), role);
        // The platform operator belongs to no partnership: whatever it is refused, it is told
        // no more than that (FORBIDDEN, NOT_FOUND, or nothing), and sees nothing of the tenant.
        if (isPlatformRole(role) && expected !== "ALLOW") {
          for (const code of codes(res)) expect(["FORBIDDEN", "NOT_FOUND"]).toContain(code);
          if (op.value) expect(op.value(res.data as Record<string, unknown>) ?? null).toBeNull();
          const seen = JSON.stringify(res.data ?? null);
          for (const id of [t.partnershipId, ...t.agencyIds, ...t.seed.people.map((p) => p.id)])
            expect(seen).not.toContain(id);
          return;
        }
        if (expected === "ALLOW" || expected === "NULL") {
          expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
          if (op.value) {
            const value = op.value(res.data as Record<string, unknown>) ?? null;
            if (expected === "ALLOW") expect(value).not.toBeNull();
            else expect(value).toBeNull();
          }
        } else expect(codes(res)).toContain(expected);
      });
    }
  }

  for (const op of OPERATIONS) {
    const expected = op.anonymous ?? "UNAUTHENTICATED";
    it(`an anonymous caller may ${expected === "ALLOW" ? "" : "not "}${op.name}`, async () => {
      const res = await op.run(api, t, null as unknown as string, "BOARD_MEMBER");
      if (expected === "ALLOW") expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      else expect(codes(res)).toEqual([expected]);
    });
  }

  it("covers every root query and mutation of the schema, so none can skip the matrix", () => {
    const schema = buildSchema(printSchemaSdl());
    const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    const covered = new Set(OPERATIONS.map((op) => op.root));
    expect(roots.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !roots.includes(r))).toEqual([]);
  });

  it("lets an anonymous caller reach exactly the operations the policy makes public", () => {
    const anonymous = OPERATIONS.filter((op) => op.anonymous === "ALLOW").map((op) => op.root);
    expect([...new Set(anonymous)].sort()).toEqual([...publicOperations()].sort());
  });
});

describe("tenant isolation", () => {
  it("a token of one partnership reads nothing of another", async () => {
    const other = await newTenant(api, { cases: 3 });
    const theirCase = other.seed.cases[0]?.record.id as string;
    const theirAgency = other.agencyIds[0] as string;
    const bu = await t.token("BUSINESS_UNIT");

    const caseRes = await api.gql(bu, `query C($id: ID!) { case(id: $id) { id } }`, {
      id: theirCase,
    });
    expect(caseRes).toMatchObject({ data: { case: null } });
    expect(caseRes.errors).toBeUndefined();
    const agencyRes = await api.gql(bu, `query A($id: ID!) { agency(id: $id) { id } }`, {
      id: theirAgency,
    });
    expect(agencyRes).toMatchObject({ data: { agency: null } });
    expect(agencyRes.errors).toBeUndefined();
    const list = await api.gql<{ cases: { edges: { node: { id: string } }[] } }>(
      bu,
      `{ cases(first: 100) { edges { node { id } } } }`,
    );
    const ids = list.data?.cases.edges.map((e) => e.node.id) ?? [];
    for (const c of other.seed.cases) expect(ids).not.toContain(c.record.id);
    const log = await api.gql<{ accessLog: { edges: unknown[] } }>(
      bu,
      `query L($c: ID) { accessLog(caseId: $c) { edges { node { id } } } }`,
      { c: theirCase },
    );
    expect(log.data?.accessLog.edges).toEqual([]);
    const update = await api.gql(
      bu,
      `mutation M($input: UpdateCaseIdentityInput!) { updateCaseIdentity(input: $input) { id } }`,
      { input: { id: theirCase, expectedVersion: 1, identity: identityInput() } },
    );
    expect(codes(update)).toEqual(["NOT_FOUND"]);
    // Their data is untouched.
    const theirs = await api.gql<{ case: { version: number } }>(
      await other.token("BUSINESS_UNIT"),
      `query C($id: ID!) { case(id: $id) { version } }`,
      { id: theirCase },
    );
    expect(theirs.data?.case.version).toBe(1);
  });

  it("a case cannot be linked to another partnership's agency", async () => {
    const other = await newTenant(api);
    const res = await api.gql(
      await t.token("BUSINESS_UNIT"),
      `mutation M($input: CreateCaseInput!) { createCase(input: $input) { id } }`,
      { input: { agencyIds: [other.agencyIds[0]], identity: identityInput() } },
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
  });
});
