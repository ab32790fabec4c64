import { Field, ID, Int, ObjectType } from "type-graphql";
import type { Finding } from "../../domain/findings";
import { Sized } from "../common/cost";
import { DateTime } from "../common/scalars";

@ObjectType("Finding", {
  description:
    "§5–6: what a review found: what happened and why, as a pattern of the system (not who is to blame), its evidence and the questions it puts to the board.",
})
export class FindingType
  implements
    Omit<Finding, "partnershipId" | "reviewId" | "seq" | "recommendationIds" | "recordedBy">
{
  @Field(() => ID, { description: "`<review id>:<n>`." })
  id!: string;

  @Sized(500)
  @Field(() => String)
  title!: string;

  @Sized(10_000)
  @Field(() => String)
  whatHappened!: string;

  @Sized(10_000)
  @Field(() => String, { description: "Why, as a pattern of the system (§5–6)." })
  systemicPattern!: string;

  @Sized(10_000)
  @Field(() => String)
  evidence!: string;

  @Sized(5_000)
  @Field(() => String)
  questionsForBoard!: string;

  @Field(() => Int, { description: "Send back as `expectedVersion`." })
  version!: number;

  @Field(() => DateTime)
  createdAt!: string;

  @Field(() => DateTime)
  updatedAt!: string;
}
