import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type {
  ActionStatus,
  Priority,
  RecommendationStatus,
  RevisitOutcome,
  SourceKind,
} from "../../domain/recommendations";
import { Connection } from "../common/connection";
import {
  ActionStatusEnum,
  PriorityEnum,
  RecommendationStatusEnum,
  RevisitOutcomeEnum,
  SourceKindEnum,
} from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("LearningSource", { description: "The learning activity a recommendation comes from." })
export class LearningSourceType {
  @Field(() => SourceKindEnum)
  kind!: SourceKind;

  @Field(() => ID, { nullable: true })
  id!: string | null;

  @Field(() => String)
  title!: string;
}

@ObjectType("ImpactEvidence", {
  description: "§35: what changed and its impact on children and families.",
})
export class ImpactEvidenceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  whatChanged!: string;

  @Field(() => String)
  howMeasured!: string;

  @Field(() => String, { nullable: true })
  before!: string | null;

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
export class UnintendedConsequenceType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  description!: string;

  @Field(() => LocalDate)
  observedOn!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("Revisit", { description: "§36: learning revisited to check it remains relevant." })
export class RevisitType {
  @Field(() => LocalDate)
  dueOn!: string;

  @Field(() => RevisitOutcomeEnum)
  outcome!: RevisitOutcome;

  @Field(() => String)
  note!: string;

  @Field(() => ID)
  decidedBy!: string;

  @Field(() => LocalDate)
  decidedOn!: string;
}

@ObjectType("StatusChange")
export class StatusChangeType {
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
export class BoardClosureType {
  @Field(() => String)
  reason!: string;

  @Field(() => ID)
  decidedBy!: string;
}

@ObjectType("Recommendation")
export class RecommendationType {
  @Field(() => ID)
  id!: string;

  @Field(() => LearningSourceType)
  source!: LearningSourceType;

  @Field(() => String)
  text!: string;

  @Field(() => String)
  finding!: string;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => LocalDate)
  madeOn!: string;

  @Field(() => LocalDate)
  targetDate!: string;

  @Field(() => RecommendationStatusEnum)
  status!: RecommendationStatus;

  @Field(() => String, { nullable: true })
  rejectionReason!: string | null;

  @Field(() => LocalDate, { nullable: true })
  implementedOn!: string | null;

  @Field(() => LocalDate, { nullable: true })
  closedOn!: string | null;

  @Field(() => BoardClosureType, { nullable: true })
  closedWithoutEvidence!: BoardClosureType | null;

  @Field(() => [ImpactEvidenceType])
  evidence!: ImpactEvidenceType[];

  @Field(() => [UnintendedConsequenceType])
  unintendedConsequences!: UnintendedConsequenceType[];

  @Field(() => LocalDate, { nullable: true })
  revisitOn!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: "Set by the overdue job once the revisit date has passed.",
  })
  revisitOverdueSince!: string | null;

  @Field(() => [RevisitType])
  revisits!: RevisitType[];

  @Field(() => [StatusChangeType])
  history!: StatusChangeType[];

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}

@ObjectType("ProgressUpdate")
export class ProgressUpdateType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => String)
  text!: string;

  @Field(() => ID)
  by!: string;

  @Field(() => DateTime)
  at!: string;
}

@ObjectType("Action")
export class ActionType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  recommendationId!: string;

  @Field(() => SourceKindEnum)
  sourceKind!: SourceKind;

  @Field(() => String)
  responsiblePerson!: string;

  @Field(() => String)
  description!: string;

  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => ActionStatusEnum)
  status!: ActionStatus;

  @Field(() => LocalDate, { nullable: true })
  completedOn!: string | null;

  @Field(() => [ProgressUpdateType])
  updates!: ProgressUpdateType[];

  @Field(() => LocalDate, {
    nullable: true,
    description: "Set by the overdue job the first day it found the action past due.",
  })
  overdueSince!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}

@ObjectType("EffectivenessRow", {
  description: "§37: how one kind of learning performed over a period.",
})
export class EffectivenessRowType {
  @Field(() => SourceKindEnum)
  sourceKind!: SourceKind;

  @Field(() => Int)
  recommendations!: number;

  @Field(() => Float, { nullable: true, description: "0–1; null with no recommendations." })
  implementedOnTimeShare!: number | null;

  @Field(() => Float, { nullable: true })
  evidencedImpactShare!: number | null;

  @Field(() => Float, { nullable: true })
  medianDaysToImplementation!: number | null;
}

@ObjectType("LearningEffectiveness", {
  description: "§37: which forms of learning prove most effective.",
})
export class LearningEffectivenessType {
  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => [EffectivenessRowType], { description: "One row per kind of learning activity." })
  byKind!: EffectivenessRowType[];
}

@ObjectType("OverdueItem")
export class OverdueItemType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate)
  date!: string;
}

@ObjectType("OverdueSummary", {
  description: "What the daily overdue check found for one agency (or the board).",
})
export class OverdueSummaryType {
  @Field(() => ID, { nullable: true, description: "Null for the board's own work." })
  agencyId!: string | null;

  @Field(() => LocalDate)
  asOf!: string;

  @Field(() => Int)
  overdueActionCount!: number;

  @Field(() => [OverdueItemType], {
    description: "Up to 100, most overdue first (date = due date).",
  })
  overdueActions!: OverdueItemType[];

  @Field(() => Int)
  revisitDueCount!: number;

  @Field(() => [OverdueItemType], { description: "Up to 100 (date = revisit date)." })
  revisitsDue!: OverdueItemType[];
}

export const RecommendationConnection = Connection("Recommendation", RecommendationType);
export const ActionConnection = Connection("Action", ActionType);
export const OverdueSummaryConnection = Connection("OverdueSummary", OverdueSummaryType);
