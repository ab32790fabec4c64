import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Reviewer, ReviewerKind, TrainingRecord } from "../../domain/reviewers";
import { Connection } from "../common/connection";
import { ReviewerKindEnum } from "../common/enums";
import { DateTime, LocalDate } from "../common/scalars";

@ObjectType("ReviewerTraining", { description: "§23: a course in the systemic model." })
export class ReviewerTrainingType implements Omit<TrainingRecord, "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  course!: string;

  @Field(() => LocalDate)
  completedOn!: string;

  @Field(() => LocalDate)
  expiresOn!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("Reviewer", {
  description: "§23: a reviewer of the pool, from a member agency or independent.",
})
export class ReviewerType implements Omit<Reviewer, "partnershipId" | "agencyId" | "personId"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ReviewerKindEnum)
  kind!: ReviewerKind;

  @Field(() => Int, { description: "Training records (at most 50)." })
  trainingCount!: number;

  @Field(() => LocalDate, {
    nullable: true,
    description: "The latest expiry of their training in the systemic model (§23).",
  })
  trainedUntil!: string | null;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}

export const ReviewerConnection = Connection("Reviewer", ReviewerType);
