import { Field, ID, InputType } from "type-graphql";
import type { NewReviewerInput, ReviewerKind, TrainingInput } from "../../domain/reviewers";
import { ReviewerKindEnum } from "../common/enums";
import { Text } from "../common/input-limits";
import { type Envelope, RecordRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("CreateReviewerInput")
export class CreateReviewerInput implements NewReviewerInput {
  @Text(200)
  name!: string;

  @Field(() => ReviewerKindEnum)
  kind!: ReviewerKind;

  @Field(() => ID, {
    nullable: true,
    description: "MEMBER_AGENCY: the agency that employs them; INDEPENDENT: none.",
  })
  agencyId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The member of staff who signs in as them (REVIEWER role), if any.",
  })
  personId?: string | null;
}

@InputType("ReviewerTrainingInput", {
  description:
    "`id`: the reviewer's. Takes no version: a training record never overwrites anything.",
})
export class ReviewerTrainingInput extends RecordRef implements TrainingInput {
  @Text(300)
  course!: string;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  completedOn!: string;

  @Field(() => LocalDate, { description: "After completedOn, at most 10 years ahead." })
  expiresOn!: string;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<CreateReviewerInput, NewReviewerInput>>,
  Assert<SameFields<Omit<ReviewerTrainingInput, Envelope>, TrainingInput>>,
];
