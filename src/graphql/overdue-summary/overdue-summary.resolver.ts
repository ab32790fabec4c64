import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { agencyRef } from "../../services/agencies";
import { getAction } from "../../services/learning/actions";
import {
  listOverdueSummaries,
  type OverdueSummaryView,
} from "../../services/learning/overdue-summaries";
import { getRecommendation } from "../../services/learning/recommendations";
import { ActionType } from "../action/action.type";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { RecommendationType } from "../recommendation/recommendation.type";
import {
  OverdueActionItemType,
  OverdueSummaryConnection,
  OverdueSummaryType,
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

/** The overdue summary module's resolvers. */
export const OVERDUE_SUMMARY_RESOLVERS = [
  OverdueSummaryResolver,
  OverdueActionItemResolver,
  RevisitDueItemResolver,
] as const;
