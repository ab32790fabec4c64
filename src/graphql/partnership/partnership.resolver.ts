import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
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

@Resolver(() => PublicPartnershipType)
export class PublicPartnershipResolver {
  @FieldResolver(() => ID, { description: "Stable: the partnership's public code." })
  id(@Root() p: PublicPartnershipType) {
    return p.code;
  }
}

/** The partnership module's resolvers. */
export const PARTNERSHIP_RESOLVERS = [PartnershipResolver, PublicPartnershipResolver] as const;
