import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../src/domain/roles";
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
import { notificationInput, SUBMIT } from "../helpers/notifications";
import { act, recommend } from "../helpers/recommendations";

/**
 * An id the caller may not see answers exactly like an id that does not exist, whatever the
 * caller's role and whatever the operation: a root lookup is null with no error, a list filtered
 * by it is empty, a mutation on it answers what it answers for an id that never existed. Agency
 * roles act for agency 0; the hidden records are agency 1's alone, and another partnership's.
 */
type Kind = "case" | "notification" | "recommendation" | "action" | "agency" | "person";

/** The ids of one set of records of each kind. */
type Records = Record<Kind, string>;

let api: TestApi;
let t: Tenant;
/** Records of agency 1 alone, in the same partnership. */
let agencyOne: Records;
/** Records of another partnership. */
let otherPartnership: Records;

/** A case, a submitted notification, a recommendation and an action of one agency only. */
async function recordsOf(tenant: Tenant, agencyIndex: number): Promise<Records> {
  const c = await createCaseVia(api, tenant, [agencyIndex]);
  const agencyId = tenant.agencyIds[agencyIndex] as string;
  const n = await api.gql<{ submitIncidentNotification: { id: string } }>(
    await tenant.token("BUSINESS_UNIT"),
    SUBMIT,
    {
      input: notificationInput("II", tenant, [c.id], {
        notifyingAgencyId: agencyId,
        involvedAgencyIds: [],
      }),
      key: `n-${randomUUID()}`,
    },
  );
  if (!n.data) throw new Error(JSON.stringify(n.errors));
  const r = await recommend(api, tenant, { owningAgencyId: agencyId, participatingAgencyIds: [] });
  const a = await act(api, tenant, r.id, "2026-09-01", agencyIndex);
  const person = tenant.seed.people.find((p) => p.agencyId === agencyId);
  return {
    case: c.id,
    notification: n.data.submitIncidentNotification.id,
    recommendation: r.id,
    action: a.id,
    agency: agencyId,
    person: person?.id as string,
  };
}

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api);
  agencyOne = await recordsOf(t, 1);
  otherPartnership = await recordsOf(await newTenant(api), 0);
});

const LOOKUPS: Record<Kind, string> = {
  case: `query($id: ID!) { case(id: $id) { id } }`,
  notification: `query($id: ID!) { notification(id: $id) { ... on IncidentNotification { id } } }`,
  recommendation: `query($id: ID!) { recommendation(id: $id) { id } }`,
  action: `query($id: ID!) { action(id: $id) { id } }`,
  agency: `query($id: ID!) { agency(id: $id) { id } }`,
  person: `query($id: ID!) { person(id: $id) { id } }`,
};

