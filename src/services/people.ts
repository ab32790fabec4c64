import { randomUUID } from "node:crypto";
import { authorize, can } from "../auth/policy";
import { RelatedRecordChanged } from "../data/store";
import type { Person } from "../domain/entities";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors";
import { decodeSeqCursor, encodeSeqCursor, type Page, pageSize } from "../domain/pagination";
import {
  checkEmail,
  checkPersonRoles,
  keeperRolesGivenUp,
  type RoleChange,
  sameRoles,
} from "../domain/people";
import { isRole, PLATFORM, type Role } from "../domain/roles";
import { optionalText, requiredName } from "../domain/text";
import { requireAgencies } from "./agencies";
import type { AuthedContext, ServiceContext } from "./context";
import { authed, idempotencyClaim } from "./shared";

/** The person record of the signed-in user (null for partner systems, which are not people). */
export async function me(ctx: ServiceContext): Promise<Person | null> {
  const c = authed(ctx);
  if (c.principal.isMachine) return null;
  return c.loaders.people.load(c.principal.subject);
}

/** Staff: the whole partnership for the business unit, one agency for its lead. */
export async function listPeople(
  ctx: ServiceContext,
  agencyId: string | null | undefined,
  first?: number | null,
  after?: string | null,
): Promise<Page<Person>> {
  const c = authed(ctx);
  const size = pageSize(first);
  // Without an agency: the partnership's for whoever may list it, else one's own agency's.
  if (!agencyId && !can(c.principal, "person:list") && c.principal.agencyId)
    agencyId = c.principal.agencyId;
  if (agencyId) {
    authorize(c.principal, "person:list", { agencyIds: [agencyId] });
    return c.store.people.listByAgency(c.principal.partnershipId, agencyId, size, after);
  }
  authorize(c.principal, "person:list");
  return c.store.people.list(c.principal.partnershipId, size, after);
}

const personResource = (p: Person) => ({
  subject: p.id,
  agencyIds: p.agencyId ? [p.agencyId] : [],
});

export async function getPerson(ctx: ServiceContext, id: string): Promise<Person> {
  const c = authed(ctx);
  const p = await c.loaders.people.load(id);
  if (!p || !can(c.principal, "person:read", personResource(p)))
    throw new NotFoundError("Person", id);
  return p;
}

/** Whether the caller may read a person's contact details. */
export function viewerCanReadEmail(ctx: ServiceContext, person: Person): boolean {
  return can(authed(ctx).principal, "person:readContact", personResource(person));
}

/** A person's email: for the business unit, the person themself and their agency's lead (null for others). */
export function personEmail(ctx: ServiceContext, person: Person): string | null {
  return viewerCanReadEmail(ctx, person) ? person.email : null;
}

/** The person an id names, if they are a member of staff of the partnership (null otherwise). */
export async function personRef(ctx: ServiceContext, id: string): Promise<Person | null> {
  const c = authed(ctx);
  const p = await c.loaders.people.load(id);
  return p && can(c.principal, "person:read", personResource(p)) ? p : null;
}

export interface InvitationInput {
  readonly name: string;
  readonly email: string;
  readonly agencyId?: string | null;
  readonly jobTitle?: string | null;
  readonly roles: readonly string[];
}

/**
 * §12: the business unit (or the Chair, or an agency's lead for their agency) invites a member
 * of staff: the person's record and their sign-in user in the directory (Cognito sends the
 * invitation). Retried with the same key, it creates nothing twice; the sign-in user of a retry
 * that failed half way is found again, not duplicated.
 */
export async function invitePerson(
  ctx: ServiceContext,
  input: InvitationInput,
  idempotencyKey?: string | null,
): Promise<Person> {
  const c = authed(ctx);
  const agencyId = input.agencyId ?? null;
  authorize(c.principal, "person:invite", {
    agencyIds: agencyId ? [agencyId] : [],
    roles: input.roles.filter(isRole),
  });
  const roles = checkPersonRoles(input.roles, agencyId, {
    platform: c.principal.partnershipId === PLATFORM,
    field: "input.roles",
  });
  if (agencyId) await requireAgencies(c, [agencyId], "input.agencyId");
  return createPerson(c, c.principal.partnershipId, input, roles, idempotencyKey ?? null);
}

