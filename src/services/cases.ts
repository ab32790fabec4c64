import { authorize, can, listScope } from "../auth/policy";
import { checkCaseAgencies, checkCaseIdentity, pseudonymFor } from "../domain/cases";
import type { Case, CaseIdentity, FamilyMember } from "../domain/entities";
import { NotFoundError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import { log } from "../shared/logger";
import { requireAgencies } from "./agencies";
import type { AuthedContext, ServiceContext } from "./context";
import { syncCaseLists } from "./notification-lists";
import { authed, idempotencyClaim, newId, pageOfIds, today } from "./shared";

export interface NewCaseInput {
  agencyIds: string[];
  identity: CaseIdentityInput;
}

export interface CaseIdentityInput {
  childName: string;
  dateOfBirth?: string | null;
  address?: string | null;
  nhsNumber?: string | null;
  familyMembers?: FamilyMember[] | null;
}

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
  const scope = listScope(c.principal, "cases");
  const pid = c.principal.partnershipId;
  if (scope.kind === "PARTNERSHIP") return c.store.cases.list(pid, size, after);
  const ids = await c.store.cases.listIdsByAgency(pid, scope.agencyId, size, after);
  return pageOfIds(ids, c.loaders.cases);
}

/**
 * One case, if the principal may read it; otherwise NOT_FOUND, so ids cannot be probed. A role
 * that reads no case at all gets NOT_FOUND too: to it, every case is one that does not exist.
 */
export async function getCase(ctx: ServiceContext, id: string): Promise<Case> {
  const c = authed(ctx);
  const found = await c.loaders.cases.load(id);
  if (!found || !can(c.principal, "case:read", found)) throw new NotFoundError("Case", id);
  return found;
}

/** Whether the caller may read a case's identifying details (reading them is logged). */
export function viewerCanReadIdentity(ctx: ServiceContext, found: Case): boolean {
  return can(authed(ctx).principal, "case:readIdentity", found);
}

/**
 * A case's identifying details, for entitled roles only (null for others). The read is written to the access log
 * before the details are fetched (batched per request by the caseIdentities loader).
 */
export async function caseIdentity(
  ctx: ServiceContext,
  found: Case,
  operation: string,
): Promise<CaseIdentity | null> {
  const c = authed(ctx);
  if (!viewerCanReadIdentity(c, found)) return null;
  const identity = await c.loaders.caseIdentities.load({ caseId: found.id, operation });
  // Every case is written with its identity; one missing is a fault of the data, not the reader's.
  if (!identity) log("error", "case without identity", { caseId: found.id });
  return identity ?? null;
}

export async function createCase(
  ctx: ServiceContext,
  input: NewCaseInput,
  idempotencyKey?: string | null,
): Promise<Case> {
  const c = authed(ctx);
  const agencyIds = checkCaseAgencies(input.agencyIds, "input.agencyIds");
  authorize(c.principal, "case:create", { agencyIds });
  const claim = idempotencyClaim(c, "createCase", idempotencyKey, input);
  const identity = normaliseIdentity(c, input.identity, "input.identity");
  await requireAgencies(c, agencyIds, { list: "input.agencyIds" });
  const now = c.now().toISOString();
  const id = newId(c);
  const record: Case = {
    id,
    partnershipId: c.principal.partnershipId,
    pseudonym: pseudonymFor(id),
    status: "OPEN",
    agencyIds,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const outcome = await c.store.cases.create(record, { caseId: id, ...identity }, claim);
  if (outcome.created) {
    c.loaders.cases.prime(id, record);
    return record;
  }
  return getCase(c, outcome.id);
}

/** The case as saved at the next version. */
function bumped(c: AuthedContext, found: Case, expectedVersion: number, changes: Partial<Case>) {
  return {
    ...found,
    ...changes,
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
}

export async function updateCaseIdentity(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: CaseIdentityInput,
): Promise<Case> {
  const c = authed(ctx);
  // A role that may change no case is told so, whatever the id (it learns nothing of it).
  listScope(c.principal, "cases");
  const found = await getCase(c, id);
  authorize(c.principal, "case:updateIdentity", found);
  const identity = normaliseIdentity(c, input, "input.identity");
  const next = bumped(c, found, expectedVersion, {});
  await c.store.cases.updateIdentity(next, expectedVersion, { caseId: id, ...identity });
  c.loaders.cases.clear(id);
  c.loaders.caseIdentities.clear({ caseId: id, operation: "" });
  return next;
}

export async function setCaseAgencies(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  agencyIdsInput: string[],
): Promise<Case> {
  const c = authed(ctx);
  // A role that may change no case is told so, whatever the id (it learns nothing of it).
  listScope(c.principal, "cases");
  const found = await getCase(c, id);
  authorize(c.principal, "case:updateAgencies", found);
  const agencyIds = checkCaseAgencies(agencyIdsInput, "input.agencyIds");
  await requireAgencies(c, agencyIds, { list: "input.agencyIds" });
  const next = bumped(c, found, expectedVersion, { agencyIds });
  const pending = await c.store.cases.setAgencies(found, next, expectedVersion);
  c.loaders.cases.clear(id);
  // §18: the notifications covering the case move between agencies' lists now; what the
  // request's time does not allow (or a failure here) the lists job finishes, from the marker.
  try {
    await syncCaseLists(c.store, pending, Date.now() + LISTS_BUDGET_MS);
  } catch (err) {
    log("warn", "notification lists left to the lists job", {
      caseId: id,
      errorMessage: (err as Error).message,
    });
  }
  return next;
}

/** How long a change of a case's agencies spends moving its notifications between lists. */
const LISTS_BUDGET_MS = 3_000;

/** The cases among `ids` the principal may read (others are left out, not reported). */
export async function visibleCases(ctx: ServiceContext, ids: readonly string[]): Promise<Case[]> {
  const c = authed(ctx);
  const found = await c.loaders.cases.loadMany(ids);
  return found.filter((x): x is Case => {
    if (x instanceof Error) throw x;
    return x !== null && can(c.principal, "case:read", x);
  });
}
