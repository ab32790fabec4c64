import { Field, ID, Int, InterfaceType, ObjectType } from "type-graphql";
import type {
  AbuseKnowledge,
  Category,
  Clock,
  ClockName,
  ClockRecord,
  ClockState,
  Criterion,
  CriterionClaim,
  DeathCircumstance,
  IncidentNotification,
  NotificationStatus,
  Outcome,
} from "../../domain/notifications";
import { Connection } from "../common/connection";
import { ListOf, Sized } from "../common/cost";
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

  @Sized(4_000)
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

  @Field(() => Int, {
    nullable: true,
    description:
      "Working days after today up to and including the due date (0 on the due date). Negative exactly when OVERDUE: minus the working days from the day after the due date to today, a weekend or bank holiday counting with the working day after it (the Saturday after a Friday due date reads -1). Null once met.",
  })
  workingDaysLeft!: number | null;
}

/** What a draft and a submitted notification share; a submitted one narrows what it must hold. */
type NotificationShape = Omit<
  IncidentNotification,
  // Shown as objects by field resolvers (notifyingAgency, involvedAgencies, children); the
  // clock records are the restricted clockHistory; the clocks' dates are on submitted ones.
  | "notifyingAgencyId"
  | "involvedAgencyIds"
  | "caseIds"
  | "partnershipId"
  | "createdBy"
  | "clockRecordCount"
  | "nationalPanelNotifiedOn"
  | "rapidReviewCompletedOn"
>;

@InterfaceType("Notification", {
  description:
    "A serious incident notification (§17): a NotificationDraft (the notifier's own, anything may be missing) or a submitted IncidentNotification (complete, with its clocks).",
  resolveType: (n: { status?: string }) =>
    n.status === "DRAFT" ? "NotificationDraft" : "IncidentNotification",
})
export abstract class NotificationInterface implements Omit<NotificationShape, "submittedAt"> {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationStatusEnum)
  status!: NotificationStatus;

  @Field(() => CategoryEnum, {
    nullable: true,
    description:
      "The most serious category among the criteria claimed (§17); on a draft, null until a criterion is.",
  })
  category!: Category | null;

  @Field(() => OutcomeEnum, { nullable: true })
  outcome!: Outcome | null;

  @Field(() => DeathCircumstanceEnum, { nullable: true })
  deathCircumstance!: DeathCircumstance | null;

  @Field(() => AbuseKnowledgeEnum, {
    nullable: true,
    description:
      "§17 I: abuse or neglect known or suspected (it need not have caused the death). §17 IV: the cause of an injury or impairment.",
  })
  abuseOrNeglect!: AbuseKnowledge | null;

  @Field(() => Boolean, { nullable: true })
  detainedUnderMentalHealthAct!: boolean | null;

  @ListOf(9)
  @Field(() => [CriterionClaimType])
  criteria!: CriterionClaimType[];

  @Field(() => LocalDate, { nullable: true })
  incidentDate!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: "When the notifying agency became aware; the clocks run from here.",
  })
  awareDate!: string | null;

  @Sized(10_000)
  @Field(() => String, { nullable: true, description: "Non-identifying summary." })
  summary!: string | null;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

@ObjectType("NotificationDraft", {
  implements: NotificationInterface,
  description:
    "A notification being written: the notifying agency's own (and the business unit's) until submitted. Anything may be missing; nothing typed is lost.",
})
export class NotificationDraftType extends NotificationInterface {}

@ObjectType("IncidentNotification", {
  implements: NotificationInterface,
  description:
    "A submitted serious incident notification (§17): complete, categorised, with its statutory clocks running.",
})
export class IncidentNotificationType
  extends NotificationInterface
  implements
    Omit<
      IncidentNotification,
      | "notifyingAgencyId"
      | "involvedAgencyIds"
      | "caseIds"
      | "partnershipId"
      | "createdBy"
      | "clockRecordCount"
    >
{
  @Field(() => CategoryEnum, {
    description: "The most serious category among the criteria claimed (§17).",
  })
  declare category: Category;

  @Field(() => OutcomeEnum)
  declare outcome: Outcome;

  @Field(() => LocalDate)
  declare incidentDate: string;

  @Field(() => LocalDate, {
    description: "When the notifying agency became aware; the clocks run from here.",
  })
  declare awareDate: string;

  @Sized(10_000)
  @Field(() => String, { description: "Non-identifying summary." })
  declare summary: string;

  @Field(() => DateTime)
  submittedAt!: string;

  @Field(() => LocalDate, { nullable: true })
  nationalPanelNotifiedOn!: string | null;

  @Field(() => LocalDate, { nullable: true })
  rapidReviewCompletedOn!: string | null;
}

@ObjectType("ClockRecord", {
  description:
    "When a clock was recorded as met: the first record, or a correction with its reason and the date it replaced.",
})
export class ClockRecordType implements ClockRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => ClockNameEnum)
  clock!: ClockName;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => LocalDate, { nullable: true, description: "The date this record replaced." })
  previousOn!: string | null;

  @Sized(2_000)
  @Field(() => String, { nullable: true, description: "Why the date was corrected." })
  reason!: string | null;

  @Field(() => ID)
  recordedBy!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

export const NotificationConnection = Connection("Notification", NotificationInterface);
