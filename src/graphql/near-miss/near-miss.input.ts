import { Field, ID, InputType } from "type-graphql";
import type {
  EscalationDecisionInput,
  EscalationInput,
  EscalationStatus,
  ReflectionInput,
  ReflectionKind,
  ReportInput,
  ReportKind,
  ResponseInput,
} from "../../domain/near-misses";
import { MaxItems, Text } from "../common/input-limits";
import { VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";
import { EscalationStatusEnum, ReflectionKindEnum, ReportKindEnum } from "./near-miss.type";

@InputType("ReportNearMissInput")
export class ReportNearMissInput implements ReportInput {
  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  occurredOn!: string;

  @Text(5000, { description: "What happened (name no one you do not need to)." })
  summary!: string;

  @Field(() => Boolean, {
    description: "§7: true stores no identity of yours anywhere; follow the report by its receipt.",
  })
  anonymous!: boolean;
}
export type _R = Assert<SameFields<ReportNearMissInput, ReportInput>>;

@InputType("RespondToNearMissInput")
export class RespondToNearMissInput extends VersionedRef implements ResponseInput {
  @Field(() => Boolean, {
    description: "§15: whether it falls within your near-miss arrangements.",
  })
  withinArrangements!: boolean;

  @Text(5000)
  response!: string;

  @Text(5000, { nullable: true, description: "§15: how the learning was used." })
  learningUsed?: string | null;

  @Field(() => LocalDate, { description: "On or after the report, not in the future." })
  respondedOn!: string;
}

@InputType("EscalateNearMissInput")
export class EscalateNearMissInput extends VersionedRef implements EscalationInput {
  @Text(5000, { description: "What the board is told (the report stays with the agency)." })
  summary!: string;

  @Text(5000)
  reason!: string;

  @Field(() => LocalDate, { description: "On or after the report, not in the future." })
  escalatedOn!: string;
}

@InputType("DecideEscalationInput")
export class DecideEscalationInput extends VersionedRef implements EscalationDecisionInput {
  @Field(() => EscalationStatusEnum, { description: "REVIEW_COMMISSIONED or DECLINED." })
  status!: EscalationStatus;

  @Text(5000)
  note!: string;

  @Field(() => LocalDate, { description: "On or after the escalation, not in the future." })
  decidedOn!: string;

  @Field(() => ID, { nullable: true, description: "The business-plan priority it serves." })
  businessPriorityId?: string | null;
}

@InputType("EscalationFilterInput")
export class EscalationFilterInput {
  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => EscalationStatusEnum, { nullable: true })
  status?: EscalationStatus | null;
}

@InputType("RecordReflectionInput")
export class RecordReflectionInput implements ReflectionInput {
  @Field(() => ReflectionKindEnum)
  kind!: ReflectionKind;

  @Text(500)
  theme!: string;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  heldOn!: string;

  @Field(() => [ID], { description: "Agencies that took part (1 to 30)." })
  @MaxItems(30)
  agencyIds!: string[];

  @Text(5000)
  learned!: string;

  @Text(5000, { nullable: true })
  goodPractice?: string | null;
}
export type _F = Assert<SameFields<RecordReflectionInput, ReflectionInput>>;
