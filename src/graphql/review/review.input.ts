import { Field, ID, InputType } from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import type {
  AttachInput,
  ConsentInput,
  ConsentStatus,
  ContactMethod,
  FamilyContactInput,
} from "../../domain/family";
import type { PublishInput, WithdrawInput, WithholdInput } from "../../domain/publication";
import type { OtherReviewGround } from "../../domain/review-decisions";
import type { AppointInput, PanelRole } from "../../domain/reviewers";
import {
  type CommissionInput,
  MAX_REVIEW_CASES,
  type MilestoneInput,
  type MilestoneUpdateInput,
  type ReviewDetailsInput,
  type ReviewKind,
  type ReviewStatus,
  type TransitionReviewInput as TransitionReviewFields,
} from "../../domain/reviews";
import type { ReviewFilter } from "../../services/reviews/reviews";
import {
  ConsentStatusEnum,
  ContactMethodEnum,
  OtherReviewGroundEnum,
  PanelRoleEnum,
  ReviewKindEnum,
  ReviewStatusEnum,
  WithholdDecisionEnum,
} from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import { type Envelope, RecordRef, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("CommissionReviewInput", {
  description:
    "§21, §24: a review or learning exercise the board commissions without a notification (an SCR is held only on the Chair's decision).",
})
export class CommissionReviewInput implements CommissionInput {
  @Field(() => ReviewKindEnum, { description: "Not SERIOUS_CASE_REVIEW (§18)." })
  kind!: ReviewKind;

  @Field(() => OtherReviewGroundEnum, {
    description: "§24's ground (NEAR_MISS_REVIEW: NEAR_MISS_OR_HARM_BELOW_THRESHOLD).",
  })
  ground!: OtherReviewGround;

  @Text(500, { description: "Internal title (never public)." })
  title!: string;

  @Text(500, {
    nullable: true,
    description: "§22: the method, as data (e.g. SCIE Learning Together).",
  })
  method?: string | null;

  @Text(20000, { nullable: true })
  termsOfReference?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `The cases it covers (a thematic review several); at most ${MAX_REVIEW_CASES}.`,
  })
  @MaxItems(MAX_REVIEW_CASES)
  caseIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: `At most ${MAX_AGENCIES_PER_CASE}.`,
  })
  @MaxItems(MAX_AGENCIES_PER_CASE)
  participatingAgencyIds?: string[] | null;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  commissionedOn!: string;

  @Field(() => LocalDate, { description: "After commissionedOn, at most 10 years ahead." })
  targetDate!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "§24 I: the escalated near-miss report (its escalation's id) this review answers; the escalation is marked REVIEW_COMMISSIONED and linked in the same write. Ground NEAR_MISS_OR_HARM_BELOW_THRESHOLD.",
  })
  escalationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "§24 III: the business-plan priority it serves.",
  })
  businessPriorityId?: string | null;
}

@InputType("UpdateReviewInput", { description: "Absent fields keep their value; null clears one." })
export class UpdateReviewInput extends VersionedRef implements ReviewDetailsInput {
  @Text(500, { nullable: true })
  title?: string | null;

  @Text(500, { nullable: true, description: "§22: the method, as data." })
  method?: string | null;

  @Text(20000, { nullable: true })
  termsOfReference?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      "Not for an SCR (six months from the decision): after commissioning, at most 10 years ahead.",
  })
  targetDate?: string | null;

  @Field(() => [ID], { nullable: true, description: `At most ${MAX_AGENCIES_PER_CASE}.` })
  @MaxItems(MAX_AGENCIES_PER_CASE)
  participatingAgencyIds?: string[] | null;
}

@InputType("TransitionReviewInput")
export class TransitionReviewInput extends VersionedRef implements TransitionReviewFields {
  @Field(() => ReviewStatusEnum, {
    description:
      "IN_PROGRESS, DRAFT_REPORT, ACCEPTED (the board) or CLOSED; publication has its own mutations.",
  })
  to!: ReviewStatus;

