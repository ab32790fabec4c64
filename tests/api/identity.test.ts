import { randomUUID } from "node:crypto";
import type { PreTokenGenerationTriggerEvent } from "aws-lambda";
import { importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { LocalDirectory } from "../../src/data/local-directory";
import { signClientToken } from "../../src/local/dev-auth";
import {
  codes,
  type GqlResult,
  newTenant,
  TEST_AUDIENCE,
  TEST_ISSUER,
  type Tenant,
  type TestApi,
  testApi,
} from "../helpers/harness";

/**
 * Identity: Cognito's pre-token trigger with the events Cognito sends, the business unit's
 * invitations and role changes, and partner systems' registrations and tokens.
 */

type Trigger = (e: PreTokenGenerationTriggerEvent) => Promise<PreTokenGenerationTriggerEvent>;

let api: TestApi;
let t: Tenant;
let trigger: Trigger;

beforeAll(async () => {
  api = await testApi();
  t = await newTenant(api, { agencies: 2, cases: 1 });
  process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
  ({ handler: trigger } = (await import("../../src/handlers/pre-token")) as { handler: Trigger });
});

/** The event Cognito sends the trigger when a user signs in (or refreshes their tokens). */
function signInEvent(
  sub: string | undefined,
  triggerSource: PreTokenGenerationTriggerEvent["triggerSource"] = "TokenGeneration_Authentication",
): PreTokenGenerationTriggerEvent {
  return {
    version: "1",
    region: "eu-west-2",
    userPoolId: "eu-west-2_AbCdEfGhI",
    triggerSource,
    userName: sub ?? "someone",
    callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "webclient123" },
    request: {
      userAttributes: {
        ...(sub ? { sub } : {}),
        "cognito:user_status": "CONFIRMED",
        email_verified: "true",
        email: "someone@example.org",
      },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: "" },
    },
    response: { claimsOverrideDetails: {} },
  } as PreTokenGenerationTriggerEvent;
}

/**
 * The ID token Cognito issues after the trigger: its own claims (`sub` is Cognito's, not the
 * person's id) with the trigger's added, signed by the user pool (here the test key).
 */
async function cognitoIdToken(sub: string, added: Record<string, string>) {
  return new SignJWT({
    ...added,
    token_use: "id",
    email: "someone@example.org",
    "cognito:username": sub,
    auth_time: Math.floor(Date.now() / 1000),
  })
    .setProtectedHeader({ alg: "RS256", kid: api.keys.trusted.privateJwk.kid })
    .setSubject(sub)
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(await importJWK(api.keys.trusted.privateJwk, "RS256"));
}

const INVITE = /* GraphQL */ `
  mutation Invite($input: InvitePersonInput!, $key: String) {
    invitePerson(input: $input, idempotencyKey: $key) {
      id name roles enabled version roleChangeCount agency { id }
    }
  }
`;

const email = () => `person-${randomUUID().slice(0, 8)}@example.org`;

async function invite(
  token: string,
  input: Record<string, unknown>,
  key: string | null = null,
): Promise<GqlResult<{ invitePerson: { id: string; version: number; roles: string[] } }>> {
  return api.gql(token, INVITE, { input, key });
}

async function invited(input: Record<string, unknown>) {
  const res = await invite(await t.token("BUSINESS_UNIT"), input);
  if (!res.data?.invitePerson) throw new Error(JSON.stringify(res.errors));
  return res.data.invitePerson;
}

const CHANGE_ROLES = /* GraphQL */ `
  mutation Change($input: ChangePersonRolesInput!) {
    changePersonRoles(input: $input) { id roles version roleChangeCount }
  }
`;

