import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import {
  type AgencyAudit,
  type AuditExercise,
  type AuditGroupMeeting,
  type AuditGroupMember,
  type ExerciseCase,
  MAX_ATTENDANCE,
  MAX_AUDIT_ENTRIES,
  MAX_AUDIT_MEMBERS,
  MAX_CASES_REVIEWED,
  MAX_EXERCISE_CASES,
  MAX_FINDINGS,
  MAX_RATINGS,
  type StandardRating,
} from "../../domain/audits";
import { agenciesByIds, agencyRef } from "../../services/agencies";
import {
  addAuditGroupMember,
  addExerciseFinding,
  attendanceOf,
  auditEntriesOf,
  auditGroupComplianceView,
  auditGroupMembers,
  auditGroupRef,
  casesReviewedOf,
  completeAuditExercise,
  createAgencyAudit,
  createAuditExercise,
  createPriority,
  createSection11Standard,
  exerciseCasesOf,
  exerciseFindingsOf,
  getAgencyAudit,
  getExercise,
  getPriority,
  listAgencyAudits,
  listExercises,
  listMeetings,
  listPriorities,
  listSection11Standards,
  priorityRef,
  providerAgenciesWithoutMember,
  rateSection11Standard,
  ratingsOf,
  recordAgencyAuditEntry,
  recordAuditMeeting,
  standardRef,
} from "../../services/audits";
import { AgencyType } from "../agency/agency.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import {
  AddAuditFindingInput,
  AddAuditGroupMemberInput,
  AgencyAuditFilterInput,
  CompleteAuditExerciseInput,
  CreateAgencyAuditInput,
  CreateAuditExerciseInput,
  CreateBusinessPriorityInput,
  CreateSection11StandardInput,
  MeetingFilterInput,
  RateSection11StandardInput,
  RecordAgencyAuditEntryInput,
  RecordAuditGroupMeetingInput,
} from "./audit.input";
import {
  AgencyAuditConnection,
  AgencyAuditType,
  AttendanceType,
  AuditComplianceType,
  AuditEntryType,
  AuditExerciseConnection,
  AuditExerciseType,
  AuditFindingType,
  AuditGroupMeetingConnection,
  AuditGroupMeetingType,
  AuditGroupMemberType,
  AuditGroupType,
  BusinessPriorityConnection,
  BusinessPriorityType,
  ExerciseCaseType,
  Section11StandardConnection,
  Section11StandardType,
  StandardRatingType,
} from "./audit.type";

@Resolver(() => BusinessPriorityType)
export class BusinessPriorityResolver {
  @Query(() => BusinessPriorityConnection, {
    description: "The business plan's priorities, newest first.",
  })
  async businessPriorities(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listPriorities(ctx, first, after));
  }

  @Query(() => BusinessPriorityType, { nullable: true })
  businessPriority(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getPriority(ctx, id));
  }

  @Mutation(() => BusinessPriorityType, { description: "The business unit." })
  createBusinessPriority(
    @Arg("input", () => CreateBusinessPriorityInput) input: CreateBusinessPriorityInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createPriority(ctx, input, key);
  }
}

@Resolver(() => AuditGroupType)
export class AuditGroupResolver {
  @Query(() => AuditGroupType, { description: "§13–14: the board's roles and the audit group." })
  auditGroup(@Ctx() ctx: GraphQLContext) {
    return auditGroupRef(ctx);
  }

  @ListOf(MAX_AUDIT_MEMBERS)
  @FieldResolver(() => [AuditGroupMemberType], {
    description: `Oldest first; at most ${MAX_AUDIT_MEMBERS}.`,
  })
  members(@Ctx() ctx: GraphQLContext) {
    return auditGroupMembers(ctx);
  }

  @ListOf(100)
  @FieldResolver(() => [AgencyType], {
    description: "§14: provider agencies with no current member (membership is drawn from all).",
  })
  providerAgenciesWithoutMember(@Ctx() ctx: GraphQLContext) {
    return providerAgenciesWithoutMember(ctx);
  }

