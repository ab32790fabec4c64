import { Field, ID, InputType } from "type-graphql";
import type {
  AgencyViewFields,
  DecisionInput,
  OtherReviewGround,
  ReviewOutcome,
  SubgroupRecommendationFields,
} from "../../domain/review-decisions";
import { MAX_DISSENTS, MAX_VIEW_LENGTH } from "../../domain/review-decisions";
import type { ReviewKind } from "../../domain/reviews";
import { OtherReviewGroundEnum, ReviewKindEnum, ReviewOutcomeEnum } from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import { type Envelope, RecordRef, VersionedRef } from "../common/refs.input";
import type { Assert, SameFields } from "../common/typing";

type Section20Fields = NonNullable<DecisionInput["section20"]>;
type OtherReviewFields = NonNullable<DecisionInput["otherReview"]>;

@InputType("SubgroupRecommendationInput", {
  description: "`id`: the notification's (its decision record's) id.",
})
export class SubgroupRecommendationInput
  extends VersionedRef
  implements SubgroupRecommendationFields
{
  @Field(() => ReviewOutcomeEnum)
  recommendation!: ReviewOutcome;

  @Text(10000)
  rationale!: string;
}

@InputType("DissentInput", {
  description:
    "`id`: the notification's (its decision record's) id. Takes no version: a dissent never overwrites anything.",
})
export class DissentInput extends RecordRef {
  @Text(MAX_VIEW_LENGTH)
  view!: string;
}

@InputType("AgencyViewInput", {
  description:
    "`id`: the notification's (its decision record's) id. Takes no version: an agency's view never overwrites another's.",
})
export class AgencyViewInput extends RecordRef implements AgencyViewFields {
  @Text(MAX_VIEW_LENGTH)
  view!: string;

  @Field(() => Boolean, { nullable: true })
  supportsSeriousCaseReview?: boolean | null;
}

@InputType("Section20Input", {
  description: "§20: assess every factor for a category IV incident.",
})
export class Section20Input implements Section20Fields {
  @Text(5000, { nullable: true })
  natureOfHarm?: string | null;

  @Text(5000, { nullable: true })
  evidenceOfConcernAboutServices?: string | null;

  @Text(5000, { nullable: true })
  publicConfidence?: string | null;

  @Text(5000, { nullable: true })
  likelihoodOfAdditionalLearning?: string | null;

  @Text(5000, { nullable: true })
  otherMethodsWouldAchieveLearning?: string | null;
}

@InputType("OtherReviewInput")
export class OtherReviewInput implements OtherReviewFields {
  @Field(() => OtherReviewGroundEnum)
  ground!: OtherReviewGround;

  @Text(2000, { description: "§22: the method, as data (e.g. SCIE Learning Together)." })
  method!: string;

  @Field(() => ReviewKindEnum, {
    nullable: true,
    description:
      "The kind of review commissioned (default OTHER_INDEPENDENT_REVIEW; NEAR_MISS_REVIEW needs §24 I; not SERIOUS_CASE_REVIEW).",
  })
  kind?: ReviewKind | null;
}

@InputType("DecideReviewInput", {
  description: "`id`: the notification's (its decision record's) id.",
})
export class DecideReviewInput extends VersionedRef implements DecisionInput {
  @Field(() => ReviewOutcomeEnum)
  outcome!: ReviewOutcome;

  @Text(20000, { description: "Written reasons, always (§18)." })
  reasons!: string;

  @Field(() => Boolean, {
    nullable: true,
    description: "Category IV: cause for concern about how agencies worked together (§20).",
  })
  causeForConcernAboutWorkingTogether?: boolean | null;

  @Field(() => Section20Input, { nullable: true })
  section20?: Section20Input | null;

  @Field(() => OtherReviewInput, { nullable: true })
  otherReview?: OtherReviewInput | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Every dissenting view recorded must be listed here: it reached the Chair (§18). At most ${MAX_DISSENTS}.`,
  })
  @MaxItems(MAX_DISSENTS)
  dissentsConsidered?: string[] | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<Omit<SubgroupRecommendationInput, Envelope>, SubgroupRecommendationFields>>,
  Assert<SameFields<Omit<AgencyViewInput, Envelope>, AgencyViewFields>>,
  Assert<SameFields<Section20Input, Section20Fields>>,
  Assert<SameFields<OtherReviewInput, OtherReviewFields>>,
  Assert<SameFields<Omit<DecideReviewInput, Envelope>, DecisionInput>>,
];
