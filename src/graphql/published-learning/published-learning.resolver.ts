import { Arg, Args, Ctx, Int, Query, Resolver } from "type-graphql";
import { annualReport, listPublishedLearning } from "../../services/reviews/publication";
import { toConnection } from "../common/connection";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PublishedLearningFilterInput } from "./published-learning.input";
import { PublishedLearningConnection, PublishedLearningType } from "./published-learning.type";

@Resolver(() => PublishedLearningType)
export class PublishedLearningResolver {
  @Query(() => PublishedLearningConnection, {
    description:
      "Public, needs no token (POST /public/graphql): a partnership's published learning (§33–34), newest first. Nothing unpublished or withdrawn, no case and no person. An unknown partnership has none.",
  })
  async publishedLearning(
    @Arg("partnership", () => String, { description: "The partnership's public code." })
    code: string,
    @Arg("filter", () => PublishedLearningFilterInput, { nullable: true })
    filter: PublishedLearningFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listPublishedLearning(ctx, code, filter ?? {}, first, after));
  }

  @Query(() => PublishedLearningConnection, {
    description:
      "§34: the learning summaries your partnership published in a year (newest first), for its annual report.",
  })
  async annualReport(
    @Arg("year", () => Int, { description: "From 2000." }) year: number,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await annualReport(ctx, year, first, after));
  }
}

/** The published learning module's resolvers. */
export const PUBLISHED_LEARNING_RESOLVERS = [PublishedLearningResolver] as const;