/** A new member of staff's record, and the role change that gave their first roles. */
export function newPerson(
  c: AuthedContext,
  partnershipId: string,
  details: {
    id?: string;
    name: string;
    email: string;
    agencyId?: string | null;
    jobTitle?: string | null;
    identity: string;
  },
  roles: Role[],
  reason: string,
): { person: Person; granted: RoleChange } {
  const now = c.now().toISOString();
  return {
    person: {
      id: details.id ?? randomUUID(),
      partnershipId,
      agencyId: details.agencyId ?? null,
      name: details.name,
      email: details.email,
      jobTitle: optionalText(details.jobTitle),
      roles,
      enabled: true,
      identity: details.identity,
      roleChangeCount: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
    },
    granted: {
      id: randomUUID(),
      before: [],
      after: roles,
      reason,
      by: c.principal.subject,
      at: now,
    },
  };
}

/** A new member of staff's name and email, checked (`fields`: where they were sent). */
export function checkNewcomer(input: { name: string; email: string }, fields: string) {
  return {
    name: requiredName(input.name, `${fields}.name`, "A name"),
    email: checkEmail(input.email, `${fields}.email`),
  };
}

/** The refusal of an email that already signs someone in (emails are unique per deployment). */
export const emailTaken = (field: string) =>
  new ValidationError(
    field,
    "This email already has a sign-in to this service (one email is one member of staff)",
  );

/** Creates a person and their sign-in user (an invitation). */
async function createPerson(
  c: AuthedContext,
  partnershipId: string,
  input: InvitationInput,
  roles: Role[],
  idempotencyKey: string | null,
): Promise<Person> {
  const { name, email } = checkNewcomer(input, "input");
  const claim = idempotencyClaim(c, "invitePerson", idempotencyKey, { ...input, email });
  // A retry is answered from the record; a key reused for someone else invites no one.
  const prior = claim && (await c.store.priorResult(claim));
  if (prior) {
    const existing = (await c.store.people.getMany(partnershipId, [prior])).get(prior);
    if (existing) return existing;
  }
  const user = await c.store.directory.createUser({ email, name });
  const { person, granted } = newPerson(
    c,
    partnershipId,
    { ...input, name, email, identity: user.identity },
    roles,
    "Invited",
  );
  let outcome: Awaited<ReturnType<typeof c.store.people.create>>;
  try {
    outcome = await c.store.people.create(person, claim, granted);
  } catch (err) {
    // The sign-in user is someone already on the staff (of this partnership or another).
    if (err instanceof ConflictError && err.reason === "STATE") throw emailTaken("input.email");
    throw err;
  }
  if (outcome.created) return person;
  const existing = (await c.store.people.getMany(partnershipId, [outcome.id])).get(outcome.id);
  if (!existing) throw new NotFoundError("Person", outcome.id);
  return existing;
}

/**
 * Saves a change of a person; a change that takes a keeper role (the business unit, the Chair)
 * from the enabled staff counts on another enabled holder, checked in the same write, so two
 * holders removing each other at once cannot both succeed.
 */
async function saveKeepingKeepers(
  c: AuthedContext,
  p: Person,
  next: Person,
  expectedVersion: number,
  roleChange?: RoleChange,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const keepers: Person[] = [];
    for (const role of keeperRolesGivenUp(p, next)) {
      const other = await c.store.people.otherKeeper(p.partnershipId, role, p.id);
      if (!other)
        throw new ConflictError(
          `${p.name} is the partnership's last enabled ${ROLE_NAMES[role]}: give the role to someone else first`,
          "STATE",
        );
      keepers.push(other);
    }
    try {
      await c.store.people.save(next, expectedVersion, roleChange, keepers);
      return;
    } catch (err) {
      // The holder counted on changed meanwhile: look again (a stale own version is the caller's).
      if (!(err instanceof RelatedRecordChanged) || attempt >= 5) throw err;
    }
  }
}

