import { Field, ID, InputType } from "type-graphql";
import type {
  ContributionKind,
  ContributionRequestInput,
  ContributionReviewInput,
  SubmissionInput,
} from "../../domain/contributions";
import type { ContributionFilter } from "../../services/reviews/contributions";
import { ContributionKindEnum, ContributionOutcomeEnum } from "../common/enums";
import { Text } from "../common/input-limits";
import { type Envelope, RecordRef, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";

@InputType("RequestContributionInput", { description: "`id`: the review's." })
export class RequestContributionInput extends RecordRef implements ContributionRequestInput {
  @Field(() => ID, { description: "A participating agency of the review." })
  agencyId!: string;

  @Field(() => ContributionKindEnum)
  kind!: ContributionKind;

  @Field(() => ID, { nullable: true, description: "A case the review covers, if it is about one." })
  caseId?: string | null;

  @Text(5000, { description: "What is asked." })
  request!: string;

  @Field(() => LocalDate, { description: "Today or later, at most 10 years ahead." })
  dueDate!: string;
}

@InputType("SubmitContributionInput", {
  description:
    "`id`: the contribution's. Takes no version: retry with the same idempotency key (partner systems must send one).",
})
export class SubmitContributionInput extends RecordRef implements SubmissionInput {
  @Text(20000)
  content!: string;

  @Text(2000, { nullable: true, description: "An https link to the document." })
  documentUrl?: string | null;
}

@InputType("ReviewContributionInput", { description: "`id`: the contribution's." })
export class ReviewContributionInput extends VersionedRef implements ContributionReviewInput {
  @Field(() => ContributionOutcomeEnum)
  outcome!: "ACCEPTED" | "RETURNED_WITH_QUESTIONS";

  @Text(5000, { nullable: true, description: "Required to return it." })
  questions?: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: "When returned: a new due date, today or later, at most 10 years ahead.",
  })
  dueDate?: string | null;
}

@InputType("ContributionFilter", {
  description:
    "Agency users: their agency's (owed by default, or answered). The board's core roles: an agency's, or every agency's owed.",
})
export class ContributionFilterInput implements ContributionFilter {
  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Answered ones (submitted or accepted)." })
  answered?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Owed and past their due date." })
  overdue?: boolean | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<Omit<RequestContributionInput, Envelope>, ContributionRequestInput>>,
  Assert<SameFields<Omit<SubmitContributionInput, Envelope>, SubmissionInput>>,
  Assert<SameFields<Omit<ReviewContributionInput, Envelope>, ContributionReviewInput>>,
  Assert<SameFields<ContributionFilterInput, ContributionFilter>>,
];
