import { Field, InputType, Int } from "type-graphql";
import type { PublishedFilter } from "../../domain/publication";
import type { ReviewKind } from "../../domain/reviews";
import { ReviewKindEnum } from "../common/enums";
import { Text } from "../common/input-limits";
import type { Assert, SameFields } from "../common/typing";

@InputType("PublishedLearningFilter")
export class PublishedLearningFilterInput implements PublishedFilter {
  @Text(100, {
    nullable: true,
    description:
      "Words in the title, summary or action statement (at least 2 characters, any case). A search reads up to 300 published items a page: a page may be short, with more after its endCursor.",
  })
  search?: string | null;

  @Field(() => ReviewKindEnum, { nullable: true })
  kind?: ReviewKind | null;

  @Field(() => Int, { nullable: true, description: "The year of publication, from 2000." })
  year?: number | null;
}

export type _InputsMatchTheDomain = [
  Assert<SameFields<PublishedLearningFilterInput, PublishedFilter>>,
];
