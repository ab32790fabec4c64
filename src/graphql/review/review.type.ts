import { Field, ID, Int, ObjectType } from "type-graphql";
import type {
  ConsentRecord,
  ConsentStatus,
  ContactMethod,
  FamilyContact,
  RecordsAttachment,
} from "../../domain/family";
import type { OtherReviewGround } from "../../domain/review-decisions";
import type { PanelMember, PanelRole } from "../../domain/reviewers";
import type {
  CaseChange,
  Milestone,
  Publication,
  Review,
  ReviewEvent,
  ReviewKind,
  ReviewStatus,
  Withholding,
} from "../../domain/reviews";
import type { ShareView } from "../../services/reviews/family";
import { Connection } from "../common/connection";
import { Sized } from "../common/cost";
import {
  ConsentStatusEnum,
  ContactMethodEnum,
  FamilyRegimeEnum,
  OtherReviewGroundEnum,
  PanelRoleEnum,
  ReviewKindEnum,
  ReviewStatusEnum,
  WithholdDecisionEnum,
} from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("ReviewMilestone", {
  description: "A milestone of a review's plan, with its due date.",
})
export class ReviewMilestoneType
  implements Omit<Milestone, "partnershipId" | "reviewId" | "seq" | "reviewCommissionedOn">
{
  @Field(() => ID, { description: "`<review id>:<n>`." })
  id!: string;

  @Sized(500)
  @Field(() => String)
  name!: string;

  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => LocalDate, { nullable: true })
  completedOn!: string | null;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

@ObjectType("ReviewEvent", {
  description:
    "A step of the review's history: a status change, a publication, a withholding or a withdrawal (never deleted).",
})
export class ReviewEventType implements Omit<ReviewEvent, "by"> {
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewStatusEnum, { nullable: true })
  from!: ReviewStatus | null;

  @Field(() => ReviewStatusEnum)
  to!: ReviewStatus;

  @Field(() => LocalDate)
  on!: string;

  @Sized(10_000)
  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType("ReviewCaseChange", {
  description:
    "A case added to the review, or (§31) swapped in for one whose family did not consent.",
})
export class ReviewCaseChangeType implements Omit<CaseChange, "caseId" | "replacesCaseId" | "by"> {
  @Field(() => ID)
  id!: string;

  @Sized(2_000)
  @Field(() => String)
  reason!: string;

  @Field(() => LocalDate)
  on!: string;
}

@ObjectType("PanelMember", { description: "§23: a member of a review's panel and their role." })
export class PanelMemberType
  implements Omit<PanelMember, "reviewerId" | "personId" | "agencyId" | "appointedBy">
{
  @Field(() => ID)
  id!: string;

  @Field(() => PanelRoleEnum)
  role!: PanelRole;

  @Field(() => LocalDate)
  appointedOn!: string;
}

@ObjectType("FamilyContact", {
  description:
    "§27, §30: a contact with a family member (who by relationship, not name): special-category data.",
})
export class FamilyContactType implements Omit<FamilyContact, "caseId" | "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Their relationship to the child." })
  familyMember!: string;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => ContactMethodEnum)
  method!: ContactMethod;

  @Sized(5_000)
  @Field(() => String)
  outcome!: string;

  @Field(() => Boolean, { description: "§30: the review's purpose was explained." })
  purposeExplained!: boolean;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("ConsentRecord", {
  description:
    "§30–32: a family member's consent (their latest record stands); the agencies it covers.",
})
export class ConsentRecordType
  implements Omit<ConsentRecord, "caseId" | "agencyIds" | "recordedBy">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Their relationship to the child." })
  familyMember!: string;

  @Field(() => ConsentStatusEnum)
  status!: ConsentStatus;

  @Field(() => LocalDate)
  on!: string;

  @Sized(2_000)
  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("RecordsAttachment", {
  description: "§28, §30: an agency's records of a case, given to the review.",
})
export class RecordsAttachmentType
  implements Omit<RecordsAttachment, "caseId" | "agencyId" | "attachedBy">
{
  @Field(() => ID)
  id!: string;

  @Sized(2_000)
  @Field(() => String)
  description!: string;

  @Field(() => LocalDate)
  attachedOn!: string;

  @Field(() => FamilyRegimeEnum, {
    description: "STATUTORY: without consent (§28); CONSENT: with the family's consent (§30).",
  })
  basis!: "STATUTORY" | "CONSENT";
}

