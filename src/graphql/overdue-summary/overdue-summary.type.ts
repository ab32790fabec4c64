import { Field, ID, Int, ObjectType } from "type-graphql";
import type { OverdueSummaryView } from "../../services/learning/overdue-summaries";
import { Connection } from "../common/connection";
import { ListOf } from "../common/cost";
import { LocalDate } from "../common/scalars";

@ObjectType("OverdueActionItem", { description: "An overdue action, as the daily check found it." })
export class OverdueActionItemType {
  @Field(() => ID, { description: "The action's id." })
  id!: string;

  @Field(() => LocalDate, { name: "dueDate" })
  date!: string;
}

@ObjectType("RevisitDueItem", {
  description: "A recommendation whose revisit was due, as the daily check found it.",
})
export class RevisitDueItemType {
  @Field(() => ID, { description: "The recommendation's id." })
  id!: string;

  @Field(() => LocalDate, { name: "revisitOn" })
  date!: string;
}

@ObjectType("AuditDueItem", {
  description: "§13–14: the audit group's next meeting or exercise, falling due or overdue.",
})
export class AuditDueItemType {
  @Field(() => ID, { description: "`<kind>:<dueOn>`." })
  id!: string;

  @Field(() => String, { description: "MEETING or EXERCISE." })
  kind!: "MEETING" | "EXERCISE";

  @Field(() => LocalDate)
  dueOn!: string;

  @Field(() => Boolean)
  overdue!: boolean;
}

@ObjectType("OverdueSummary", {
  description: "What the daily overdue check found for one agency (or the board) on one day.",
})
export class OverdueSummaryType implements OverdueSummaryView {
  @Field(() => ID, { description: "Stable for the agency (or the board) and the day." })
  id!: string;

  @Field(() => ID, { nullable: true, description: "Null for the board's own work." })
  agencyId!: string | null;

  @Field(() => LocalDate)
  asOf!: string;

  @Field(() => Int)
  overdueActionCount!: number;

  @ListOf(100)
  @Field(() => [OverdueActionItemType], {
    description: "Up to 100 (bounded; the count has them all), most overdue first.",
  })
  overdueActions!: OverdueActionItemType[];

  @Field(() => Int)
  revisitDueCount!: number;

  @ListOf(100)
  @Field(() => [RevisitDueItemType], {
    description: "Up to 100 (bounded; the count has them all), longest due first.",
  })
  revisitsDue!: RevisitDueItemType[];

  @ListOf(2)
  @Field(() => [AuditDueItemType], {
    description:
      "§13–14, the board's summary: the audit group's meeting or exercise due within 14 days, or overdue.",
  })
  auditDue!: AuditDueItemType[];
}

export const OverdueSummaryConnection = Connection("OverdueSummary", OverdueSummaryType);