  @Field(() => LocalDate, {
    description: "On or after the review's last step, not in the future.",
  })
  on!: string;

  @Text(5000, { nullable: true, description: "Required to send a draft report back." })
  reason?: string | null;
}

@InputType("AddReviewMilestoneInput", {
  description: "`id`: the review's. Takes no version: a milestone never overwrites anything.",
})
export class AddReviewMilestoneInput extends RecordRef implements MilestoneInput {
  @Text(500)
  name!: string;

  @Field(() => LocalDate, { description: "From commissioning, at most 10 years ahead." })
  dueDate!: string;
}

@InputType("UpdateReviewMilestoneInput", {
  description: "`id`: the milestone's; `expectedVersion`: the milestone's version.",
})
export class UpdateReviewMilestoneInput extends VersionedRef implements MilestoneUpdateInput {
  @Text(500, { nullable: true })
  name?: string | null;

  @Field(() => LocalDate, { nullable: true, description: "At most 10 years ahead." })
  dueDate?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: "Not in the future, not before commissioning; null reopens it.",
  })
  completedOn?: string | null;
}

@InputType("AddReviewCaseInput", { description: "`id`: the review's." })
export class AddReviewCaseInput extends VersionedRef {
  @Field(() => ID)
  caseId!: string;

  @Text(2000)
  reason!: string;
}

@InputType("SwapReviewCaseInput", {
  description:
    "`id`: the review's. §31: a case whose family's consent cannot be obtained, for an alternative.",
})
export class SwapReviewCaseInput extends VersionedRef {
  @Field(() => ID, { description: "The case to replace." })
  caseId!: string;

  @Field(() => ID)
  alternativeCaseId!: string;

  @Text(2000)
  reason!: string;
}

@InputType("AppointPanelMemberInput", {
  description:
    "`id`: the review's. A reviewer of the pool (reviewerId), or a member of staff (personId) as a panel member or chair.",
})
export class AppointPanelMemberInput extends RecordRef implements AppointInput {
  @Field(() => PanelRoleEnum)
  role!: PanelRole;

  @Field(() => ID, { nullable: true })
  reviewerId?: string | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;
}

@InputType("FamilyContactInput", {
  description: "`id`: the review's. Takes no version: a contact never overwrites anything.",
})
export class FamilyContactInputType extends RecordRef implements FamilyContactInput {
  @Field(() => ID)
  caseId!: string;

  @Text(100, { description: "Who, by their relationship to the child (not their name)." })
  familyMember!: string;

  @Field(() => LocalDate, { description: "From commissioning, not in the future." })
  on!: string;

  @Field(() => ContactMethodEnum)
  method!: ContactMethod;

  @Text(5000)
  outcome!: string;

  @Field(() => Boolean, { nullable: true, description: "§30: the review's purpose was explained." })
  purposeExplained?: boolean | null;
}

@InputType("ConsentInput", {
  description:
    "`id`: the review's (not an SCR or near-miss review, §28). Takes no version: the family member's latest record stands.",
})
export class ConsentInputType extends RecordRef implements ConsentInput {
  @Field(() => ID)
  caseId!: string;

  @Text(100, { description: "Who, by their relationship to the child (not their name)." })
  familyMember!: string;

  @Field(() => ConsentStatusEnum, {
    description:
      "GIVEN needs a contact explaining the purpose first (§30); WITHDRAWN, consent given.",
  })
  status!: ConsentStatus;

  @Field(() => [ID], {
    nullable: true,
    description: `GIVEN: the agencies whose records may be shared and which may receive the review's information (§32); at most ${MAX_AGENCIES_PER_CASE}.`,
  })
  @MaxItems(MAX_AGENCIES_PER_CASE)
  agencyIds?: string[] | null;

  @Field(() => LocalDate, { description: "Not in the future, not before their last record." })
  on!: string;

  @Text(2000, { nullable: true })
  note?: string | null;
}

