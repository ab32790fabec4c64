import { Field, ID, Int, ObjectType } from "type-graphql";
import type { OverdueSummaryView } from "../../services/learning/overdue-summaries";
import { Connection } from "../common/connection";
import { ListOf } from "../common/cost";
import { LocalDate } from "../common/scalars";

@ObjectType("OverdueItem")
export class OverdueItemType {
  @Field(() => ID)
  id!: string;

  @Field(() => LocalDate)
  date!: string;
}

@ObjectType("OverdueSummary", {
  description: "What the daily overdue check found for one agency (or the board).",
})
export class OverdueSummaryType implements OverdueSummaryView {
  @Field(() => ID, { nullable: true, description: "Null for the board's own work." })
  agencyId!: string | null;

  @Field(() => LocalDate)
  asOf!: string;

  @Field(() => Int)
  overdueActionCount!: number;

  @ListOf(100)
  @Field(() => [OverdueItemType], {
    description: "Up to 100, most overdue first (date = due date).",
  })
  overdueActions!: OverdueItemType[];

  @Field(() => Int)
  revisitDueCount!: number;

  @ListOf(100)
  @Field(() => [OverdueItemType], { description: "Up to 100 (date = revisit date)." })
  revisitsDue!: OverdueItemType[];
}

export const OverdueSummaryConnection = Connection("OverdueSummary", OverdueSummaryType);
