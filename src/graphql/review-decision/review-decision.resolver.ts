import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import {
  type ChairDecision,
  decisionState,
  MAX_AGENCY_VIEWS,
  MAX_DISSENTS,
  type ReviewDecision,
} from "../../domain/review-decisions";
import {
  agencyViewsOf,
  decideReview,
  dissentsConsideredOf,
  dissentsOf,
  getReviewDecision,
  recordAgencyView,
  recordDissent,
  recordSubgroupRecommendation,
} from "../../services/review-decisions";
import { ListOf } from "../common/cost";
import { DecisionStateEnum } from "../common/enums";
import type { GraphQLContext } from "../context";
import {
  AgencyViewInput,
  DecideReviewInput,
  SubgroupRecommendationInput,
} from "./review-decision.input";
import {
  AgencyViewType,
  ChairDecisionType,
  DissentType,
  ReviewDecisionType,
} from "./review-decision.type";

@Resolver(() => ReviewDecisionType)
export class ReviewDecisionResolver {
  @Query(() => ReviewDecisionType, {
    description:
      "The decision record of a submitted notification (legitimately concerned parties).",
  })
  reviewDecision(@Arg("notificationId", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return getReviewDecision(ctx, id);
  }

  @FieldResolver(() => DecisionStateEnum)
  state(@Root() d: ReviewDecision) {
    return decisionState(d);
  }

  @ListOf(MAX_AGENCY_VIEWS)
  @FieldResolver(() => [AgencyViewType], {
    description: `Each agency's view as it stands (its latest); at most ${MAX_AGENCY_VIEWS} are recorded.`,
  })
  agencyViews(@Root() d: ReviewDecision, @Ctx() ctx: GraphQLContext) {
    return agencyViewsOf(ctx, d);
  }

  @ListOf(MAX_DISSENTS)
  @FieldResolver(() => [DissentType], {
    nullable: true,
    description: `Oldest first; at most ${MAX_DISSENTS}. The board's core roles only (null with FORBIDDEN for others).`,
  })
  dissents(@Root() d: ReviewDecision, @Ctx() ctx: GraphQLContext) {
    return dissentsOf(ctx, d);
  }

  @Mutation(() => ReviewDecisionType, { description: "SCR subgroup (§18)." })
  recordSubgroupRecommendation(
    @Arg("notificationId", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => SubgroupRecommendationInput) input: SubgroupRecommendationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordSubgroupRecommendation(ctx, id, expectedVersion, input);
  }

  @Mutation(() => ReviewDecisionType, {
    description:
      "A member of the SCR subgroup records a dissenting view; it goes to the Chair (§18).",
  })
  recordDissent(
    @Arg("notificationId", () => ID) id: string,
    @Arg("view", () => String) view: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordDissent(ctx, id, view);
  }

  @Mutation(() => ReviewDecisionType, {
    description:
      "An involved agency's lead records the agency's view (§18); a new one replaces it.",
  })
  recordAgencyView(
    @Arg("notificationId", () => ID) id: string,
    @Arg("input", () => AgencyViewInput) input: AgencyViewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordAgencyView(ctx, id, input);
  }

  @Mutation(() => ReviewDecisionType, { description: "The Independent Chair only (§18–21)." })
  decideReview(
    @Arg("notificationId", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => DecideReviewInput) input: DecideReviewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return decideReview(ctx, id, expectedVersion, input);
  }
}

@Resolver(() => ChairDecisionType)
export class ChairDecisionResolver {
  @ListOf(MAX_DISSENTS)
  @FieldResolver(() => [ID], {
    nullable: true,
    description:
      "The dissents the Chair considered. The board's core roles only, as the dissents (null with FORBIDDEN for others).",
  })
  dissentsConsidered(@Root() d: ChairDecision, @Ctx() ctx: GraphQLContext) {
    return dissentsConsideredOf(ctx, d);
  }
}
