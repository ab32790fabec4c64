import { type Action, authorize, can, type Resource, reviewScope } from "../../auth/policy";
import type { ReviewWrite } from "../../data/store";
import type { Case } from "../../domain/entities";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors";
import type { IdempotencyClaim } from "../../domain/idempotency";
import type { Escalation } from "../../domain/near-misses";
import type { IncidentNotification } from "../../domain/notifications";
import { type Page, pageSize } from "../../domain/pagination";
import type { ChairDecision } from "../../domain/review-decisions";
import { checkStillIndependent } from "../../domain/reviewers";
import {
  type CaseChange,
  type CommissionInput,
  changeCases,
  commissionReview,
  type Milestone,
  type MilestoneInput,
  type MilestoneUpdateInput,
  updateMilestone as milestoneChange,
  newMilestone,
  type Recorder,
  type Review,
  type ReviewDetailsInput,
  type ReviewEvent,
  type ReviewKind,
  type ReviewStatus,
  reviewFromDecision,
  reviewOverdueSince,
  type TransitionReviewInput,
  transitionReview as transition,
  updateDetails,
} from "../../domain/reviews";
import { requireAgencies } from "../agencies";
import { requirePriority } from "../audits";
import type { AuthedContext, ServiceContext } from "../context";
import { getEscalation } from "../near-misses";
import { concernedOf } from "../notifications";
import {
  authed,
  idempotencyClaim,
  newId,
  pageOfIds,
  recording,
  requireAll,
  retryOnConflict,
  setOf,
  today,
} from "../shared";

/** The attributes of a review its access rules depend on. */
export function reviewResource(r: Review): Resource {
  return {
    agencyIds: [...r.participatingAgencyIds, ...r.informedAgencyIds],
    leadReviewer: r.leadReviewerPersonId,
    panel: r.panelPersonIds,
  };
}

/** Whether the caller may do `action` on the review (its lead reviewer and panel known). */
export function mayOnReview(
  ctx: ServiceContext,
  action: Action,
  r: Review,
  extra: Resource = {},
): boolean {
  return can(authed(ctx).principal, action, { ...reviewResource(r), ...extra });
}

/** Who records, and when (the domain's recorder). */
export const recorder = (c: AuthedContext): Recorder => recording(c);

/** One review the caller may read, or NOT_FOUND (another partnership's, or not theirs, alike). */
export async function getReview(ctx: ServiceContext, id: string): Promise<Review> {
  const c = authed(ctx);
  const r = await c.loaders.reviews.load(id);
  if (!r || !mayOnReview(c, "review:read", r)) throw new NotFoundError("Review", id);
  return r;
}

/** A review the caller may read and do `action` on (FORBIDDEN when they only read it). */
export async function reviewFor(
  c: AuthedContext,
  id: string,
  action: Action,
  extra: Resource = {},
): Promise<Review> {
  const r = await getReview(c, id);
  authorize(c.principal, action, { ...reviewResource(r), ...extra });
  return r;
}

/** The review with `changes`, at the version after `expectedVersion`. */
export function bumped(
  c: AuthedContext,
  r: Review,
  expectedVersion: number,
  changes: Partial<Review>,
): Review {
  return { ...r, ...changes, version: expectedVersion + 1, updatedAt: c.now().toISOString() };
}

/** Saves a change of a review read at `expectedVersion`, with what it adds. */
export async function saveReview(
  c: AuthedContext,
  r: Review,
  expectedVersion: number,
  changes: Partial<Review>,
  write: ReviewWrite = {},
): Promise<Review> {
  const next = bumped(c, r, expectedVersion, changes);
  await c.store.reviews.save(r, next, expectedVersion, write);
  c.loaders.reviews.clear(r.id);
  return next;
}

/**
 * An addition to a review that takes no version from the caller (a milestone, a contact, a
 * consent...): read afresh, changed and saved, again on a concurrent change (each addition is its
 * own record, so none can overwrite another).
 */
