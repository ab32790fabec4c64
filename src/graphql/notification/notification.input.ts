import { Field, ID, InputType, Int } from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import {
  type AbuseKnowledge,
  type Category,
  type ContentInput,
  type Criterion,
  type CriterionClaim,
  type DeadlineFilter,
  type DeathCircumstance,
  MAX_CHILDREN,
  MAX_CLOCK_RECORDS,
  type NotificationStatus,
  type Outcome,
} from "../../domain/notifications";
import type {
  NotificationFilter,
  NotificationInput as NotificationInputShape,
} from "../../services/notifications";
import {
  AbuseKnowledgeEnum,
  CategoryEnum,
  CriterionEnum,
  DeadlineFilterEnum,
  DeathCircumstanceEnum,
  NotificationStatusEnum,
  OutcomeEnum,
} from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import { type Envelope, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("CriterionClaimInput")
export class CriterionClaimInput implements CriterionClaim {
  @Field(() => CriterionEnum)
  criterion!: Criterion;

  @Text(4000, { description: "Why the criterion applies." })
  reason!: string;
}

/** The content of a notification, as typed: shared by creating and updating one. */
@InputType()
class NotificationContentInput implements ContentInput {
  @Field(() => OutcomeEnum, { nullable: true })
  outcome?: Outcome | null;

  @Field(() => DeathCircumstanceEnum, { nullable: true })
  deathCircumstance?: DeathCircumstance | null;

  @Field(() => AbuseKnowledgeEnum, {
    nullable: true,
    description:
      "§17 I: abuse or neglect known or suspected (it need not have caused the death). §17 IV: required for a potentially life-threatening injury or a serious and potentially permanent impairment, which must have been caused by abuse or neglect.",
  })
  abuseOrNeglect?: AbuseKnowledge | null;

  @Field(() => Boolean, { nullable: true })
  detainedUnderMentalHealthAct?: boolean | null;

  @Field(() => [CriterionClaimInput], { nullable: true })
  @MaxItems(9)
  criteria?: CriterionClaimInput[] | null;

  @Field(() => LocalDate, { nullable: true, description: "From 2000-01-01, not in the future." })
  incidentDate?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      "When the notifying agency became aware (the clocks run from here): from 2000-01-01, not in the future, not before the incident.",
  })
  awareDate?: string | null;

  @Field(() => [ID], { nullable: true })
  @MaxItems(MAX_AGENCIES_PER_CASE)
  involvedAgencyIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `One to ${MAX_CHILDREN} children's cases.` })
  @MaxItems(MAX_CHILDREN)
  caseIds?: string[] | null;

  @Text(10000, { nullable: true })
  summary?: string | null;
}

@InputType("NotificationInput", {
  description:
    "Everything a notification holds. In a draft, anything may be missing; omit a field to keep it, send null to clear it.",
})
export class NotificationInput extends NotificationContentInput implements NotificationInputShape {
  @Field(() => ID, {
    nullable: true,
    description: "Business unit only: the agency on whose behalf it is recorded.",
  })
  notifyingAgencyId?: string | null;
}

@InputType("UpdateNotificationDraftInput", {
  description: "More of a draft: omit a field to keep it, send null to clear it.",
})
export class UpdateNotificationDraftInput extends NotificationContentInput {
  @Field(() => ID, { description: "The record's id." })
  id!: string;

  @Field(() => Int, {
    description:
      "The version you last read. A stale one is CONFLICT (reason STALE_VERSION) and changes nothing.",
  })
  expectedVersion!: number;
}

@InputType("SubmitNotificationInput", {
  description: "Submits a complete draft; submitting it again returns it unchanged.",
})
export class SubmitNotificationInput extends VersionedRef {}

@InputType("ClockMetInput", {
  description: `When a clock was met: on or after the date of becoming aware, not in the future. A clock that already has a date is corrected: give a reason; the earlier date stays in clockHistory (a notification keeps at most ${MAX_CLOCK_RECORDS} records). The same date again changes nothing and answers the notification as it is, whatever expectedVersion (so a retry is safe).`,
})
export class ClockMetInput extends VersionedRef {
  @Field(() => LocalDate)
  on!: string;

  @Text(2000, {
    nullable: true,
    description: "Required to correct a date already recorded.",
  })
  reason?: string | null;
}

@InputType("NotificationFilter", {
  description: "At most one of these. Agency users may filter only by status.",
})
export class NotificationFilterInput implements NotificationFilter {
  @Field(() => NotificationStatusEnum, { nullable: true })
  status?: NotificationStatus | null;

  @Field(() => CategoryEnum, { nullable: true })
  category?: Category | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => DeadlineFilterEnum, {
    nullable: true,
    description: "Open clocks: DUE (not yet passed), DUE_SOON (within two working days), OVERDUE.",
  })
  deadline?: DeadlineFilter | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<CriterionClaimInput, CriterionClaim>>,
  Assert<SameFields<NotificationInput, NotificationInputShape>>,
  Assert<SameFields<Omit<UpdateNotificationDraftInput, Envelope>, ContentInput>>,
  Assert<SameFields<NotificationFilterInput, NotificationFilter>>,
];
