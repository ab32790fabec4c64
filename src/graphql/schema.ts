import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { AccessLogResolver } from "./access-log/access-log.resolver";
import { ActionResolver } from "./action/action.resolver";
import { AgencyResolver } from "./agency/agency.resolver";
import { CaseResolver } from "./case/case.resolver";
import { AuthGuard } from "./common/auth-guard";
import { InputLimits } from "./common/input-limits";
import { EffectivenessResolver } from "./effectiveness/effectiveness.resolver";
import { NotificationResolver } from "./notification/notification.resolver";
import { OverdueSummaryResolver } from "./overdue-summary/overdue-summary.resolver";
import { PartnershipResolver } from "./partnership/partnership.resolver";
import { PersonResolver } from "./person/person.resolver";
import { RecommendationResolver } from "./recommendation/recommendation.resolver";
import {
  ChairDecisionResolver,
  ReviewDecisionResolver,
} from "./review-decision/review-decision.resolver";

export const RESOLVERS = [
  PartnershipResolver,
  AgencyResolver,
  PersonResolver,
  CaseResolver,
  AccessLogResolver,
  NotificationResolver,
  ReviewDecisionResolver,
  ChairDecisionResolver,
  RecommendationResolver,
  ActionResolver,
  EffectivenessResolver,
  OverdueSummaryResolver,
] as const;

let schema: GraphQLSchema | undefined;

/** The API's schema, built once per process (container) and reused by every request. */
export function getSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: RESOLVERS,
    // Inputs are checked by the InputLimits middleware and the domain rules, not class-validator.
    validate: false,
    globalMiddlewares: [AuthGuard, InputLimits],
  });
  return schema;
}
