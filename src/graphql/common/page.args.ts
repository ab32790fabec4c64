import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../../domain/pagination";

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 20).`,
  })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `endCursor` of the previous page." })
  after?: string | null;
}
