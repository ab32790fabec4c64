import {
  Arg,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import {
  createPartnership,
  currentPartnership,
  publicPartnership,
} from "../../services/partnerships";
import { IdempotencyKeyArg } from "../common/idempotency";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import { CreatePartnershipInput } from "./partnership.input";
import { PartnershipType, PublicPartnershipType } from "./partnership.type";

@ObjectType("PartnershipSetup", { description: "A new partnership and its first admin." })
export class PartnershipSetupType {
  @Field(() => PartnershipType)
  partnership!: PartnershipType;

  @Field(() => PersonType, {
    description: "The first business-unit user (invited: they get the invitation email).",
  })
  admin!: PersonType;

  @Field(() => PersonType, { nullable: true, description: "The Chair, if appointed at set-up." })
  chair!: PersonType | null;
}

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

  @Mutation(() => PartnershipSetupType, {
    description:
      "Platform operators: sets up a partnership, its agencies and its first business-unit user. Retry-safe with an idempotency key.",
  })
  createPartnership(
    @Arg("input", () => CreatePartnershipInput) input: CreatePartnershipInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createPartnership(ctx, input, idempotencyKey);
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
