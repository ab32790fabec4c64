import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ActionStatus } from "../../domain/actions";
import type {
  ClockFigure,
  DashboardFigures,
  DashboardPeriod,
  EffectivenessFigure,
  OverdueCounts,
} from "../../domain/dashboard";
import type { ReportKind } from "../../domain/near-misses";
import type { Category, ClockName } from "../../domain/notifications";
import type { Rag } from "../../domain/rag";
import type { RecommendationStatus, SourceKind } from "../../domain/recommendations";
import type { ReviewOutcome } from "../../domain/review-decisions";
import type { ReviewKind } from "../../domain/review-kinds";
import type { ReviewStatus } from "../../domain/reviews";
import {
  ActionStatusEnum,
  asEnum,
  CategoryEnum,
  ClockNameEnum,
  RagEnum,
  RecommendationStatusEnum,
  ReviewKindEnum,
  ReviewOutcomeEnum,
  ReviewStatusEnum,
  SourceKindEnum,
} from "../common/enums";
import { Text } from "../common/input-limits";
import { ReportKindEnum } from "../near-miss/near-miss.type";

export const DashboardExportFormatEnum = asEnum(["CSV", "JSON"] as const);
registerEnumType(DashboardExportFormatEnum, {
  name: "DashboardExportFormat",
  description: "A file of the dashboard's figures for the annual report.",
});

@InputType("DashboardPeriodInput", {
  description: "Whole calendar months, both ends included: at most 24.",
})
export class DashboardPeriodInput implements DashboardPeriod {
  @Text(7, { description: "The first month, YYYY-MM." })
  from!: string;

  @Text(7, { description: "The last month, YYYY-MM (included)." })
  to!: string;
}