/** A change asked of an older version is refused even when it would change nothing. */
function checkVersion(p: Person, expectedVersion: number): void {
  if (expectedVersion !== p.version)
    throw new ConflictError(
      `Person ${p.id} is at version ${p.version}, not ${expectedVersion}`,
      "STALE_VERSION",
      p.version,
    );
}

const ROLE_NAMES: Partial<Record<Role, string>> = {
  BUSINESS_UNIT: "business-unit member",
  INDEPENDENT_CHAIR: "Independent Chair",
};

/**
 * Changes a person's roles; every change is recorded (who, when, before, after, why). The caller
 * must be able to grant every role the person holds before and after: no one changes someone
 * above their own reach, and an agency's lead only their own agency's staff.
 */
export async function changePersonRoles(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: { roles: readonly string[]; reason?: string | null },
): Promise<Person> {
  const c = authed(ctx);
  const p = await getPerson(c, id);
  const after = checkPersonRoles(input.roles, p.agencyId, {
    platform: p.partnershipId === PLATFORM,
    field: "input.roles",
  });
  const before = p.roles as Role[];
  authorize(c.principal, "person:changeRoles", {
    agencyIds: p.agencyId ? [p.agencyId] : [],
    roles: [...new Set([...before, ...after])],
  });
  checkVersion(p, expectedVersion);
  if (sameRoles(before, after)) return p;
  const at = c.now().toISOString();
  const next: Person = {
    ...p,
    roles: after,
    roleChangeCount: p.roleChangeCount + 1,
    version: expectedVersion + 1,
    updatedAt: at,
  };
  await saveKeepingKeepers(c, p, next, expectedVersion, {
    id: randomUUID(),
    before,
    after,
    reason: optionalText(input.reason),
    by: c.principal.subject,
    at,
  });
  c.loaders.people.clear(id);
  return next;
}

/**
 * Disables (or enables again) a person: a disabled person gets no new token (the pre-token
 * trigger refuses them and the directory blocks the user); tokens already issued end within the
 * hour they live.
 */
export async function setPersonEnabled(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  enabled: boolean,
): Promise<Person> {
  const c = authed(ctx);
  const p = await getPerson(c, id);
  authorize(c.principal, "person:enable", {
    agencyIds: p.agencyId ? [p.agencyId] : [],
    roles: p.roles as Role[],
  });
  if (p.id === c.principal.subject && !enabled)
    throw new ValidationError("input.id", "You cannot disable yourself");
  checkVersion(p, expectedVersion);
  // The record first (it decides sign-in, through the pre-token trigger), then the directory,
  // which blocks the user and ends their sessions. Asked again, the directory is set again: a
  // retry after a directory fault completes the change.
  let next = p;
  if (p.enabled !== enabled) {
    next = { ...p, enabled, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
    await saveKeepingKeepers(c, p, next, expectedVersion);
    c.loaders.people.clear(id);
  }
  await c.store.directory.setUserEnabled(p.email, enabled);
  return next;
}

/** Whether the caller may read a person's role changes. */
export function viewerCanReadRoleHistory(ctx: ServiceContext): boolean {
  return can(authed(ctx).principal, "person:readRoleHistory");
}

/** A person's role changes, newest first (null for those who may not read them). */
export async function roleChangesOf(
  ctx: ServiceContext,
  person: Person,
  first?: number | null,
  after?: string | null,
): Promise<Page<RoleChange> | null> {
  const c = authed(ctx);
  if (!viewerCanReadRoleHistory(c)) return null;
  const size = pageSize(first);
  const before = after ? decodeSeqCursor(after) : undefined;
  const changes =
    (await c.store.people.getRoleChanges([person], size, before)).get(person.id) ?? [];
  const top = Math.min(person.roleChangeCount, (before ?? person.roleChangeCount + 1) - 1);
  const edges = changes.map((node, i) => ({ node, cursor: encodeSeqCursor(top - i) }));
  return {
    edges,
    hasNextPage: top - edges.length > 0,
    hasPreviousPage: Boolean(after),
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}