describe("Cognito's pre-token trigger", () => {
  it("gives a known person their partnership, agency, roles and record id, and the API accepts the token Cognito makes of them", async () => {
    const address = email();
    const person = await invited({
      name: "Pat Practitioner",
      email: address,
      agencyId: t.agencyIds[1],
      roles: ["PRACTITIONER"],
    });
    const sub = LocalDirectory.identityOf(address);
    for (const source of [
      "TokenGeneration_Authentication",
      "TokenGeneration_RefreshTokens",
      "TokenGeneration_HostedAuth",
      "TokenGeneration_NewPasswordChallenge",
    ] as const) {
      const out = await trigger(signInEvent(sub, source));
      expect(out.response.claimsOverrideDetails, source).toEqual({
        claimsToAddOrOverride: {
          partnership_id: t.partnershipId,
          agency_id: t.agencyIds[1],
          roles: "PRACTITIONER",
          person_id: person.id,
        },
        claimsToSuppress: ["cognito:groups"],
      });
    }
    const out = await trigger(signInEvent(sub));
    const token = await cognitoIdToken(
      sub,
      out.response.claimsOverrideDetails.claimsToAddOrOverride ?? {},
    );
    const me = await api.gql<{ me: { id: string; roles: string[]; agency: { id: string } } }>(
      token,
      "{ me { id roles agency { id } } }",
    );
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({
      id: person.id,
      roles: ["PRACTITIONER"],
      agency: { id: t.agencyIds[1] },
    });
  });

  it("gives board staff no agency claim, and several roles space-separated", async () => {
    const address = email();
    const person = await invited({
      name: "Sam Subgroup",
      email: address,
      roles: ["SCR_SUBGROUP", "AUDIT_GROUP"],
    });
    const out = await trigger(signInEvent(LocalDirectory.identityOf(address)));
    expect(out.response.claimsOverrideDetails.claimsToAddOrOverride).toEqual({
      partnership_id: t.partnershipId,
      roles: "SCR_SUBGROUP AUDIT_GROUP",
      person_id: person.id,
    });
  });

  it("shows a role change in the next token, and refuses a disabled person until enabled again", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const address = email();
    const person = await invited({
      name: "Lee Lead",
      email: address,
      agencyId: t.agencyIds[0],
      roles: ["PRACTITIONER"],
    });
    const sub = LocalDirectory.identityOf(address);
    const changed = await api.gql<{ changePersonRoles: { version: number } }>(bu, CHANGE_ROLES, {
      input: {
        id: person.id,
        expectedVersion: person.version,
        roles: ["AGENCY_LEAD"],
        reason: "Promoted",
      },
    });
    expect(changed.errors).toBeUndefined();
    const refreshed = await trigger(signInEvent(sub, "TokenGeneration_RefreshTokens"));
    expect(refreshed.response.claimsOverrideDetails.claimsToAddOrOverride?.roles).toBe(
      "AGENCY_LEAD",
    );

    const disabled = await api.gql<{ disablePerson: { enabled: boolean; version: number } }>(
      bu,
      "mutation($id: ID!, $v: Int!) { disablePerson(input: { id: $id, expectedVersion: $v }) { enabled version } }",
      { id: person.id, v: changed.data?.changePersonRoles.version },
    );
    expect(disabled.data?.disablePerson.enabled).toBe(false);
    await expect(trigger(signInEvent(sub, "TokenGeneration_RefreshTokens"))).rejects.toThrow(
      "Your account has been disabled",
    );
    const enabled = await api.gql<{ enablePerson: { enabled: boolean } }>(
      bu,
      "mutation($id: ID!, $v: Int!) { enablePerson(input: { id: $id, expectedVersion: $v }) { enabled } }",
      { id: person.id, v: disabled.data?.disablePerson.version },
    );
    expect(enabled.data?.enablePerson.enabled).toBe(true);
    const again = await trigger(signInEvent(sub));
    expect(again.response.claimsOverrideDetails.claimsToAddOrOverride?.roles).toBe("AGENCY_LEAD");
  });

  it("refuses an unknown user and an event without a sub, with a message for the sign-in page", async () => {
    await expect(trigger(signInEvent(randomUUID()))).rejects.toThrow(
      "You are not a member of any partnership's staff",
    );
    await expect(trigger(signInEvent(undefined))).rejects.toThrow("The sign-in has no identity");
  });

  it("a token carrying the partner-system role, or a platform role inside a partnership, is refused", async () => {
    for (const added of [
      { partnership_id: t.partnershipId, roles: "PARTNER_SYSTEM", person_id: "x" },
      { partnership_id: t.partnershipId, roles: "PLATFORM_OPERATOR", person_id: "x" },
    ]) {
      const res = await api.gql(await cognitoIdToken(randomUUID(), added), "{ me { id } }");
      expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
    }
  });
});