export async function addToReview(
  c: AuthedContext,
  id: string,
  action: Action,
  change: (
    r: Review,
  ) =>
    | { changes: Partial<Review>; write: ReviewWrite }
    | Promise<{ changes: Partial<Review>; write: ReviewWrite }>,
  extra: Resource = {},
): Promise<Review> {
  return retryOnConflict(async () => {
    c.loaders.reviews.clear(id);
    const r = await reviewFor(c, id, action, extra);
    const { changes, write } = await change(r);
    return saveReview(c, r, r.version, changes, write);
  });
}

export interface ReviewFilter {
  readonly status?: ReviewStatus | null;
  readonly kind?: ReviewKind | null;
  readonly agencyId?: string | null;
}

/**
 * Reviews the caller may see, newest commissioned first, by at most one of status, kind or
 * agency: the board all; agency roles their agency's; a reviewer the reviews they are on.
 */
export async function listReviews(
  ctx: ServiceContext,
  filter: ReviewFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<Review>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const set = setOf(filter);
  if (set.length > 1)
    throw new ValidationError(
      "filter",
      `Filter by one of status, kind or agencyId, not ${set.join(" and ")}`,
    );
  const scope = reviewScope(c.principal);
  const pid = c.principal.partnershipId;
  const readable = (r: Review) => mayOnReview(c, "review:read", r);
  switch (scope.kind) {
    case "NONE":
      throw new ForbiddenError("Your role does not give access to reviews");
    case "PANEL":
      if (set.length) throw new ValidationError("filter", "Reviewers list the reviews they are on");
      return pageOfIds(
        await c.store.reviews.listIdsByPanelPerson(pid, scope.personId, size, after),
        c.loaders.reviews,
        readable,
      );
    case "AGENCY":
      if (filter.agencyId && filter.agencyId !== scope.agencyId)
        throw new ForbiddenError("You can list only your own agency's reviews");
      if (filter.status || filter.kind)
        throw new ValidationError("filter", "Agency users list their agency's reviews");
      return pageOfIds(
        await c.store.reviews.listIdsByAgency(pid, scope.agencyId, size, after),
        c.loaders.reviews,
        readable,
      );
    default:
      break;
  }
  if (filter.agencyId)
    return pageOfIds(
      await c.store.reviews.listIdsByAgency(pid, filter.agencyId, size, after),
      c.loaders.reviews,
      readable,
    );
  if (filter.status)
    return c.store.reviews.list(pid, { by: "STATUS", status: filter.status }, size, after);
  if (filter.kind) return c.store.reviews.list(pid, { by: "KIND", kind: filter.kind }, size, after);
  return c.store.reviews.list(pid, { by: "ALL" }, size, after);
}

/** The cases named must exist and be the caller's to name (unknown otherwise). */
async function requireCases(
  c: AuthedContext,
  ids: readonly string[],
  field: string | { list: string },
) {
  return requireAll(c.loaders.cases, ids, field, "case", (k) => can(c.principal, "case:read", k));
}

/** Every agency involved in the cases given. */
const agenciesOf = (cases: readonly Case[]) => [...new Set(cases.flatMap((k) => k.agencyIds))];

/** §21, §24: a review or learning exercise the board commissions without a notification. */
export async function commissionReviewOn(
  ctx: ServiceContext,
  input: CommissionInput,
  idempotencyKey?: string | null,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  authorize(c.principal, "review:commission");
  const claim = idempotencyClaim(c, "commissionReview", idempotencyKey, input);
  const r = commissionReview(input, recordId, c.principal.partnershipId, recorder(c));
  await requireAgencies(c, r.participatingAgencyIds, { list: "input.participatingAgencyIds" });
  await requireCases(c, r.caseIds, { list: "input.caseIds" });
  await requirePriority(c, r.businessPriorityId, "input.businessPriorityId");
  const escalation = input.escalationId
    ? await answeredEscalation(c, input.escalationId, r, claim)
    : undefined;
  if (escalation === null) {
    // A retry of the request that answered it: the review it made.
    const prior = claim && (await c.store.priorResult(claim));
    if (prior) return getReview(c, prior);
  }
  const outcome = await c.store.reviews.create(r, claim, escalation ?? undefined);
  if (input.escalationId) c.loaders.escalations.clear(input.escalationId);
  if (outcome.created) return r;
  return getReview(c, outcome.id);
}

/**
 * §24 I: the escalation a new review answers, as it will be saved with the review: pending (or
 * commissioned without a review yet), visible to the caller. Null when the request is a retry
 * whose review already answers it.
 */
