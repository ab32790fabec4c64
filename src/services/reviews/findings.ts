import { authorize, can } from "../../auth/policy";
import { NotFoundError } from "../../domain/errors";
import {
  type Finding,
  type FindingInput,
  linkRecommendation,
  newFinding,
  SOURCE_KIND_OF,
} from "../../domain/findings";
import {
  newRecommendation,
  type Priority,
  type Recommendation,
  recommendationAgencies,
} from "../../domain/recommendations";
import type { Review } from "../../domain/reviews";
import { requireAgencies } from "../agencies";
import type { ServiceContext } from "../context";
import { getRecommendation } from "../learning/recommendations";
import { authed, idempotencyClaim, newId, recording, retryOnConflict } from "../shared";
import { bumped, getReview, recorder, reviewFor } from "./reviews";

/** One finding the caller may see (as its review), or NOT_FOUND. */
export async function getFinding(ctx: ServiceContext, id: string): Promise<Finding> {
  const c = authed(ctx);
  const f = await c.loaders.findings.load(id);
  if (!f) throw new NotFoundError("Finding", id);
  try {
    await getReview(c, f.reviewId);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError("Finding", id);
    throw err;
  }
  return f;
}

/** The review's findings, in the order recorded (batched across reviews). */
export function findingsOf(ctx: ServiceContext, r: Review): Promise<Finding[]> {
  return authed(ctx).loaders.findingsOf.load(r);
}

/** §5–6: a finding recorded by those who run the review, at most once per idempotency key. */
export async function addFinding(
  ctx: ServiceContext,
  reviewId: string,
  input: FindingInput,
  idempotencyKey?: string | null,
): Promise<Finding> {
  const c = authed(ctx);
  await reviewFor(c, reviewId, "review:manage");
  const claim = idempotencyClaim(c, "addReviewFinding", idempotencyKey, { reviewId, ...input });
  const outcome = await retryOnConflict(
    async (): Promise<{ created: Finding } | { id: string }> => {
      c.loaders.reviews.clear(reviewId);
      const r = await reviewFor(c, reviewId, "review:manage");
      const f = newFinding(r, input, recorder(c));
      const next = bumped(c, r, r.version, { findingCount: f.seq });
      const saved = await c.store.reviews.save(
        r,
        next,
        r.version,
        { findings: [{ finding: f, expectedVersion: null }] },
        claim,
        f.id,
      );
      return saved.created ? { created: f } : { id: saved.id };
    },
  );
  c.loaders.reviews.clear(reviewId);
  if ("created" in outcome) return outcome.created;
  return getFinding(c, outcome.id);
}

/** What a recommendation from a finding says (its source is the finding's review). */
export interface FindingRecommendationInput {
  readonly text: string;
  readonly owningAgencyId?: string | null;
  readonly participatingAgencyIds?: readonly string[] | null;
  readonly priority: Priority;
  readonly madeOn: string;
  readonly targetDate: string;
}

/**
 * §35: a recommendation made from a finding, through the recommendation tracking: its source is
 * the review (so §37 counts it under the review's kind), its finding the finding's title, and the
 * two linked both ways, in one transaction, at most once per idempotency key.
 */
export async function recommendFromFinding(
  ctx: ServiceContext,
  findingId: string,
  input: FindingRecommendationInput,
  idempotencyKey?: string | null,
): Promise<Recommendation> {
  const c = authed(ctx);
  // Chosen once: a retried write is the same record.
  const recordId = newId(c);
  const first = await getFinding(c, findingId);
  authorize(c.principal, "recommendation:create");
  const claim = idempotencyClaim(c, "recommendFromFinding", idempotencyKey, {
    findingId,
    ...input,
  });
  // Chosen once: a retry of the write is the same recommendation.
  const recommendationId = recordId;
  const outcome = await retryOnConflict(
    async (): Promise<{ created: Recommendation } | { id: string }> => {
      c.loaders.findings.clear(findingId);
      const f = await getFinding(c, findingId);
      const r = await getReview(c, f.reviewId);
      const rec: Recommendation = {
        ...newRecommendation(
          {
            source: { kind: SOURCE_KIND_OF[r.kind], activityId: r.id, title: r.title },
            text: input.text,
            finding: f.title,
            owningAgencyId: input.owningAgencyId,
            participatingAgencyIds: input.participatingAgencyIds ?? r.participatingAgencyIds,
            priority: input.priority,
            madeOn: input.madeOn,
            targetDate: input.targetDate,
          },
          recommendationId,
          c.principal.partnershipId,
          recording(c),
        ),
        findingId: f.id,
      };
      if (rec.owningAgencyId)
        await requireAgencies(c, [rec.owningAgencyId], "input.owningAgencyId");
      await requireAgencies(c, rec.participatingAgencyIds, {
        list: "input.participatingAgencyIds",
      });
      const linked: Finding = {
        ...f,
        ...linkRecommendation(r, f, rec.id),
        version: f.version + 1,
        updatedAt: c.now().toISOString(),
      };
      const saved = await c.store.reviews.recommendFromFinding(
        rec,
        recommendationAgencies(rec),
        linked,
        f.version,
        claim,
      );
      return saved.created ? { created: rec } : { id: saved.id };
    },
  );
  c.loaders.findings.clear(first.id);
  if ("created" in outcome) return outcome.created;
  return getRecommendation(c, outcome.id);
}

/** The recommendations made from a finding that the caller may see. */
export async function recommendationsOfFinding(
  ctx: ServiceContext,
  f: Finding,
): Promise<Recommendation[]> {
  const c = authed(ctx);
  const found = await c.loaders.recommendations.loadMany(f.recommendationIds);
  return found.flatMap((r) => {
    if (r instanceof Error) throw r;
    return r && can(c.principal, "recommendation:read", { agencyIds: recommendationAgencies(r) })
      ? [r]
      : [];
  });
}
