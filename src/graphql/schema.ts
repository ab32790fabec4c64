import "reflect-metadata";
import type { GraphQLSchema } from "graphql";
import { buildSchemaSync } from "type-graphql";
import { AccessLogResolver } from "./access-log/access-log.resolver";
import { ACTION_RESOLVERS } from "./action/action.resolver";
import { AgencyResolver } from "./agency/agency.resolver";
import { AUDIT_RESOLVERS } from "./audit/audit.resolver";
import { CaseResolver } from "./case/case.resolver";
import { guardSchema } from "./common/guard";
import { EffectivenessResolver } from "./effectiveness/effectiveness.resolver";
import { NEAR_MISS_RESOLVERS } from "./near-miss/near-miss.resolver";
import { NOTIFICATION_RESOLVERS } from "./notification/notification.resolver";
import { OVERDUE_SUMMARY_RESOLVERS } from "./overdue-summary/overdue-summary.resolver";
import { PARTNER_SYSTEM_RESOLVERS } from "./partner-system/partner-system.resolver";
import { PARTNERSHIP_RESOLVERS } from "./partnership/partnership.resolver";
import { PERSON_RESOLVERS } from "./person/person.resolver";
import { RECOMMENDATION_RESOLVERS } from "./recommendation/recommendation.resolver";
import { REVIEW_DECISION_RESOLVERS } from "./review-decision/review-decision.resolver";

export const RESOLVERS = [
  ...PARTNERSHIP_RESOLVERS,
  AgencyResolver,
  ...PERSON_RESOLVERS,
  ...PARTNER_SYSTEM_RESOLVERS,
  CaseResolver,
  AccessLogResolver,
  ...NOTIFICATION_RESOLVERS,
  ...REVIEW_DECISION_RESOLVERS,
  ...RECOMMENDATION_RESOLVERS,
  ...ACTION_RESOLVERS,
  EffectivenessResolver,
  ...OVERDUE_SUMMARY_RESOLVERS,
  ...AUDIT_RESOLVERS,
  ...NEAR_MISS_RESOLVERS,
] as const;

let schema: GraphQLSchema | undefined;

/** The API's schema, built once per process (container) and reused by every request. */
export function getSchema(): GraphQLSchema {
  schema ??= guardSchema(
    buildSchemaSync({
      resolvers: RESOLVERS,
      // Inputs are checked at the boundary (guard.ts) and by the domain rules, not class-validator.
      validate: false,
      // type-graphql's own check (an introspection query over the new schema, 20-30 ms of every
      // cold start) is left to the tests: the committed-SDL test builds this schema and compares
      // it, and Apollo validates the schema when it starts.
      skipCheck: true,
      // The boundary's checks (auth, input limits, sealed cursors) are added by guardSchema, only
      // to the fields that need them: type-graphql's global middlewares would wrap every field.
    }),
  );
  return schema;
}
