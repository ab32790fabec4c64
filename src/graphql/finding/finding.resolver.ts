import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { type Finding, MAX_FINDING_RECOMMENDATIONS } from "../../domain/findings";
import type { Recommendation } from "../../domain/recommendations";
import {
  addFinding,
  getFinding,
  recommendationsOfFinding,
  recommendFromFinding,
} from "../../services/reviews/findings";
import { getReview } from "../../services/reviews/reviews";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import type { GraphQLContext } from "../context";
import { RecommendationType } from "../recommendation/recommendation.type";
import { ReviewType } from "../review/review.type";
import { AddReviewFindingInput, RecommendationFromFindingInput } from "./finding.input";
import { FindingType } from "./finding.type";

@Resolver(() => FindingType)
export class FindingResolver {
  @FieldResolver(() => ReviewType, { nullable: true })
  review(@Root() f: Finding, @Ctx() ctx: GraphQLContext) {
    return orNull(getReview(ctx, f.reviewId));
  }

  @ListOf(MAX_FINDING_RECOMMENDATIONS)
  @FieldResolver(() => [RecommendationType], {
    description: `§35: the recommendations made from it that you may see (at most ${MAX_FINDING_RECOMMENDATIONS}).`,
  })
  recommendations(@Root() f: Finding, @Ctx() ctx: GraphQLContext) {
    return recommendationsOfFinding(ctx, f);
  }

  @Mutation(() => FindingType, {
    description:
      "§5–6: those running the review (business unit, SCR subgroup, lead reviewer) record a finding. Retry-safe with an idempotency key.",
  })
  addReviewFinding(
    @Arg("input", () => AddReviewFindingInput) input: AddReviewFindingInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return addFinding(ctx, id, fields, idempotencyKey);
  }

  @Mutation(() => RecommendationType, {
    description:
      "§35: a recommendation made from a finding (business unit, SCR subgroup), tracked as every recommendation is, and linked both ways. Retry-safe with an idempotency key.",
  })
  createRecommendationFromFinding(
    @Arg("input", () => RecommendationFromFindingInput) input: RecommendationFromFindingInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recommendFromFinding(ctx, id, fields, idempotencyKey);
  }
}

@Resolver(() => RecommendationType)
export class RecommendationFindingResolver {
  @FieldResolver(() => FindingType, {
    nullable: true,
    description: "The review finding it was made from (§5–6), if you may see its review.",
  })
  sourceFinding(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return r.findingId ? orNull(getFinding(ctx, r.findingId)) : null;
  }
}

/** The finding module's resolvers. */
export const FINDING_RESOLVERS = [FindingResolver, RecommendationFindingResolver] as const;
