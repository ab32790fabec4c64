import { Field, ID, InputType } from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import type { FindingInput } from "../../domain/findings";
import type { Priority } from "../../domain/recommendations";
import type { FindingRecommendationInput } from "../../services/reviews/findings";
import { PriorityEnum } from "../common/enums";
import { MaxItems, Text } from "../common/input-limits";
import { type Envelope, RecordRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("AddReviewFindingInput", {
  description: "`id`: the review's (in progress or draft report).",
})
export class AddReviewFindingInput extends RecordRef implements FindingInput {
  @Text(500)
  title!: string;

  @Text(10000)
  whatHappened!: string;

  @Text(10000, {
    description:
      "Why it happened, as a pattern of the system (organisational factors), not who is to blame (§5–6).",
  })
  systemicPattern!: string;

  @Text(10000)
  evidence!: string;

  @Text(5000)
  questionsForBoard!: string;
}

@InputType("RecommendationFromFindingInput", {
  description:
    "`id`: the finding's. The recommendation's source is the finding's review (counted under its kind, §37).",
})
export class RecommendationFromFindingInput
  extends RecordRef
  implements FindingRecommendationInput
{
  @Text(5000)
  text!: string;

  @Field(() => ID, { nullable: true, description: "Null when the board itself owns it." })
  owningAgencyId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Default: the review's participating agencies. At most ${MAX_AGENCIES_PER_CASE}.`,
  })
  @MaxItems(MAX_AGENCIES_PER_CASE)
  participatingAgencyIds?: string[] | null;

  @Field(() => PriorityEnum)
  priority!: Priority;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  madeOn!: string;

  @Field(() => LocalDate, { description: "On or after madeOn, at most 10 years ahead." })
  targetDate!: string;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<Omit<AddReviewFindingInput, Envelope>, FindingInput>>,
  Assert<SameFields<Omit<RecommendationFromFindingInput, Envelope>, FindingRecommendationInput>>,
];
