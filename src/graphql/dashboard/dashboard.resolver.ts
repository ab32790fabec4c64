import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { MAX_DASHBOARD_MONTHS } from "../../domain/dashboard";
import { agencyRef } from "../../services/agencies";
import { boardDashboard, boardDashboardExport } from "../../services/dashboard";
import { AgencyType } from "../agency/agency.type";
import type { GraphQLContext } from "../context";
import {
  BoardDashboardType,
  DashboardActionAgencyCount,
  DashboardAgencyContributions,
  DashboardExportFormatEnum,
  DashboardExportType,
  DashboardPeriodInput,
  DashboardRecommendationAgencyCount,
  DashboardReportCount,
} from "./dashboard.type";

const WHO =
  "Board roles: the whole partnership (no agencyId) or any agency's view; an agency's lead: their own agency's view only (another agency's is FORBIDDEN). Null for an agency that does not exist.";

@Resolver(() => BoardDashboardType)
export class DashboardResolver {
  @Query(() => BoardDashboardType, {
    nullable: true,
    description: `§37, §12, §35: the board dashboard over whole months (at most ${MAX_DASHBOARD_MONTHS}), read from counters kept as records change: the same few DynamoDB requests whatever the number of records. ${WHO}`,
  })
  boardDashboard(
    @Arg("period", () => DashboardPeriodInput) period: DashboardPeriodInput,
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return boardDashboard(ctx, period, agencyId ?? null);
  }

  @Query(() => DashboardExportType, {
    nullable: true,
    description: `§37: the dashboard's figures as a file for the annual report: CSV (columns section, measure, month, agency_id, agency, key, value) or JSON. ${WHO}`,
  })
  boardDashboardExport(
    @Arg("period", () => DashboardPeriodInput) period: DashboardPeriodInput,
    @Arg("format", () => DashboardExportFormatEnum) format: "CSV" | "JSON",
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null | undefined,
    @Ctx() ctx: GraphQLContext,
  ) {
    return boardDashboardExport(ctx, period, agencyId ?? null, format);
  }

  @FieldResolver(() => AgencyType, { nullable: true, description: "Null: the whole partnership." })
  agency(@Root() d: BoardDashboardType, @Ctx() ctx: GraphQLContext) {
    return d.agencyId ? agencyRef(ctx, d.agencyId) : null;
  }
}

const agencyField = (ctx: GraphQLContext, id: string | null) => (id ? agencyRef(ctx, id) : null);

@Resolver(() => DashboardAgencyContributions)
export class DashboardContributionsResolver {
  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() r: DashboardAgencyContributions, @Ctx() ctx: GraphQLContext) {
    return agencyField(ctx, r.agencyId);
  }
}

@Resolver(() => DashboardRecommendationAgencyCount)
export class DashboardRecommendationRowResolver {
  @FieldResolver(() => AgencyType, { nullable: true, description: "Null: the board." })
  agency(@Root() r: DashboardRecommendationAgencyCount, @Ctx() ctx: GraphQLContext) {
    return agencyField(ctx, r.agencyId);
  }
}

@Resolver(() => DashboardActionAgencyCount)
export class DashboardActionRowResolver {
  @FieldResolver(() => AgencyType, { nullable: true, description: "Null: the board." })
  agency(@Root() r: DashboardActionAgencyCount, @Ctx() ctx: GraphQLContext) {
    return agencyField(ctx, r.agencyId);
  }
}

@Resolver(() => DashboardReportCount)
export class DashboardReportRowResolver {
  @FieldResolver(() => AgencyType, { nullable: true })
  agency(@Root() r: DashboardReportCount, @Ctx() ctx: GraphQLContext) {
    return agencyField(ctx, r.agencyId);
  }
}

export const DASHBOARD_RESOLVERS = [
  DashboardResolver,
  DashboardContributionsResolver,
  DashboardRecommendationRowResolver,
  DashboardActionRowResolver,
  DashboardReportRowResolver,
] as const;