@ObjectType("InformationShare", {
  description:
    "§29, §32: what an agency received at the end of the review: cases and contributions.",
})
export class InformationShareType
  implements Omit<ShareView, "agencyId" | "caseIds" | "contributionIds" | "sharedBy">
{
  @Field(() => ID)
  id!: string;

  @Field(() => FamilyRegimeEnum)
  basis!: "STATUTORY" | "CONSENT";

  @Field(() => LocalDate)
  sharedOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description:
      "§32: consent for a case it covers was refused or withdrawn on this date: share nothing further.",
  })
  consentWithdrawnOn!: string | null;
}

@ObjectType("ReviewPublication", {
  description: "§33–34, §38: what the board published (kept, with the date, if withdrawn).",
})
export class ReviewPublicationType implements Publication {
  @Field(() => LocalDate)
  publishedOn!: string;

  @Field(() => String, { description: "The report on the board's website (§38)." })
  reportUrl!: string;

  @Sized(500)
  @Field(() => String)
  title!: string;

  @Sized(10_000)
  @Field(() => String)
  summary!: string;

  @Sized(20_000)
  @Field(() => String, { nullable: true })
  actionStatement!: string | null;

  @Field(() => LocalDate, { nullable: true })
  withdrawnOn!: string | null;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  withdrawalReason!: string | null;
}

@ObjectType("PublicationWithholding", {
  description: "§33: the board's decision to delay publication or not to publish, and why.",
})
export class PublicationWithholdingType implements Withholding {
  @Field(() => WithholdDecisionEnum)
  decision!: "DELAY" | "DO_NOT_PUBLISH";

  @Sized(5_000)
  @Field(() => String, { description: "The compelling legal reason (§33)." })
  legalReason!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "For a delay: when the board reconsiders.",
  })
  reconsiderOn!: string | null;

  @Field(() => LocalDate)
  decidedOn!: string;
}

@ObjectType("Review", {
  description:
    "A serious case review or another review or learning exercise (§21–34). Read by the board, its panel, and the agencies that take part in it or received its information.",
})
export class ReviewType
  implements
    Omit<
      Review,
      // References are objects (field resolvers); counts of what accumulates are their lists'.
      | "partnershipId"
      | "notificationId"
      | "caseIds"
      | "participatingAgencyIds"
      | "informedAgencyIds"
      | "leadReviewerId"
      | "leadReviewerPersonId"
      | "panelPersonIds"
      | "reviewerAgencyIds"
      | "milestoneCount"
      | "panelCount"
      | "familyContactCount"
      | "consentCount"
      | "attachmentCount"
      | "caseChangeCount"
      | "shareCount"
      | "eventCount"
      | "publication"
      | "withholding"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewKindEnum)
  kind!: ReviewKind;

  @Field(() => OtherReviewGroundEnum, { nullable: true, description: "§24 (null for an SCR)." })
  ground!: OtherReviewGround | null;

  @Sized(500)
  @Field(() => String, { description: "Internal (never public)." })
  title!: string;

  @Sized(500)
  @Field(() => String, {
    nullable: true,
    description:
      "§22: the method, as data (SCIE Learning Together and its variants, or another systems method).",
  })
  method!: string | null;

  @Sized(20_000)
  @Field(() => String, { nullable: true })
  termsOfReference!: string | null;

  @Field(() => LocalDate)
  commissionedOn!: string;

  @Field(() => LocalDate, {
    description: "An SCR's is six months from the Chair's decision; the board sets another's.",
  })
  targetDate!: string;

  @Field(() => ReviewStatusEnum)
  status!: ReviewStatus;

  @Field(() => LocalDate, { description: "The date of the latest status change." })
  statusOn!: string;

  @Field(() => Int, { description: "Contributions asked of agencies (at most 100)." })
  contributionCount!: number;

  @Field(() => Int, { description: "Findings recorded (at most 50)." })
  findingCount!: number;

  @Field(() => ReviewPublicationType, { nullable: true })
  publication!: ReviewPublicationType | null;

  @Field(() => PublicationWithholdingType, { nullable: true })
  withholding!: PublicationWithholdingType | null;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const ReviewConnection = Connection("Review", ReviewType);
