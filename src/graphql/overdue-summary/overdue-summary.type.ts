import { Field, ID, Int, ObjectType } from "type-graphql";
import type { OverdueSummaryView } from "../../services/learning/overdue-summaries";
import { Connection } from "../common/connection";
import { ListOf } from "../common/cost";
import { LocalDate } from "../common/scalars";

@ObjectType("OverdueActionItem", { description: "An overdue action, as the daily check found it." })
export class OverdueActionItemType {
  @Field(() => ID, {
    description:
      "This item of this summary (the summary's id and the action's): each summary keeps what it found that day.",
  })
  id!: string;

  @Field(() => ID, { description: "The action's id (see `action`)." })
  actionId!: string;

  @Field(() => LocalDate, { name: "dueDate" })
  date!: string;
}

@ObjectType("RevisitDueItem", {
  description: "A recommendation whose revisit was due, as the daily check found it.",
})
export class RevisitDueItemType {
  @Field(() => ID, {
    description:
      "This item of this summary (the summary's id and the recommendation's): each summary keeps what it found that day.",
  })
  id!: string;

  @Field(() => ID, { description: "The recommendation's id (see `recommendation`)." })
  recommendationId!: string;

  @Field(() => LocalDate, { name: "revisitOn" })
  date!: string;
}

@ObjectType("LateContributionItem", {
  description: "§28: a contribution owed past its due date, as the daily check found it.",
})
export class LateContributionItemType {
  @Field(() => ID, {
    description:
      "This item of this summary (the summary's id and the contribution's): each summary keeps what it found that day.",
  })
  id!: string;

  @Field(() => ID, { description: "The contribution's id (see `contribution`)." })
  contributionId!: string;

  @Field(() => LocalDate, { name: "dueDate" })
  date!: string;
}

@ObjectType("LateMilestoneItem", {
  description: "A review milestone past its due date, as the daily check found it.",
})
export class LateMilestoneItemType {
  @Field(() => ID, {
    description:
      "This item of this summary (the summary's id and the milestone's): each summary keeps what it found that day.",
  })
  id!: string;

  @Field(() => ID, { description: "The milestone's id (see `milestone`)." })
  milestoneId!: string;

  @Field(() => LocalDate, { name: "dueDate" })
  date!: string;
}

@ObjectType("ReviewPastTargetItem", {
  description:
    "A review past its target date without an accepted report, as the daily check found it.",
})
export class ReviewPastTargetItemType {
  @Field(() => ID, {
    description:
      "This item of this summary (the summary's id and the review's): each summary keeps what it found that day.",
  })
  id!: string;

  @Field(() => ID, { description: "The review's id (see `review`)." })
  reviewId!: string;

  @Field(() => LocalDate, { name: "targetDate" })
  date!: string;
}

@ObjectType("ReconsiderDueItem", {
  description:
    "§33: a delayed publication whose date to reconsider passed, as the daily check found it.",
})
export class ReconsiderDueItemType {
  @Field(() => ID, {
    description:
      "This item of this summary (the summary's id and the review's): each summary keeps what it found that day.",
  })
  id!: string;

  @Field(() => ID, { description: "The review's id (see `review`)." })
  reviewId!: string;

  @Field(() => LocalDate, { name: "reconsiderOn" })
  date!: string;
}

@ObjectType("AuditDueItem", {
  description: "§13–14: the audit group's next meeting or exercise, falling due or overdue.",
})
export class AuditDueItemType {
  @Field(() => ID, {
    description: "This item of this summary: the summary's id, the kind and the date due.",
  })
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

  @Field(() => Int, { description: "§28: contributions the agency owes past their due date." })
  lateContributionCount!: number;

  @ListOf(100)
  @Field(() => [LateContributionItemType], {
    description: "Up to 100 (bounded; the count has them all), most overdue first.",
  })
  lateContributions!: LateContributionItemType[];

  @Field(() => Int, { description: "The board's summary: review milestones late." })
  lateMilestoneCount!: number;

  @ListOf(100)
  @Field(() => [LateMilestoneItemType], {
    description: "Up to 100 (bounded; the count has them all), most overdue first.",
  })
  lateMilestones!: LateMilestoneItemType[];

  @Field(() => Int, { description: "The board's summary: reviews past their target." })
  reviewPastTargetCount!: number;

  @ListOf(100)
  @Field(() => [ReviewPastTargetItemType], {
    description: "Up to 100 (bounded; the count has them all), most overdue first.",
  })
  reviewsPastTarget!: ReviewPastTargetItemType[];

  @Field(() => Int, {
    description: "The board's summary: §33 delayed publications whose date to reconsider passed.",
  })
  reconsiderDueCount!: number;

  @ListOf(100)
  @Field(() => [ReconsiderDueItemType], {
    description: "Up to 100 (bounded; the count has them all), longest due first.",
  })
  reconsidersDue!: ReconsiderDueItemType[];
  @ListOf(2)
  @Field(() => [AuditDueItemType], {
    description:
      "§13–14, the board's summary: the audit group's meeting or exercise due within 14 days, or overdue.",
  })
  auditDue!: AuditDueItemType[];
}

export const OverdueSummaryConnection = Connection("OverdueSummary", OverdueSummaryType);
