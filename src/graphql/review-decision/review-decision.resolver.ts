import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import {
  type AgencyView,
  type ChairDecision,
  type Dissent,
  decisionState,
  MAX_AGENCY_VIEWS,
  MAX_DISSENTS,
  type ReviewDecision,
  type SubgroupRecommendation,
} from "../../domain/review-decisions";
import { agencyRef } from "../../services/agencies";
import { getNotification } from "../../services/notifications";
import { personRef } from "../../services/people";
import {
  agencyViewsOf,
  type ChairDecisionView,
  chairDecisionOf,
  consideredDissentsOf,
  decideReview,
  dissentsConsideredOf,
  dissentsOf,
  getReviewDecision,
  recordAgencyView,
  recordDissent,
  recordSubgroupRecommendation,
  viewerCanReadDissents,
} from "../../services/review-decisions";
import { AgencyType } from "../agency/agency.type";
import { ListOf } from "../common/cost";
import { DecisionStateEnum } from "../common/enums";
import { orNull } from "../common/or-null";
import type { GraphQLContext } from "../context";
import { IncidentNotificationType } from "../notification/notification.type";
import { PersonType } from "../person/person.type";
import {
  AgencyViewInput,
  DecideReviewInput,
  DissentInput,
  SubgroupRecommendationInput,
} from "./review-decision.input";
import {
  AgencyViewType,
  ChairDecisionType,
  DissentType,
  ReviewDecisionType,
  SubgroupRecommendationType,
} from "./review-decision.type";

@Resolver(() => ReviewDecisionType)
export class ReviewDecisionResolver {
  @Query(() => ReviewDecisionType, {
    nullable: true,
    description:
      "The decision record of a submitted notification, for its legitimately concerned parties (§18); null otherwise, and when there is no such notification.",
  })
  reviewDecision(@Arg("notificationId", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getReviewDecision(ctx, id));
  }

  @FieldResolver(() => ID, { description: "The notification's id: one decision per notification." })
  id(@Root() d: ReviewDecision) {
    return d.notificationId;
  }

  @FieldResolver(() => IncidentNotificationType, { nullable: true })
  notification(@Root() d: ReviewDecision, @Ctx() ctx: GraphQLContext) {
    return getNotification(ctx, d.notificationId);
  }

  @FieldResolver(() => ChairDecisionType, { nullable: true })
  decision(@Root() d: ReviewDecision) {
    return chairDecisionOf(d);
  }

  @FieldResolver(() => DecisionStateEnum)
  state(@Root() d: ReviewDecision) {
    return decisionState(d);
  }

  @ListOf(MAX_AGENCY_VIEWS)
  @FieldResolver(() => [AgencyViewType], {
    description: `Each agency's view as it stands (its latest); at most ${MAX_AGENCY_VIEWS} are recorded.`,
  })
  agencyViews(@Root() d: ReviewDecision, @Ctx() ctx: GraphQLContext) {
    return agencyViewsOf(ctx, d);
  }

  @ListOf(MAX_DISSENTS)
  @FieldResolver(() => [DissentType], {
    nullable: true,
    description: `Oldest first; at most ${MAX_DISSENTS}. The board's core roles; null for others (see viewerCanReadDissents).`,
  })
  dissents(@Root() d: ReviewDecision, @Ctx() ctx: GraphQLContext) {
    return dissentsOf(ctx, d);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may read the dissents and which the Chair considered (§18).",
  })
  viewerCanReadDissents(@Ctx() ctx: GraphQLContext) {
    return viewerCanReadDissents(ctx);
  }

  @Mutation(() => ReviewDecisionType, { description: "SCR subgroup (§18)." })
  recordSubgroupRecommendation(
    @Arg("input", () => SubgroupRecommendationInput) input: SubgroupRecommendationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return recordSubgroupRecommendation(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => ReviewDecisionType, {
    description:
      "A member of the SCR subgroup records a dissenting view; it goes to the Chair (§18).",
  })
  recordDissent(@Arg("input", () => DissentInput) input: DissentInput, @Ctx() ctx: GraphQLContext) {
    return recordDissent(ctx, input.id, input.view);
  }

  @Mutation(() => ReviewDecisionType, {
    description:
      "A concerned agency's lead records the agency's view (§18); a new one replaces it.",
  })
  recordAgencyView(
    @Arg("input", () => AgencyViewInput) input: AgencyViewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordAgencyView(ctx, id, fields);
  }

  @Mutation(() => ReviewDecisionType, {
    description:
      "The Independent Chair only (§18–21). The decision record and its notification (now DECIDED) change together.",
  })
  decideReview(
    @Arg("input", () => DecideReviewInput) input: DecideReviewInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return decideReview(ctx, id, expectedVersion, fields);
  }
}

@Resolver(() => ChairDecisionType)
export class ChairDecisionResolver {
  @ListOf(MAX_DISSENTS)
  @FieldResolver(() => [ID], {
    nullable: true,
    description:
      "The dissents the Chair considered: restricted as the dissents are (null for others).",
  })
  dissentsConsidered(@Root() d: ChairDecision, @Ctx() ctx: GraphQLContext) {
    return dissentsConsideredOf(ctx, d);
  }

  @ListOf(MAX_DISSENTS)
  @FieldResolver(() => [DissentType], {
    nullable: true,
    description:
      "The dissents of dissentsConsidered, as records (read in one batch for a list): restricted as the dissents are (null for others).",
  })
  consideredDissents(@Root() d: ChairDecisionView, @Ctx() ctx: GraphQLContext) {
    return consideredDissentsOf(ctx, d);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "The Chair who decided." })
  recordedByPerson(@Root() d: ChairDecision, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, d.recordedBy);
  }
}

@Resolver(() => SubgroupRecommendationType)
export class SubgroupRecommendationResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  recordedByPerson(@Root() r: SubgroupRecommendation, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, r.recordedBy);
  }
}

@Resolver(() => DissentType)
export class DissentResolver {
  @FieldResolver(() => PersonType, { nullable: true })
  recordedByPerson(@Root() d: Dissent, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, d.recordedBy);
  }
}

@Resolver(() => AgencyViewType)
export class AgencyViewResolver {
  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() v: AgencyView, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, v.agencyId);
  }

  @FieldResolver(() => PersonType, { nullable: true })
  recordedByPerson(@Root() v: AgencyView, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, v.recordedBy);
  }
}

/** The review decision module's resolvers. */
export const REVIEW_DECISION_RESOLVERS = [
  ReviewDecisionResolver,
  ChairDecisionResolver,
  SubgroupRecommendationResolver,
  DissentResolver,
  AgencyViewResolver,
] as const;
