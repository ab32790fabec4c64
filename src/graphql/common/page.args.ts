import { ArgsType, Field, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../../domain/pagination";
import { Text } from "./input-limits";

/** The longest cursor the API hands out (a signed key of the last item of a page). */
export const MAX_CURSOR_LENGTH = 1024;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default 20).`,
  })
  first?: number | null;

  @Text(MAX_CURSOR_LENGTH, { nullable: true, description: "The `endCursor` of the previous page" })
  after?: string | null;
}