/** Operations that name one record by id, beside root lookups. */
const BY_ID: { kind: Kind; name: string; run(token: string, id: string): Promise<GqlResult> }[] = [
  {
    kind: "case",
    name: "reviewDecision(notificationId:)",
    run: (token, id) =>
      api.gql(token, `query($id: ID!) { reviewDecision(notificationId: $id) { id } }`, { id }),
  },
  {
    kind: "case",
    name: "updateCaseIdentity",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($input: UpdateCaseIdentityInput!) { updateCaseIdentity(input: $input) { id } }`,
        { input: { id, expectedVersion: 1, identity: identityInput() } },
      ),
  },
  {
    kind: "case",
    name: "setCaseAgencies",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($input: SetCaseAgenciesInput!) { setCaseAgencies(input: $input) { id } }`,
        { input: { id, expectedVersion: 1, agencyIds: [t.agencyIds[0]] } },
      ),
  },
  {
    kind: "notification",
    name: "recordNationalPanelNotified",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($id: ID!) { recordNationalPanelNotified(input: { id: $id, expectedVersion: 1, on: "2026-04-03" }) { id } }`,
        { id },
      ),
  },
  {
    kind: "notification",
    name: "recordAgencyView",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($id: ID!) { recordAgencyView(input: { id: $id, view: "A view" }) { id } }`,
        { id },
      ),
  },
  {
    kind: "recommendation",
    name: "transitionRecommendation",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($id: ID!) { transitionRecommendation(input: { id: $id, expectedVersion: 1, to: REJECTED, on: "2026-01-02", reason: "No" }) { id } }`,
        { id },
      ),
  },
  {
    kind: "recommendation",
    name: "createAction",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($id: ID!) { createAction(input: { recommendationId: $id, responsiblePerson: "Lead", description: "Do it", dueDate: "2026-09-01" }) { id } }`,
        { id },
      ),
  },
  {
    kind: "action",
    name: "updateActionStatus",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($id: ID!) { updateActionStatus(input: { id: $id, expectedVersion: 1, status: COMPLETED, on: "2026-02-01" }) { id } }`,
        { id },
      ),
  },
  {
    kind: "action",
    name: "recordActionProgress",
    run: (token, id) =>
      api.gql(
        token,
        `mutation($id: ID!, $k: String) { recordActionProgress(input: { id: $id, text: "x", on: "2026-02-01" }, idempotencyKey: $k) { id } }`,
        { id, k: `p-${randomUUID()}` },
      ),
  },
];

/**
 * What a client sees of an answer: its data and its errors' codes, fields and messages (with the
 * id it sent, which a message may repeat, written `<id>`).
 */
const seen = (res: GqlResult, id: string) => ({
  data: res.data ?? null,
  errors: (res.errors ?? []).map((e) => ({
    code: e.extensions?.code,
    field: e.extensions?.field,
    message: e.message.replaceAll(id, "<id>"),
  })),
});

const lookup = async (token: string, kind: Kind, id: string) =>
  api.gql(token, LOOKUPS[kind], { id });

/** The hidden records (of both sets) the role does not see, by kind. */
async function hiddenFrom(token: string, kind: Kind): Promise<string[]> {
  const hidden: string[] = [];
  for (const records of [agencyOne, otherPartnership]) {
    const res = await lookup(token, kind, records[kind]);
    const value = (res.data as Record<string, unknown> | null | undefined)?.[kind];
    if (value == null) hidden.push(records[kind]);
  }
  return hidden;
}

describe("an id the caller may not see", () => {
  for (const role of ROLES) {
    it(`is, for ${role}, null in every root lookup with no error, like an unknown id`, async () => {
      const token = await t.token(role as Role, 0);
      for (const kind of Object.keys(LOOKUPS) as Kind[]) {
        const unknownId = randomUUID();
        const unknown = seen(await lookup(token, kind, unknownId), unknownId);
        expect(unknown, kind).toEqual({ data: { [kind]: null }, errors: [] });
        for (const id of await hiddenFrom(token, kind))
          expect(seen(await lookup(token, kind, id), id), `${kind} ${id}`).toEqual(unknown);
      }
      // Another partnership's records are hidden from every role.
      for (const kind of Object.keys(LOOKUPS) as Kind[])
        expect(await hiddenFrom(token, kind), kind).toContain(otherPartnership[kind]);
    });

    it(`answers ${role} in every operation that names it as it answers an unknown id`, async () => {
      const token = await t.token(role as Role, 0);
      for (const op of BY_ID) {
        const hidden = await hiddenFrom(token, op.kind);
        if (hidden.length === 0) continue;
        const unknownId = randomUUID();
        const unknown = seen(await op.run(token, unknownId), unknownId);
        for (const id of hidden)
          expect(seen(await op.run(token, id), id), `${op.name} ${id}`).toEqual(unknown);
      }
    });
  }
});

describe("a list filtered by an id the caller may not see", () => {
  const ACTIONS_OF = `query($id: ID!) { actions(filter: { recommendationId: $id }) { edges { node { id } } pageInfo { hasNextPage } } }`;

  it("is empty for a recommendation that does not exist, as for one the caller may not see", async () => {
    for (const role of ROLES) {
      const token = await t.token(role as Role, 0);
      const unknownId = randomUUID();
      const unknown = await api.gql(token, ACTIONS_OF, { id: unknownId });
      const hidden = await hiddenFrom(token, "recommendation");
      for (const id of hidden)
        expect(seen(await api.gql(token, ACTIONS_OF, { id }), id), role).toEqual(
          seen(unknown, unknownId),
        );
      // Roles that may list actions at all get an empty page; others FORBIDDEN, whatever the id.
      if (codes(unknown).length === 0)
        expect(unknown.data, role).toEqual({
          actions: { edges: [], pageInfo: { hasNextPage: false } },
        });
      else expect(codes(unknown), role).toEqual(["FORBIDDEN"]);
    }
    const bu = await t.token("BUSINESS_UNIT");
    const res = await api.gql(bu, ACTIONS_OF, { id: randomUUID() });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ actions: { edges: [], pageInfo: { hasNextPage: false } } });
  });
});
