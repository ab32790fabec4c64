import type { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { MAX_AGENCIES_PER_CASE } from "../../domain/cases";
import { ValidationError } from "../../domain/errors";
import type { Escalation, NearMissReport, Reflection, ReportCount } from "../../domain/near-misses";
import { agenciesByIds, agencyRef } from "../../services/agencies";
import { priorityRef } from "../../services/audits";
import {
  decideEscalationFor,
  escalateNearMiss,
  escalationOf,
  getEscalation,
  getNearMissReport,
  getReflection,
  listEscalations,
  listNearMissReports,
  listReflections,
  nearMissCounts,
  recordReflection,
  reporterOf,
  reportNearMiss,
  reportStatus,
  respondToNearMiss,
} from "../../services/near-misses";
import { personRef } from "../../services/people";
import { getReview } from "../../services/reviews/reviews";
import { AgencyType } from "../agency/agency.type";
import { BusinessPriorityType } from "../audit/audit.type";
import { toConnection } from "../common/connection";
import { ListOf } from "../common/cost";
import { IdempotencyKeyArg } from "../common/idempotency";
import { orNull } from "../common/or-null";
import { PageArgs } from "../common/page.args";
import type { GraphQLContext } from "../context";
import { PersonType } from "../person/person.type";
import { ReviewType } from "../review/review.type";
import {
  DecideEscalationInput,
  EscalateNearMissInput,
  EscalationFilterInput,
  RecordReflectionInput,
  ReportNearMissInput,
  RespondToNearMissInput,
} from "./near-miss.input";
import {
  EscalationConnection,
  EscalationType,
  NearMissCountsType,
  NearMissReportConnection,
  NearMissReportType,
  ReflectionConnection,
  ReflectionType,
  ReportReceiptType,
  ReportStatusType,
} from "./near-miss.type";

@Resolver(() => NearMissReportType)
export class NearMissReportResolver {
  @Mutation(() => ReportReceiptType, {
    description:
      "§7: any member of an agency's staff, or its partner system, for their own agency; anonymous or named.",
  })
  async reportNearMiss(
    @Arg("input", () => ReportNearMissInput) input: ReportNearMissInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // §7: an anonymous report is sent on its own: anything else the same request did (a read of
    // a case's identity, logged with the request's id) would say who sent it.
    if (input.anonymous && info.operation.selectionSet.selections.length > 1)
      throw new ValidationError(
        "input.anonymous",
        "An anonymous report is sent on its own, in a request of nothing else",
      );
    const { report, receipt } = await reportNearMiss(ctx, input, key);
    return { id: report.id, status: report, receipt };
  }

  @Query(() => ReportStatusType, {
    nullable: true,
    description:
      "§7: your own report's status, by its receipt (or, for a named report, its id); null for anyone else's.",
  })
  nearMissReportStatus(
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("receipt", () => String, { nullable: true })
    receipt: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return orNull(reportStatus(ctx, { id, receipt }));
  }

  @Query(() => NearMissReportConnection, {
    description: "§15: your agency's reports, newest first (its safeguarding lead).",
  })
  async nearMissReports(
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listNearMissReports(ctx, agencyId, first, after));
  }

  @Query(() => NearMissReportType, { nullable: true })
  nearMissReport(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getNearMissReport(ctx, id));
  }

  @Query(() => NearMissCountsType, {
    description:
      "§15: the board's counts of reports by month, agency and kind (at most 12 months); never the reporters.",
  })
  async nearMissCounts(
    @Arg("fromMonth", () => String, { description: "YYYY-MM." }) fromMonth: string,
    @Arg("toMonth", () => String, { description: "YYYY-MM; at most 12 months on." })
    toMonth: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    const counts = await nearMissCounts(ctx, fromMonth, toMonth);
    return {
      id: `${fromMonth}:${toMonth}`,
      fromMonth,
      toMonth,
      counts: counts.map((c: ReportCount) => ({ id: `${c.month}:${c.agencyId}:${c.kind}`, ...c })),
    };
  }

  @Mutation(() => NearMissReportType, { description: "§15: the agency's safeguarding lead." })
  respondToNearMiss(
    @Arg("input", () => RespondToNearMissInput) input: RespondToNearMissInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return respondToNearMiss(ctx, id, expectedVersion, fields);
  }

  @Mutation(() => NearMissReportType, {
    description: "§24 I: refers the report to the board as a possible review (once).",
  })
  escalateNearMiss(
    @Arg("input", () => EscalateNearMissInput) input: EscalateNearMissInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return escalateNearMiss(ctx, id, expectedVersion, fields);
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description:
      "§7: the named reporter, for their own agency's safeguarding lead only; null when anonymous.",
  })
  reporter(@Root() r: NearMissReport, @Ctx() ctx: GraphQLContext) {
    const id = reporterOf(ctx, r);
    return id ? personRef(ctx, id) : null;
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() r: NearMissReport, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, r.agencyId);
  }

  @FieldResolver(() => EscalationType, { nullable: true, description: "§24 I." })
  escalation(@Root() r: NearMissReport, @Ctx() ctx: GraphQLContext) {
    return escalationOf(ctx, r);
  }
}

