import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import type {
  AgeGroup,
  CatalogueOffer,
  Dissemination,
  OfferInput,
  RelevanceDecision,
} from "../../domain/digests";
import { DIGEST_LIMITS as L, MAX_THEMES_PER_DIGEST } from "../../domain/digests";
import {
  acceptOffer,
  digestIdOf,
  getDigest,
  listOffers,
  offerReviewToCatalogue,
} from "../../services/digests/catalogue";
import { personRef } from "../../services/people";
import { PageInfo, toConnection } from "../common/connection";
import { AgeGroupEnum } from "../common/enums";
import { Text, TextList } from "../common/input-limits";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import { VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import { DisseminationType, NationalReviewDigestType, RelevanceDecisionType } from "./digest.type";

@ObjectType("CatalogueOffer", {
  description:
    "§16, §38: a partnership's published SCR offered to the national catalogue; a catalogue editor puts it in.",
})
export class CatalogueOfferType {
  @Field(() => ID, { description: "`<partnership>:<review>`: one offer per review." })
  id!: string;

  @Field(() => ID, { description: "The offering partnership's review." })
  reviewId!: string;

  @Field(() => String, { description: "OFFERED, or ACCEPTED into the catalogue." })
  status!: string;

  @Field(() => LocalDate)
  offeredOn!: string;

  @Field(() => LocalDate, { nullable: true })
  acceptedOn!: string | null;

  @Field(() => Int)
  version!: number;
}

@InputType("OfferReviewToCatalogueInput")
export class OfferReviewToCatalogueInput implements OfferInput {
  @Field(() => ID, { description: "A published SCR of your partnership." })
  reviewId!: string;

  @TextList(50, MAX_THEMES_PER_DIGEST, {
    description: "Theme codes of the catalogue's vocabulary.",
  })
  themes!: string[];

  @Field(() => AgeGroupEnum, { nullable: true })
  ageGroup?: AgeGroup | null;

  @Text(L.pseudonym, { nullable: true, description: "The name the report is published under." })
  pseudonym?: string | null;

  @Text(L.publishingArea, {
    nullable: true,
    description: "Default: your partnership's name.",
  })
  publishingArea?: string | null;
}

export type _OfferInputMatches = [
  Assert<SameFields<Omit<OfferReviewToCatalogueInput, "reviewId">, OfferInput>>,
];

@InputType("AcceptCatalogueOfferInput")
export class AcceptCatalogueOfferInput extends VersionedRef {}

@ObjectType("CatalogueOfferEdge")
class OfferEdge {
  @Field(() => String, { description: "Opaque, signed: pass it back unchanged." })
  cursor!: string;

  @Field(() => CatalogueOfferType)
  node!: CatalogueOffer;
}

@ObjectType("CatalogueOfferConnection")
class CatalogueOfferConnection {
  @Field(() => [OfferEdge])
  edges!: OfferEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@Resolver(() => CatalogueOfferType)
export class CatalogueOfferResolver {
  @Query(() => CatalogueOfferConnection, {
    description:
      "§16: every partnership's offers to the catalogue, newest first (catalogue editors).",
  })
  async catalogueOffers(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listOffers(ctx, first, after));
  }

  @Mutation(() => CatalogueOfferType, {
    description:
      "§16, §38: the business unit offers its partnership's published SCR (public text only) to the national catalogue; once per review.",
  })
  offerReviewToCatalogue(
    @Arg("input", () => OfferReviewToCatalogueInput) input: OfferReviewToCatalogueInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { reviewId, ...offer } = input;
    return offerReviewToCatalogue(ctx, reviewId, offer);
  }

  @Mutation(() => CatalogueOfferType, {
    description: "§16: a catalogue editor puts an offered review in the catalogue.",
  })
  acceptCatalogueOffer(
    @Arg("input", () => AcceptCatalogueOfferInput) input: AcceptCatalogueOfferInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return acceptOffer(ctx, input.id, input.expectedVersion);
  }

  @FieldResolver(() => String, { description: "The public title offered." })
  title(@Root() o: CatalogueOffer) {
    return o.row.title;
  }

  @FieldResolver(() => NationalReviewDigestType, {
    nullable: true,
    description: "The catalogue record, once accepted.",
  })
  digest(@Root() o: CatalogueOffer, @Ctx() ctx: GraphQLContext) {
    return o.status === "ACCEPTED" ? orNull(getDigest(ctx, digestIdOf(o.row.ref))) : null;
  }
}

@Resolver(() => RelevanceDecisionType)
export class RelevanceDecisionResolver {
  @FieldResolver(() => PersonType, {
    nullable: true,
    description: "§16: who decided (a member of your partnership's staff).",
  })
  decidedByPerson(@Root() d: RelevanceDecision, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, d.decidedBy);
  }
}

@Resolver(() => DisseminationType)
export class DisseminationResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who recorded it." })
  recordedByPerson(@Root() d: Dissemination, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, d.recordedBy);
  }
}
