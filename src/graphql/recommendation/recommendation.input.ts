import { Field, ID, InputType } from "type-graphql";
import type { Rag } from "../../domain/rag";
import type {
  ConsequenceInput,
  EvidenceInput,
  NewRecommendationInput,
  Priority,
  RecommendationStatus,
  RevisitInput,
  RevisitOutcome,
  SourceInput,
  SourceKind,
  TransitionInput,
} from "../../domain/recommendations";
import type { RecommendationFilter } from "../../services/learning/recommendations";
import {
  PriorityEnum,
  RagEnum,
  RecommendationStatusEnum,
  RevisitOutcomeEnum,
  SourceKindEnum,
} from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import { type Envelope, RecordRef, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("LearningSourceInput")
export class LearningSourceInput implements SourceInput {
  @Field(() => SourceKindEnum)
  kind!: SourceKind;

  @Field(() => ID, {
    nullable: true,
    description:
      "The learning activity's own reference (a review's or audit's id), when it has one; several recommendations may name one activity.",
  })
  activityId?: string | null;

  @Text(500)
  title!: string;
}

@InputType("CreateRecommendationInput")
export class CreateRecommendationInput implements NewRecommendationInput {
  @Field(() => LearningSourceInput)
  source!: LearningSourceInput;

  @Text(5000)
  text!: string;

  @Text(5000, { description: "The finding the recommendation answers." })
  finding!: string;

  @Field(() => ID, { nullable: true, description: "Null when the board itself owns it." })
  owningAgencyId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Agencies that took part in the learning activity.",
  })
  @MaxItems(30)
  participatingAgencyIds?: string[] | null;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => ID, {
    nullable: true,
    description: "The business-plan priority the learning serves.",
  })
  businessPriorityId?: string | null;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  madeOn!: string;

  @Field(() => LocalDate, { description: "On or after madeOn, at most 10 years ahead." })
  targetDate!: string;
}

@InputType("TransitionRecommendationInput")
export class TransitionRecommendationInput extends VersionedRef implements TransitionInput {
  @Field(() => RecommendationStatusEnum)
  to!: RecommendationStatus;

  @Field(() => LocalDate, {
    description:
      "The date of this step: on or after the recommendation's last step, not in the future.",
  })
  on!: string;

  @Text(5000, {
    nullable: true,
    description: "Required to reject, or to close without evidence.",
  })
  reason?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Close without evidence of impact, by an explicit board decision (with a reason).",
  })
  closeWithoutEvidence?: boolean | null;
}

@InputType("ImpactEvidenceInput", {
  description: "Takes no version: evidence never overwrites anything.",
})
export class ImpactEvidenceInput extends RecordRef implements EvidenceInput {
  @Text(5000)
  whatChanged!: string;

  @Text(5000)
  howMeasured!: string;

  @Text(2000, { nullable: true })
  before?: string | null;

  @Text(2000, { nullable: true })
  after?: string | null;

  @Text(200, { description: "Who verified it." })
  verifiedBy!: string;

  @Field(() => LocalDate, {
    description:
      "On or after the day the board accepted the recommendation (the day it was made, if it has not been), not in the future.",
  })
  verifiedOn!: string;
}

@InputType("UnintendedConsequenceInput", {
  description: "Takes no version: a consequence never overwrites anything.",
})
export class UnintendedConsequenceInput extends RecordRef implements ConsequenceInput {
  @Text(5000)
  description!: string;

  @Field(() => LocalDate, {
    description: "On or after the day the recommendation was made, not in the future.",
  })
  observedOn!: string;
}

@InputType("ScheduleRevisitInput")
export class ScheduleRevisitInput extends VersionedRef {
  @Field(() => LocalDate, { description: "Today or later, at most 10 years ahead." })
  on!: string;
}

@InputType("RevisitOutcomeInput")
export class RevisitOutcomeInput extends VersionedRef implements RevisitInput {
  @Field(() => RevisitOutcomeEnum)
  outcome!: RevisitOutcome;

  @Text(5000)
  note!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "After today, at most 10 years ahead.",
  })
  nextRevisitOn?: string | null;
}

@InputType("RecommendationFilter", {
  description:
    "One of these (madeFrom/madeTo may go with agencyId). Agency users: their agency, by date made.",
})
export class RecommendationFilterInput implements RecommendationFilter {
  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => RecommendationStatusEnum, { nullable: true })
  status?: RecommendationStatus | null;

  @Field(() => SourceKindEnum, { nullable: true })
  sourceKind?: SourceKind | null;

  @Field(() => RagEnum, {
    nullable: true,
    description: "Open recommendations by target date (not BLUE).",
  })
  rag?: Rag | null;

  @Field(() => Boolean, { nullable: true })
  overdue?: boolean | null;

  @Field(() => LocalDate, { nullable: true })
  madeFrom?: string | null;

  @Field(() => LocalDate, { nullable: true })
  madeTo?: string | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<LearningSourceInput, SourceInput>>,
  Assert<SameFields<CreateRecommendationInput, NewRecommendationInput>>,
  Assert<SameFields<Omit<TransitionRecommendationInput, Envelope>, TransitionInput>>,
  Assert<SameFields<Omit<ImpactEvidenceInput, Envelope>, EvidenceInput>>,
  Assert<SameFields<Omit<UnintendedConsequenceInput, Envelope>, ConsequenceInput>>,
  Assert<SameFields<Omit<RevisitOutcomeInput, Envelope>, RevisitInput>>,
  Assert<SameFields<RecommendationFilterInput, RecommendationFilter>>,
];