async function answeredEscalation(
  c: AuthedContext,
  id: string,
  r: Review,
  claim: IdempotencyClaim | null,
) {
  let e: Escalation;
  try {
    e = await getEscalation(c, id);
  } catch (err) {
    if (err instanceof NotFoundError)
      throw new ValidationError("input.escalationId", "Unknown escalation");
    throw err;
  }
  if (e.reviewId) {
    if (claim && (await c.store.priorResult(claim)) === e.reviewId) return null;
    throw new ConflictError(`Escalation ${id} is answered by review ${e.reviewId}`, "STATE");
  }
  if (e.status === "DECLINED")
    throw new ConflictError(`Escalation ${id} was declined by the board`, "STATE");
  return {
    next: {
      ...e,
      status: "REVIEW_COMMISSIONED" as const,
      reviewId: r.id,
      decidedOn: e.decidedOn ?? r.commissionedOn,
      version: e.version + 1,
      updatedAt: r.createdAt,
    },
    expectedVersion: e.version,
  };
}

/**
 * §18–21: the review a Chair's decision commissions (written in the decision's transaction):
 * its cases are the notification's, its participating agencies those concerned with it (§18).
 */
export async function reviewForDecision(
  ctx: ServiceContext,
  n: IncidentNotification,
  decided: Pick<ChairDecision, "outcome" | "otherReview">,
): Promise<Review | null> {
  if (decided.outcome === "NO_REVIEW") return null;
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const first = n.caseIds[0] ? await c.loaders.cases.load(n.caseIds[0]) : null;
  return reviewFromDecision(
    {
      id: n.id,
      partnershipId: n.partnershipId,
      caseIds: n.caseIds,
      concernedAgencyIds: await concernedOf(c, n),
      pseudonym: first?.pseudonym ?? null,
    },
    { outcome: decided.outcome, otherReview: decided.otherReview },
    recordId,
    recorder(c),
  );
}

/** The review's title, method (§22), terms of reference, target and participating agencies. */
export async function updateReview(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: ReviewDetailsInput,
): Promise<Review> {
  const c = authed(ctx);
  const r = await reviewFor(c, id, "review:manage");
  const changes = updateDetails(r, input, today(c));
  if (changes.participatingAgencyIds)
    await requireAgencies(c, changes.participatingAgencyIds, {
      list: "input.participatingAgencyIds",
    });
  return saveReview(c, r, expectedVersion, changes);
}

/**
 * Moves a review along its lifecycle. Accepting the report (or sending a draft back) is the
 * board's (the Chair or the business unit); the other steps are for those who run the review.
 */
export async function transitionReview(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: TransitionReviewInput,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const r = await getReview(c, id);
  const boards =
    input.to === "ACCEPTED" || (r.status === "DRAFT_REPORT" && input.to === "IN_PROGRESS");
  authorize(c.principal, boards ? "review:decide" : "review:manage", reviewResource(r));
  const contacts = await c.loaders.reviewChildren.familyContacts.load(r);
  const findings = r.findingCount;
  const { change, event } = transition(
    r,
    input,
    {
      casesWithoutFamilyContact: r.caseIds.filter((k) => !contacts.some((x) => x.caseId === k)),
      findings,
    },
    recordId,
    recorder(c),
  );
  return saveReview(c, r, expectedVersion, change, { add: { events: [event] } });
}

/** A milestone added to the review's plan. */
export async function addMilestone(
  ctx: ServiceContext,
  id: string,
  input: MilestoneInput,
): Promise<Review> {
  const c = authed(ctx);
  return addToReview(c, id, "review:manage", (r) => {
    const m = newMilestone(r, input, recorder(c));
    return {
      changes: { milestoneCount: m.seq },
      write: { milestones: [{ milestone: m, expectedVersion: null }] },
    };
  });
}

/** One milestone the caller may see (as its review), or NOT_FOUND. */
export async function getMilestone(ctx: ServiceContext, id: string): Promise<Milestone> {
  const c = authed(ctx);
  const m = await c.loaders.milestones.load(id);
  if (!m) throw new NotFoundError("ReviewMilestone", id);
  try {
    await getReview(c, m.reviewId);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError("ReviewMilestone", id);
    throw err;
  }
  return m;
}

