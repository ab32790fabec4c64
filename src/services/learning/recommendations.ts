import { authorize, can, listScope } from "../../auth/policy";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { type Page, pageSize } from "../../domain/pagination";
import type { Rag } from "../../domain/rag";
import {
  addConsequence,
  addEvidence,
  type ConsequenceInput,
  type EvidenceInput,
  type ImpactEvidence,
  type NewRecommendationInput,
  newConsequence,
  newEvidence,
  newRecommendation,
  ownerOf,
  type Recommendation,
  type RecommendationStatus,
  type Revisit,
  type RevisitInput,
  recommendationAgencies,
  recordRevisit,
  type Source,
  type SourceKind,
  scheduleRevisit as scheduleRevisitOn,
  type TransitionInput,
  transition,
  type UnintendedConsequence,
} from "../../domain/recommendations";
import { requireAgencies } from "../agencies";
import { requirePriority } from "../audits";
import type { AuthedContext, ServiceContext } from "../context";
import {
  authed,
  idempotencyClaim,
  newId,
  pageOfIds,
  recording,
  retryOnConflict,
  setOf,
  today,
} from "../shared";
import { filterRange, ragDueRange } from "./filters";

/**
 * A recommendation's learning source as a client caches it: its own object, one per
 * recommendation (keyed by the recommendation's id). Several recommendations name one activity
 * (`activityId`), each with its own kind and title as given, so the activity's reference cannot
 * be the object's identity.
 */
export interface SourceView extends Source {
  readonly id: string;
}

/** The learning source of a recommendation, identified by the recommendation. */
export function sourceOf(r: Recommendation): SourceView {
  return { ...r.source, id: r.id };
}

/** One recommendation the principal may see (owner or participating agency, or the board). */
export async function getRecommendation(ctx: ServiceContext, id: string): Promise<Recommendation> {
  const c = authed(ctx);
  const r = await c.loaders.recommendations.load(id);
  if (!r || !can(c.principal, "recommendation:read", { agencyIds: recommendationAgencies(r) }))
    throw new NotFoundError("Recommendation", id);
  return r;
}

/** §35: a recommendation from any kind of learning activity. */
export async function createRecommendation(
  ctx: ServiceContext,
  input: NewRecommendationInput,
  idempotencyKey?: string | null,
): Promise<Recommendation> {
  const c = authed(ctx);
  authorize(c.principal, "recommendation:create");
  const claim = idempotencyClaim(c, "createRecommendation", idempotencyKey, input);
  const r = newRecommendation(input, newId(c), c.principal.partnershipId, recording(c));
  if (r.owningAgencyId) await requireAgencies(c, [r.owningAgencyId], "input.owningAgencyId");
  await requireAgencies(c, r.participatingAgencyIds, { list: "input.participatingAgencyIds" });
  await requirePriority(c, r.businessPriorityId, "input.businessPriorityId");
  const outcome = await c.store.recommendations.create(r, claim);
  if (outcome.created) return r;
  return getRecommendation(c, outcome.id);
}

