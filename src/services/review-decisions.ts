import { authorize, can } from "../auth/policy";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors";
import type { IncidentNotification } from "../domain/notifications";
import {
  type AgencyView,
  type AgencyViewFields,
  addAgencyView,
  addDissent,
  type ChairDecision,
  checkDecision,
  checkStillOpen,
  currentViews,
  type DecisionInput,
  type Dissent,
  MAX_VIEW_LENGTH,
  type ReviewDecision,
  type SubgroupRecommendationFields,
} from "../domain/review-decisions";
import { requiredText } from "../domain/text";
import type { AuthedContext, ServiceContext } from "./context";
import { concerned, getNotification, saveNotification } from "./notifications";
import { reviewForDecision } from "./reviews/reviews";
import { authed, newId, retryOnConflict } from "./shared";

/** The notification and its decision record, if the principal is a legitimately concerned party. */
async function load(c: AuthedContext, notificationId: string) {
  const n = await getNotification(c, notificationId);
  const d = n.status === "DRAFT" ? null : await c.loaders.decisions.load(notificationId);
  if (!d) throw new NotFoundError("ReviewDecision", notificationId);
  return { n, d };
}

/**
 * The decision record of a notification, for legitimately concerned parties only (§18): the
 * board's core roles and staff of the agencies involved. Null while the notification is a draft.
 */
export async function reviewDecisionFor(
  ctx: ServiceContext,
  n: IncidentNotification,
): Promise<ReviewDecision | null> {
  const c = authed(ctx);
  if (!(await viewerCanReadDecision(c, n))) return null;
  return c.loaders.decisions.load(n.id);
}

/** Whether the caller is a legitimately concerned party who reads the decision (§18). */
export async function viewerCanReadDecision(
  ctx: ServiceContext,
  n: IncidentNotification,
): Promise<boolean> {
  return n.status !== "DRAFT" && concerned(authed(ctx), "decision:read", n);
}

/**
 * The decision record of a notification the caller may see: null when they are not a
 * legitimately concerned party (§18), as on `IncidentNotification.reviewDecision`.
 */
export async function getReviewDecision(ctx: ServiceContext, notificationId: string) {
  const c = authed(ctx);
  const { n, d } = await load(c, notificationId);
  return (await concerned(c, "decision:read", n)) ? d : null;
}

/** Dissenting views go to the Chair (§18): the board's core roles read them, no one else. */
export function viewerCanReadDissents(ctx: ServiceContext): boolean {
  return can(authed(ctx).principal, "decision:readDissents");
}

/** Dissenting views, oldest first: for the Chair and the board's core roles (null for others). */
export async function dissentsOf(
  ctx: ServiceContext,
  d: ReviewDecision,
): Promise<Dissent[] | null> {
  if (!viewerCanReadDissents(ctx)) return null;
  return authed(ctx).loaders.dissents.load(d);
}

/** Each agency's view as it stands (its latest), for those who may read the decision. */
export async function agencyViewsOf(
  ctx: ServiceContext,
  d: ReviewDecision,
): Promise<(AgencyView & { id: string })[]> {
  const views = currentViews(await authed(ctx).loaders.agencyViews.load(d));
  // An agency's view on a decision is one thing to a client, whatever it has said since.
  return views.map((v) => ({ ...v, id: `${d.notificationId}:${v.agencyId}` }));
}

/**
 * The Chair's decision with the decision record it is part of: the dissents it names are the
 * record's children, read with it.
 */
export interface ChairDecisionView extends ChairDecision {
  readonly record: ReviewDecision;
}

/** The Chair's decision on a decision record, if made. */
export function chairDecisionOf(d: ReviewDecision): ChairDecisionView | null {
  return d.decision ? { ...d.decision, record: d } : null;
}

/** Which dissents the Chair considered: restricted as the dissents are (their ids and number too). */
export function dissentsConsideredOf(
  ctx: ServiceContext,
  decision: ChairDecision,
): string[] | null {
  if (!viewerCanReadDissents(ctx)) return null;
  return [...decision.dissentsConsidered];
}

/**
 * The dissents the Chair considered, as records, in the order the decision names them:
 * restricted as the dissents are. Read with the record's dissents (one batch for a list).
 */
export async function consideredDissentsOf(
  ctx: ServiceContext,
  decision: ChairDecisionView,
): Promise<Dissent[] | null> {
  if (!viewerCanReadDissents(ctx)) return null;
  const dissents = await authed(ctx).loaders.dissents.load(decision.record);
  const byId = new Map(dissents.map((d) => [d.id, d]));
  return decision.dissentsConsidered.flatMap((id) => byId.get(id) ?? []);
}

