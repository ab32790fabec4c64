import { authorize, can, listScope } from "../../auth/policy";
import {
  type Contribution,
  type ContributionRequestInput,
  type ContributionReviewInput,
  newContribution,
  reviewSubmission,
  type Submission,
  type SubmissionInput,
  submit,
} from "../../domain/contributions";
import { addDays } from "../../domain/dates";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors";
import { checkContributionConsent } from "../../domain/family";
import { type Page, pageSize } from "../../domain/pagination";
import { checkActive, type Review } from "../../domain/reviews";
import type { AuthedContext, ServiceContext } from "../context";
import { authed, idempotencyClaim, newId, retryOnConflict, today } from "../shared";
import { bumped, getReview, mayOnReview, recorder, reviewFor, reviewResource } from "./reviews";

/**
 * Whether the caller reads a contribution: the agency asked (it alone answers), the review's
 * lead reviewer and the board's core roles (§28); and, once the review shared it at its end, the
 * staff of the agencies that received it (§29, §32).
 */
async function readable(c: AuthedContext, r: Review, k: Contribution): Promise<boolean> {
  if (can(c.principal, "contribution:read", { ...reviewResource(r), agencyIds: [k.agencyId] }))
    return true;
  if (r.shareCount === 0) return false;
  const shares = await c.loaders.reviewChildren.shares.load(r);
  const receivers = shares.filter((s) => s.contributionIds.includes(k.id)).map((s) => s.agencyId);
  return (
    receivers.length > 0 &&
    mayOnReview(c, "review:read", r) &&
    can(c.principal, "contribution:readShared", { agencyIds: receivers })
  );
}

/**
 * One contribution the caller may read, or NOT_FOUND: another agency's request is, to an agency,
 * a request that does not exist.
 */
export async function getContribution(ctx: ServiceContext, id: string): Promise<Contribution> {
  const c = authed(ctx);
  const k = await c.loaders.contributions.load(id);
  const r = k ? await c.loaders.reviews.load(k.reviewId) : null;
  if (!k || !r || !(await readable(c, r, k))) throw new NotFoundError("Contribution", id);
  return k;
}

/** The contributions of a review the caller may read, in the order asked. */
export async function contributionsOf(ctx: ServiceContext, r: Review): Promise<Contribution[]> {
  const c = authed(ctx);
  const all = await c.loaders.contributionsOf.load(r);
  const kept = await Promise.all(all.map((k) => readable(c, r, k)));
  return all.filter((_, i) => kept[i]);
}

