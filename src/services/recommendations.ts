import { createHash, randomUUID } from "node:crypto";
import { authorize, can, recommendationScope } from "../auth/policy";
import type { OverdueSummary } from "../data/overdue-summaries";
import { MAX_AGENCIES_PER_CASE } from "../domain/cases";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors";
import { type Page, pageSize } from "../domain/pagination";
import {
  type Action,
  type ActionStatus,
  checkActionStatus,
  type EffectivenessRow,
  effectiveness,
  type ImpactEvidence,
  MAX_CONSEQUENCES,
  MAX_EVIDENCE,
  MAX_PROGRESS_UPDATES,
  type Priority,
  type Rag,
  type Recommendation,
  type RecommendationStatus,
  type RevisitOutcome,
  ragRange,
  type SourceKind,
  type TransitionInput,
  transition,
} from "../domain/recommendations";
import { englishDate } from "../domain/working-days";
import type { AuthedContext, ServiceContext } from "./context";
import { authed, idempotencyClaim, idempotencyScope, retryOnConflict } from "./guard";

const today = (c: ServiceContext) => englishDate(c.now());

const readers = (r: Recommendation) => [
  ...(r.owningAgencyId ? [r.owningAgencyId] : []),
  ...r.participatingAgencyIds,
];

/* ------------------------------------------------------------ date ranges */

type Sort =
  | { beginsWith: string }
  | { lt: string }
  | { gte: string }
  | { between: readonly [string, string] };

/** A key range on `<date>#<id>` sort keys, both ends inclusive. */
function dateSort(from?: string | null, to?: string | null): Sort | undefined {
  if (from && to && from > to)
    throw new ValidationError("filter", "The range ends before it starts");
  if (from && to) return { between: [from, `${to}#~`] };
  if (from) return { gte: from };
  if (to) return { lt: `${to}#~` };
  return undefined;
}

function ragSort(r: Rag, day: string): Sort | undefined {
  if (r === "BLUE")
    throw new ValidationError("filter.rag", "BLUE items are done: filter by status instead");
  const { from, to } = ragRange(r, day);
  return dateSort(from, to);
}

/* -------------------------------------------------------- recommendations */

export interface RecommendationInput {
  source: { kind: SourceKind; id?: string | null; title: string };
  text: string;
  finding: string;
  owningAgencyId?: string | null;
  participatingAgencyIds?: string[] | null;
  priority: Priority;
  madeOn: string;
  targetDate: string;
}

async function checkAgencies(c: AuthedContext, ids: readonly string[], field: string) {
  const found = await c.loaders.agencies.loadMany(ids);
  const missing = ids.find((_, i) => !found[i] || found[i] instanceof Error);
  if (missing) throw new ValidationError(field, `Unknown agency: ${missing}`);
}

function required(value: string, field: string, what: string): string {
  const v = value.trim();
  if (!v) throw new ValidationError(field, `${what} is required`);
  return v;
}

export async function getRecommendation(ctx: ServiceContext, id: string): Promise<Recommendation> {
  const c = authed(ctx);
  const r = await c.loaders.recommendations.load(id);
  if (!r || !can(c.principal, "recommendation:read", { agencyIds: readers(r) }))
    throw new NotFoundError("Recommendation", id);
  return r;
}

