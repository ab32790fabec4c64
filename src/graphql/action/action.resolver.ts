import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import {
  type Action,
  actionOverdueSince,
  actionRag,
  MAX_PROGRESS_UPDATES,
  type ProgressUpdate,
} from "../../domain/actions";
import { getAgency } from "../../services/agencies";
import {
  createAction,
  getAction,
  listActions,
  progressUpdatesOf,
  recordActionProgress,
  updateActionStatus,
} from "../../services/learning/actions";
import { getRecommendation } from "../../services/learning/recommendations";
import { personRef } from "../../services/people";
import { today } from "../../services/shared";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { RagEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import { RecommendationType } from "../recommendation/recommendation.type";
import {
  ActionFilterInput,
  ActionProgressInput,
  CreateActionInput,
  UpdateActionStatusInput,
} from "./action.input";
import {
  ActionConnection,
  ActionType,
  ProgressUpdateConnection,
  ProgressUpdateType,
} from "./action.type";

@Resolver(() => ActionType)
export class ActionResolver {
  @Query(() => ActionConnection, {
    description:
      "For an agency (its own users, or filter.agencyId): its open actions, soonest due first; with status COMPLETED or CANCELLED (or rag BLUE), its finished ones. Otherwise by recommendation, status or source kind.",
  })
  async actions(
    @Arg("filter", () => ActionFilterInput, { nullable: true }) filter: ActionFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listActions(ctx, filter ?? {}, first, after));
  }

  @Query(() => ActionType, {
    nullable: true,
    description: "Null when there is no such action or it is not yours to see.",
  })
  action(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getAction(ctx, id));
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
    return actionRag(a, today(ctx));
  }

  @FieldResolver(() => LocalDate, {
    nullable: true,
    description:
      "The first day the action was overdue: the day after its due date, while it is open (derived from the due date, whenever the daily check runs).",
  })
  overdueSince(@Root() a: Action, @Ctx() ctx: GraphQLContext) {
    return actionOverdueSince(a, today(ctx));
  }

  @FieldResolver(() => ProgressUpdateConnection, {
    description: `Newest first; at most ${MAX_PROGRESS_UPDATES} are recorded. Read in one batch for a whole list of actions.`,
  })
  async updates(
    @Root() a: Action,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await progressUpdatesOf(ctx, a, first, after));
  }

  @FieldResolver(() => RecommendationType, {
    nullable: true,
    description: "The recommendation the action implements.",
  })
  recommendation(@Root() a: Action, @Ctx() ctx: GraphQLContext) {
    return orNull(getRecommendation(ctx, a.recommendationId));
  }

  @Mutation(() => ActionType, {
    description:
      "Business unit, or the lead of the agency that will own it. Only on a recommendation the board has accepted (and not closed or rejected).",
  })
  createAction(
    @Arg("input", () => CreateActionInput) input: CreateActionInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { recommendationId, ...fields } = input;
    return createAction(ctx, recommendationId, fields, idempotencyKey);
  }

  @Mutation(() => ActionType, {
    description:
      "COMPLETED and CANCELLED are final. `on`: on or after the recommendation's acceptance and the action's last change of status, not in the future.",
  })
  updateActionStatus(
    @Arg("input", () => UpdateActionStatusInput) input: UpdateActionStatusInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return updateActionStatus(ctx, input.id, input.expectedVersion, input.status, input.on);
  }

  @Mutation(() => ActionType, {
    description:
      "A progress update from the owning agency (or its partner system: retry-safe with the same key).",
  })
  recordActionProgress(
    @Arg("input", () => ActionProgressInput) input: ActionProgressInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordActionProgress(ctx, id, fields, idempotencyKey);
  }
}

@Resolver(() => ProgressUpdateType)
export class ProgressUpdateResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who recorded it." })
  byPerson(@Root() u: ProgressUpdate, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, u.by);
  }
}

/** The action module's resolvers. */
export const ACTION_RESOLVERS = [ActionResolver, ProgressUpdateResolver] as const;
