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
  type Action,
  actionRag,
  type Recommendation,
  recommendationRag,
} from "../../domain/recommendations";
import { englishDate } from "../../domain/working-days";
import { getAgency } from "../../services/agencies";
import {
  createAction,
  createRecommendation,
  effectivenessReport,
  getAction,
  getRecommendation,
  listActions,
  listOverdueSummaries,
  listRecommendations,
  recordActionProgress,
  recordImpactEvidence,
  recordRevisitOutcome,
  recordUnintendedConsequence,
  scheduleRevisit,
  transitionRecommendation,
  updateActionStatus,
} from "../../services/recommendations";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { ActionStatusEnum, RagEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import {
  ActionFilterInput,
  ActionProgressInput,
  CreateActionInput,
  CreateRecommendationInput,
  ImpactEvidenceInput,
  RecommendationFilterInput,
  RevisitOutcomeInput,
  TransitionRecommendationInput,
  UnintendedConsequenceInput,
} from "./recommendation.input";
import {
  ActionConnection,
  ActionType,
  LearningEffectivenessType,
  OverdueSummaryConnection,
  RecommendationConnection,
  RecommendationType,
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

  @Query(() => LearningEffectivenessType, {
    description:
      "§37: per kind of learning, over the recommendations made in the period. Board roles.",
  })
  async learningEffectiveness(
    @Arg("from", () => LocalDate) from: string,
    @Arg("to", () => LocalDate) to: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return { from, to, byKind: await effectivenessReport(ctx, from, to) };
  }

  @Query(() => OverdueSummaryConnection, {
    description:
      "The daily overdue check's summaries: one agency's (newest first), or every agency's for a day (default: the latest).",
  })
  async overdueSummaries(
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null,
    @Arg("asOf", () => LocalDate, { nullable: true }) asOf: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listOverdueSummaries(ctx, { agencyId, asOf }, first, after));
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
    return recommendationRag(r, englishDate(ctx.now()));
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

@Resolver(() => ActionType)
export class ActionResolver {
  @Query(() => ActionConnection)
  async actions(
    @Arg("filter", () => ActionFilterInput, { nullable: true }) filter: ActionFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listActions(ctx, filter ?? {}, first, after));
  }

  @Query(() => ActionType)
  action(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return getAction(ctx, id);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  owningAgency(@Root() a: Action, @Ctx() ctx: GraphQLContext) {
    return a.owningAgencyId ? getAgency(ctx, a.owningAgencyId) : null;
  }

  @FieldResolver(() => RagEnum, {
    nullable: true,
    description: "Derived from the due date and status.",
  })
  rag(@Root() a: Action, @Ctx() ctx: GraphQLContext) {
    return actionRag(a, englishDate(ctx.now()));
  }

  @Mutation(() => ActionType, {
    description: "Business unit, or the lead of the agency that will own it.",
  })
  createAction(
    @Arg("recommendationId", () => ID) recommendationId: string,
    @Arg("input", () => CreateActionInput) input: CreateActionInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createAction(ctx, recommendationId, input, idempotencyKey);
  }

  @Mutation(() => ActionType)
  updateActionStatus(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("status", () => ActionStatusEnum) status: Action["status"],
    @Arg("on", () => LocalDate) on: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return updateActionStatus(ctx, id, expectedVersion, status, on);
  }

  @Mutation(() => ActionType, {
    description:
      "A progress update from the owning agency (or its partner system: retry-safe with the same key).",
  })
  recordActionProgress(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ActionProgressInput) input: ActionProgressInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordActionProgress(ctx, id, input, idempotencyKey);
  }
}
