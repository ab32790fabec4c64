import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import { ValidationError } from "../../domain/errors";
import {
  type ImpactEvidence,
  MAX_CONSEQUENCES,
  MAX_EVIDENCE,
  MAX_REVISITS,
  type Recommendation,
  type Revisit,
  recommendationRag,
  revisitOverdueSince,
  type StatusChange,
} from "../../domain/recommendations";
import { agenciesByIds, getAgency } from "../../services/agencies";
import { priorityRef } from "../../services/audits";
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
  sourceOf,
  transitionRecommendation,
} from "../../services/learning/recommendations";
import { personRef } from "../../services/people";
import { today } from "../../services/shared";
import { ActionConnection } from "../action/action.type";
import { AgencyType } from "../agency/agency.type";
import { BusinessPriorityType } from "../audit/audit.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { RagEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import {
  CreateRecommendationInput,
  ImpactEvidenceInput,
  RecommendationFilterInput,
  RevisitOutcomeInput,
  ScheduleRevisitInput,
  TransitionRecommendationInput,
  UnintendedConsequenceInput,
} from "./recommendation.input";
import {
  BoardClosureType,
  ImpactEvidenceType,
  LearningSourceType,
  RecommendationConnection,
  RecommendationType,
  RevisitType,
  StatusChangeType,
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

  @Query(() => RecommendationType, {
    nullable: true,
    description: "Null when there is no such recommendation or it is not yours to see.",
  })
  recommendation(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getRecommendation(ctx, id));
  }

  @FieldResolver(() => LearningSourceType)
  source(@Root() r: Recommendation) {
    return sourceOf(r);
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: "Null when the board owns it." })
  owningAgency(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return r.owningAgencyId ? getAgency(ctx, r.owningAgencyId) : null;
  }

  @FieldResolver(() => BusinessPriorityType, {
    nullable: true,
    description: "The business-plan priority the learning serves.",
  })
  businessPriority(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return priorityRef(ctx, r.businessPriorityId);
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
    @Arg("input", () => TransitionRecommendationInput) input: TransitionRecommendationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return transitionRecommendation(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => RecommendationType, {
    description: `§35: evidence of implementation and impact (at most ${MAX_EVIDENCE}).`,
  })
  recordImpactEvidence(
    @Arg("input", () => ImpactEvidenceInput) input: ImpactEvidenceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordImpactEvidence(ctx, id, fields);
  }

  @Mutation(() => RecommendationType, {
    description: `§36: an unintended consequence observed (at most ${MAX_CONSEQUENCES}).`,
  })
  recordUnintendedConsequence(
    @Arg("input", () => UnintendedConsequenceInput) input: UnintendedConsequenceInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordUnintendedConsequence(ctx, id, fields);
  }

  @Mutation(() => RecommendationType, { description: "§36: when the learning is revisited." })
  scheduleRevisit(
    @Arg("input", () => ScheduleRevisitInput) input: ScheduleRevisitInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return scheduleRevisit(ctx, input.id, input.expectedVersion, input.on);
  }

  @Mutation(() => RecommendationType, {
    description: "§36: the outcome of revisiting the learning, and the next revisit if any.",
  })
  recordRevisitOutcome(
    @Arg("input", () => RevisitOutcomeInput) input: RevisitOutcomeInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return recordRevisitOutcome(ctx, id, expectedVersion, fields);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType], {
    description: `Agencies that took part in the learning activity (at most ${MAX_AGENCIES_PER_CASE}).`,
  })
  participatingAgencies(@Root() r: Recommendation, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, r.participatingAgencyIds);
  }
}

@Resolver(() => StatusChangeType)
export class StatusChangeResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who made the change." })
  byPerson(@Root() h: StatusChange, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, h.by);
  }
}

@Resolver(() => RevisitType)
export class RevisitResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  decidedByPerson(@Root() r: Revisit, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, r.decidedBy);
  }
}

@Resolver(() => BoardClosureType)
export class BoardClosureResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who recorded the decision." })
  decidedByPerson(@Root() b: BoardClosureType, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, b.decidedBy);
  }
}

@Resolver(() => ImpactEvidenceType)
export class ImpactEvidenceResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who recorded it." })
  recordedByPerson(@Root() e: ImpactEvidence, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, e.recordedBy);
  }
}

/** The recommendation module's resolvers. */
export const RECOMMENDATION_RESOLVERS = [
  RecommendationResolver,
  StatusChangeResolver,
  RevisitResolver,
  BoardClosureResolver,
  ImpactEvidenceResolver,
] as const;
