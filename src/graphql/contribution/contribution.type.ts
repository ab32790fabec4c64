import { Field, ID, Int, ObjectType } from "type-graphql";
import type {
  Contribution,
  ContributionKind,
  ContributionStatus,
  Submission,
} from "../../domain/contributions";
import { Connection } from "../common/connection";
import { Sized } from "../common/cost";
import { ContributionKindEnum, ContributionStatusEnum } from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("ContributionSubmission", { description: "§28: what the agency sent." })
export class ContributionSubmissionType implements Omit<Submission, "submittedBy" | "at"> {
  @Field(() => ID)
  id!: string;

  @Sized(20_000)
  @Field(() => String)
  content!: string;

  @Field(() => String, { nullable: true, description: "An https link to the document." })
  documentUrl!: string | null;

  @Field(() => LocalDate)
  submittedOn!: string;
}

@ObjectType("Contribution", {
  description:
    "§28: a chronology, agency report or information asked of a participating agency. The agency asked sees and answers it; the review's lead reviewer and the board's core roles see all; at the end of the review, the agencies it is shared with (§29, §32).",
})
export class ContributionType
  implements
    Omit<Contribution, "partnershipId" | "reviewId" | "seq" | "agencyId" | "caseId" | "requestedBy">
{
  @Field(() => ID, { description: "`<review id>:<n>`." })
  id!: string;

  @Field(() => ContributionKindEnum)
  kind!: ContributionKind;

  @Sized(5_000)
  @Field(() => String, { description: "What is asked." })
  request!: string;

  @Field(() => LocalDate)
  dueDate!: string;

  @Field(() => ContributionStatusEnum)
  status!: ContributionStatus;

  @Sized(5_000)
  @Field(() => String, { nullable: true, description: "The reviewer's questions, when returned." })
  questions!: string | null;

  @Field(() => LocalDate)
  requestedOn!: string;

  @Field(() => Int, { description: "Submissions made (at most 10)." })
  submissionCount!: number;

  @Field(() => LocalDate, { nullable: true })
  submittedOn!: string | null;

  @Field(() => LocalDate, { nullable: true })
  acceptedOn!: string | null;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const ContributionConnection = Connection("Contribution", ContributionType);
