import { Arg, Args, Ctx, ID, Query, Resolver } from "type-graphql";
import { listAccessLog } from "../../services/access-log";
import { toConnection } from "../common/connection";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { AccessLogConnection, AccessLogEntryType } from "./access-log.type";

@Resolver(() => AccessLogEntryType)
export class AccessLogResolver {
  @Query(() => AccessLogConnection, {
    description: "Business unit only. Give exactly one of caseId or personId. Newest first.",
  })
  async accessLog(
    @Arg("caseId", () => ID, { nullable: true }) caseId: string | null,
    @Arg("personId", () => ID, { nullable: true }) personId: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listAccessLog(ctx, { caseId, personId }, first, after));
  }
}
