import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { MAX_TRAININGS, type Reviewer } from "../../domain/reviewers";
import { agencyRef } from "../../services/agencies";
import { personRef } from "../../services/people";
import {
  createReviewer,
  getReviewer,
  isTrainingCurrent,
  listReviewers,
  recordReviewerTraining,
  trainingsOf,
  viewerCanReadTraining,
} from "../../services/reviews/panel";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import { CreateReviewerInput, ReviewerTrainingInput } from "./reviewer.input";
import { ReviewerConnection, ReviewerTrainingType, ReviewerType } from "./reviewer.type";

@Resolver(() => ReviewerType)
export class ReviewerResolver {
  @Query(() => ReviewerConnection, {
    description: "§23: the reviewer pool, by name (the board's core roles).",
  })
  async reviewers(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await listReviewers(ctx, first, after));
  }

  @Query(() => ReviewerType, {
    nullable: true,
    description:
      "Null when there is no such reviewer or it is not yours to see (the board's core roles; a reviewer their own).",
  })
  reviewer(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getReviewer(ctx, id));
  }

  @FieldResolver(() => AgencyType, {
    nullable: true,
    description: "The member agency that employs them (null if independent).",
  })
  agency(@Root() r: Reviewer, @Ctx() ctx: GraphQLContext) {
    return r.agencyId ? agencyRef(ctx, r.agencyId) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "Who signs in as them." })
  person(@Root() r: Reviewer, @Ctx() ctx: GraphQLContext) {
    return r.personId ? personRef(ctx, r.personId) : null;
  }

  @FieldResolver(() => Boolean, {
    description: "§23: their training in the systemic model is current today.",
  })
  trainingCurrent(@Root() r: Reviewer, @Ctx() ctx: GraphQLContext) {
    return isTrainingCurrent(ctx, r);
  }

  @ListOf(MAX_TRAININGS)
  @FieldResolver(() => [ReviewerTrainingType], {
    nullable: true,
    description: `§23: oldest first; at most ${MAX_TRAININGS}. The board's core roles and the reviewer; null for others (see viewerCanReadTraining).`,
  })
  trainings(@Root() r: Reviewer, @Ctx() ctx: GraphQLContext) {
    return trainingsOf(ctx, r);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may read the training records." })
  viewerCanReadTraining(@Root() r: Reviewer, @Ctx() ctx: GraphQLContext) {
    return viewerCanReadTraining(ctx, r);
  }

  @Mutation(() => ReviewerType, {
    description:
      "§23: the business unit adds a reviewer to the pool. Retry-safe with an idempotency key.",
  })
  createReviewer(
    @Arg("input", () => CreateReviewerInput) input: CreateReviewerInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createReviewer(ctx, input, idempotencyKey);
  }

  @Mutation(() => ReviewerType, {
    description: "§23: the business unit records a reviewer's training in the systemic model.",
  })
  recordReviewerTraining(
    @Arg("input", () => ReviewerTrainingInput) input: ReviewerTrainingInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordReviewerTraining(ctx, id, fields);
  }
}

/** The reviewer module's resolvers. */
export const REVIEWER_RESOLVERS = [ReviewerResolver] as const;
