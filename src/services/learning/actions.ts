import { authorize, can, listScope } from "../../auth/policy";
import {
  type Action,
  type ActionStatus,
  addProgress,
  checkActionStatus,
  countAction,
  type NewActionInput,
  newAction,
  newProgressUpdate,
  type ProgressInput,
  type ProgressUpdate,
} from "../../domain/actions";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { decodeSeqCursor, encodeSeqCursor, type Page, pageSize } from "../../domain/pagination";
import type { Rag } from "../../domain/rag";
import { ownerOf, recommendationAgencies, type SourceKind } from "../../domain/recommendations";
import { requireAgencies } from "../agencies";
import type { AuthedContext, ServiceContext } from "../context";
import {
  authed,
  idempotencyClaim,
  newId,
  recording,
  retryOnConflict,
  setOf,
  today,
} from "../shared";
import { filterRange, ragDueRange } from "./filters";
import { getRecommendation } from "./recommendations";

/** One action the principal may see: as its recommendation, or as its owner. */
export async function getAction(ctx: ServiceContext, id: string): Promise<Action> {
  const c = authed(ctx);
  const a = await c.loaders.actions.load(id);
  if (!a) throw new NotFoundError("Action", id);
  const r = await c.loaders.recommendations.load(a.recommendationId);
  const agencyIds = [...(r ? recommendationAgencies(r) : []), ...ownerOf(a)];
  if (!can(c.principal, "recommendation:read", { agencyIds }))
    throw new NotFoundError("Action", id);
  return a;
}

/** §35: an action on a recommendation, owned by an agency (or the board). */
export async function createAction(
  ctx: ServiceContext,
  recommendationId: string,
  input: NewActionInput,
  idempotencyKey?: string | null,
): Promise<Action> {
  const c = authed(ctx);
  // A recommendation the caller may not see does not exist for them, whatever their role.
  await getRecommendation(c, recommendationId);
  const owner = input.owningAgencyId ?? null;
  authorize(c.principal, "action:create", { agencyIds: owner ? [owner] : [] });
  const claim = idempotencyClaim(c, "createAction", idempotencyKey, {
    recommendationId,
    ...input,
  });
  if (owner) await requireAgencies(c, [owner], "input.owningAgencyId");
  // The recommendation counts its actions: another change to it meanwhile is read again.
  const outcome = await retryOnConflict(
    async (): Promise<{ created: Action } | { existing: string }> => {
      c.loaders.recommendations.clear(recommendationId);
      const r = await getRecommendation(c, recommendationId);
      const a = newAction(r, input, newId(c), recording(c));
      const counted = { ...r, ...countAction(r), version: r.version + 1, updatedAt: a.createdAt };
      const created = await c.store.recommendations.createAction(a, counted, r.version, claim);
      return created.created ? { created: a } : { existing: created.id };
    },
  );
  c.loaders.recommendations.clear(recommendationId);
  if ("created" in outcome) return outcome.created;
  return getAction(c, outcome.existing);
}

async function writableAction(c: AuthedContext, id: string): Promise<Action> {
  const a = await getAction(c, id);
  authorize(c.principal, "action:update", { agencyIds: ownerOf(a) });
  return a;
}

async function save(
  c: AuthedContext,
  a: Action,
  expectedVersion: number,
  changes: Partial<Action>,
) {
  const next = { ...a, ...changes, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
  await c.store.recommendations.saveAction(next, expectedVersion);
  c.loaders.actions.clear(a.id);
  return next;
}

export async function updateActionStatus(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  status: ActionStatus,
  on: string,
): Promise<Action> {
  const c = authed(ctx);
  const a = await writableAction(c, id);
  return save(c, a, expectedVersion, checkActionStatus(a, status, on, today(c)));
}

/**
 * A progress update (optionally with a new status), its own record counted on the action.
 * Partner systems retry: the idempotency key's claim is written in the same transaction, so a
 * retry adds nothing and returns the action; a concurrent edit is retried on a fresh read.
 */
export async function recordActionProgress(
  ctx: ServiceContext,
  id: string,
  input: ProgressInput,
  idempotencyKey?: string | null,
): Promise<Action> {
  const c = authed(ctx);
  const claim = idempotencyClaim(c, "recordActionProgress", idempotencyKey, { id, ...input });
  const update = newProgressUpdate(input, newId(c), recording(c));
  return retryOnConflict(async () => {
    c.loaders.actions.clear(id);
    const a = await writableAction(c, id);
    const next: Action = {
      ...a,
      ...addProgress(a, update, input.status, today(c)),
      version: a.version + 1,
      updatedAt: c.now().toISOString(),
    };
    const outcome = await c.store.recommendations.addUpdate(next, a.version, update, claim);
    c.loaders.actions.clear(id);
    return outcome.created ? next : getAction(c, id);
  });
}

/** A page of an action's progress updates, newest first. */
export async function progressUpdatesOf(
  ctx: ServiceContext,
  a: Action,
  first?: number | null,
  after?: string | null,
): Promise<Page<ProgressUpdate>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const before = after ? decodeSeqCursor(after) : undefined;
  const updates = await c.loaders.updates.load({ action: a, first: size, before });
  const top = Math.min(a.updateCount, (before ?? a.updateCount + 1) - 1);
  const edges = updates.map((node, i) => ({ node, cursor: encodeSeqCursor(top - i) }));
  return {
    edges,
    hasNextPage: top - size > 0,
    hasPreviousPage: Boolean(after),
    endCursor: edges.at(-1)?.cursor ?? null,
  };
}