@ObjectType("DashboardCategoryCount")
export class DashboardCategoryCount {
  @Field(() => CategoryEnum)
  category!: Category;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardMonthCategoryCount")
export class DashboardMonthCategoryCount {
  @Field(() => String, { description: "YYYY-MM" })
  month!: string;
  @Field(() => CategoryEnum)
  category!: Category;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardNotifications")
export class DashboardNotifications {
  @Field(() => Int, { description: "Notifications submitted in the period (by submission month)." })
  total!: number;
  @Field(() => [DashboardCategoryCount], { description: "Every category, zeros included." })
  byCategory!: DashboardCategoryCount[];
  @Field(() => [DashboardMonthCategoryCount], {
    description: "Every month of the period by every category, zeros included.",
  })
  byMonth!: DashboardMonthCategoryCount[];
}

@ObjectType("DashboardOutcomeCount")
export class DashboardOutcomeCount {
  @Field(() => ReviewOutcomeEnum)
  outcome!: ReviewOutcome;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardClock", {
  description: "A statutory clock over the notifications submitted in the period.",
})
export class DashboardClock implements ClockFigure {
  @Field(() => ClockNameEnum)
  clock!: ClockName;
  @Field(() => Int)
  metOnTime!: number;
  @Field(() => Int)
  metLate!: number;
  @Field(() => Int, { description: "Not met, the due date before asOf." })
  overdue!: number;
  @Field(() => Int)
  notYetDue!: number;
  @Field(() => Float, {
    nullable: true,
    description: "metOnTime / (metOnTime + metLate + overdue), 0–1; null when all are 0.",
  })
  shareOnTime!: number | null;
}

@ObjectType("DashboardDecisions")
export class DashboardDecisions {
  @Field(() => Int, { description: "§18: the Chair's decisions recorded in the period." })
  total!: number;
  @Field(() => [DashboardOutcomeCount], { description: "Every outcome, zeros included." })
  byOutcome!: DashboardOutcomeCount[];
  @Field(() => Float, {
    nullable: true,
    description: "Median working days from the notification's submission to the decision.",
  })
  medianWorkingDaysToDecision!: number | null;
  @Field(() => Int, { description: "Decisions recorded on or before the rapid-review due date." })
  withinRapidReviewClock!: number;
  @Field(() => Float, { nullable: true, description: "0–1; null when there are no decisions." })
  shareWithinRapidReviewClock!: number | null;
  @Field(() => [DashboardClock])
  clocks!: DashboardClock[];
}

@ObjectType("DashboardReviewCount")
export class DashboardReviewCount {
  @Field(() => ReviewKindEnum)
  kind!: ReviewKind;
  @Field(() => ReviewStatusEnum)
  status!: ReviewStatus;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardReviews")
export class DashboardReviews {
  @Field(() => Int, { description: "Reviews commissioned in the period." })
  total!: number;
  @Field(() => [DashboardReviewCount], { description: "Non-zero rows only." })
  byKindAndStatus!: DashboardReviewCount[];
  @Field(() => Int, { description: "As of the latest daily overdue check (overdue.asOf)." })
  overdueMilestones!: number;
  @Field(() => Int, { description: "As of the latest daily overdue check (overdue.asOf)." })
  pastTargetDate!: number;
}

@ObjectType("DashboardAgencyContributions", {
  description: "§28: contributions asked of one agency in the period.",
})
export class DashboardAgencyContributions {
  @Field(() => ID)
  agencyId!: string;
  @Field(() => Int)
  requested!: number;
  @Field(() => Int, { description: "Still REQUESTED or RETURNED_WITH_QUESTIONS." })
  outstanding!: number;
  @Field(() => Int, { description: "Outstanding and due before asOf." })
  late!: number;
}

@ObjectType("DashboardRecommendationStatusCount")
export class DashboardRecommendationStatusCount {
  @Field(() => RecommendationStatusEnum)
  status!: RecommendationStatus;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardRecommendationAgencyCount")
export class DashboardRecommendationAgencyCount {
  @Field(() => ID, { nullable: true, description: "The owning agency; null: the board." })
  agencyId!: string | null;
  @Field(() => RecommendationStatusEnum)
  status!: RecommendationStatus;
  @Field(() => RagEnum)
  rag!: Rag;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardRecommendations")
export class DashboardRecommendations {
  @Field(() => Int, { description: "Recommendations made in the period." })
  total!: number;
  @Field(() => [DashboardRecommendationStatusCount], {
    description: "Every status, zeros included.",
  })
  byStatus!: DashboardRecommendationStatusCount[];
  @Field(() => [DashboardRecommendationAgencyCount], {
    description:
      "Per owner, status and RAG as of asOf; non-zero rows; rejected ones have no RAG and are left out.",
  })
  byAgency!: DashboardRecommendationAgencyCount[];
}

@ObjectType("DashboardActionStatusCount")
export class DashboardActionStatusCount {
  @Field(() => ActionStatusEnum)
  status!: ActionStatus;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardActionAgencyCount")
export class DashboardActionAgencyCount {
  @Field(() => ID, { nullable: true, description: "The owning agency; null: the board." })
  agencyId!: string | null;
  @Field(() => ActionStatusEnum)
  status!: ActionStatus;
  @Field(() => RagEnum)
  rag!: Rag;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardActions")
export class DashboardActions {
  @Field(() => Int, { description: "Actions created in the period." })
  total!: number;
  @Field(() => [DashboardActionStatusCount], { description: "Every status, zeros included." })
  byStatus!: DashboardActionStatusCount[];
  @Field(() => [DashboardActionAgencyCount], {
    description:
      "Per owner, status and RAG as of asOf; non-zero rows; cancelled ones have no RAG and are left out.",
  })
  byAgency!: DashboardActionAgencyCount[];
}

@ObjectType("DashboardOverdue", {
  description:
    "What the latest daily overdue check found (§35–36): today's figures, not the period's.",
})
export class DashboardOverdue implements OverdueCounts {
  @Field(() => String, { nullable: true, description: "The check's day; null before the first." })
  asOf!: string | null;
  @Field(() => Int)
  actions!: number;
  @Field(() => Int)
  contributions!: number;
  @Field(() => Int)
  milestones!: number;
  @Field(() => Int)
  reviewsPastTarget!: number;
  @Field(() => Int)
  revisitsDue!: number;
  @Field(() => Int)
  reconsidersDue!: number;
}

@ObjectType("DashboardAudit", {
  description:
    "§13–14: the audit group's cadence over the period (partnership-wide in every view).",
})
export class DashboardAudit {
  @Field(() => Int)
  meetings!: number;
  @Field(() => [String])
  meetingDates!: string[];
  @Field(() => Int, {
    nullable: true,
    description:
      "The longest gap in days between the period's start, each meeting and its end (or today).",
  })
  longestGapDays!: number | null;
  @Field(() => Int, { description: "Gaps longer than three calendar months." })
  gapsOverThreeMonths!: number;
  @Field(() => Int, { description: "Substantial exercises started in the period." })
  exercises!: number;
  @Field(() => Int, { description: "Three a year, pro rata to the period's months (rounded up)." })
  exercisesExpected!: number;
}

@ObjectType("DashboardReportCount", {
  description: "§7, §15: reports received by an agency in the period (never who reported).",
})
export class DashboardReportCount {
  @Field(() => ID)
  agencyId!: string;
  @Field(() => ReportKindEnum)
  kind!: ReportKind;
  @Field(() => Int)
  count!: number;
}

@ObjectType("DashboardNationalReviews", {
  description: "§16: national reviews (partnership-wide in every view).",
})
export class DashboardNationalReviews {
  @Field(() => Int, { description: "Relevance decisions recorded in the period." })
  considered!: number;
  @Field(() => Int)
  relevant!: number;
  @Field(() => Int)
  challengeSessions!: number;
  @Field(() => Int)
  gapsFound!: number;
}

@ObjectType("DashboardEffectiveness", {
  description:
    "§37: one kind of learning, over the recommendations made in the period (rejected ones left out).",
})
export class DashboardEffectiveness implements EffectivenessFigure {
  @Field(() => SourceKindEnum)
  sourceKind!: SourceKind;
  @Field(() => Int)
  recommendations!: number;
  @Field(() => Int)
  onTime!: number;
  @Field(() => Int)
  late!: number;
  @Field(() => Int)
  notYetDue!: number;
  @Field(() => Float, { nullable: true })
  implementedOnTimeShare!: number | null;
  @Field(() => Float, { nullable: true })
  evidencedImpactShare!: number | null;
  @Field(() => Float, { nullable: true })
  medianDaysToImplementation!: number | null;
}

@ObjectType("BoardDashboard", {
  description:
    "§37, §12, §35: how the framework is working over a period, for the whole partnership or one agency. Counts only: no personal data.",
})
export class BoardDashboardType implements Omit<DashboardFigures, "months"> {
  @Field(() => ID, { description: "dashboard:<ALL or agency id>:<from>:<to>" })
  id!: string;
  @Field(() => String)
  from!: string;
  @Field(() => String)
  to!: string;
  @Field(() => [String], { description: "Every month of the period, YYYY-MM." })
  months!: string[];
  @Field(() => ID, { nullable: true, description: "Null: the whole partnership." })
  agencyId!: string | null;
  @Field(() => String, { description: "The day RAG ratings and lateness are reckoned on." })
  asOf!: string;
  @Field(() => Int, {
    description:
      "Records of the period the counters could not take (a month's counters at DynamoDB's item size limit): 0 when every figure is exact.",
  })
  uncountedRecords!: number;
  @Field(() => DashboardNotifications)
  notifications!: DashboardNotifications;
  @Field(() => DashboardDecisions)
  decisions!: DashboardDecisions;
  @Field(() => DashboardReviews)
  reviews!: DashboardReviews;
  @Field(() => [DashboardAgencyContributions])
  contributions!: DashboardAgencyContributions[];
  @Field(() => DashboardRecommendations)
  recommendations!: DashboardRecommendations;
  @Field(() => DashboardActions)
  actions!: DashboardActions;
  @Field(() => DashboardOverdue)
  overdue!: DashboardOverdue;
  @Field(() => DashboardAudit)
  audit!: DashboardAudit;
  @Field(() => [DashboardReportCount])
  reports!: DashboardReportCount[];
  @Field(() => DashboardNationalReviews)
  nationalReviews!: DashboardNationalReviews;
  @Field(() => [DashboardEffectiveness])
  effectiveness!: DashboardEffectiveness[];
}

@ObjectType("DashboardExport", { description: "The period's figures as a file." })
export class DashboardExportType {
  @Field(() => ID)
  id!: string;
  @Field(() => String)
  filename!: string;
  @Field(() => String)
  contentType!: string;
  @Field(() => String)
  content!: string;
}
