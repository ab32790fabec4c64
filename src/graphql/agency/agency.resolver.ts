import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { createAgency, getAgency, listAgencies, updateAgency } from "../../services/agencies";
import { toConnection } from "../common/connection";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { CreateAgencyInput, UpdateAgencyInput } from "./agency.input";
import { AgencyConnection, AgencyType } from "./agency.type";

@Resolver(() => AgencyType)
export class AgencyResolver {
  @Query(() => AgencyConnection, { description: "Member agencies, by name." })
  async agencies(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await listAgencies(ctx, first, after));
  }

  @Query(() => AgencyType, { nullable: true, description: "Null when there is no such agency." })
  agency(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getAgency(ctx, id));
  }

  @Mutation(() => AgencyType, { description: "Business unit only." })
  createAgency(
    @Arg("input", () => CreateAgencyInput) input: CreateAgencyInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createAgency(ctx, { name: input.name, kind: input.kind }, idempotencyKey);
  }

  @Mutation(() => AgencyType, { description: "Business unit only." })
  updateAgency(
    @Arg("input", () => UpdateAgencyInput) input: UpdateAgencyInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return updateAgency(ctx, input.id, input.expectedVersion, input);
  }
}
