import { authorize, can } from "../../auth/policy";
import { NotFoundError, ValidationError } from "../../domain/errors";
import { type Page, pageSize } from "../../domain/pagination";
import {
  type AppointInput,
  addTraining,
  appoint,
  type NewReviewerInput,
  newReviewer,
  type PanelMember,
  type Reviewer,
  type TrainingInput,
  type TrainingRecord,
  trainingCurrent,
} from "../../domain/reviewers";
import type { Review } from "../../domain/reviews";
import { requireAgencies } from "../agencies";
import type { ServiceContext } from "../context";
import { authed, idempotencyClaim, newId, requireAll, retryOnConflict, today } from "../shared";
import { addToReview, caseAgenciesOf, recorder, reviewFor } from "./reviews";

/** One reviewer of the pool the caller may see (the board; a reviewer their own), or NOT_FOUND. */
export async function getReviewer(ctx: ServiceContext, id: string): Promise<Reviewer> {
  const c = authed(ctx);
  const r = await c.loaders.reviewers.load(id);
  if (!r || !can(c.principal, "reviewer:read", { subject: r.personId ?? undefined }))
    throw new NotFoundError("Reviewer", id);
  return r;
}

/** A reviewer named on a panel, for those who read the review (null when there is none). */
export async function reviewerRef(
  ctx: ServiceContext,
  id: string | null,
): Promise<Reviewer | null> {
  return id ? authed(ctx).loaders.reviewers.load(id) : null;
}

/** §23: the reviewer pool, by name (the board's core roles). */
export async function listReviewers(
  ctx: ServiceContext,
  first?: number | null,
  after?: string | null,
): Promise<Page<Reviewer>> {
  const c = authed(ctx);
  authorize(c.principal, "reviewer:read");
  return c.store.reviewers.list(c.principal.partnershipId, pageSize(first), after);
}

/** §23: a reviewer joins the pool (the business unit). */
export async function createReviewer(
  ctx: ServiceContext,
  input: NewReviewerInput,
  idempotencyKey?: string | null,
): Promise<Reviewer> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  authorize(c.principal, "reviewer:write");
  const claim = idempotencyClaim(c, "createReviewer", idempotencyKey, input);
  const r = newReviewer(input, recordId, c.principal.partnershipId, recorder(c));
  if (r.agencyId) await requireAgencies(c, [r.agencyId], "input.agencyId");
  if (r.personId) await requireAll(c.loaders.people, [r.personId], "input.personId", "person");
  const outcome = await c.store.reviewers.create(r, claim);
  if (outcome.created) return r;
  return getReviewer(c, outcome.id);
}

/** §23: a training record in the systemic model (no version: it never overwrites anything). */
export async function recordReviewerTraining(
  ctx: ServiceContext,
  id: string,
  input: TrainingInput,
): Promise<Reviewer> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  authorize(c.principal, "reviewer:write");
  return retryOnConflict(async () => {
    c.loaders.reviewers.clear(id);
    const r = await getReviewer(c, id);
    const { change, training } = addTraining(r, input, recordId, recorder(c));
    const next = { ...r, ...change, version: r.version + 1, updatedAt: c.now().toISOString() };
    await c.store.reviewers.addTraining(next, r.version, training);
    c.loaders.reviewers.clear(id);
    return next;
  });
}

/** Whether the caller reads a reviewer's training records (the board's core roles; their own). */
export function viewerCanReadTraining(ctx: ServiceContext, r: Reviewer): boolean {
  return can(authed(ctx).principal, "reviewer:read", { subject: r.personId ?? undefined });
}

/** §23: the reviewer's training records, oldest first (null for those who may not read them). */
export async function trainingsOf(
  ctx: ServiceContext,
  r: Reviewer,
): Promise<TrainingRecord[] | null> {
  if (!viewerCanReadTraining(ctx, r)) return null;
  return authed(ctx).loaders.trainings.load(r);
}

/** §23: whether the reviewer's training is current today. */
export function isTrainingCurrent(ctx: ServiceContext, r: Reviewer): boolean {
  return trainingCurrent(r, today(ctx));
}

/**
 * §23: a panel appointment: a reviewer of the pool (an SCR's reviewers trained and current; every
 * reviewer and the panel's chair independent of the cases' agencies), or an agency's member of
 * staff as a panel member. Refusals are BAD_USER_INPUT saying which rule and why.
 */
export async function appointPanelMember(
  ctx: ServiceContext,
  id: string,
  input: AppointInput,
): Promise<Review> {
  const c = authed(ctx);
  // A review the caller may not appoint to is refused before its input is looked at.
  await reviewFor(c, id, "review:appoint");
  const reviewer = input.reviewerId
    ? (await requireAll(c.loaders.reviewers, [input.reviewerId], "input.reviewerId", "reviewer"))[0]
    : null;
  const person = input.personId
    ? (await requireAll(c.loaders.people, [input.personId], "input.personId", "person"))[0]
    : null;
  if (person?.roles.includes("PARTNER_SYSTEM"))
    throw new ValidationError("input.personId", "A partner system does not sit on a panel");
  return addToReview(c, id, "review:appoint", async (r) => {
    const { change, member } = appoint(
      r,
      input,
      {
        reviewer: reviewer ?? null,
        person: person ? { id: person.id, agencyId: person.agencyId } : null,
        caseAgencyIds: await caseAgenciesOf(c, r),
      },
      recorder(c),
    );
    return { changes: change, write: { add: { panel: [member] } } };
  });
}

/** The review's panel, in the order appointed. */
export function panelOf(ctx: ServiceContext, r: Review): Promise<PanelMember[]> {
  return authed(ctx).loaders.reviewChildren.panel.load(r);
}
