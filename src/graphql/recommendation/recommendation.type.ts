import { Field, ID, Int, ObjectType } from "type-graphql";
import type {
  ImpactEvidence,
  Priority,
  Recommendation,
  RecommendationStatus,
  Revisit,
  RevisitOutcome,
  SourceKind,
  StatusChange,
  UnintendedConsequence,
} from "../../domain/recommendations";
import type { SourceView } from "../../services/learning/recommendations";
import { Connection } from "../common/connection";
import { ListOf, Sized } from "../common/cost";
import {
  PriorityEnum,
  RecommendationStatusEnum,
  RevisitOutcomeEnum,
  SourceKindEnum,
} from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("LearningSource", {
  description: "The learning activity a recommendation comes from, as the recommendation names it.",
})
export class LearningSourceType implements SourceView {
  @Field(() => ID, {
    description:
      "The recommendation's id: each recommendation's source is its own object (several recommendations may name one activity; see activityId).",
  })
  id!: string;

  @Field(() => SourceKindEnum)
  kind!: SourceKind;

  @Field(() => ID, {
    nullable: true,
    description:
      "The learning activity's own reference (a review's or audit's id), as given when the recommendation was made; not checked.",
  })
  activityId!: string | null;

  @Field(() => String)
  title!: string;
}

@ObjectType("ImpactEvidence", {
  description: "§35: what changed and its impact on children and families.",
})
export class ImpactEvidenceType implements Omit<ImpactEvidence, "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Sized(5_000)
  @Field(() => String)
  whatChanged!: string;

  @Sized(5_000)
  @Field(() => String)
  howMeasured!: string;

  @Sized(2_000)
  @Field(() => String, { nullable: true })
  before!: string | null;

  @Sized(2_000)
  @Field(() => String, { nullable: true })
  after!: string | null;

  @Field(() => String)
  verifiedBy!: string;

  @Field(() => LocalDate)
  verifiedOn!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("UnintendedConsequence", { description: "§36." })
export class UnintendedConsequenceType implements Omit<UnintendedConsequence, "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Sized(5_000)
  @Field(() => String)
  description!: string;

  @Field(() => LocalDate)
  observedOn!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("Revisit", { description: "§36: learning revisited to check it remains relevant." })
export class RevisitType implements Revisit {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate)
  dueOn!: string;

  @Field(() => RevisitOutcomeEnum)
  outcome!: RevisitOutcome;

  @Sized(5_000)
  @Field(() => String)
  note!: string;

  @Field(() => ID)
  decidedBy!: string;

  @Field(() => LocalDate)
  decidedOn!: string;
}

@ObjectType("StatusChange")
export class StatusChangeType implements StatusChange {
  @Field(() => RecommendationStatusEnum, { nullable: true })
  from!: RecommendationStatus | null;

  @Field(() => RecommendationStatusEnum)
  to!: RecommendationStatus;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => ID)
  by!: string;
}

@ObjectType("BoardClosure", {
  description: "A board decision to close without evidence of impact.",
})
export class BoardClosureType implements NonNullable<Recommendation["closedWithoutEvidence"]> {
  @Sized(5_000)
  @Field(() => String)
  reason!: string;

  @Field(() => ID)
  decidedBy!: string;
}

@ObjectType("Recommendation")
export class RecommendationType
  implements
    Omit<
      Recommendation,
      | "partnershipId"
      | "owningAgencyId"
      | "participatingAgencyIds"
      | "businessPriorityId"
      | "createdAt"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => LearningSourceType)
  source!: LearningSourceType;

  @Sized(5_000)
  @Field(() => String)
  text!: string;

  @Sized(5_000)
  @Field(() => String)
  finding!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The review finding it was made from (§5–6); see sourceFinding.",
  })
  findingId!: string | null;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => LocalDate)
  madeOn!: string;

  @Field(() => LocalDate)
  targetDate!: string;

  @Field(() => RecommendationStatusEnum)
  status!: RecommendationStatus;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  rejectionReason!: string | null;

  @Field(() => LocalDate, { nullable: true })
  implementedOn!: string | null;

  @Field(() => LocalDate, { nullable: true })
  closedOn!: string | null;

  @Field(() => BoardClosureType, { nullable: true })
  closedWithoutEvidence!: BoardClosureType | null;

  @Field(() => Int, { description: "Items of evidence recorded (see `evidence`)." })
  evidenceCount!: number;

  @Field(() => Int, { description: "Unintended consequences recorded." })
  consequenceCount!: number;

  @Field(() => Int, {
    description: "Actions added (see `actions`); at most 50. It is closed once all are done.",
  })
  actionCount!: number;

  @Field(() => LocalDate, { nullable: true })
  revisitOn!: string | null;

  @Field(() => Int, { description: "Revisits recorded." })
  revisitCount!: number;

  @ListOf(7)
  @Field(() => [StatusChangeType])
  history!: StatusChangeType[];

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const RecommendationConnection = Connection("Recommendation", RecommendationType);
