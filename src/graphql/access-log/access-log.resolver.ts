import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { AccessLogEntry } from "../../domain/entities";
import { listAccessLog } from "../../services/access-log";
import { agencyRef } from "../../services/agencies";
import { getCase } from "../../services/cases";
import { personRef } from "../../services/people";
import { AgencyType } from "../agency/agency.type";
import { CaseType } from "../case/case.type";
import { toConnection } from "../common/connection";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
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

  @FieldResolver(() => CaseType, { nullable: true })
  case(@Root() e: AccessLogEntry, @Ctx() ctx: GraphQLContext) {
    return orNull(getCase(ctx, e.caseId));
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: "The person who read; null for a partner system (see subject).",
  })
  person(@Root() e: AccessLogEntry, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, e.subject);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() e: AccessLogEntry, @Ctx() ctx: GraphQLContext) {
    return e.agencyId ? agencyRef(ctx, e.agencyId) : null;
  }
}
