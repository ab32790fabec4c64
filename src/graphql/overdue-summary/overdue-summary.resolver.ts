import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import { listOverdueSummaries } from "../../services/learning/overdue-summaries";
import { toConnection } from "../common/connection";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { OverdueSummaryConnection, OverdueSummaryType } from "./overdue-summary.type";

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
}
