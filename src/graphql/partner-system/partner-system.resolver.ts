import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { PartnerSystem } from "../../domain/partner-systems";
import { agencyRef } from "../../services/agencies";
import {
  getPartnerSystem,
  listPartnerSystems,
  registerPartnerSystem,
  setPartnerSystemEnabled,
} from "../../services/partner-systems";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PartnerSystemRefInput, RegisterPartnerSystemInput } from "./partner-system.input";
import {
  PartnerSystemConnection,
  PartnerSystemRegistrationType,
  PartnerSystemType,
} from "./partner-system.type";

@Resolver(() => PartnerSystemType)
export class PartnerSystemResolver {
  @Query(() => PartnerSystemConnection, {
    description:
      "Registered partner systems: all for the business unit; one agency's for its lead.",
  })
  async partnerSystems(
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listPartnerSystems(ctx, agencyId, first, after));
  }

  @Query(() => PartnerSystemType, {
    nullable: true,
    description: "Null when there is none or it is not yours to see.",
  })
  partnerSystem(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getPartnerSystem(ctx, id));
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: "The agency it acts for." })
  agency(@Root() s: PartnerSystem, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, s.agencyId);
  }

  @Mutation(() => PartnerSystemRegistrationType, {
    description:
      "Business unit: registers an agency's system, creating its app client (client credentials, the API's scope). The secret is in this answer only. Retry-safe with an idempotency key.",
  })
  registerPartnerSystem(
    @Arg("input", () => RegisterPartnerSystemInput) input: RegisterPartnerSystemInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return registerPartnerSystem(ctx, input, idempotencyKey);
  }

  @Mutation(() => PartnerSystemType, {
    description: "Business unit: stops a system; its tokens are refused from the next request.",
  })
  stopPartnerSystem(
    @Arg("input", () => PartnerSystemRefInput) input: PartnerSystemRefInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return setPartnerSystemEnabled(ctx, input.id, input.expectedVersion, false);
  }

  @Mutation(() => PartnerSystemType, {
    description: "Business unit: starts a stopped system again.",
  })
  startPartnerSystem(
    @Arg("input", () => PartnerSystemRefInput) input: PartnerSystemRefInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return setPartnerSystemEnabled(ctx, input.id, input.expectedVersion, true);
  }
}

export const PARTNER_SYSTEM_RESOLVERS = [PartnerSystemResolver] as const;
