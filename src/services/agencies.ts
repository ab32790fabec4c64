import { randomUUID } from "node:crypto";
import { authorize } from "../auth/policy";
import type { Agency, AgencyKind } from "../domain/entities";
import { NotFoundError, ValidationError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import type { ServiceContext } from "./context";
import { authed, idempotencyClaim } from "./guard";

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

/** Agencies by id for field resolvers (batched); unknown ids are dropped. */
export async function agenciesByIds(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<Agency[]> {
  const c = authed(ctx);
  authorize(c.principal, "agency:read");
  const found = await c.loaders.agencies.loadMany(ids);
  return found.filter((a): a is Agency => a !== null && !(a instanceof Error));
}

function checkName(name: string, field: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new ValidationError(field, "A name is required");
  return trimmed;
}

export async function createAgency(
  ctx: ServiceContext,
  input: { name: string; kind: AgencyKind },
  idempotencyKey?: string | null,
): Promise<Agency> {
  const c = authed(ctx);
  authorize(c.principal, "agency:write");
  const now = c.now();
  const agency: Agency = {
    id: randomUUID(),
    partnershipId: c.principal.partnershipId,
    name: checkName(input.name, "input.name"),
    kind: input.kind,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const claim = idempotencyClaim(c, "createAgency", idempotencyKey, input);
  const outcome = await c.store.createOnce(
    claim,
    agency.id,
    [c.store.agencies.createItem(agency)],
    now,
  );
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
  return c.store.agencies.update(
    c.principal.partnershipId,
    id,
    expectedVersion,
    {
      ...(changes.name != null ? { name: checkName(changes.name, "input.name") } : {}),
      ...(changes.kind != null ? { kind: changes.kind } : {}),
    },
    c.now().toISOString(),
  );
}
