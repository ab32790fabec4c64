import { authorize } from "../auth/policy";
import type { Agency, AgencyKind } from "../domain/entities";
import { NotFoundError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import { requiredName } from "../domain/text";
import type { ServiceContext } from "./context";
import { authed, idempotencyClaim, newId, requireAll } from "./shared";

export async function listAgencies(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<Agency>> {
  const c = authed(ctx);
  authorize(c.principal, "agency:read");
  return c.store.agencies.list(c.principal.partnershipId, pageSize(first), after);
}

export async function getAgency(ctx: ServiceContext, id: string): Promise<Agency> {
  const c = authed(ctx);
  authorize(c.principal, "agency:read");
  const a = await c.loaders.agencies.load(id);
  if (!a) throw new NotFoundError("Agency", id);
  return a;
}

/** The agency an id names, for field resolvers (batched); null when there is none. */
export async function agencyRef(ctx: ServiceContext, id: string): Promise<Agency | null> {
  const c = authed(ctx);
  authorize(c.principal, "agency:read");
  return c.loaders.agencies.load(id);
}

/** Agencies by id for field resolvers (batched); unknown ids are dropped. */
export async function agenciesByIds(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<Agency[]> {
  const c = authed(ctx);
  authorize(c.principal, "agency:read");
  const found = await c.loaders.agencies.loadMany(ids);
  return found.filter((a): a is Agency => {
    if (a instanceof Error) throw a;
    return a !== null;
  });
}

/** Refuses agency ids of no agency of the partnership (`BAD_USER_INPUT` on `field`). */
export async function requireAgencies(
  ctx: ServiceContext,
  ids: readonly string[],
  field: string | { readonly list: string },
): Promise<void> {
  await requireAll(authed(ctx).loaders.agencies, ids, field, "agency");
}

export async function createAgency(
  ctx: ServiceContext,
  input: { name: string; kind: AgencyKind },
  idempotencyKey?: string | null,
): Promise<Agency> {
  const c = authed(ctx);
  authorize(c.principal, "agency:write");
  const now = c.now().toISOString();
  const agency: Agency = {
    id: newId(c),
    partnershipId: c.principal.partnershipId,
    name: requiredName(input.name, "input.name", "A name"),
    kind: input.kind,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const claim = idempotencyClaim(c, "createAgency", idempotencyKey, input);
  const outcome = await c.store.agencies.create(agency, claim);
  if (outcome.created) return agency;
  return getAgency(c, outcome.id);
}

export async function updateAgency(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  changes: { name?: string | null; kind?: AgencyKind | null },
): Promise<Agency> {
  const c = authed(ctx);
  authorize(c.principal, "agency:write");
  const current = await getAgency(c, id);
  const next: Agency = {
    ...current,
    ...(changes.name != null ? { name: requiredName(changes.name, "input.name", "A name") } : {}),
    ...(changes.kind != null ? { kind: changes.kind } : {}),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.agencies.save(next, expectedVersion);
  c.loaders.agencies.clear(id);
  return next;
}
