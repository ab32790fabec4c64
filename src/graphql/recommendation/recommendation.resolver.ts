import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { ValidationError } from "../../domain/errors";
import {
  MAX_CONSEQUENCES,
  MAX_EVIDENCE,
  MAX_REVISITS,
  type Recommendation,
  recommendationRag,
  revisitOverdueSince,
} from "../../domain/recommendations";
import { getAgency } from "../../services/agencies";
import { listActions } from "../../services/learning/actions";
import {
  consequencesOf,
  createRecommendation,
  evidenceOf,
  getRecommendation,
  listRecommendations,
  recordImpactEvidence,
  recordRevisitOutcome,
  recordUnintendedConsequence,
  revisitsOf,
  scheduleRevisit,
  transitionRecommendation,
} from "../../services/learning/recommendations";
import { today } from "../../services/shared";
import { ActionConnection } from "../action/action.type";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { RagEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import {
  CreateRecommendationInput,
  ImpactEvidenceInput,
  RecommendationFilterInput,
  RevisitOutcomeInput,
  TransitionRecommendationInput,
  UnintendedConsequenceInput,
} from "./recommendation.input";
import {
  ImpactEvidenceType,
  RecommendationConnection,
  RecommendationType,
  RevisitType,
  UnintendedConsequenceType,
} from "./recommendation.type";

@Resolver(() => RecommendationType)
export class RecommendationResolver {
  @Query(() => RecommendationConnection)
  async recommendations(
    @Arg("filter", () => RecommendationFilterInput, { nullable: true })
    filter: RecommendationFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listRecommendations(ctx, filter ?? {}, first, after));
  }

  @Query(() => RecommendationType)
  recommendation(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return getRecommendation(ctx, id);
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: "Null when the board owns it." })
  owningAgency(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return r.owningAgencyId ? getAgency(ctx, r.owningAgencyId) : null;
  }

  @FieldResolver(() => RagEnum, {
    nullable: true,
    description: "Derived from the target date and status.",
  })
  rag(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return recommendationRag(r, today(ctx));
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description:
      "§36: the first day the revisit was overdue (the day after its date), until it is recorded.",
  })
  revisitOverdueSince(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return revisitOverdueSince(r, today(ctx));
  }

  @ListOf(MAX_EVIDENCE)
  @FieldResolver(() => [ImpactEvidenceType], {
    description: `§35: oldest first; at most ${MAX_EVIDENCE}.`,
  })
  evidence(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return evidenceOf(ctx, r);
  }

  @ListOf(MAX_CONSEQUENCES)
  @FieldResolver(() => [UnintendedConsequenceType], {
    description: `§36: oldest first; at most ${MAX_CONSEQUENCES}.`,
  })
  unintendedConsequences(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return consequencesOf(ctx, r);
  }

  @ListOf(MAX_REVISITS)
  @FieldResolver(() => [RevisitType], {
    description: `§36: oldest first; at most ${MAX_REVISITS}.`,
  })
  revisits(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return revisitsOf(ctx, r);
  }

  @FieldResolver(() => ActionConnection, {
    description:
      "On a single recommendation only (one Query each): for many, use actions(filter: { recommendationId }).",
  })
  async actions(
    @Root() r: Recommendation,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // DynamoDB has no batched Query: inside a list this would cost one request per item.
    for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev)
      if (typeof p.key === "number")
        throw new ValidationError("actions", "Ask for actions on one recommendation at a time");
    return toConnection(await listActions(ctx, { recommendationId: r.id }, first, after));
  }

  @Mutation(() => RecommendationType, {
    description: "Business unit, SCR subgroup or audit group.",
  })
  createRecommendation(
    @Arg("input", () => CreateRecommendationInput) input: CreateRecommendationInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createRecommendation(ctx, input, idempotencyKey);
  }

  @Mutation(() => RecommendationType, {
    description:
      "Moves along the lifecycle. Accept, reject, close: the board; start, implement: the owner.",
  })
  transitionRecommendation(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => TransitionRecommendationInput) input: TransitionRecommendationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return transitionRecommendation(ctx, id, expectedVersion, input);
  }

  @Mutation(() => RecommendationType)
  recordImpactEvidence(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ImpactEvidenceInput) input: ImpactEvidenceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordImpactEvidence(ctx, id, input);
  }

  @Mutation(() => RecommendationType)
  recordUnintendedConsequence(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UnintendedConsequenceInput) input: UnintendedConsequenceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordUnintendedConsequence(ctx, id, input);
  }

  @Mutation(() => RecommendationType)
  scheduleRevisit(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("on", () => LocalDate) on: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return scheduleRevisit(ctx, id, expectedVersion, on);
  }

  @Mutation(() => RecommendationType)
  recordRevisitOutcome(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => RevisitOutcomeInput) input: RevisitOutcomeInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordRevisitOutcome(ctx, id, expectedVersion, input);
  }
}