/** The recommendation with `changes`, at the version after `expectedVersion`. */
function bumped(
  c: AuthedContext,
  r: Recommendation,
  expectedVersion: number,
  changes: Partial<Recommendation>,
): Recommendation {
  return { ...r, ...changes, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
}

async function save(
  c: AuthedContext,
  r: Recommendation,
  expectedVersion: number,
  changes: Partial<Recommendation>,
): Promise<Recommendation> {
  const next = bumped(c, r, expectedVersion, changes);
  await c.store.recommendations.save(next, expectedVersion);
  c.loaders.recommendations.clear(r.id);
  return next;
}

/**
 * Adds a child record (evidence, a consequence) to the current recommendation, counting it on
 * the recommendation in the same transaction; re-reads and retries on a concurrent edit (each
 * child is its own record, so concurrent additions cannot overwrite each other).
 */
async function addChild(
  c: AuthedContext,
  id: string,
  change: (r: Recommendation) => Partial<Recommendation>,
  write: (next: Recommendation, expectedVersion: number) => Promise<void>,
): Promise<Recommendation> {
  return retryOnConflict(async () => {
    c.loaders.recommendations.clear(id);
    const r = await getRecommendation(c, id);
    const next = bumped(c, r, r.version, change(r));
    await write(next, r.version);
    c.loaders.recommendations.clear(id);
    return next;
  });
}

/** §35: moves a recommendation along its lifecycle. */
export async function transitionRecommendation(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: TransitionInput,
): Promise<Recommendation> {
  const c = authed(ctx);
  const r = await getRecommendation(c, id);
  authorize(c.principal, "recommendation:transition", { agencyIds: ownerOf(r), to: input.to });
  // §35: closing needs its actions done; any action added after this read moves the version on.
  const open =
    input.to === "CLOSED"
      ? await c.store.recommendations.countOpenActions(c.principal.partnershipId, r.id)
      : 0;
  return save(c, r, expectedVersion, transition(r, input, c.principal.subject, today(c), open));
}

/** §35: evidence of implementation and of its impact on children and families. */
export async function recordImpactEvidence(ctx: ServiceContext, id: string, input: EvidenceInput) {
  const c = authed(ctx);
  const r = await getRecommendation(c, id);
  authorize(c.principal, "recommendation:evidence", { agencyIds: ownerOf(r) });
  const evidence = newEvidence(input, newId(c), recording(c));
  return addChild(
    c,
    id,
    (found) => addEvidence(found, evidence),
    (next, v) => c.store.recommendations.addChild("evidence", next, v, evidence),
  );
}

/** §36: an unintended consequence observed. */
export async function recordUnintendedConsequence(
  ctx: ServiceContext,
  id: string,
  input: ConsequenceInput,
) {
  const c = authed(ctx);
  const r = await getRecommendation(c, id);
  authorize(c.principal, "recommendation:observe", { agencyIds: recommendationAgencies(r) });
  const consequence = newConsequence(input, newId(c), recording(c));
  return addChild(
    c,
    id,
    (found) => addConsequence(found, consequence),
    (next, v) => c.store.recommendations.addChild("consequences", next, v, consequence),
  );
}

/** §36: when the learning is to be revisited. */
export async function scheduleRevisit(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  on: string,
) {
  const c = authed(ctx);
  authorize(c.principal, "recommendation:revisit");
  const r = await getRecommendation(c, id);
  return save(c, r, expectedVersion, scheduleRevisitOn(on, today(c)));
}

/** §36: the outcome of revisiting the learning, and optionally the next revisit. */
export async function recordRevisitOutcome(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: RevisitInput,
) {
  const c = authed(ctx);
  authorize(c.principal, "recommendation:revisit");
  const r = await getRecommendation(c, id);
  const { change, revisit } = recordRevisit(r, input, newId(c), recording(c));
  const next = bumped(c, r, expectedVersion, change);
  await c.store.recommendations.addChild("revisits", next, expectedVersion, revisit);
  c.loaders.recommendations.clear(id);
  return next;
}

export interface RecommendationFilter {
  agencyId?: string | null;
  status?: RecommendationStatus | null;
  sourceKind?: SourceKind | null;
  rag?: Rag | null;
  overdue?: boolean | null;
  madeFrom?: string | null;
  madeTo?: string | null;
}

/**
 * Recommendations by one of agency, status, source kind, RAG (open ones, by target date),
 * overdue, or date made (which may be combined with agency). Agency users see their agency's.
 */
export async function listRecommendations(
  ctx: ServiceContext,
  filter: RecommendationFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<Recommendation>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const pid = c.principal.partnershipId;
  const scope = listScope(c.principal, "recommendations", filter.agencyId);
  const made = filterRange(filter.madeFrom, filter.madeTo);
  const dims = setOf({ ...filter, madeFrom: null, madeTo: null, made: made ? true : null });
  if (scope.agencyId) {
    if (dims.some((d) => !["agencyId", "made"].includes(d)))
      throw new ValidationError("filter", "With an agency, filter only by the date made");
    const ids = await c.store.recommendations.listIdsByAgency(
      pid,
      scope.agencyId,
      made,
      size,
      after,
    );
    return pageOfIds(ids, c.loaders.recommendations);
  }
  if (dims.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of these at a time, not ${dims.join(" and ")}`,
    );
  const list = c.store.recommendations;
  if (filter.status) return list.list(pid, { by: "STATUS", status: filter.status }, size, after);
  if (filter.sourceKind)
    return list.list(pid, { by: "KIND", kind: filter.sourceKind }, size, after);
  if (filter.rag || filter.overdue)
    return list.list(
      pid,
      { by: "DUE", range: ragDueRange(filter.rag ?? "RED", today(c)) },
      size,
      after,
    );
  return list.list(pid, { by: "ALL", range: made }, size, after);
}

/** §35: the evidence recorded, oldest first. */
export function evidenceOf(ctx: ServiceContext, r: Recommendation): Promise<ImpactEvidence[]> {
  return authed(ctx).loaders.evidence.load(r);
}

/** §36: the unintended consequences recorded, oldest first. */
export function consequencesOf(
  ctx: ServiceContext,
  r: Recommendation,
): Promise<UnintendedConsequence[]> {
  return authed(ctx).loaders.consequences.load(r);
}

/** §36: the revisits recorded, oldest first. */
export function revisitsOf(ctx: ServiceContext, r: Recommendation): Promise<Revisit[]> {
  return authed(ctx).loaders.revisits.load(r);
}
