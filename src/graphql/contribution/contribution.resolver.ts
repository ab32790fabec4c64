import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { type Contribution, MAX_SUBMISSIONS } from "../../domain/contributions";
import { agencyRef } from "../../services/agencies";
import {
  getContribution,
  listContributions,
  requestContribution,
  reviewContribution,
  reviewOfContribution,
  submissionsOf,
  submitContribution,
} from "../../services/reviews/contributions";
import { reviewCaseRef } from "../../services/reviews/reviews";
import { AgencyType } from "../agency/agency.type";
import { CaseType } from "../case/case.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { ReviewType } from "../review/review.type";
import {
  ContributionFilterInput,
  RequestContributionInput,
  ReviewContributionInput,
  SubmitContributionInput,
} from "./contribution.input";
import {
  ContributionConnection,
  ContributionSubmissionType,
  ContributionType,
} from "./contribution.type";

@Resolver(() => ContributionType)
export class ContributionResolver {
  @Query(() => ContributionConnection, {
    description:
      "§28: contribution requests, soonest due first. An agency's own only; the board's core roles any agency's, or every agency's owed.",
  })
  async contributionRequests(
    @Arg("filter", () => ContributionFilterInput, { nullable: true })
    filter: ContributionFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listContributions(ctx, filter ?? {}, first, after));
  }

  @Query(() => ContributionType, {
    nullable: true,
    description: "Null when there is no such contribution or it is not yours to see.",
  })
  contribution(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getContribution(ctx, id));
  }

  @FieldResolver(() => ReviewType, { nullable: true, description: "Null if not yours to see." })
  review(@Root() k: Contribution, @Ctx() ctx: GraphQLContext) {
    return reviewOfContribution(ctx, k);
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: "The agency asked." })
  agency(@Root() k: Contribution, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, k.agencyId);
  }

  @FieldResolver(() => CaseType, {
    nullable: true,
    description: "The case it is about, if yours to see.",
  })
  case(@Root() k: Contribution, @Ctx() ctx: GraphQLContext) {
    return k.caseId ? reviewCaseRef(ctx, k.reviewId, k.caseId) : null;
  }

  @ListOf(MAX_SUBMISSIONS)
  @FieldResolver(() => [ContributionSubmissionType], {
    description: `Oldest first; at most ${MAX_SUBMISSIONS}.`,
  })
  submissions(@Root() k: Contribution, @Ctx() ctx: GraphQLContext) {
    return submissionsOf(ctx, k);
  }

  @Mutation(() => ContributionType, {
    description:
      "§28: those running the review (business unit, SCR subgroup, lead reviewer) ask a participating agency. Retry-safe with an idempotency key.",
  })
  requestContribution(
    @Arg("input", () => RequestContributionInput) input: RequestContributionInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return requestContribution(ctx, id, fields, idempotencyKey);
  }

  @Mutation(() => ContributionType, {
    description:
      "§28: the agency asked answers (its lead, practitioners or partner system). Retry-safe with an idempotency key (partner systems must send one).",
  })
  submitContribution(
    @Arg("input", () => SubmitContributionInput) input: SubmitContributionInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return submitContribution(ctx, id, fields, idempotencyKey);
  }

  @Mutation(() => ContributionType, {
    description:
      "§28: the lead reviewer (or the board) accepts an answer, or returns it with questions.",
  })
  reviewContribution(
    @Arg("input", () => ReviewContributionInput) input: ReviewContributionInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return reviewContribution(ctx, id, expectedVersion, fields);
  }
}

/** The contribution module's resolvers. */
export const CONTRIBUTION_RESOLVERS = [ContributionResolver] as const;
