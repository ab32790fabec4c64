import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { MAX_EFFECTIVENESS_DAYS } from "../../domain/effectiveness";
import { effectivenessReport } from "../../services/learning/effectiveness";
import { Costs } from "../common/cost";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { LearningEffectivenessType } from "./effectiveness.type";

@Resolver(() => LearningEffectivenessType)
export class EffectivenessResolver {
  @Query(() => LearningEffectivenessType, {
    description: `§37: per kind of learning, over the recommendations made in the period (at most ${MAX_EFFECTIVENESS_DAYS} days). Board roles.`,
  })
  // Reads up to a year of recommendations: priced so that a few copies fill an operation's budget.
  @Costs(5_000)
  async learningEffectiveness(
    @Arg("from", () => LocalDate) from: string,
    @Arg("to", () => LocalDate) to: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { from, to, byKind: await effectivenessReport(ctx, from, to) };
  }
}