describe("inviting staff and changing their roles", () => {
  it("an invitation retried with its key creates one person; the key reused for someone else invites no one", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const key = `invite-${randomUUID()}`;
    const input = {
      name: "Robin Reviewer",
      email: email(),
      roles: ["REVIEWER"],
      jobTitle: "Independent reviewer",
    };
    const results = await Promise.all([1, 2, 3].map(() => invite(bu, input, key)));
    const ids = new Set(results.map((r) => r.data?.invitePerson.id));
    // Concurrent retries: each either answers the one person or asks to retry shortly.
    for (const r of results) if (r.errors) expect(codes(r)).toEqual(["SERVICE_UNAVAILABLE"]);
    ids.delete(undefined);
    expect(ids.size).toBe(1);
    const again = await invite(bu, input, key);
    expect(again.data?.invitePerson.id).toBe([...ids][0]);

    const other = await invite(bu, { ...input, email: email() }, key);
    expect(codes(other)).toEqual(["CONFLICT"]);
    expect(other.errors?.[0]?.extensions?.reason).toBe("IDEMPOTENCY_KEY_REUSED");

    // One person with that email in the partnership.
    const people = await api.gql<{ people: { edges: { node: { email: string } }[] } }>(
      bu,
      "{ people(first: 100) { edges { node { email } } } }",
    );
    expect(
      people.data?.people.edges.filter((e) => e.node.email === input.email.toLowerCase()),
    ).toHaveLength(1);
    // Without a key, the same email again is someone already on the staff.
    const twice = await invite(bu, input);
    expect(codes(twice)).toEqual(["BAD_USER_INPUT"]);
    expect(twice.errors?.[0]?.extensions?.field).toBe("input.email");
  });

  it("records every change of roles (who, when, before, after, why), the invitation's first, readable by the business unit only", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const buId = t.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"))?.id;
    const person = await invited({
      name: "Ash Auditor",
      email: email(),
      roles: ["AUDIT_GROUP"],
    });
    expect(person).toMatchObject({ roleChangeCount: 1, version: 1 });
    const changed = await api.gql<{ changePersonRoles: { version: number } }>(bu, CHANGE_ROLES, {
      input: {
        id: person.id,
        expectedVersion: 1,
        roles: ["AUDIT_GROUP", "BOARD_MEMBER"],
        reason: "Joined the board",
      },
    });
    expect(changed.errors).toBeUndefined();
    // Unchanged roles record nothing.
    const same = await api.gql<{ changePersonRoles: { roleChangeCount: number } }>(
      bu,
      CHANGE_ROLES,
      { input: { id: person.id, expectedVersion: 2, roles: ["BOARD_MEMBER", "AUDIT_GROUP"] } },
    );
    expect(same.data?.changePersonRoles.roleChangeCount).toBe(2);
    const stale = await api.gql(bu, CHANGE_ROLES, {
      input: { id: person.id, expectedVersion: 1, roles: ["REVIEWER"] },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "STALE_VERSION",
      currentVersion: 2,
    });

    const HISTORY = `query($id: ID!) { person(id: $id) { roleChangeCount viewerCanReadRoleChanges
      roleChanges(first: 10) { edges { node { id before after reason at byPerson { id } } } } } }`;
    const history = await api.gql<{
      person: {
        roleChangeCount: number;
        roleChanges: {
          edges: {
            node: {
              before: string[];
              after: string[];
              reason: string;
              at: string;
              byPerson: { id: string };
            };
          }[];
        };
      };
    }>(bu, HISTORY, { id: person.id });
    expect(history.errors).toBeUndefined();
    const nodes = history.data?.person.roleChanges.edges.map((e) => e.node);
    expect(
      nodes?.map(({ before, after, reason, byPerson }) => ({
        before,
        after,
        reason,
        by: byPerson.id,
      })),
    ).toEqual([
      {
        before: ["AUDIT_GROUP"],
        after: ["AUDIT_GROUP", "BOARD_MEMBER"],
        reason: "Joined the board",
        by: buId,
      },
      { before: [], after: ["AUDIT_GROUP"], reason: "Invited", by: buId },
    ]);
    expect(Date.parse(nodes?.[0]?.at ?? "")).toBeGreaterThan(Date.now() - 60_000);

    // Others see the person, not the history.
    for (const role of ["AGENCY_LEAD", "PRACTITIONER", "BOARD_MEMBER"] as const) {
      const res = await api.gql<{
        person: { viewerCanReadRoleChanges: boolean; roleChanges: unknown };
      }>(await t.token(role), HISTORY, { id: person.id });
      expect(res.errors, role).toBeUndefined();
      expect(res.data?.person, role).toMatchObject({
        viewerCanReadRoleChanges: false,
        roleChanges: null,
      });
    }
  });

  it("no one grants a role above their own; only the Chair grants INDEPENDENT_CHAIR; an agency's lead only in their agency", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const chair = await t.token("INDEPENDENT_CHAIR");
    const lead = await t.token("AGENCY_LEAD", 0);
    const refused = async (token: string, input: Record<string, unknown>) => {
      const res = await invite(token, { name: "Someone", email: email(), ...input });
      expect(codes(res), JSON.stringify(input)).toEqual(["FORBIDDEN"]);
      expect(res.data).toBeNull();
    };
    await refused(bu, { roles: ["INDEPENDENT_CHAIR"] });
    await refused(lead, { roles: ["INDEPENDENT_CHAIR"] });
    await refused(lead, { roles: ["BUSINESS_UNIT"] });
    await refused(lead, { roles: ["SCR_SUBGROUP"] });
    await refused(lead, { roles: ["PRACTITIONER"], agencyId: t.agencyIds[1] });
    for (const role of ["PRACTITIONER", "BOARD_MEMBER", "REVIEWER", "AUDIT_GROUP"] as const)
      await refused(await t.token(role), { roles: ["PRACTITIONER"], agencyId: t.agencyIds[0] });
    await refused(await t.token("PARTNER_SYSTEM"), {
      roles: ["PRACTITIONER"],
      agencyId: t.agencyIds[0],
    });

    // Within their reach, each may.
    const byChair = await invite(chair, {
      name: "Vice Chair",
      email: email(),
      roles: ["INDEPENDENT_CHAIR"],
    });
    expect(byChair.data?.invitePerson.roles).toEqual(["INDEPENDENT_CHAIR"]);
    const byLead = await invite(lead, {
      name: "New Practitioner",
      email: email(),
      agencyId: t.agencyIds[0],
      roles: ["PRACTITIONER"],
    });
    expect(byLead.data?.invitePerson.roles).toEqual(["PRACTITIONER"]);

    // Changing roles asks the same: a lead cannot make their practitioner the business unit,
    // the business unit cannot take the Chair's role away, and no one can give PARTNER_SYSTEM.
    const p = byLead.data?.invitePerson as { id: string; version: number };
    const up = await api.gql(lead, CHANGE_ROLES, {
      input: { id: p.id, expectedVersion: p.version, roles: ["BUSINESS_UNIT"] },
    });
    expect(codes(up)).toEqual(["FORBIDDEN"]);
    const vice = byChair.data?.invitePerson as { id: string; version: number };
    const down = await api.gql(bu, CHANGE_ROLES, {
      input: { id: vice.id, expectedVersion: vice.version, roles: ["BOARD_MEMBER"] },
    });
    expect(codes(down)).toEqual(["FORBIDDEN"]);
    const system = await invite(bu, { name: "X", email: email(), roles: ["PARTNER_SYSTEM"] });
    expect(codes(system)).toEqual(["FORBIDDEN"]);

    // Another agency's person: known by name across the partnership, out of this lead's reach.
    const otherLead = await t.token("AGENCY_LEAD", 1);
    const notTheirs = await api.gql(otherLead, CHANGE_ROLES, {
      input: { id: p.id, expectedVersion: p.version, roles: ["AGENCY_LEAD"] },
    });
    expect(codes(notTheirs)).toEqual(["FORBIDDEN"]);
    // Asking for the roles they already hold changes nothing, and is still not theirs to ask.
    const unchanged = await api.gql(otherLead, CHANGE_ROLES, {
      input: { id: p.id, expectedVersion: p.version, roles: ["PRACTITIONER"] },
    });
    expect(codes(unchanged)).toEqual(["FORBIDDEN"]);
  });

  it("no one disables themself, and a lead enables and disables their own agency's staff only", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const buPerson = t.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"));
    const self = await api.gql(
      bu,
      "mutation($id: ID!) { disablePerson(input: { id: $id, expectedVersion: 1 }) { id } }",
      { id: buPerson?.id },
    );
    expect(codes(self)).toEqual(["BAD_USER_INPUT"]);
    const staff = await invited({
      name: "Dee",
      email: email(),
      agencyId: t.agencyIds[1],
      roles: ["PRACTITIONER"],
    });
    const DISABLE =
      "mutation($id: ID!, $v: Int!) { disablePerson(input: { id: $id, expectedVersion: $v }) { id enabled } }";
    const other = await api.gql(await t.token("AGENCY_LEAD", 0), DISABLE, {
      id: staff.id,
      v: staff.version,
    });
    expect(codes(other)).toEqual(["FORBIDDEN"]);
    const own = await api.gql<{ disablePerson: { enabled: boolean } }>(
      await t.token("AGENCY_LEAD", 1),
      DISABLE,
      { id: staff.id, v: staff.version },
    );
    expect(own.data?.disablePerson.enabled).toBe(false);
  });
});

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterPartnerSystemInput!, $key: String) {
    registerPartnerSystem(input: $input, idempotencyKey: $key) {
      clientSecret
      partnerSystem { id clientId enabled version allowedOperations agency { id } }
    }
  }