  @Query(() => AuditComplianceType, {
    description:
      "§13–14: breaches of the audit group's cadences in a framework year (default: this one), computed from dates.",
  })
  auditGroupCompliance(
    @Arg("year", () => Int, { nullable: true, description: "The year the period starts (April)." })
    year: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return auditGroupComplianceView(ctx, year);
  }

  @Mutation(() => AuditGroupMemberType, {
    description: "§14: the audit group or the business unit.",
  })
  addAuditGroupMember(
    @Arg("input", () => AddAuditGroupMemberInput) input: AddAuditGroupMemberInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return addAuditGroupMember(ctx, input);
  }
}

@Resolver(() => AuditGroupMemberType)
export class AuditGroupMemberResolver {
  @FieldResolver(() => AgencyType, {
    nullable: true,
    description: "Null for the independent chair.",
  })
  agency(@Root() m: AuditGroupMember, @Ctx() ctx: GraphQLContext) {
    return m.agencyId ? agencyRef(ctx, m.agencyId) : null;
  }
}

@Resolver(() => AuditGroupMeetingType)
export class AuditGroupMeetingResolver {
  @Query(() => AuditGroupMeetingConnection, { description: "§14: newest first." })
  async auditGroupMeetings(
    @Arg("filter", () => MeetingFilterInput, { nullable: true }) filter: MeetingFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listMeetings(ctx, filter ?? {}, first, after));
  }

  @Mutation(() => AuditGroupMeetingType, {
    description: "§14: the audit group or the business unit.",
  })
  recordAuditGroupMeeting(
    @Arg("input", () => RecordAuditGroupMeetingInput) input: RecordAuditGroupMeetingInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordAuditMeeting(ctx, input, key);
  }

  @ListOf(MAX_ATTENDANCE)
  @FieldResolver(() => [AttendanceType])
  attendance(@Root() m: AuditGroupMeeting, @Ctx() ctx: GraphQLContext) {
    return attendanceOf(ctx, m);
  }

  @ListOf(MAX_CASES_REVIEWED)
  @FieldResolver(() => [ID], { description: "Cases whose records were reviewed." })
  async caseIdsReviewed(@Root() m: AuditGroupMeeting, @Ctx() ctx: GraphQLContext) {
    return (await casesReviewedOf(ctx, m)).map((c) => c.caseId);
  }
}

@Resolver(() => AuditExerciseType)
export class AuditExerciseResolver {
  @Query(() => AuditExerciseConnection, { description: "§13: newest first." })
  async auditExercises(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listExercises(ctx, first, after));
  }

  @Query(() => AuditExerciseType, { nullable: true })
  auditExercise(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getExercise(ctx, id));
  }

  @Mutation(() => AuditExerciseType, { description: "§13: the audit group or the business unit." })
  createAuditExercise(
    @Arg("input", () => CreateAuditExerciseInput) input: CreateAuditExerciseInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createAuditExercise(ctx, input, key);
  }

  @Mutation(() => AuditExerciseType, { description: `§13: at most ${MAX_FINDINGS} findings.` })
  addAuditFinding(
    @Arg("input", () => AddAuditFindingInput) input: AddAuditFindingInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return addExerciseFinding(ctx, input.id, input.text);
  }

  @Mutation(() => AuditExerciseType)
  completeAuditExercise(
    @Arg("input", () => CompleteAuditExerciseInput) input: CompleteAuditExerciseInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return completeAuditExercise(ctx, input.id, input.expectedVersion, input.completedOn);
  }

  @FieldResolver(() => BusinessPriorityType, {
    nullable: true,
    description: "The business-plan priority it serves.",
  })
  businessPriority(@Root() e: AuditExercise, @Ctx() ctx: GraphQLContext) {
    return priorityRef(ctx, e.businessPriorityId);
  }

  @ListOf(MAX_EXERCISE_CASES)
  @FieldResolver(() => [ExerciseCaseType])
  cases(@Root() e: AuditExercise, @Ctx() ctx: GraphQLContext) {
    return exerciseCasesOf(ctx, e);
  }

  @ListOf(MAX_FINDINGS)
  @FieldResolver(() => [AuditFindingType])
  findings(@Root() e: AuditExercise, @Ctx() ctx: GraphQLContext) {
    return exerciseFindingsOf(ctx, e);
  }
}

