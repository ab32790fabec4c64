import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import type { IncidentNotification } from "../../domain/notifications";
import { MAX_CHILDREN, MAX_CLOCK_RECORDS } from "../../domain/notifications";
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
} from "../../services/notifications";
import { reviewDecisionFor } from "../../services/review-decisions";
import { AgencyType } from "../agency/agency.type";
import { CaseType } from "../case/case.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { PageArgs } from "../common/page.args";
import { LocalDate } from "../common/scalars";
import type { GraphQLContext } from "../context";
import { ReviewDecisionType } from "../review-decision/review-decision.type";
import { NotificationFilterInput, NotificationInput } from "./notification.input";
import {
  ClockRecordType,
  ClockType,
  IncidentNotificationConnection,
  IncidentNotificationType,
} from "./notification.type";

const CLOCK_RECORD =
  "Business unit or SCR subgroup. On or after the date of becoming aware, not in the future. Recording a clock that already has a date corrects it: give a reason; the earlier date stays in clockHistory. The same date again changes nothing.";
const CORRECTION_REASON = "Required to correct a date already recorded. At most 2000 characters.";

@Resolver(() => IncidentNotificationType)
export class NotificationResolver {
  @Query(() => IncidentNotificationConnection, {
    description:
      "Notifications you may see, newest first (soonest clock first with a deadline filter).",
  })
  async notifications(
    @Arg("filter", () => NotificationFilterInput, { nullable: true })
    filter: NotificationFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listNotifications(ctx, filter ?? {}, first, after));
  }

  @Query(() => IncidentNotificationType)
  notification(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return getNotification(ctx, id);
  }

  @Mutation(() => IncidentNotificationType, {
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

  @Mutation(() => IncidentNotificationType, {
    description: "Saves more of a draft. Omitted fields keep their value; null clears one.",
  })
  updateNotificationDraft(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("input", () => NotificationInput) input: NotificationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return updateNotificationDraft(ctx, id, expectedVersion, input);
  }

  @Mutation(() => IncidentNotificationType, {
    description:
      "Submits a complete draft; the clocks start. Submitting again returns it unchanged.",
  })
  submitNotification(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Ctx() ctx: GraphQLContext,
  ) {
    return submitNotification(ctx, id, expectedVersion);
  }

  @Mutation(() => IncidentNotificationType, { description: CLOCK_RECORD })
  recordNationalPanelNotified(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("on", () => LocalDate) on: string,
    @Arg("reason", () => String, { nullable: true, description: CORRECTION_REASON })
    reason: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordClockMet(ctx, id, expectedVersion, "NATIONAL_PANEL_NOTIFICATION", on, reason);
  }

  @Mutation(() => IncidentNotificationType, { description: CLOCK_RECORD })
  recordRapidReviewCompleted(
    @Arg("id", () => ID) id: string,
    @Arg("expectedVersion", () => Int) expectedVersion: number,
    @Arg("on", () => LocalDate) on: string,
    @Arg("reason", () => String, { nullable: true, description: CORRECTION_REASON })
    reason: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordClockMet(ctx, id, expectedVersion, "RAPID_REVIEW", on, reason);
  }

  @ListOf(MAX_CLOCK_RECORDS)
  @FieldResolver(() => [ClockRecordType], {
    nullable: true,
    description:
      "Every date recorded for the clocks, oldest first, corrections with their reasons. The board's core roles only (null with FORBIDDEN for others).",
  })
  clockHistory(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return clockHistoryOf(ctx, n);
  }

  @FieldResolver(() => AgencyType)
  notifyingAgency(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return getAgency(ctx, n.notifyingAgencyId);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType])
  involvedAgencies(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, n.involvedAgencyIds);
  }

  @ListOf(MAX_CHILDREN)
  @FieldResolver(() => [CaseType], {
    description: "The children's cases linked, as far as you may see them.",
  })
  children(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return visibleCases(ctx, n.caseIds);
  }

  @ListOf(2)
  @FieldResolver(() => [ClockType], { description: "Empty while a draft." })
  clocks(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return notificationClocks(ctx, n);
  }

  @FieldResolver(() => ReviewDecisionType, {
    nullable: true,
    description: "For legitimately concerned parties (§18). Null while a draft.",
  })
  reviewDecision(@Root() n: IncidentNotification, @Ctx() ctx: GraphQLContext) {
    return reviewDecisionFor(ctx, n);
  }
}