export async function createRecommendation(
  ctx: ServiceContext,
  input: RecommendationInput,
  idempotencyKey?: string | null,
): Promise<Recommendation> {
  const c = authed(ctx);
  authorize(c.principal, "recommendation:create");
  const participating = [...new Set(input.participatingAgencyIds ?? [])];
  if (participating.length > MAX_AGENCIES_PER_CASE)
    throw new ValidationError("input.participatingAgencyIds", "Too many agencies");
  if (input.targetDate < input.madeOn)
    throw new ValidationError("input.targetDate", "The target date is before the date it was made");
  if (input.madeOn > today(c))
    throw new ValidationError("input.madeOn", "The date made is in the future");
  await checkAgencies(
    c,
    [...(input.owningAgencyId ? [input.owningAgencyId] : []), ...participating],
    "input.owningAgencyId",
  );
  const now = c.now().toISOString();
  const r: Recommendation = {
    id: randomUUID(),
    partnershipId: c.principal.partnershipId,
    source: {
      kind: input.source.kind,
      id: input.source.id ?? null,
      title: required(input.source.title, "input.source.title", "The learning activity's title"),
    },
    text: required(input.text, "input.text", "The recommendation"),
    finding: required(input.finding, "input.finding", "The finding it answers"),
    owningAgencyId: input.owningAgencyId ?? null,
    participatingAgencyIds: participating,
    priority: input.priority,
    madeOn: input.madeOn,
    targetDate: input.targetDate,
    status: "PROPOSED",
    rejectionReason: null,
    implementedOn: null,
    closedOn: null,
    closedWithoutEvidence: null,
    evidence: [],
    unintendedConsequences: [],
    revisitOn: null,
    revisits: [],
    revisitOverdueSince: null,
    history: [{ from: null, to: "PROPOSED", on: input.madeOn, by: c.principal.subject }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const claim = idempotencyClaim(c, "createRecommendation", idempotencyKey, input);
  const outcome = await c.store.createOnce(
    claim,
    r.id,
    c.store.recommendations.createItems(r),
    c.now(),
  );
  if (outcome.created) return r;
  return getRecommendation(c, outcome.id);
}

async function saveRecommendation(
  c: AuthedContext,
  r: Recommendation,
  expectedVersion: number,
  changes: Partial<Recommendation>,
): Promise<Recommendation> {
  const next = { ...r, ...changes, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
  await c.store.recommendations.save(next, expectedVersion);
  c.loaders.recommendations.clear(r.id);
  return next;
}

/** Applies a change computed from the current record, re-reading and retrying on a concurrent edit. */
async function amend(
  c: AuthedContext,
  id: string,
  change: (r: Recommendation) => Partial<Recommendation>,
): Promise<Recommendation> {
  return retryOnConflict(async () => {
    c.loaders.recommendations.clear(id);
    const r = await getRecommendation(c, id);
    return saveRecommendation(c, r, r.version, change(r));
  });
}

const ACTION_FOR: Record<
  RecommendationStatus,
  "recommendation:decide" | "recommendation:progress" | "recommendation:evidence"
> = {
  PROPOSED: "recommendation:decide",
  ACCEPTED: "recommendation:decide",
  REJECTED: "recommendation:decide",
  CLOSED: "recommendation:decide",
  IN_PROGRESS: "recommendation:progress",
  IMPLEMENTED: "recommendation:progress",
  IMPACT_EVIDENCED: "recommendation:evidence",
};

/** §35: moves a recommendation along its lifecycle. */
export async function transitionRecommendation(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: TransitionInput,
): Promise<Recommendation> {
  const c = authed(ctx);
  const r = await getRecommendation(c, id);
  authorize(c.principal, ACTION_FOR[input.to], {
    agencyIds: r.owningAgencyId ? [r.owningAgencyId] : [],
  });
  if (input.on > today(c)) throw new ValidationError("input.on", "The date is in the future");
  return saveRecommendation(c, r, expectedVersion, transition(r, input, c.principal.subject));
}

export interface EvidenceInput {
  whatChanged: string;
  howMeasured: string;
  before?: string | null;
  after?: string | null;
  verifiedBy: string;
  verifiedOn: string;
}

/** §35: evidence of implementation and of its impact on children and families. */
export async function recordImpactEvidence(ctx: ServiceContext, id: string, input: EvidenceInput) {
  const c = authed(ctx);
  const r = await getRecommendation(c, id);
  authorize(c.principal, "recommendation:evidence", {
    agencyIds: r.owningAgencyId ? [r.owningAgencyId] : [],
  });
  if (input.verifiedOn > today(c))
    throw new ValidationError("input.verifiedOn", "The date is in the future");
  const evidence: ImpactEvidence = {
    id: randomUUID(),
    whatChanged: required(input.whatChanged, "input.whatChanged", "What changed"),
    howMeasured: required(input.howMeasured, "input.howMeasured", "How it was measured"),
    before: input.before?.trim() || null,
    after: input.after?.trim() || null,
    verifiedBy: required(input.verifiedBy, "input.verifiedBy", "Who verified it"),
    verifiedOn: input.verifiedOn,
    recordedBy: c.principal.subject,
    recordedAt: c.now().toISOString(),
  };
  return amend(c, id, (cur) => {
    if (!["IN_PROGRESS", "IMPLEMENTED", "IMPACT_EVIDENCED"].includes(cur.status))
      throw new ValidationError(
        "input",
        `Evidence is recorded while a recommendation is being implemented, not when ${cur.status}`,
      );
    if (cur.evidence.length >= MAX_EVIDENCE)
      throw new ValidationError("input", "Too much evidence on one recommendation");
    return { evidence: [...cur.evidence, evidence] };
  });
}

/** §36: an unintended consequence observed. */
export async function recordUnintendedConsequence(
  ctx: ServiceContext,
  id: string,
  input: { description: string; observedOn: string },
) {
  const c = authed(ctx);
  const r = await getRecommendation(c, id);
  authorize(c.principal, "recommendation:observe", { agencyIds: readers(r) });
  if (input.observedOn > today(c))
    throw new ValidationError("input.observedOn", "The date is in the future");
  const item = {
    id: randomUUID(),
    description: required(input.description, "input.description", "A description"),
    observedOn: input.observedOn,
    recordedBy: c.principal.subject,
    recordedAt: c.now().toISOString(),
  };
  return amend(c, id, (cur) => {
    if (cur.unintendedConsequences.length >= MAX_CONSEQUENCES)
      throw new ValidationError("input", "Too many consequences on one recommendation");
    return { unintendedConsequences: [...cur.unintendedConsequences, item] };
  });
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
  if (on < today(c))
    throw new ValidationError("input.on", "A revisit is scheduled for today or later");
  return saveRecommendation(c, r, expectedVersion, { revisitOn: on, revisitOverdueSince: null });
}

/** §36: the outcome of revisiting the learning, and optionally the next revisit. */
export async function recordRevisitOutcome(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: { outcome: RevisitOutcome; note: string; nextRevisitOn?: string | null },
) {
  const c = authed(ctx);
  authorize(c.principal, "recommendation:revisit");
  const r = await getRecommendation(c, id);
  if (!r.revisitOn) throw new ValidationError("input", "No revisit is scheduled");
  const day = today(c);
  if (input.nextRevisitOn && input.nextRevisitOn <= day)
    throw new ValidationError("input.nextRevisitOn", "The next revisit is after today");
  return saveRecommendation(c, r, expectedVersion, {
    revisits: [
      ...r.revisits,
      {
        dueOn: r.revisitOn,
        outcome: input.outcome,
        note: required(input.note, "input.note", "A note of the outcome"),
        decidedBy: c.principal.subject,
        decidedOn: day,
      },
    ],
    revisitOn: input.nextRevisitOn ?? null,
    revisitOverdueSince: null,
  });
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

/** Names of the filters set. */
const setOf = (f: object) =>
  Object.entries(f)
    .filter(([, v]) => v !== null && v !== undefined && v !== false)
    .map(([k]) => k);

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
  const scope = recommendationScope(c.principal);
  if (scope.kind === "NONE")
    throw new ForbiddenError("Your role does not give access to recommendations");
  const made = dateSort(filter.madeFrom, filter.madeTo);
  const dims = setOf({ ...filter, madeFrom: null, madeTo: null, made: made ? true : null });
  const agencyId = scope.kind === "AGENCY" ? scope.agencyId : filter.agencyId;
  if (scope.kind === "AGENCY" && filter.agencyId && filter.agencyId !== scope.agencyId)
    throw new ForbiddenError("You can list only your own agency's recommendations");
  if (agencyId) {
    if (dims.some((d) => !["agencyId", "made"].includes(d)))
      throw new ValidationError("filter", "With an agency, filter only by the date made");
    const ids = await c.store.recommendations.listIdsByAgency(pid, agencyId, made, size, after);
    const found = await c.loaders.recommendations.loadMany(ids.edges.map((e) => e.node));
    const edges = ids.edges.flatMap((e, i) => {
      const node = found[i];
      return node && !(node instanceof Error) ? [{ cursor: e.cursor, node }] : [];
    });
    return { ...ids, edges };
  }
  if (dims.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of these at a time, not ${dims.join(" and ")}`,
    );
  const day = today(c);
  if (filter.status)
    return c.store.recommendations.list(pid, { by: "STATUS", status: filter.status }, size, after);
  if (filter.sourceKind)
    return c.store.recommendations.list(pid, { by: "KIND", kind: filter.sourceKind }, size, after);
  if (filter.rag)
    return c.store.recommendations.list(
      pid,
      { by: "DUE", sort: ragSort(filter.rag, day) },
      size,
      after,
    );
  if (filter.overdue)
    return c.store.recommendations.list(pid, { by: "DUE", sort: ragSort("RED", day) }, size, after);
  return c.store.recommendations.list(pid, { by: "ALL", sort: made }, size, after);
}

/* ---------------------------------------------------------------- actions */

export async function getAction(ctx: ServiceContext, id: string): Promise<Action> {
  const c = authed(ctx);
  const a = await c.loaders.actions.load(id);
  if (!a) throw new NotFoundError("Action", id);
  const r = await c.loaders.recommendations.load(a.recommendationId);
  const agencyIds = [...(r ? readers(r) : []), ...(a.owningAgencyId ? [a.owningAgencyId] : [])];
  if (!can(c.principal, "recommendation:read", { agencyIds }))
    throw new NotFoundError("Action", id);
  return a;
}

export async function createAction(
  ctx: ServiceContext,
  recommendationId: string,
  input: {
    owningAgencyId?: string | null;
    responsiblePerson: string;
    description: string;
    dueDate: string;
  },
  idempotencyKey?: string | null,
): Promise<Action> {
  const c = authed(ctx);
  const r = await getRecommendation(c, recommendationId);
  const owner = input.owningAgencyId ?? null;
  authorize(c.principal, "action:create", { agencyIds: owner ? [owner] : [] });
  if (["CLOSED", "REJECTED"].includes(r.status))
    throw new ValidationError("recommendationId", `The recommendation is ${r.status}`);
  if (owner) await checkAgencies(c, [owner], "input.owningAgencyId");
  const now = c.now().toISOString();
  const a: Action = {
    id: `${r.id}:${randomUUID()}`,
    partnershipId: c.principal.partnershipId,
    recommendationId: r.id,
    sourceKind: r.source.kind,
    owningAgencyId: owner,
    responsiblePerson: required(
      input.responsiblePerson,
      "input.responsiblePerson",
      "A responsible person",
    ),
    description: required(input.description, "input.description", "A description"),
    dueDate: input.dueDate,
    status: "NOT_STARTED",
    completedOn: null,
    updates: [],
    overdueSince: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  const claim = idempotencyClaim(c, "createAction", idempotencyKey, { recommendationId, ...input });
  const outcome = await c.store.createOnce(
    claim,
    a.id,
    c.store.recommendations.createActionItems(a),
    c.now(),
  );
  if (outcome.created) return a;
  return getAction(c, outcome.id);
}

async function writableAction(c: AuthedContext, id: string): Promise<Action> {
  const a = await getAction(c, id);
  authorize(c.principal, "action:update", {
    agencyIds: a.owningAgencyId ? [a.owningAgencyId] : [],
  });
  return a;
}

async function saveAction(
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
  if (on > today(c)) throw new ValidationError("input.on", "The date is in the future");
  return saveAction(c, a, expectedVersion, checkActionStatus(a, status, on));
}

/**
 * A progress update (optionally with a new status). Partner systems retry: the update's id is
 * derived from the idempotency key, so a retry finds it already there and adds nothing.
 */
export async function recordActionProgress(
  ctx: ServiceContext,
  id: string,
  input: { text: string; on: string; status?: ActionStatus | null },
  idempotencyKey?: string | null,
): Promise<Action> {
  const c = authed(ctx);
  if (c.principal.isMachine && !idempotencyKey)
    throw new ValidationError("idempotencyKey", "Partner systems must send an idempotency key");
  const text = required(input.text, "input.text", "The update");
  if (input.on > today(c)) throw new ValidationError("input.on", "The date is in the future");
  const hash = createHash("sha256")
    .update(JSON.stringify([input.text, input.on, input.status ?? null]))
    .digest("hex");
  const updateId = idempotencyKey
    ? createHash("sha256")
        .update(`${idempotencyScope(c)}#${idempotencyKey}`)
        .digest("hex")
        .slice(0, 32)
    : randomUUID();
  return retryOnConflict(async () => {
    c.loaders.actions.clear(id);
    const a = await writableAction(c, id);
    const existing = a.updates.find((u) => u.id === updateId);
    if (existing) {
      if (existing.requestHash !== hash)
        throw new ConflictError("This idempotency key was already used with different input");
      return a;
    }
    if (a.updates.length >= MAX_PROGRESS_UPDATES)
      throw new ValidationError("input", "This action has reached its limit of progress updates");
    const statusChange =
      input.status && input.status !== a.status ? checkActionStatus(a, input.status, input.on) : {};
    const update = {
      id: updateId,
      on: input.on,
      text,
      by: c.principal.subject,
      at: c.now().toISOString(),
      requestHash: hash,
    };
    return saveAction(c, a, a.version, {
      ...statusChange,
      updates: [...a.updates, update],
    });
  });
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
  const scope = recommendationScope(c.principal);
  if (scope.kind === "NONE") throw new ForbiddenError("Your role does not give access to actions");
  const day = today(c);
  const range = dateSort(filter.dueFrom, filter.dueTo);
  const dates = setOf({ rag: filter.rag, overdue: filter.overdue, due: range ? true : null });
  if (dates.length > 1)
    throw new ValidationError(
      "filter",
      `Use one of rag, overdue or a due range, not ${dates.join(" and ")}`,
    );
  const dateSortOf = (): Sort | undefined =>
    filter.overdue
      ? ragSort("RED", day)
      : filter.rag && filter.rag !== "BLUE"
        ? ragSort(filter.rag, day)
        : range;

  if (scope.kind === "AGENCY" && filter.agencyId && filter.agencyId !== scope.agencyId)
    throw new ForbiddenError("You can list only your own agency's actions");
  const dims = setOf({
    recommendationId: filter.recommendationId,
    agencyId:
      scope.kind === "AGENCY" && !filter.recommendationId ? scope.agencyId : filter.agencyId,
    status: filter.status,
    sourceKind: filter.sourceKind,
  });
  if (dims.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of these at a time, not ${dims.join(" and ")}`,
    );
  if (scope.kind === "AGENCY" && dims[0] !== "agencyId" && dims[0] !== "recommendationId")
    throw new ValidationError(
      "filter",
      "Agency users list their agency's actions or a recommendation's",
    );

  if (filter.recommendationId) {
    if (dates.length)
      throw new ValidationError("filter", "A recommendation's actions are listed whole");
    await getRecommendation(c, filter.recommendationId);
    return c.store.recommendations.listActionsOf(pid, filter.recommendationId, size, after);
  }
  const agencyId = scope.kind === "AGENCY" ? scope.agencyId : filter.agencyId;
  if (agencyId) {
    const open = filter.rag !== "BLUE";
    return c.store.recommendations.listActionsByAgency(
      pid,
      agencyId,
      open,
      dateSortOf(),
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
    const by = filter.status
      ? ({ by: "STATUS", status: filter.status, sort: range } as const)
      : ({ by: "KIND", kind: filter.sourceKind as string, sort: range } as const);
    return c.store.recommendations.listActions(pid, by, size, after);
  }
  if (filter.rag === "BLUE")
    return c.store.recommendations.listActions(
      pid,
      { by: "STATUS", status: "COMPLETED" },
      size,
      after,
    );
  if (filter.rag || filter.overdue)
    return c.store.recommendations.listActions(pid, { by: "DUE", sort: dateSortOf() }, size, after);
  return c.store.recommendations.listActions(pid, { by: "ALL", sort: range }, size, after);
}

/* -------------------------------------------------------- effectiveness */

/** §37: per kind of learning activity, over recommendations made in the period. */
export async function effectivenessReport(
  ctx: ServiceContext,
  from: string,
  to: string,
): Promise<EffectivenessRow[]> {
  const c = authed(ctx);
  authorize(c.principal, "effectiveness:read");
  if (from > to) throw new ValidationError("to", "The period ends before it starts");
  return effectiveness(
    await c.store.recommendations.madeBetween(c.principal.partnershipId, from, to),
  );
}

/* ------------------------------------------------------ overdue summaries */

export interface OverdueSummaryView {
  agencyId: string | null;
  asOf: string;
  overdueActionCount: number;
  overdueActions: { id: string; date: string }[];
  revisitDueCount: number;
  revisitsDue: { id: string; date: string }[];
}

/**
 * The overdue job's summaries: an agency's (its lead and the board), newest first; or every
 * agency's for one day (the board; the latest day by default).
 */
export async function listOverdueSummaries(
  ctx: ServiceContext,
  filter: { agencyId?: string | null; asOf?: string | null },
  first?: number | null,
  after?: string | null,
): Promise<Page<OverdueSummaryView>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const pid = c.principal.partnershipId;
  const view = (s: OverdueSummary): OverdueSummaryView => ({
    agencyId: s.agencyKey === "BOARD" ? null : s.agencyKey,
    asOf: s.asOf,
    overdueActionCount: s.overdueActionCount,
    overdueActions: s.overdueActions.map((a) => ({ id: a.id, date: a.dueDate })),
    revisitDueCount: s.revisitDueCount,
    revisitsDue: s.revisitsDue.map((r) => ({ id: r.id, date: r.revisitOn })),
  });
  const map = (p: Page<OverdueSummary>) => ({
    ...p,
    edges: p.edges.map((e) => ({ cursor: e.cursor, node: view(e.node) })),
  });
  if (filter.agencyId) {
    authorize(c.principal, "overdue:read", { agencyIds: [filter.agencyId] });
    return map(await c.store.overdueSummaries.listForAgency(pid, filter.agencyId, size, after));
  }
  authorize(c.principal, "overdue:read");
  const day = filter.asOf ?? (await c.store.overdueSummaries.latestDay(pid));
  if (!day) return { edges: [], hasNextPage: false, endCursor: null };
  return map(await c.store.overdueSummaries.listForDay(pid, day, size, after));
}
