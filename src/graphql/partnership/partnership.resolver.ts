import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { currentPartnership, publicPartnership } from "../../services/partnerships";
import type { GraphQLContext } from "../context";
import { PartnershipType, PublicPartnershipType } from "./partnership.type";

@Resolver(() => PartnershipType)
export class PartnershipResolver {
  @Query(() => PartnershipType, { description: "The signed-in principal's partnership." })
  partnership(@Ctx() ctx: GraphQLContext) {
    return currentPartnership(ctx);
  }

  @Query(() => PublicPartnershipType, {
    nullable: true,
    description: "Public: a partnership by its code. Needs no token.",
  })
  publicPartnership(@Arg("code", () => String) code: string, @Ctx() ctx: GraphQLContext) {
    return publicPartnership(ctx, code);
  }
}