async function save(
  c: AuthedContext,
  d: ReviewDecision,
  expectedVersion: number,
  changes: Partial<ReviewDecision>,
) {
  const next: ReviewDecision = {
    ...d,
    ...changes,
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.notifications.saveDecision(next, expectedVersion);
  c.loaders.decisions.clear(d.notificationId);
  return next;
}

/**
 * Adds a dissent or a view without the caller's version (each is its own record, so concurrent
 * additions cannot overwrite each other): re-read and retry on a concurrent change.
 */
async function addToRecord(
  c: AuthedContext,
  notificationId: string,
  add: (d: ReviewDecision) => Promise<ReviewDecision>,
): Promise<ReviewDecision> {
  return retryOnConflict(async () => {
    c.loaders.decisions.clear(notificationId);
    const { d } = await load(c, notificationId);
    const next = await add(d);
    c.loaders.decisions.clear(notificationId);
    return next;
  });
}

/** The decision record with `changes`, at the next version. */
function bumped(c: AuthedContext, d: ReviewDecision, changes: Partial<ReviewDecision>) {
  return { ...d, ...changes, version: d.version + 1, updatedAt: c.now().toISOString() };
}

/** §18: the SCR subgroup's recommendation to the Chair. */
export async function recordSubgroupRecommendation(
  ctx: ServiceContext,
  notificationId: string,
  expectedVersion: number,
  input: SubgroupRecommendationFields,
): Promise<ReviewDecision> {
  const c = authed(ctx);
  authorize(c.principal, "decision:recommend");
  const { d } = await load(c, notificationId);
  checkStillOpen(d);
  const rationale = input.rationale.trim();
  if (!rationale) throw new ValidationError("input.rationale", "Give the subgroup's rationale");
  return save(c, d, expectedVersion, {
    subgroupRecommendation: {
      recommendation: input.recommendation,
      rationale,
      recordedBy: c.principal.subject,
      recordedAt: c.now().toISOString(),
    },
  });
}

/** §18: a dissenting view in the SCR group, which must reach the Chair. */
export async function recordDissent(
  ctx: ServiceContext,
  notificationId: string,
  view: string,
): Promise<ReviewDecision> {
  const c = authed(ctx);
  authorize(c.principal, "decision:dissent");
  const dissent: Dissent = {
    id: newId(c),
    view: requiredText(view, "input.view", "The dissenting view", MAX_VIEW_LENGTH),
    recordedBy: c.principal.subject,
    recordedAt: c.now().toISOString(),
  };
  return addToRecord(c, notificationId, async (d) => {
    const next = bumped(c, d, addDissent(d));
    await c.store.notifications.addDissent(next, d.version, dissent);
    return next;
  });
}

/** §18: a member agency's view (its lead, for an agency involved). One per agency; a new one replaces it. */
export async function recordAgencyView(
  ctx: ServiceContext,
  notificationId: string,
  input: AgencyViewFields,
): Promise<ReviewDecision> {
  const c = authed(ctx);
  const { n } = await load(c, notificationId);
  if (!(await concerned(c, "decision:giveAgencyView", n)))
    throw new ForbiddenError("Only the lead of a concerned agency gives its view (§18)");
  const view: AgencyView = {
    agencyId: c.principal.agencyId as string,
    view: requiredText(input.view, "input.view", "The agency's view"),
    supportsSeriousCaseReview: input.supportsSeriousCaseReview ?? null,
    recordedBy: c.principal.subject,
    recordedAt: c.now().toISOString(),
  };
  return addToRecord(c, notificationId, async (d) => {
    const next = bumped(c, d, addAgencyView(d));
    await c.store.notifications.addAgencyView(next, d.version, view);
    return next;
  });
}

/**
 * §18–21: the Independent Chair's decision, with written reasons. An SCR or another review is
 * commissioned in the same transaction as the decision: there is never a decided SCR without
 * its review, nor a review without its decision.
 */
export async function decideReview(
  ctx: ServiceContext,
  notificationId: string,
  expectedVersion: number,
  input: DecisionInput,
): Promise<ReviewDecision> {
  const c = authed(ctx);
  authorize(c.principal, "decision:decide");
  const { n, d } = await load(c, notificationId);
  if (d.version !== expectedVersion)
    throw new ConflictError(
      `The decision record has changed since version ${expectedVersion} (now ${d.version}): review what was added, then decide`,
      "STALE_VERSION",
      d.version,
    );
  const decided = checkDecision(d, await c.loaders.dissents.load(d), input);
  const review = await reviewForDecision(c, n, decided);
  const now = c.now().toISOString();
  const next: ReviewDecision = {
    ...d,
    decision: {
      ...decided,
      reviewId: review?.id ?? null,
      recordedBy: c.principal.subject,
      recordedAt: now,
    },
    version: expectedVersion + 1,
    updatedAt: now,
  };
  await saveNotification(
    c,
    n,
    n.version,
    { status: "DECIDED" },
    { record: next, expectedVersion },
    review ?? undefined,
  );
  c.loaders.decisions.clear(notificationId);
  c.loaders.notifications.clear(notificationId);
  return next;
}