/** The review a contribution belongs to, for those who read both (null otherwise). */
export async function reviewOfContribution(ctx: ServiceContext, k: Contribution) {
  try {
    return await getReview(ctx, k.reviewId);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/** §28: a request to a participating agency for a chronology, a report or information. */
export async function requestContribution(
  ctx: ServiceContext,
  reviewId: string,
  input: ContributionRequestInput,
  idempotencyKey?: string | null,
): Promise<Contribution> {
  const c = authed(ctx);
  await reviewFor(c, reviewId, "contribution:request");
  const claim = idempotencyClaim(c, "requestContribution", idempotencyKey, { reviewId, ...input });
  const outcome = await retryOnConflict(
    async (): Promise<{ created: Contribution } | { existing: string }> => {
      c.loaders.reviews.clear(reviewId);
      const r = await reviewFor(c, reviewId, "contribution:request");
      const k = newContribution(r, input, recorder(c));
      const counted = bumped(c, r, r.version, { contributionCount: k.seq });
      const created = await c.store.contributions.create(k, counted, r.version, claim);
      return created.created ? { created: k } : { existing: created.id };
    },
  );
  c.loaders.reviews.clear(reviewId);
  if ("created" in outcome) return outcome.created;
  return getContribution(c, outcome.existing);
}

/**
 * §28: the agency's answer (its own requests only), retry-safe with an idempotency key: a retry
 * of a submission that went through answers the contribution and adds nothing. For a review
 * other than an SCR or near-miss review, an answer about a case needs the family's consent
 * covering that agency (§30).
 */
export async function submitContribution(
  ctx: ServiceContext,
  id: string,
  input: SubmissionInput,
  idempotencyKey?: string | null,
): Promise<Contribution> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const claim = idempotencyClaim(c, "submitContribution", idempotencyKey, { id, ...input });
  const first = await getContribution(c, id);
  authorize(c.principal, "contribution:submit", { agencyIds: [first.agencyId] });
  if (claim) {
    const prior = await c.store.contributions.priorSubmission(claim);
    if (prior) return getContribution(c, prior);
  }
  return retryOnConflict(async () => {
    c.loaders.contributions.clear(id);
    const k = await getContribution(c, id);
    const r = await getReview(c, k.reviewId);
    checkActive(r, "Contributions are answered");
    if (k.caseId && !r.caseIds.includes(k.caseId))
      throw new ValidationError("input.id", "The case is no longer under review (§31)");
    checkContributionConsent(r, k, await c.loaders.reviewChildren.consents.load(r));
    const { change, submission } = submit(k, input, recordId, recorder(c));
    const next: Contribution = {
      ...k,
      ...change,
      version: k.version + 1,
      updatedAt: c.now().toISOString(),
    };
    const outcome = await c.store.contributions.addSubmission(next, k.version, submission, claim);
    c.loaders.contributions.clear(id);
    return outcome.created ? next : getContribution(c, id);
  });
}

/** §28: the lead reviewer (or the board) accepts an answer, or returns it with questions. */
export async function reviewContribution(
  ctx: ServiceContext,
  id: string,
  expectedVersion: number,
  input: ContributionReviewInput,
): Promise<Contribution> {
  const c = authed(ctx);
  const k = await getContribution(c, id);
  const r = await getReview(c, k.reviewId);
  authorize(c.principal, "contribution:review", reviewResource(r));
  if (r.status === "CLOSED") throw new ConflictError("The review is closed", "STATE");
  const next: Contribution = {
    ...k,
    ...reviewSubmission(k, input, today(c)),
    version: expectedVersion + 1,
    updatedAt: c.now().toISOString(),
  };
  await c.store.contributions.save(next, expectedVersion);
  c.loaders.contributions.clear(id);
  c.loaders.contributionsOf.clearAll();
  return next;
}

/** What was submitted, oldest first (for those who read the contribution). */
export function submissionsOf(ctx: ServiceContext, k: Contribution): Promise<Submission[]> {
  return authed(ctx).loaders.submissions.load(k);
}

export interface ContributionFilter {
  readonly agencyId?: string | null;
  readonly answered?: boolean | null;
  readonly overdue?: boolean | null;
}

/**
 * Contribution requests, soonest due first: an agency's own (owed, or answered); the board's
 * core roles any agency's, or every agency's owed. `overdue` keeps those owed past their date.
 */
export async function listContributions(
  ctx: ServiceContext,
  filter: ContributionFilter,
  first?: number | null,
  after?: string | null,
): Promise<Page<Contribution>> {
  const c = authed(ctx);
  const size = pageSize(first);
  const scope = listScope(c.principal, "contributions", filter.agencyId, "contribution requests");
  const pid = c.principal.partnershipId;
  const due = filter.overdue ? { to: addDays(today(c), -1) } : undefined;
  if (filter.overdue && filter.answered)
    throw new ValidationError("filter", "What is answered is not overdue");
  if (scope.agencyId)
    return c.store.contributions.listByAgency(
      pid,
      scope.agencyId,
      Boolean(filter.answered),
      due,
      size,
      after,
    );
  if (filter.answered)
    throw new ValidationError("filter.agencyId", "Name the agency whose answered requests to list");
  return c.store.contributions.listOwed(pid, due, size, after);
}
