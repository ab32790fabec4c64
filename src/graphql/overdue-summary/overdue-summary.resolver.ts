import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { agencyRef } from "../../services/agencies";
import { getAction } from "../../services/learning/actions";
import {
  listOverdueSummaries,
  type OverdueSummaryView,
} from "../../services/learning/overdue-summaries";
import { getRecommendation } from "../../services/learning/recommendations";
import { getContribution } from "../../services/reviews/contributions";
import { getMilestone, getReview } from "../../services/reviews/reviews";
import { ActionType } from "../action/action.type";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { ContributionType } from "../contribution/contribution.type";
import { RecommendationType } from "../recommendation/recommendation.type";
import { ReviewMilestoneType, ReviewType } from "../review/review.type";
import {
  LateContributionItemType,
  LateMilestoneItemType,
  OverdueActionItemType,
  OverdueSummaryConnection,
  OverdueSummaryType,
  ReconsiderDueItemType,
  ReviewPastTargetItemType,
  RevisitDueItemType,
} from "./overdue-summary.type";

@Resolver(() => OverdueSummaryType)
export class OverdueSummaryResolver {
  @Query(() => OverdueSummaryConnection, {
    description:
      "The daily overdue check's summaries: one agency's (newest first), or every agency's for a day (default: the latest).",
  })
  async overdueSummaries(
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null,
    @Arg("asOf", () => LocalDate, { nullable: true }) asOf: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listOverdueSummaries(ctx, { agencyId, asOf }, first, after));
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: "Null for the board." })
  agency(@Root() s: OverdueSummaryView, @Ctx() ctx: GraphQLContext) {
    return s.agencyId ? agencyRef(ctx, s.agencyId) : null;
  }
}

@Resolver(() => OverdueActionItemType)
export class OverdueActionItemResolver {
  @FieldResolver(() => ActionType, {
    nullable: true,
    description: "The action as it is now (batched); null if it is not yours to see.",
  })
  action(@Root() item: OverdueActionItemType, @Ctx() ctx: GraphQLContext) {
    return orNull(getAction(ctx, item.actionId));
  }
}

@Resolver(() => RevisitDueItemType)
export class RevisitDueItemResolver {
  @FieldResolver(() => RecommendationType, {
    nullable: true,
    description: "The recommendation as it is now (batched); null if it is not yours to see.",
  })
  recommendation(@Root() item: RevisitDueItemType, @Ctx() ctx: GraphQLContext) {
    return orNull(getRecommendation(ctx, item.recommendationId));
  }
}

@Resolver(() => LateContributionItemType)
export class LateContributionItemResolver {
  @FieldResolver(() => ContributionType, {
    nullable: true,
    description: "The contribution as it is now; null if it is not yours to see.",
  })
  contribution(@Root() item: LateContributionItemType, @Ctx() ctx: GraphQLContext) {
    return orNull(getContribution(ctx, item.contributionId));
  }
}

@Resolver(() => LateMilestoneItemType)
export class LateMilestoneItemResolver {
  @FieldResolver(() => ReviewMilestoneType, {
    nullable: true,
    description: "The milestone as it is now; null if it is not yours to see.",
  })
  milestone(@Root() item: LateMilestoneItemType, @Ctx() ctx: GraphQLContext) {
    return orNull(getMilestone(ctx, item.milestoneId));
  }
}

@Resolver(() => ReviewPastTargetItemType)
export class ReviewPastTargetItemResolver {
  @FieldResolver(() => ReviewType, {
    nullable: true,
    description: "The review as it is now; null if it is not yours to see.",
  })
  review(@Root() item: ReviewPastTargetItemType, @Ctx() ctx: GraphQLContext) {
    return orNull(getReview(ctx, item.reviewId));
  }
}

@Resolver(() => ReconsiderDueItemType)
export class ReconsiderDueItemResolver {
  @FieldResolver(() => ReviewType, {
    nullable: true,
    description: "The review as it is now; null if it is not yours to see.",
  })
  review(@Root() item: ReconsiderDueItemType, @Ctx() ctx: GraphQLContext) {
    return orNull(getReview(ctx, item.reviewId));
  }
}

/** The overdue summary module's resolvers. */
export const OVERDUE_SUMMARY_RESOLVERS = [
  OverdueSummaryResolver,
  OverdueActionItemResolver,
  RevisitDueItemResolver,
  LateContributionItemResolver,
  LateMilestoneItemResolver,
  ReviewPastTargetItemResolver,
  ReconsiderDueItemResolver,
] as const;
