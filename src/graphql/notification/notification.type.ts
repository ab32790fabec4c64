import { Field, ID, Int, ObjectType } from "type-graphql";
import type {
  AbuseKnowledge,
  Category,
  Clock,
  ClockState,
  Criterion,
  CriterionClaim,
  DeathCircumstance,
  IncidentNotification,
  NotificationStatus,
  Outcome,
} from "../../domain/notifications";
import { Connection } from "../common/connection";
import {
  AbuseKnowledgeEnum,
  CategoryEnum,
  ClockNameEnum,
  ClockStateEnum,
  CriterionEnum,
  DeathCircumstanceEnum,
  NotificationStatusEnum,
  OutcomeEnum,
} from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("CriterionClaim", {
  description: "A §17 criterion the notifier says applies, and why.",
})
export class CriterionClaimType implements CriterionClaim {
  @Field(() => CriterionEnum)
  criterion!: Criterion;

  @Field(() => String)
  reason!: string;
}

@ObjectType("Clock", {
  description:
    "A statutory clock, counted in England and Wales working days from the date of becoming aware.",
})
export class ClockType implements Clock {
  @Field(() => ClockNameEnum)
  name!: Clock["name"];

  @Field(() => LocalDate)
  dueOn!: string;

  @Field(() => LocalDate, { nullable: true })
  metOn!: string | null;

  @Field(() => ClockStateEnum)
  state!: ClockState;

  @Field(() => Int, { nullable: true, description: "Negative when overdue; null once met." })
  workingDaysLeft!: number | null;
}

@ObjectType("IncidentNotification", {
  description:
    "A serious incident reported by a member agency (§17). Drafts are the notifier's own.",
})
export class IncidentNotificationType
  implements
    Omit<
      IncidentNotification,
      // Shown as objects by field resolvers (notifyingAgency, involvedAgencies, children).
      "notifyingAgencyId" | "involvedAgencyIds" | "caseIds" | "partnershipId" | "createdBy"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationStatusEnum)
  status!: NotificationStatus;

  @Field(() => CategoryEnum, {
    nullable: true,
    description: "The most serious category among the criteria claimed.",
  })
  category!: Category | null;

  @Field(() => OutcomeEnum, { nullable: true })
  outcome!: Outcome | null;

  @Field(() => DeathCircumstanceEnum, { nullable: true })
  deathCircumstance!: DeathCircumstance | null;

  @Field(() => AbuseKnowledgeEnum, { nullable: true })
  abuseOrNeglect!: AbuseKnowledge | null;

  @Field(() => Boolean, { nullable: true })
  detainedUnderMentalHealthAct!: boolean | null;

  @Field(() => [CriterionClaimType])
  criteria!: CriterionClaimType[];

  @Field(() => LocalDate, { nullable: true })
  incidentDate!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: "When the notifying agency became aware; the clocks run from here.",
  })
  awareDate!: string | null;

  @Field(() => String, { nullable: true, description: "Non-identifying summary." })
  summary!: string | null;

  @Field(() => LocalDate, { nullable: true })
  nationalPanelNotifiedOn!: string | null;

  @Field(() => LocalDate, { nullable: true })
  rapidReviewCompletedOn!: string | null;

  @Field(() => DateTime, { nullable: true })
  submittedAt!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const IncidentNotificationConnection = Connection(
  "IncidentNotification",
  IncidentNotificationType,
);