`;

interface Registered {
  registerPartnerSystem: {
    clientSecret: string | null;
    partnerSystem: { id: string; clientId: string; version: number; allowedOperations: string[] };
  };
}

const clientToken = (clientId: string) =>
  signClientToken(api.keys.trusted.privateJwk, clientId, { issuer: TEST_ISSUER });

describe("partner systems", () => {
  it("a registered system's token acts for its own agency only, within its operations, until stopped", async () => {
    const bu = await t.token("BUSINESS_UNIT");
    const key = `register-${randomUUID()}`;
    const input = {
      agencyId: t.agencyIds[0],
      name: "Police case management",
      allowedOperations: ["me", "agencies", "createNotificationDraft", "notifications"],
    };
    const first = await api.gql<Registered>(bu, REGISTER, { input, key });
    expect(first.errors).toBeUndefined();
    const reg = first.data?.registerPartnerSystem as Registered["registerPartnerSystem"];
    expect(reg.clientSecret).toMatch(/^\S{20,}$/);
    // Retried: the same system, and the secret is not shown again (it is not kept).
    const retried = await api.gql<Registered>(bu, REGISTER, { input, key });
    expect(retried.data?.registerPartnerSystem).toEqual({ ...reg, clientSecret: null });

    const token = await clientToken(reg.partnerSystem.clientId);
    const DRAFT = `mutation($input: NotificationInput!, $key: String) {
      createNotificationDraft(input: $input, idempotencyKey: $key) { id notifyingAgency { id } } }`;
    const own = await api.gql<{ createNotificationDraft: { notifyingAgency: { id: string } } }>(
      token,
      DRAFT,
      { input: { summary: "From the police system" }, key: `draft-${randomUUID()}` },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.createNotificationDraft.notifyingAgency.id).toBe(t.agencyIds[0]);
    // Another agency's name in the input does not make it act for that agency.
    const forOther = await api.gql(token, DRAFT, {
      input: { summary: "x", notifyingAgencyId: t.agencyIds[1] },
      key: `draft-${randomUUID()}`,
    });
    expect(codes(forOther)).toEqual(["FORBIDDEN"]);
    // An operation the registration leaves out is refused, even one partner systems may call.
    const outside = await api.gql(token, "{ cases(first: 1) { edges { node { id } } } }");
    expect(codes(outside)).toEqual(["FORBIDDEN"]);
    // A board operation no registration can allow.
    const board = await api.gql(token, REGISTER, {
      input: { agencyId: t.agencyIds[0], name: "Mine" },
      key: `register-${randomUUID()}`,
    });
    expect(codes(board)).toEqual(["FORBIDDEN"]);

    const stop = await api.gql<{ stopPartnerSystem: { enabled: boolean; version: number } }>(
      bu,
      "mutation($id: ID!, $v: Int!) { stopPartnerSystem(input: { id: $id, expectedVersion: $v }) { enabled version } }",
      { id: reg.partnerSystem.id, v: reg.partnerSystem.version },
    );
    expect(stop.data?.stopPartnerSystem.enabled).toBe(false);
    const stopped = await api.gql(await clientToken(reg.partnerSystem.clientId), "{ me { id } }");
    expect(codes(stopped)).toEqual(["UNAUTHENTICATED"]);
    expect(stopped.httpStatus).toBe(401);
  });

  it("an unregistered client and a system of another partnership get nothing here", async () => {
    const unknown = await api.gql(
      await clientToken(`client${randomUUID().slice(0, 8)}`),
      "{ me { id } }",
    );
    expect(codes(unknown)).toEqual(["UNAUTHENTICATED"]);

    const other = await newTenant(api, { agencies: 1 });
    const theirs = await other.token("PARTNER_SYSTEM", 0);
    const notif = await api.gql<{ notifications: { edges: unknown[] } }>(
      theirs,
      "{ notifications(first: 50) { edges { node { id notifyingAgency { id } } } } }",
    );
    expect(notif.errors).toBeUndefined();
    for (const e of notif.data?.notifications.edges ?? [])
      expect(JSON.stringify(e)).not.toContain(t.agencyIds[0]);
    const mine = await api.gql<{ agency: unknown }>(
      theirs,
      "query($id: ID!) { agency(id: $id) { id } }",
      {
        id: t.agencyIds[0],
      },
    );
    expect(mine.data?.agency).toBeNull();
  });

  it("the registration is the business unit's; an agency's lead reads their agency's systems, not the secret or others'", async () => {
    const lead = await t.token("AGENCY_LEAD", 1);
    const res = await api.gql<{
      partnerSystems: { edges: { node: { agency: { id: string } } }[] };
    }>(lead, "{ partnerSystems(first: 50) { edges { node { id agency { id } } } } }");
    expect(res.errors).toBeUndefined();
    const agencies = new Set(res.data?.partnerSystems.edges.map((e) => e.node.agency.id));
    expect([...agencies]).toEqual([t.agencyIds[1]]);
    const reg = await api.gql(lead, REGISTER, {
      input: { agencyId: t.agencyIds[1], name: "Lead's own" },
    });
    expect(codes(reg)).toEqual(["FORBIDDEN"]);
  });
});

describe("staff lists", () => {
  it("an agency's lead asking for staff with no agency gets their own agency's, and no one else", async () => {
    const res = await api.gql<{ people: { edges: { node: { agency: { id: string } | null } }[] } }>(
      await t.token("AGENCY_LEAD", 1),
      "{ people(first: 50) { edges { node { agency { id } } } } }",
    );
    const agencies = new Set(res.data?.people.edges.map((e) => e.node.agency?.id ?? null));
    expect([...agencies]).toEqual([t.agencyIds[1]]);
  });
});

describe("a partnership is never left without its business unit or its Chair", () => {
  it("the last enabled business-unit member cannot give up the role or be disabled; with a second, they can", async () => {
    const own = await newTenant(api, { agencies: 1, cases: 0 });
    const bu = await own.token("BUSINESS_UNIT");
    const chair = await own.token("INDEPENDENT_CHAIR");
    const admin = own.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"));
    if (!admin) throw new Error("no business unit");
    const demote = await api.gql(bu, CHANGE_ROLES, {
      input: { id: admin.id, expectedVersion: admin.version, roles: ["BOARD_MEMBER"] },
    });
    expect(codes(demote)).toEqual(["CONFLICT"]);
    expect(demote.errors?.[0]?.message).toContain("last enabled business-unit member");
    const disable = await api.gql(
      chair,
      "mutation($id: ID!, $v: Int!) { disablePerson(input: { id: $id, expectedVersion: $v }) { id } }",
      { id: admin.id, v: admin.version },
    );
    expect(codes(disable)).toEqual(["CONFLICT"]);

    const second = await api.gql<{ invitePerson: { id: string } }>(bu, INVITE, {
      input: { name: "Second Admin", email: email(), roles: ["BUSINESS_UNIT"] },
    });
    expect(second.errors).toBeUndefined();
    const now = await api.gql<{ changePersonRoles: { roles: string[] } }>(bu, CHANGE_ROLES, {
      input: { id: admin.id, expectedVersion: admin.version, roles: ["BOARD_MEMBER"] },
    });
    expect(now.data?.changePersonRoles.roles).toEqual(["BOARD_MEMBER"]);
  });

  it("two holders removing each other at once: at most one succeeds", async () => {
    const own = await newTenant(api, { agencies: 1, cases: 0 });
    const bu = await own.token("BUSINESS_UNIT");
    const made = await api.gql<{ invitePerson: { id: string; version: number } }>(bu, INVITE, {
      input: { name: "Other Admin", email: email(), roles: ["BUSINESS_UNIT"] },
    });
    const first = own.seed.people.find((p) => p.roles.includes("BUSINESS_UNIT"));
    const other = made.data?.invitePerson;
    if (!first || !other) throw new Error("no admins");
    const results = await Promise.all(
      [
        { id: first.id, v: first.version },
        { id: other.id, v: other.version },
      ].map((p) =>
        api.gql(bu, CHANGE_ROLES, {
          input: { id: p.id, expectedVersion: p.v, roles: ["BOARD_MEMBER"] },
        }),
      ),
    );
    expect(results.filter((r) => !r.errors).length).toBeLessThanOrEqual(1);
    const left = await api.gql<{ people: { edges: { node: { roles: string[] } }[] } }>(
      bu,
      "{ people(first: 50) { edges { node { roles } } } }",
    );
    const admins = left.data?.people.edges.filter((e) => e.node.roles.includes("BUSINESS_UNIT"));
    expect(admins?.length).toBeGreaterThanOrEqual(1);
  });

  it("a change asked of an older version is a conflict even when it would change nothing", async () => {
    const staff = await invited({
      name: "Stale",
      email: email(),
      agencyId: t.agencyIds[0],
      roles: ["PRACTITIONER"],
    });
    const stale = await api.gql(await t.token("BUSINESS_UNIT"), CHANGE_ROLES, {
      input: { id: staff.id, expectedVersion: staff.version - 1, roles: ["PRACTITIONER"] },
    });
    expect(codes(stale)).toEqual(["CONFLICT"]);
  });
});

const SET_UP = /* GraphQL */ `
  mutation SetUp($input: CreatePartnershipInput!, $key: String) {
    createPartnership(input: $input, idempotencyKey: $key) {
      partnership { id code website }
      admin { id roles }
      chair { id roles }
    }
  }
