import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  AGENCY_AUDIT_KINDS,
  type AgencyAudit,
  type AgencyAuditKind,
  type Attendance,
  AUDIT_ENTRY_KINDS,
  type AuditCompliance,
  type AuditEntry,
  type AuditEntryKind,
  type AuditExercise,
  type AuditFinding,
  type AuditGroupMeeting,
  type AuditGroupMember,
  BREACH_KINDS,
  type BreachKind,
  type BusinessPriority,
  type CadenceBreach,
  MEMBER_ROLES,
  type MemberRole,
  SECTION_11_RATINGS,
  type Section11Rating,
  type Section11Standard,
  type StandardRating,
} from "../../domain/audits";
import { Connection } from "../common/connection";
import { ListOf, Sized } from "../common/cost";
import { DateTime, LocalDate } from "../common/scalars";

const asEnum = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const MemberRoleEnum = asEnum(MEMBER_ROLES);
export const BreachKindEnum = asEnum(BREACH_KINDS);
export const AgencyAuditKindEnum = asEnum(AGENCY_AUDIT_KINDS);
export const AuditEntryKindEnum = asEnum(AUDIT_ENTRY_KINDS);
export const Section11RatingEnum = asEnum(SECTION_11_RATINGS);
registerEnumType(MemberRoleEnum, { name: "AuditGroupMemberRole" });
registerEnumType(BreachKindEnum, {
  name: "CadenceBreachKind",
  description:
    "§14: MEETING_GAP, more than three months between meetings; §13: EXERCISES_BEHIND_PACE, fewer than one substantial exercise per four months so far; EXERCISES_SHORT, fewer than three in the year.",
});
registerEnumType(AgencyAuditKindEnum, {
  name: "AgencyAuditKind",
  description: "§11: PLANNED, RESPONSIVE (to an incident or concern), SECTION_11 self-assessment.",
});
registerEnumType(AuditEntryKindEnum, {
  name: "AgencyAuditEntryKind",
  description:
    "§12: FINDING; LEARNING_REPORT (to the Executive: how the learning was used); CHALLENGE (the board's); RESPONSE (the agency's).",
});
registerEnumType(Section11RatingEnum, { name: "Section11Rating" });

@ObjectType("BusinessPriority", {
  description: "A strategic priority of the board's business plan.",
})
export class BusinessPriorityType implements Omit<BusinessPriority, "partnershipId" | "createdAt"> {
  @Field(() => ID)
  id!: string;

  @Sized(500)
  @Field(() => String)
  title!: string;

  @Field(() => LocalDate)
  periodFrom!: string;

  @Field(() => LocalDate)
  periodTo!: string;

  @Field(() => String)
  owner!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
export const BusinessPriorityConnection = Connection("BusinessPriority", BusinessPriorityType);

@ObjectType("AuditGroupMember", { description: "§14: a member of the multi-agency audit group." })
export class AuditGroupMemberType implements Omit<AuditGroupMember, "agencyId"> {
  @Field(() => ID, { description: "Stable within the partnership (`member-<n>`)." })
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => MemberRoleEnum)
  memberRole!: MemberRole;

  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate, { nullable: true })
  to!: string | null;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("AuditGroup", { description: "§13–14: the multi-agency audit group." })
export class AuditGroupType {
  @Field(() => ID, { description: "The partnership's id: one group per partnership." })
  id!: string;
}

@ObjectType("MeetingAttendance")
export class AttendanceType implements Attendance {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "The member's id." })
  memberId!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType("AuditGroupMeeting", { description: "§14: a meeting of the audit group (one a day)." })
export class AuditGroupMeetingType
  implements Omit<AuditGroupMeeting, "partnershipId" | "recordedBy" | "createdAt">
{
  @Field(() => ID, { description: "The meeting's date." })
  id!: string;

  @Field(() => LocalDate)
  heldOn!: string;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => Int)
  attendanceCount!: number;

  @Field(() => Int)
  caseReviewedCount!: number;
}
export const AuditGroupMeetingConnection = Connection("AuditGroupMeeting", AuditGroupMeetingType);

@ObjectType("AuditExerciseCase", {
  description: "§13: a case of the cluster, with the agencies whose records were reviewed.",
})
export class ExerciseCaseType {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  caseId!: string;
}

@ObjectType("AuditFinding")
export class AuditFindingType implements Omit<AuditFinding, "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Sized(5_000)
  @Field(() => String)
  text!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("AuditExercise", { description: "§13: a multi-agency audit of a cluster of cases." })
