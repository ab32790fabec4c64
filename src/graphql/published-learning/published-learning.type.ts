import { Field, ID, ObjectType } from "type-graphql";
import type { PublishedLearning } from "../../domain/publication";
import type { ReviewKind } from "../../domain/reviews";
import { Connection } from "../common/connection";
import { Sized } from "../common/cost";
import { ReviewKindEnum } from "../common/enums";
import { LocalDate } from "../common/scalars";

@ObjectType("PublishedLearning", {
  description:
    "Public (§33–34, §38): what the board published of a review, and nothing else: no case, no person, no agency record.",
})
export class PublishedLearningType
  implements Omit<PublishedLearning, "partnershipId" | "withdrawnOn">
{
  @Field(() => ID)
  id!: string;

  @Field(() => ReviewKindEnum)
  kind!: ReviewKind;

  @Sized(500)
  @Field(() => String)
  title!: string;

  @Sized(10_000)
  @Field(() => String, { description: "The learning, in an accessible form (§34)." })
  summary!: string;

  @Sized(20_000)
  @Field(() => String, {
    nullable: true,
    description: "§33: for an SCR, the actions member agencies will take.",
  })
  actionStatement!: string | null;

  @Field(() => String, { description: "The report on the board's website (§38)." })
  reportUrl!: string;

  @Field(() => LocalDate)
  publishedOn!: string;
}

export const PublishedLearningConnection = Connection("PublishedLearning", PublishedLearningType);