@Resolver(() => EscalationType)
export class EscalationResolver {
  @Query(() => EscalationConnection, {
    description: "§24 I: the board's core roles: all; an agency's lead: its own. Newest first.",
  })
  async escalations(
    @Arg("filter", () => EscalationFilterInput, { nullable: true })
    filter: EscalationFilterInput | null,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await listEscalations(ctx, filter ?? {}, first, after));
  }

  @Query(() => EscalationType, { nullable: true })
  escalation(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getEscalation(ctx, id));
  }

  @Mutation(() => EscalationType, {
    description:
      "§24 I: the Chair, SCR subgroup or business unit: review commissioned or declined.",
  })
  decideEscalation(
    @Arg("input", () => DecideEscalationInput) input: DecideEscalationInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const { id, expectedVersion, ...fields } = input;
    return decideEscalationFor(ctx, id, expectedVersion, fields);
  }

  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() e: Escalation, @Ctx() ctx: GraphQLContext) {
    return agencyRef(ctx, e.agencyId);
  }

  @FieldResolver(() => BusinessPriorityType, {
    nullable: true,
    description: "The business-plan priority it serves.",
  })
  businessPriority(@Root() e: Escalation, @Ctx() ctx: GraphQLContext) {
    return priorityRef(ctx, e.businessPriorityId);
  }

  @FieldResolver(() => ReviewType, {
    nullable: true,
    description: "§24 I: the review commissioned to answer it (null if none, or not yours).",
  })
  review(@Root() e: Escalation, @Ctx() ctx: GraphQLContext) {
    return e.reviewId ? orNull(getReview(ctx, e.reviewId)) : null;
  }
}

@Resolver(() => ReflectionType)
export class ReflectionResolver {
  @Query(() => ReflectionConnection, {
    description: "§9–10: the board: all; agency staff: their agency's. Newest first.",
  })
  async reflections(@Args(() => PageArgs) { first, after }: PageArgs, @Ctx() ctx: GraphQLContext) {
    return toConnection(await listReflections(ctx, first, after));
  }

  @Query(() => ReflectionType, { nullable: true })
  reflection(@Arg("id", () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return orNull(getReflection(ctx, id));
  }

  @Mutation(() => ReflectionType, { description: "§9–10." })
  recordReflection(
    @Arg("input", () => RecordReflectionInput) input: RecordReflectionInput,
    @IdempotencyKeyArg() key: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return recordReflection(ctx, input, key);
  }

  @ListOf(MAX_AGENCIES_PER_CASE)
  @FieldResolver(() => [AgencyType])
  agencies(@Root() r: Reflection, @Ctx() ctx: GraphQLContext) {
    return agenciesByIds(ctx, r.agencyIds);
  }
}

/** The near-miss module's resolvers. */
export const NEAR_MISS_RESOLVERS = [
  NearMissReportResolver,
  EscalationResolver,
  ReflectionResolver,
] as const;
