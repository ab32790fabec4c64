import { Field, ID, InputType, Int } from "type-graphql";
import type {
  AgencyAuditInput,
  AgencyAuditKind,
  AuditEntryKind,
  ExerciseInput,
  MeetingInput,
  MemberInput,
  MemberRole,
  NewPriorityInput,
  Section11Rating,
} from "../../domain/audits";
import type { AgencyAuditFilter } from "../../services/audits";
import { MaxItems, Text } from "../common/input-limits";
import { RecordRef, VersionedRef } from "../common/refs.input";
import { LocalDate } from "../common/scalars";
import type { Assert, SameFields } from "../common/typing";
import {
  AgencyAuditKindEnum,
  AuditEntryKindEnum,
  MemberRoleEnum,
  Section11RatingEnum,
} from "./audit.type";

@InputType("CreateBusinessPriorityInput")
export class CreateBusinessPriorityInput implements NewPriorityInput {
  @Text(500)
  title!: string;

  @Field(() => LocalDate, { description: "From 2000-01-01, at most 10 years ahead." })
  periodFrom!: string;

  @Field(() => LocalDate, { description: "On or after periodFrom, within three years of it." })
  periodTo!: string;

  @Text(500, { description: "Who on the board owns it." })
  owner!: string;
}
export type _P = Assert<SameFields<CreateBusinessPriorityInput, NewPriorityInput>>;

@InputType("AddAuditGroupMemberInput")
export class AddAuditGroupMemberInput implements MemberInput {
  @Text(200)
  name!: string;

  @Text(200, { nullable: true })
  jobTitle?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The provider agency; none for the independent chair (§14).",
  })
  agencyId?: string | null;

  @Field(() => MemberRoleEnum)
  memberRole!: MemberRole;

  @Field(() => LocalDate, { description: "From 2000-01-01, at most 10 years ahead." })
  from!: string;

  @Field(() => LocalDate, { nullable: true, description: "On or after `from`." })
  to?: string | null;
}
export type _M = Assert<SameFields<AddAuditGroupMemberInput, MemberInput>>;

@InputType("RecordAuditGroupMeetingInput")
export class RecordAuditGroupMeetingInput implements MeetingInput {
  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future; one meeting a day." })
  heldOn!: string;

  @Text(5000, { nullable: true })
  notes?: string | null;

  @Field(() => [ID], { description: "Members present (at most 50)." })
  @MaxItems(50)
  attendeeIds!: string[];

  @Field(() => [ID], { description: "Cases whose records were reviewed (at most 40)." })
  @MaxItems(40)
  caseIds!: string[];
}
export type _Mt = Assert<SameFields<RecordAuditGroupMeetingInput, MeetingInput>>;

@InputType("AuditExerciseCaseInput")
export class AuditExerciseCaseInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => [ID], { description: "Agencies whose records were reviewed (at most 30)." })
  @MaxItems(30)
  agencyIds!: string[];
}

@InputType("CreateAuditExerciseInput")
export class CreateAuditExerciseInput implements ExerciseInput {
  @Text(500)
  theme!: string;

  @Field(() => ID, { nullable: true, description: "The business-plan priority it serves." })
  businessPriorityId?: string | null;

  @Field(() => Boolean, { description: "§13: a substantial exercise." })
  substantial!: boolean;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  startedOn!: string;

  @Field(() => [AuditExerciseCaseInput], { description: "The cluster of cases (1 to 30)." })
  @MaxItems(30)
  cases!: AuditExerciseCaseInput[];
}
export type _E = Assert<SameFields<CreateAuditExerciseInput, ExerciseInput>>;

@InputType("AddAuditFindingInput", {
  description: "Takes no version: a finding overwrites nothing.",
})
export class AddAuditFindingInput extends RecordRef {
  @Text(5000)
  text!: string;
}

@InputType("CompleteAuditExerciseInput")
export class CompleteAuditExerciseInput extends VersionedRef {
  @Field(() => LocalDate, { description: "On or after it started, not in the future." })
  completedOn!: string;
}

@InputType("CreateAgencyAuditInput")
export class CreateAgencyAuditInput implements AgencyAuditInput {
  @Field(() => ID, { description: "Your own agency." })
  agencyId!: string;

  @Field(() => AgencyAuditKindEnum)
  kind!: AgencyAuditKind;

  @Text(500)
  title!: string;

  @Text(5000)
  scope!: string;

  @Text(5000, { nullable: true, description: "Required for a responsive audit (§11)." })
  trigger?: string | null;

  @Field(() => LocalDate, { description: "From 2000-01-01, not in the future." })
  startedOn!: string;

  @Field(() => LocalDate, {
    nullable: true,
    description: "On or after startedOn, not in the future.",
  })
  completedOn?: string | null;

  @Field(() => ID, { nullable: true })
  businessPriorityId?: string | null;
}
export type _A = Assert<SameFields<CreateAgencyAuditInput, AgencyAuditInput>>;

@InputType("AgencyAuditFilterInput")
export class AgencyAuditFilterInput implements AgencyAuditFilter {
  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => AgencyAuditKindEnum, { nullable: true })
  kind?: AgencyAuditKind | null;
}

@InputType("RecordAgencyAuditEntryInput", {
  description: "Takes no version: it overwrites nothing.",
})
export class RecordAgencyAuditEntryInput extends RecordRef {
  @Field(() => AuditEntryKindEnum, {
    description: "CHALLENGE: the board's core roles; the others: the agency's lead.",
  })
  kind!: AuditEntryKind;

  @Text(5000)
  text!: string;

  @Field(() => LocalDate, { description: "On or after the audit started, not in the future." })
  on!: string;
}

@InputType("RateSection11StandardInput")
export class RateSection11StandardInput extends RecordRef {
  @Field(() => ID)
  standardId!: string;

  @Field(() => Section11RatingEnum)
  rating!: Section11Rating;

  @Text(5000)
  evidence!: string;
}

@InputType("CreateSection11StandardInput")
export class CreateSection11StandardInput {
  @Field(() => Int, { description: "1 to 999." })
  number!: number;

  @Text(500)
  title!: string;

  @Text(5000, { nullable: true })
  description?: string | null;
}

@InputType("AuditGroupMeetingFilterInput")
export class MeetingFilterInput {
  @Field(() => LocalDate, { nullable: true })
  from?: string | null;

  @Field(() => LocalDate, { nullable: true })
  to?: string | null;
}