`;

describe("createPartnership (platform operator)", () => {
  const setUp = async (input: Record<string, unknown>, key: string | null = null) =>
    api.gql<{
      createPartnership: {
        partnership: { id: string; code: string; website: string | null };
        admin: { id: string; roles: string[] };
        chair: { id: string; roles: string[] } | null;
      };
    }>(await t.token("PLATFORM_OPERATOR"), SET_UP, { input, key });
  const code = () => `p-${randomUUID().slice(0, 8)}`;
  const base = (c: string) => ({
    code: c,
    name: "Eastshire Safeguarding Children Partnership",
    agencies: [{ name: "Eastshire Police", kind: "POLICE" }],
    admin: { name: "Admin", email: email() },
  });

  it("refused for a bad admin or website, names the field, and leaves nothing behind", async () => {
    const taken = t.seed.people[0]?.email as string;
    for (const [change, field] of [
      [{ admin: { name: "A", email: taken } }, "input.admin.email"],
      [{ admin: { name: "A", email: "nope" } }, "input.admin.email"],
      [{ admin: { name: " ", email: email() } }, "input.admin.name"],
      [{ admin: { name: "A\u202eB", email: email() } }, "input.admin.name"],
      [{ website: "javascript:alert(1)" }, "input.website"],
      [{ website: "not a url" }, "input.website"],
      [{ chair: { name: "C", email: taken } }, "input.chair.email"],
    ] as const) {
      const c = code();
      const res = await setUp({ ...base(c), ...change });
      expect(codes(res), JSON.stringify(change)).toEqual(["BAD_USER_INPUT"]);
      expect(res.errors?.[0]?.extensions?.field).toBe(field);
      const seen = await api.gql<{ publicPartnership: unknown }>(
        null,
        `{ publicPartnership(code: "${c}") { name } }`,
      );
      expect(seen.data?.publicPartnership).toBeNull();
      // The code is still free: the corrected request succeeds.
      const fixed = await setUp(base(c));
      expect(fixed.errors).toBeUndefined();
    }
  });

  it("appoints a first Chair with the admin when asked; a retry answers the same set-up", async () => {
    const input = {
      ...base(code()),
      website: "https://eastshire.example",
      chair: { name: "Chair", email: email() },
    };
    const key = `setup-${randomUUID()}`;
    const first = await setUp(input, key);
    expect(first.errors).toBeUndefined();
    expect(first.data?.createPartnership.chair?.roles).toEqual(["INDEPENDENT_CHAIR"]);
    expect(first.data?.createPartnership.admin.roles).toEqual(["BUSINESS_UNIT"]);
    const again = await setUp(input, key);
    expect(again.data).toEqual(first.data);
  });
});