@Resolver(() => ExerciseCaseType)
export class ExerciseCaseResolver {
  @ListOf(30)
  @FieldResolver(() => [AgencyType], { description: "Agencies whose records were reviewed." })
  agencies(@Root() c: ExerciseCase, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, c.agencyIds);
  }
}

@Resolver(() => AgencyAuditType)
export class AgencyAuditResolver {
  @Query(() => AgencyAuditConnection, {
    description:
      "§11–12: an agency's own; the board's core roles and the audit group: all. Newest first.",
  })
  async agencyAudits(
    @Arg("filter", () => AgencyAuditFilterInput, { nullable: true })
    filter: AgencyAuditFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listAgencyAudits(ctx, filter ?? {}, first, after));
  }

  @Query(() => AgencyAuditType, { nullable: true, description: "Null when not yours to see." })
  agencyAudit(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getAgencyAudit(ctx, id));
  }

  @Mutation(() => AgencyAuditType, { description: "§11: the agency's lead or partner system." })
  createAgencyAudit(
    @Arg("input", () => CreateAgencyAuditInput) input: CreateAgencyAuditInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createAgencyAudit(ctx, input, key);
  }

  @Mutation(() => AgencyAuditType, { description: `§12: at most ${MAX_AUDIT_ENTRIES} entries.` })
  recordAgencyAuditEntry(
    @Arg("input", () => RecordAgencyAuditEntryInput) input: RecordAgencyAuditEntryInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return recordAgencyAuditEntry(ctx, id, fields);
  }

  @Mutation(() => AgencyAuditType, { description: `Section 11: at most ${MAX_RATINGS} ratings.` })
  rateSection11Standard(
    @Arg("input", () => RateSection11StandardInput) input: RateSection11StandardInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, ...fields } = input;
    return rateSection11Standard(ctx, id, fields);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() a: AgencyAudit, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, a.agencyId);
  }

  @FieldResolver(() => BusinessPriorityType, {
    nullable: true,
    description: "The business-plan priority it serves.",
  })
  businessPriority(@Root() a: AgencyAudit, @Ctx() ctx: GraphQLContext) {
    return priorityRef(ctx, a.businessPriorityId);
  }

  @ListOf(MAX_AUDIT_ENTRIES)
  @FieldResolver(() => [AuditEntryType], { description: "Oldest first." })
  entries(@Root() a: AgencyAudit, @Ctx() ctx: GraphQLContext) {
    return auditEntriesOf(ctx, a);
  }

  @ListOf(MAX_RATINGS)
  @FieldResolver(() => [StandardRatingType], { description: "Oldest first." })
  ratings(@Root() a: AgencyAudit, @Ctx() ctx: GraphQLContext) {
    return ratingsOf(ctx, a);
  }
}

@Resolver(() => Section11StandardType)
export class Section11StandardResolver {
  @Query(() => Section11StandardConnection, { description: "By number." })
  async section11Standards(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listSection11Standards(ctx, first, after));
  }

  @Mutation(() => Section11StandardType, { description: "The business unit." })
  createSection11Standard(
    @Arg("input", () => CreateSection11StandardInput) input: CreateSection11StandardInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return createSection11Standard(ctx, input, key);
  }
}

@Resolver(() => StandardRatingType)
export class StandardRatingResolver {
  @FieldResolver(() => Section11StandardType, { nullable: true })
  standard(@Root() r: StandardRating, @Ctx() ctx: GraphQLContext) {
    return standardRef(ctx, r.standardId);
  }
}

/** The audit module's resolvers. */
export const AUDIT_RESOLVERS = [
  BusinessPriorityResolver,
  AuditGroupResolver,
  AuditGroupMemberResolver,
  AuditGroupMeetingResolver,
  AuditExerciseResolver,
  ExerciseCaseResolver,
  AgencyAuditResolver,
  Section11StandardResolver,
  StandardRatingResolver,
] as const;