export interface ActionFilter {
  recommendationId?: string | null;
  agencyId?: string | null;
  status?: ActionStatus | null;
  sourceKind?: SourceKind | null;
  rag?: Rag | null;
  overdue?: boolean | null;
  dueFrom?: string | null;
  dueTo?: string | null;
}

/**
 * Actions by one of recommendation, agency, status or source kind, optionally narrowed by one
 * date condition (RAG, overdue, or due between two dates). Agency users see their agency's.
 */
export async function listActions(
  ctx: ServiceContext,
  filter: ActionFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<Action>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const pid = c.principal.partnershipId;
  const scope = listScope(c.principal, "recommendations", filter.agencyId, "actions");
  const day = today(c);
  const range = filterRange(filter.dueFrom, filter.dueTo);
  const dates = setOf({ rag: filter.rag, overdue: filter.overdue, due: range ? true : null });
  if (dates.length > 1)
    throw new ValidationError(
      "filter",
      `Use one of rag, overdue or a due range, not ${dates.join(" and ")}`,
    );
  // The due dates asked for: open items by RAG or overdue, or an explicit range.
  const due = () =>
    filter.overdue
      ? ragDueRange("RED", day)
      : filter.rag && filter.rag !== "BLUE"
        ? ragDueRange(filter.rag, day)
        : range;

  const agencyId = scope.kind === "AGENCY" && filter.recommendationId ? null : scope.agencyId;
  // An agency's finished actions are kept apart from its open ones: by status, they are a list.
  const shelf =
    agencyId && (filter.status === "COMPLETED" || filter.status === "CANCELLED")
      ? filter.status
      : null;
  // An agency user's own list (the agency is theirs without asking): said in their terms.
  if (scope.kind === "AGENCY" && !filter.recommendationId) {
    const refused = filter.status && !shelf ? "status" : filter.sourceKind ? "sourceKind" : null;
    if (refused)
      throw new ValidationError(
        `filter.${refused}`,
        `Agency users list their agency's actions open (narrowed by rag, overdue or dueFrom/dueTo) or finished (status COMPLETED or CANCELLED), or one recommendation's actions whole (recommendationId alone); not by ${refused === "status" ? `status ${filter.status}` : "source kind"}`,
      );
  }
  const dims = setOf({
    recommendationId: filter.recommendationId,
    agencyId,
    status: shelf ? null : filter.status,
    sourceKind: filter.sourceKind,
  });
  if (dims.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of these at a time, not ${dims.join(" and ")}`,
    );

  const store = c.store.recommendations;
  if (filter.recommendationId) {
    if (dates.length)
      throw new ValidationError("filter", "A recommendation's actions are listed whole");
    // A recommendation the caller may not see has, to them, no actions: as one that never existed.
    const visible = await getRecommendation(c, filter.recommendationId).then(
      () => true,
      (err) => {
        if (err instanceof NotFoundError) return false;
        throw err;
      },
    );
    if (!visible)
      return { edges: [], endCursor: null, hasNextPage: false, hasPreviousPage: Boolean(after) };
    return store.listActionsOf(pid, filter.recommendationId, size, after);
  }
  if (agencyId) {
    if (shelf && (filter.rag || filter.overdue))
      throw new ValidationError("filter", "Finished actions have no RAG to narrow by");
    return store.listActionsByAgency(
      pid,
      agencyId,
      shelf ?? (filter.rag === "BLUE" ? "COMPLETED" : "OPEN"),
      due(),
      size,
      after,
    );
  }
  if (filter.status || filter.sourceKind) {
    if (filter.rag || filter.overdue)
      throw new ValidationError(
        "filter",
        "With a status or source kind, narrow by a due range only",
      );
    return filter.status
      ? store.listActions(pid, { by: "STATUS", status: filter.status, range }, size, after)
      : store.listActions(
          pid,
          { by: "KIND", kind: filter.sourceKind as SourceKind, range },
          size,
          after,
        );
  }
  if (filter.rag === "BLUE")
    return store.listActions(pid, { by: "STATUS", status: "COMPLETED" }, size, after);
  if (filter.rag || filter.overdue)
    return store.listActions(pid, { by: "DUE", range: due() }, size, after);
  return store.listActions(pid, { by: "ALL", range }, size, after);
}