/** A milestone rescheduled, renamed or completed. */
export async function updateMilestone(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: MilestoneUpdateInput,
): Promise<Milestone> {
  const c = authed(ctx);
  const m = await getMilestone(c, id);
  const r = await reviewFor(c, m.reviewId, "review:manage");
  if (r.status === "CLOSED") throw new ValidationError("input.id", "The review is closed");
  const next: Milestone = {
    ...m,
    ...milestoneChange(m, input, today(c)),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.reviews.saveMilestone(next, expectedVersion);
  c.loaders.milestones.clear(id);
  c.loaders.milestonesOf.clearAll();
  return next;
}

/** The review's milestones, in the order planned (batched across a page of reviews). */
export function milestonesOf(ctx: ServiceContext, r: Review): Promise<Milestone[]> {
  return authed(ctx).loaders.milestonesOf.load(r);
}

/** The first day the review was overdue (its target passed, or a milestone late), or null. */
export async function overdueSinceOf(ctx: ServiceContext, r: Review): Promise<string | null> {
  return reviewOverdueSince(r, await milestonesOf(ctx, r), today(ctx));
}

/** The review's history: status changes, publications, withholdings and withdrawals. */
export function eventsOf(ctx: ServiceContext, r: Review): Promise<ReviewEvent[]> {
  return authed(ctx).loaders.reviewChildren.events.load(r);
}

/** The changes to the cases it covers (§31: alternatives found), oldest first. */
export function caseChangesOf(ctx: ServiceContext, r: Review): Promise<CaseChange[]> {
  return authed(ctx).loaders.reviewChildren.caseChanges.load(r);
}

/** The cases a review covers that the caller may see (others left out). */
export async function casesOfReview(
  ctx: ServiceContext,
  r: Review,
  ids = r.caseIds,
): Promise<Case[]> {
  const c = authed(ctx);
  const found = await c.loaders.cases.loadMany(ids);
  return found.flatMap((k) => {
    if (k instanceof Error) throw k;
    return k && mayOnReview(c, "review:readCase", r, { agencyIds: k.agencyIds }) ? [k] : [];
  });
}

/**
 * A case added to the review (a thematic review covers several, §30), with a reason; or (§31)
 * a case swapped for an alternative: the board's selection (the business unit, the SCR
 * subgroup). The review's independent reviewers stay independent (§23).
 */
export async function changeReviewCase(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: { caseId: string; replacesCaseId?: string | null; reason: string },
  check?: (r: Review) => Promise<void>,
): Promise<Review> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const r = await reviewFor(c, id, "review:selectCases");
  const field = input.replacesCaseId ? "input.alternativeCaseId" : "input.caseId";
  const [added] = await requireCases(c, [input.caseId], field);
  if (check) await check(r);
  const changes = changeCases(r, input.caseId, input.replacesCaseId ?? null, field);
  checkStillIndependent(r, added?.agencyIds ?? [], field);
  const change: CaseChange = {
    id: recordId,
    caseId: input.caseId,
    replacesCaseId: input.replacesCaseId ?? null,
    reason: input.reason.trim(),
    on: today(c),
    by: c.principal.subject,
  };
  if (!change.reason) throw new ValidationError("input.reason", "Give the reason");
  return saveReview(c, r, expectedVersion, changes, { add: { caseChanges: [change] } });
}

/** Every agency involved in a case the review covers (as stored now). */
export async function caseAgenciesOf(c: AuthedContext, r: Review): Promise<string[]> {
  const found = await c.loaders.cases.loadMany(r.caseIds);
  return agenciesOf(
    found.flatMap((k) => {
      if (k instanceof Error) throw k;
      return k ? [k] : [];
    }),
  );
}

/** A case of a review (by the review or its id), if the caller may see it; null otherwise. */
export async function reviewCaseRef(
  ctx: ServiceContext,
  review: Review | string,
  caseId: string,
): Promise<Case | null> {
  const c = authed(ctx);
  const r = typeof review === "string" ? await c.loaders.reviews.load(review) : review;
  if (!r) return null;
  return (await casesOfReview(c, r, [caseId]))[0] ?? null;
}