@InputType("AttachCaseRecordsInput", {
  description:
    "`id`: the review's. For another review than an SCR or near-miss review, only with the family's consent covering the agency (§30).",
})
export class AttachCaseRecordsInput extends RecordRef implements AttachInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => ID, { description: "An agency involved in the case." })
  agencyId!: string;

  @Text(2000, { description: "What is attached (never copies of the records themselves)." })
  description!: string;
}

@InputType("ShareReviewInformationInput", { description: "`id`: the review's." })
export class ShareReviewInformationInput extends VersionedRef {}

@InputType("PublishReviewInput")
export class PublishReviewInput extends VersionedRef implements PublishInput {
  @Field(() => LocalDate, { description: "Not before the report was accepted, not in the future." })
  publishedOn!: string;

  @Text(2000, { description: "An https link on the board's website (§38)." })
  reportUrl!: string;

  @Text(500, {
    description: "The public title (a published name such as 'Child K'; never the pseudonym).",
  })
  title!: string;

  @Text(10000, { description: "The learning, in an accessible form (§34)." })
  summary!: string;

  @Text(20000, {
    nullable: true,
    description: "§33: required for an SCR: the actions member agencies will take.",
  })
  actionStatement?: string | null;
}

@InputType("WithholdPublicationInput")
export class WithholdPublicationInput extends VersionedRef implements WithholdInput {
  @Field(() => WithholdDecisionEnum)
  decision!: "DELAY" | "DO_NOT_PUBLISH";

  @Text(5000, { description: "§33: the compelling legal reason." })
  legalReason!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "DELAY only: after `on`, at most 10 years ahead.",
  })
  reconsiderOn?: string | null;

  @Field(() => LocalDate, { description: "Not in the future." })
  on!: string;
}

@InputType("WithdrawPublicationInput")
export class WithdrawPublicationInput extends VersionedRef implements WithdrawInput {
  @Field(() => LocalDate, { description: "Not before publication, not in the future." })
  on!: string;

  @Text(5000)
  reason!: string;

  @Text(5000, {
    nullable: true,
    description: "Required within twelve months of publication (§33).",
  })
  legalReason?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      "To republish later: when the board reconsiders (after `on`, at most 10 years ahead).",
  })
  reconsiderOn?: string | null;
}

@InputType("ReviewFilter", {
  description:
    "One of these. Agency users list their agency's reviews; reviewers the reviews they are on.",
})
export class ReviewFilterInput implements ReviewFilter {
  @Field(() => ReviewStatusEnum, { nullable: true })
  status?: ReviewStatus | null;

  @Field(() => ReviewKindEnum, { nullable: true })
  kind?: ReviewKind | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<CommissionReviewInput, CommissionInput>>,
  Assert<SameFields<Omit<UpdateReviewInput, Envelope>, ReviewDetailsInput>>,
  Assert<SameFields<Omit<TransitionReviewInput, Envelope>, TransitionReviewFields>>,
  Assert<SameFields<Omit<AddReviewMilestoneInput, Envelope>, MilestoneInput>>,
  Assert<SameFields<Omit<UpdateReviewMilestoneInput, Envelope>, MilestoneUpdateInput>>,
  Assert<SameFields<Omit<AppointPanelMemberInput, Envelope>, AppointInput>>,
  Assert<SameFields<Omit<FamilyContactInputType, Envelope>, FamilyContactInput>>,
  Assert<SameFields<Omit<ConsentInputType, Envelope>, ConsentInput>>,
  Assert<SameFields<Omit<AttachCaseRecordsInput, Envelope>, AttachInput>>,
  Assert<SameFields<Omit<PublishReviewInput, Envelope>, PublishInput>>,
  Assert<SameFields<Omit<WithholdPublicationInput, Envelope>, WithholdInput>>,
  Assert<SameFields<Omit<WithdrawPublicationInput, Envelope>, WithdrawInput>>,
  Assert<SameFields<ReviewFilterInput, ReviewFilter>>,
];
