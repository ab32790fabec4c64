import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import type { ClockRecord, IncidentNotification } from "../../domain/notifications";
import { categoryOf, MAX_CHILDREN, MAX_CLOCK_RECORDS } from "../../domain/notifications";
import { agenciesByIds, getAgency } from "../../services/agencies";
import { visibleCases } from "../../services/cases";
import {
  clockHistoryOf,
  createNotification,
  getNotification,
  listNotifications,
  notificationClocks,
  recordClockMet,
  submitNotification,
  updateNotificationDraft,
  viewerCanReadClockHistory,
} from "../../services/notifications";
import { personRef } from "../../services/people";
import { reviewDecisionFor, viewerCanReadDecision } from "../../services/review-decisions";
import { AgencyType } from "../agency/agency.type";
import { CaseType } from "../case/case.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { CategoryEnum } from "../common/enums";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import { ReviewDecisionType } from "../review-decision/review-decision.type";
import {
  ClockMetInput,
  NotificationFilterInput,
  NotificationInput,
  SubmitNotificationInput,
  UpdateNotificationDraftInput,
} from "./notification.input";
import {
  ClockRecordType,
  ClockType,
  IncidentNotificationType,
  NotificationConnection,
  NotificationDraftType,
  NotificationInterface,
} from "./notification.type";

@Resolver(() => NotificationInterface)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description:
      "Notifications you may see, newest first (soonest clock first with a deadline filter). The board's lists (no agency) hold submitted notifications only. An agency's list (its own users, or filter.agencyId) holds its drafts too, grouped by status: awaiting a decision first, then drafts, then decided, newest first within each.",
  })
  async notifications(
    @Arg("filter", () => NotificationFilterInput, { nullable: true })
    filter: NotificationFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listNotifications(ctx, filter ?? {}, first, after));
  }

  @Query(() => NotificationInterface, {
    nullable: true,
    description:
      "A draft or a submitted notification; null when there is none or it is not yours to see.",
  })
  notification(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getNotification(ctx, id));
  }

  @Mutation(() => NotificationDraftType, {
    description: "Saves a notification as a draft, however incomplete: nothing typed is lost.",
  })
  createNotificationDraft(
    @Arg("input", () => NotificationInput) input: NotificationInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createNotification(ctx, input, { submit: false, idempotencyKey });
  }

  @Mutation(() => IncidentNotificationType, {
    description: "Creates and submits a complete notification in one step (partner systems).",
  })
  submitIncidentNotification(
    @Arg("input", () => NotificationInput) input: NotificationInput,
    @IdempotencyKeyArg() idempotencyKey: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createNotification(ctx, input, { submit: true, idempotencyKey });
  }

  @Mutation(() => NotificationDraftType, {
    description: "Saves more of a draft. Omitted fields keep their value; null clears one.",
  })
  updateNotificationDraft(
    @Arg("input", () => UpdateNotificationDraftInput) input: UpdateNotificationDraftInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...content } = input;
    return updateNotificationDraft(ctx, id, expectedVersion, content);
  }

  @Mutation(() => IncidentNotificationType, {
    description:
      "Submits a complete draft; the clocks start. Submitting again returns it unchanged.",
  })
  submitNotification(
    @Arg("input", () => SubmitNotificationInput) input: SubmitNotificationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return submitNotification(ctx, input.id, input.expectedVersion);
  }

  @Mutation(() => IncidentNotificationType, { description: "Business unit or SCR subgroup." })
  recordNationalPanelNotified(
    @Arg("input", () => ClockMetInput) input: ClockMetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, on, reason } = input;
    return recordClockMet(ctx, id, expectedVersion, "NATIONAL_PANEL_NOTIFICATION", on, reason);
  }

  @Mutation(() => IncidentNotificationType, { description: "Business unit or SCR subgroup." })
  recordRapidReviewCompleted(
    @Arg("input", () => ClockMetInput) input: ClockMetInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, on, reason } = input;
    return recordClockMet(ctx, id, expectedVersion, "RAPID_REVIEW", on, reason);
  }

  @FieldResolver(() => CategoryEnum, {
    nullable: true,
    description:
      "The most serious category among the criteria claimed (§17); on a draft, null until a criterion is.",
  })
  category(@Root() n: IncidentNotification) {
    return n.category ?? categoryOf(n.criteria);
  }

  @FieldResolver(() => AgencyType)
  notifyingAgency(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return getAgency(ctx, n.notifyingAgencyId);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType], {
    description: `The agencies it names as involved (at most ${MAX_AGENCIES_PER_CASE}).`,
  })
  involvedAgencies(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, n.involvedAgencyIds);
  }

  @ListOf(MAX_CHILDREN)
  @FieldResolver(() => [CaseType], {
    description: `The children's cases linked (at most ${MAX_CHILDREN}), as far as you may see them.`,
  })
  children(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return visibleCases(ctx, n.caseIds);
  }
}

@Resolver(() => IncidentNotificationType)
export class IncidentNotificationResolver {
  @ListOf(2)
  @FieldResolver(() => [ClockType], {
    description: "The national panel (5 working days) and rapid review (15) clocks.",
  })
  clocks(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return notificationClocks(ctx, n);
  }

  @FieldResolver(() => ReviewDecisionType, {
    nullable: true,
    description:
      "For legitimately concerned parties (§18); null for others (see viewerCanReadDecision).",
  })
  reviewDecision(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return reviewDecisionFor(ctx, n);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether you may read the decision and its reasons (§18).",
  })
  viewerCanReadDecision(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return viewerCanReadDecision(ctx, n);
  }

  @ListOf(MAX_CLOCK_RECORDS)
  @FieldResolver(() => [ClockRecordType], {
    nullable: true,
    description:
      "Every date recorded for the clocks, oldest first, corrections with their reasons. The board's core roles; null for others (see viewerCanReadClockHistory).",
  })
  clockHistory(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return clockHistoryOf(ctx, n);
  }

  @FieldResolver(() => Boolean, { description: "Whether you may read clockHistory." })
  viewerCanReadClockHistory(@Ctx() ctx: GraphQLContext) {
    return viewerCanReadClockHistory(ctx);
  }
}

@Resolver(() => ClockRecordType)
export class ClockRecordResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: "Who recorded it." })
  recordedByPerson(@Root() r: ClockRecord, @Ctx() ctx: GraphQLContext) {
    return personRef(ctx, r.recordedBy);
  }
}

/** The notification module's resolvers. */
export const NOTIFICATION_RESOLVERS = [
  NotificationResolver,
  IncidentNotificationResolver,
  ClockRecordResolver,
] as const;
