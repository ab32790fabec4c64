import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  ESCALATION_STATUSES,
  type Escalation,
  type EscalationStatus,
  type NearMissReport,
  REFLECTION_KINDS,
  REPORT_KINDS,
  REPORT_STATUSES,
  type Reflection,
  type ReflectionKind,
  type ReportKind,
  type ReportStatus,
} from "../../domain/near-misses";
import { Connection } from "../common/connection";
import { ListOf, Sized } from "../common/cost";
import { DateTime, LocalDate } from "../common/scalars";

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ReportKindEnum = asEnum(REPORT_KINDS);
export const ReportStatusEnum = asEnum(REPORT_STATUSES);
export const EscalationStatusEnum = asEnum(ESCALATION_STATUSES);
export const ReflectionKindEnum = asEnum(REFLECTION_KINDS);
registerEnumType(ReportKindEnum, {
  name: "NearMissReportKind",
  description: "§7, §15, §2: a near miss, a concerning incident, or an example of good practice.",
});
registerEnumType(ReportStatusEnum, { name: "NearMissReportStatus" });
registerEnumType(EscalationStatusEnum, { name: "EscalationStatus" });
registerEnumType(ReflectionKindEnum, { name: "ReflectionKind" });

@ObjectType("NearMissReportStatusView", {
  description:
    "§7: what a reporter sees of their own report: where it stands and the agency's response.",
})
export class ReportStatusType
  implements
    Pick<
      NearMissReport,
      "id" | "kind" | "status" | "reportedOn" | "withinArrangements" | "response" | "respondedOn"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => ReportStatusEnum)
  status!: ReportStatus;

  @Field(() => LocalDate)
  reportedOn!: string;

  @Field(() => Boolean, { nullable: true })
  withinArrangements!: boolean | null;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  response!: string | null;

  @Field(() => LocalDate, { nullable: true })
  respondedOn!: string | null;
}

@ObjectType("NearMissReport", {
  description:
    "§7, §15: a near miss, concerning incident or good practice, as its agency's safeguarding lead sees it.",
})
export class NearMissReportType
  implements
    Omit<
      NearMissReport,
      | "partnershipId"
      | "agencyId"
      | "reporterId"
      | "receiptHash"
      | "escalationId"
      | "createdAt"
      | "updatedAt"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => LocalDate)
  occurredOn!: string;

  @Field(() => LocalDate)
  reportedOn!: string;

  @Sized(5_000)
  @Field(() => String)
  summary!: string;

  @Field(() => Boolean, { description: "§7: no reporter is recorded." })
  anonymous!: boolean;

  @Field(() => ReportStatusEnum)
  status!: ReportStatus;

  @Field(() => Boolean, { nullable: true, description: "§15: the agency's decision." })
  withinArrangements!: boolean | null;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  response!: string | null;

  @Sized(5_000)
  @Field(() => String, { nullable: true, description: "§15: how the learning was used." })
  learningUsed!: string | null;

  @Field(() => LocalDate, { nullable: true })
  respondedOn!: string | null;

  @Field(() => Int)
  version!: number;
}
export const NearMissReportConnection = Connection("NearMissReport", NearMissReportType);

@ObjectType("NearMissReceipt", { description: "What the reporter is given." })
export class ReportReceiptType {
  @Field(() => ID, { description: "The report's id." })
  id!: string;

  @Field(() => ReportStatusType)
  status!: ReportStatusType;

  @Field(() => String, {
    nullable: true,
    description:
      "Keep it: the only way to follow an anonymous report (pass it to nearMissReportStatus). Shown once; null when a retried request returns the first report.",
  })
  receipt!: string | null;
}

@ObjectType("Escalation", {
  description: "§24 I: a report an agency referred to the board as a possible review.",
})
export class EscalationType
  implements Omit<Escalation, "partnershipId" | "agencyId" | "businessPriorityId" | "createdAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The report it came from (readable by the agency's lead only)." })
  reportId!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Sized(5_000)
  @Field(() => String)
  summary!: string;

  @Sized(5_000)
  @Field(() => String)
  reason!: string;

  @Field(() => LocalDate)
  escalatedOn!: string;

  @Field(() => EscalationStatusEnum)
  status!: EscalationStatus;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  boardNote!: string | null;

  @Field(() => LocalDate, { nullable: true })
  decidedOn!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The review commissioned to answer it (§24 I; see `review`).",
  })
  reviewId!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
export const EscalationConnection = Connection("Escalation", EscalationType);

@ObjectType("NearMissReportCount", {
  description: "§15: reports of one kind from one agency in a month (never the reports).",
})
export class ReportCountType {
  @Field(() => ID, { description: "`<month>:<agency>:<kind>`." })
  id!: string;

  @Field(() => String, { description: "YYYY-MM." })
  month!: string;

  @Field(() => ID)
  agencyId!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType("NearMissCounts", {
  description: "§15: the board's figures for a range of months (never the reports or reporters).",
})
export class NearMissCountsType {
  @Field(() => ID, { description: "`<fromMonth>:<toMonth>`." })
  id!: string;

  @Field(() => String)
  fromMonth!: string;

  @Field(() => String)
  toMonth!: string;

  @ListOf(1_200)
  @Field(() => [ReportCountType], {
    description: "By month, agency and kind; a month with no report of a kind has none.",
  })
  counts!: ReportCountType[];
}

@ObjectType("Reflection", {
  description: "§9–10: learning from supervision or reflective discussion.",
})
export class ReflectionType
  implements Omit<Reflection, "partnershipId" | "agencyIds" | "recordedBy" | "createdAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => ReflectionKindEnum)
  kind!: ReflectionKind;

  @Sized(500)
  @Field(() => String)
  theme!: string;

  @Field(() => LocalDate)
  heldOn!: string;

  @Sized(5_000)
  @Field(() => String)
  learned!: string;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  goodPractice!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
export const ReflectionConnection = Connection("Reflection", ReflectionType);