export class AuditExerciseType
  implements Omit<AuditExercise, "partnershipId" | "businessPriorityId" | "createdBy" | "createdAt">
{
  @Field(() => ID)
  id!: string;

  @Sized(500)
  @Field(() => String)
  theme!: string;

  @Field(() => Boolean, {
    description: "§13: counts towards the three substantial exercises a year.",
  })
  substantial!: boolean;

  @Field(() => LocalDate)
  startedOn!: string;

  @Field(() => LocalDate, { nullable: true })
  completedOn!: string | null;

  @Field(() => Int)
  caseCount!: number;

  @Field(() => Int)
  findingCount!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
export const AuditExerciseConnection = Connection("AuditExercise", AuditExerciseType);

@ObjectType("CadenceBreach", { description: "§13–14: a breach of the audit group's cadences." })
export class CadenceBreachType implements CadenceBreach {
  @Field(() => ID, { description: "`<kind>:<from>:<to>`." })
  id!: string;

  @Field(() => BreachKindEnum)
  kind!: BreachKind;

  @Field(() => LocalDate)
  from!: string;

  @Field(() => LocalDate)
  to!: string;

  @Field(() => String)
  detail!: string;
}

@ObjectType("AuditGroupCompliance", {
  description:
    "§13–14: computed from the meetings' and exercises' dates, for a framework year (April to March), as of today.",
})
export class AuditComplianceType implements AuditCompliance {
  @Field(() => ID, { description: "`<partnership>:<year>`." })
  id!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => LocalDate)
  periodFrom!: string;

  @Field(() => LocalDate)
  periodTo!: string;

  @Field(() => LocalDate)
  asOf!: string;

  @Field(() => Int)
  meetingsHeld!: number;

  @Field(() => LocalDate, { nullable: true })
  lastMeetingOn!: string | null;

  @Field(() => LocalDate, { description: "Three months after the last meeting." })
  nextMeetingDueOn!: string;

  @Field(() => Int, { description: "Counted up to three." })
  substantialExercisesCompleted!: number;

  @Field(() => LocalDate, { nullable: true })
  nextExerciseDueOn!: string | null;

  @ListOf(4)
  @Field(() => [CadenceBreachType], { description: "Empty when the group is compliant." })
  breaches!: CadenceBreachType[];
}

@ObjectType("Section11Standard", {
  description: "A Section 11 standard (the business unit's data).",
})
export class Section11StandardType
  implements Omit<Section11Standard, "partnershipId" | "createdAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  number!: number;

  @Sized(500)
  @Field(() => String)
  title!: string;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
export const Section11StandardConnection = Connection("Section11Standard", Section11StandardType);

@ObjectType("AgencyAuditEntry")
export class AuditEntryType implements Omit<AuditEntry, "recordedBy"> {
  @Field(() => ID)
  id!: string;

  @Field(() => AuditEntryKindEnum)
  kind!: AuditEntryKind;

  @Sized(5_000)
  @Field(() => String)
  text!: string;

  @Field(() => LocalDate)
  on!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("Section11StandardRating")
export class StandardRatingType implements Omit<StandardRating, "recordedBy" | "standardId"> {
  @Field(() => ID)
  id!: string;

  @Field(() => Section11RatingEnum)
  rating!: Section11Rating;

  @Sized(5_000)
  @Field(() => String)
  evidence!: string;

  @Field(() => DateTime)
  recordedAt!: string;
}

@ObjectType("AgencyAudit", {
  description: "§11–12: an agency's own audit or Section 11 self-assessment.",
})
export class AgencyAuditType
  implements
    Omit<
      AgencyAudit,
      "partnershipId" | "agencyId" | "businessPriorityId" | "createdBy" | "createdAt"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => AgencyAuditKindEnum)
  kind!: AgencyAuditKind;

  @Sized(500)
  @Field(() => String)
  title!: string;

  @Sized(5_000)
  @Field(() => String)
  scope!: string;

  @Sized(5_000)
  @Field(() => String, { nullable: true })
  trigger!: string | null;

  @Field(() => LocalDate)
  startedOn!: string;

  @Field(() => LocalDate, { nullable: true })
  completedOn!: string | null;

  @Field(() => Int)
  entryCount!: number;

  @Field(() => Int)
  ratingCount!: number;

  @Field(() => Int)
  version!: number;

  @Field(() => DateTime)
  updatedAt!: string;
}
export const AgencyAuditConnection = Connection("AgencyAudit", AgencyAuditType);
