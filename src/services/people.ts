import { authorize, can } from "../auth/policy";
import type { Person } from "../domain/entities";
import { NotFoundError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import type { ServiceContext } from "./context";
import { authed } from "./shared";

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
