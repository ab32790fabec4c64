import { randomUUID } from "node:crypto";
import { authorize, can, caseScope } from "../auth/policy";
import { checkCaseAgencies, checkCaseIdentity, pseudonymFor } from "../domain/cases";
import type { Case, CaseIdentity, FamilyMember } from "../domain/entities";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import type { AuthedContext, ServiceContext } from "./context";
import { authed, idempotencyClaim } from "./guard";

export interface CaseIdentityInput {
  childName: string;
  dateOfBirth?: string | null;
  address?: string | null;
  nhsNumber?: string | null;
  familyMembers?: FamilyMember[] | null;
}

const today = (c: ServiceContext) => c.now().toISOString().slice(0, 10);

function normaliseIdentity(c: ServiceContext, input: CaseIdentityInput, field: string) {
  return checkCaseIdentity(
    {
      childName: input.childName,
      dateOfBirth: input.dateOfBirth ?? null,
      address: input.address ?? null,
      nhsNumber: input.nhsNumber ?? null,
      familyMembers: input.familyMembers ?? [],
    },
    field,
    today(c),
  );
}

async function checkAgenciesExist(c: AuthedContext, agencyIds: readonly string[], field: string) {
  const found = await c.loaders.agencies.loadMany(agencyIds);
  const missing = agencyIds.filter((_, i) => !found[i] || found[i] instanceof Error);
  if (missing.length) throw new ValidationError(field, `Unknown agency: ${missing.join(", ")}`);
}

/**
 * Cases the principal may see: every case of the partnership for the board's core roles, the
 * cases their agency is involved in for agency roles; other roles see no case records.
 */
export async function listCases(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<Case>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const scope = caseScope(c.principal);
  switch (scope.kind) {
    case "PARTNERSHIP":
      return c.store.cases.list(c.principal.partnershipId, size, after);
    case "AGENCY": {
      const ids = await c.store.cases.listIdsByAgency(
        c.principal.partnershipId,
        scope.agencyId,
        size,
        after,
      );
      const found = await c.loaders.cases.loadMany(ids.edges.map((e) => e.node));
      const edges = ids.edges.flatMap((e, i) => {
        const node = found[i];
        // An involvement item can outlive a moment of inconsistency; skip what is not there.
        return node && !(node instanceof Error) ? [{ cursor: e.cursor, node }] : [];
      });
      return { ...ids, edges };
    }
    case "NONE":
      throw new ForbiddenError("Your role does not give access to case records");
  }
}

/** One case, if the principal may read it; otherwise NOT_FOUND, so ids cannot be probed. */
export async function getCase(ctx: ServiceContext, id: string): Promise<Case> {
  const c = authed(ctx);
  if (caseScope(c.principal).kind === "NONE")
    throw new ForbiddenError("Your role does not give access to case records");
  const found = await c.loaders.cases.load(id);
  if (!found || !can(c.principal, "case:read", found)) throw new NotFoundError("Case", id);
  return found;
}

/**
 * A case's identifying details, for entitled roles only. The read is written to the access log
 * before the details are fetched (batched per request by the caseIdentities loader).
 */
export async function caseIdentity(
  ctx: ServiceContext,
  found: Case,
  operation: string,
): Promise<CaseIdentity> {
  const c = authed(ctx);
  if (!can(c.principal, "case:readIdentity", found))
    throw new ForbiddenError("Identifying details are restricted to entitled roles");
  const identity = await c.loaders.caseIdentities.load({ caseId: found.id, operation });
  if (!identity) throw new NotFoundError("CaseIdentity", found.id);
  return identity;
}

export async function createCase(
  ctx: ServiceContext,
  input: { agencyIds: string[]; identity: CaseIdentityInput },
  idempotencyKey?: string | null,
): Promise<Case> {
  const c = authed(ctx);
  const agencyIds = checkCaseAgencies(input.agencyIds, "input.agencyIds");
  authorize(c.principal, "case:create", { agencyIds });
  if (c.principal.isMachine && !idempotencyKey)
    throw new ValidationError("idempotencyKey", "Partner systems must send an idempotency key");
  const identity = normaliseIdentity(c, input.identity, "input.identity");
  await checkAgenciesExist(c, agencyIds, "input.agencyIds");
  const now = c.now();
  const id = randomUUID();
  const record: Case = {
    id,
    partnershipId: c.principal.partnershipId,
    pseudonym: pseudonymFor(id),
    status: "OPEN",
    agencyIds,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const claim = idempotencyClaim(c, "createCase", idempotencyKey, input);
  const outcome = await c.store.createOnce(
    claim,
    id,
    c.store.cases.createItems(record, { caseId: id, ...identity }),
    now,
  );
  if (outcome.created) {
    c.loaders.cases.prime(id, record);
    return record;
  }
  return getCase(c, outcome.id);
}

async function reload(c: AuthedContext, id: string): Promise<Case> {
  c.loaders.cases.clear(id);
  return getCase(c, id);
}

export async function updateCaseIdentity(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: CaseIdentityInput,
): Promise<Case> {
  const c = authed(ctx);
  const found = await getCase(c, id);
  authorize(c.principal, "case:updateIdentity", found);
  const identity = normaliseIdentity(c, input, "input.identity");
  await c.store.cases.updateIdentity(
    found,
    expectedVersion,
    { caseId: id, ...identity },
    c.now().toISOString(),
  );
  c.loaders.caseIdentities.clear({ caseId: id, operation: "" });
  return reload(c, id);
}

export async function setCaseAgencies(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  agencyIdsInput: string[],
): Promise<Case> {
  const c = authed(ctx);
  const found = await getCase(c, id);
  authorize(c.principal, "case:updateAgencies", found);
  const agencyIds = checkCaseAgencies(agencyIdsInput, "input.agencyIds");
  await checkAgenciesExist(c, agencyIds, "input.agencyIds");
  await c.store.cases.setAgencies(found, expectedVersion, agencyIds, c.now().toISOString());
  return reload(c, id);
}

/** The cases among `ids` the principal may read (others are left out, not reported). */
export async function visibleCases(ctx: ServiceContext, ids: readonly string[]): Promise<Case[]> {
  const c = authed(ctx);
  if (caseScope(c.principal).kind === "NONE") return [];
  const found = await c.loaders.cases.loadMany(ids);
  return found.filter(
    (x): x is Case => x !== null && !(x instanceof Error) && can(c.principal, "case:read", x),
  );
}
