import "reflect-metadata";
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { buildSchemaSync, getMetadataStorage } from "type-graphql";
import { AccessLogResolver } from "./access-log/access-log.resolver";
import { ACTION_RESOLVERS } from "./action/action.resolver";
import { AgencyResolver } from "./agency/agency.resolver";
import { AUDIT_RESOLVERS } from "./audit/audit.resolver";
import { CaseResolver } from "./case/case.resolver";
import { guardSchema } from "./common/guard";
import { CONTRIBUTION_RESOLVERS } from "./contribution/contribution.resolver";
import { DASHBOARD_RESOLVERS } from "./dashboard/dashboard.resolver";
import { DIGEST_RESOLVERS } from "./digest/digest.resolver";
import { EffectivenessResolver } from "./effectiveness/effectiveness.resolver";
import { FINDING_RESOLVERS } from "./finding/finding.resolver";
import { NEAR_MISS_RESOLVERS } from "./near-miss/near-miss.resolver";
import { NOTIFICATION_RESOLVERS } from "./notification/notification.resolver";
import { OVERDUE_SUMMARY_RESOLVERS } from "./overdue-summary/overdue-summary.resolver";
import { PARTNER_SYSTEM_RESOLVERS } from "./partner-system/partner-system.resolver";
import { PARTNERSHIP_RESOLVERS } from "./partnership/partnership.resolver";
import { PERSON_RESOLVERS } from "./person/person.resolver";
import { PUBLISHED_LEARNING_RESOLVERS } from "./published-learning/published-learning.resolver";
import { RECOMMENDATION_RESOLVERS } from "./recommendation/recommendation.resolver";
import { REVIEW_RESOLVERS } from "./review/review.resolver";
import { REVIEW_DECISION_RESOLVERS } from "./review-decision/review-decision.resolver";
import { REVIEWER_RESOLVERS } from "./reviewer/reviewer.resolver";

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
  ...REVIEW_RESOLVERS,
  ...REVIEWER_RESOLVERS,
  ...CONTRIBUTION_RESOLVERS,
  ...FINDING_RESOLVERS,
  ...PUBLISHED_LEARNING_RESOLVERS,
  ...AUDIT_RESOLVERS,
  ...NEAR_MISS_RESOLVERS,
  ...DIGEST_RESOLVERS,
  ...DASHBOARD_RESOLVERS,
] as const;

let schema: GraphQLSchema | undefined;

/**
 * type-graphql resolves a plain property field (no resolver method, no middleware) through a
 * wrapper that allocates its resolver data and runs its (empty) middleware chain: hundreds of
 * times for a page of 20 records. This gives each such field the wrapper's own result directly,
 * `root[property]` (the property, not the schema name: `id` of CaseIdentity is `caseId`).
 * Fields with a resolver, a middleware, arguments, or any doubt are left to type-graphql.
 */
export function plainPropertyFields(built: GraphQLSchema): GraphQLSchema {
  const storage = getMetadataStorage();
  const roots = new Set([built.getQueryType(), built.getMutationType()]);
  // Looked up by schema name and by method name, once (a filter over every field of every type
  // for each field was a quadratic 5 ms of each cold start).
  const fieldsByName = new Map<string, (typeof storage.fields)[number][]>();
  for (const f of storage.fields) {
    const same = fieldsByName.get(f.schemaName);
    if (same) same.push(f);
    else fieldsByName.set(f.schemaName, [f]);
  }
  // Field resolvers by the object type they resolve for: a resolver of one type's `id` leaves
  // every other type's `id` plain. One whose type is not known counts for every type.
  const resolvedFor = new Map<unknown, Set<string>>();
  const resolvedAnywhere = new Set<string>();
  for (const r of storage.fieldResolvers) {
    const of = r.getObjectType?.();
    const names = of ? (resolvedFor.get(of) ?? new Set<string>()) : resolvedAnywhere;
    names.add(r.methodName);
    names.add(r.schemaName);
    if (of) resolvedFor.set(of, names);
  }
  for (const ot of storage.objectTypes) {
    const type = built.getType(ot.name);
    if (!isObjectType(type) || roots.has(type)) continue;
    // The class, its superclasses and the interfaces it implements: where its fields may come from.
    const sources = new Set<unknown>(ot.interfaceClasses ?? []);
    for (
      let c: unknown = ot.target;
      c && c !== Function.prototype;
      c = Object.getPrototypeOf(c as object)
    )
      sources.add(c);
    const fields = type.getFields();
    for (const name of Object.keys(fields)) {
      const field = fields[name];
      if (!field || field.args.length > 0) continue;
      const metas = (fieldsByName.get(name) ?? []).filter((f) => sources.has(f.target));
      const resolved = [name, ...metas.map((m) => m.name)].some(
        (n) =>
          resolvedAnywhere.has(n) || [...sources].some((source) => resolvedFor.get(source)?.has(n)),
      );
      const meta = metas[0];
      if (!meta || metas.length > 1 || resolved || meta.middlewares?.length || meta.roles?.length)
        continue;
      const property = meta.name;
      field.resolve = ((root: Record<string, unknown>) => root[property]) as GraphQLFieldResolver<
        unknown,
        unknown
      >;
    }
  }
  return built;
}

type Extensions = Record<string, unknown>;
interface ExtensionLookup {
  fieldExtensions: { target: object; fieldName: string; extensions: Extensions }[];
  build(options: unknown): void;
  clone(): ExtensionLookup;
  findExtensions(target: object, fieldName?: string): Extensions;
}
const indexed = new WeakSet<object>();

/**
 * type-graphql finds a field's extensions (the API's limits and costs: 300 of them) by filtering
 * all of them for each of the schema's 1,600 fields and resolvers, a quadratic 5 ms of every cold
 * start. This gives its metadata storage (and the copy of it that each schema build makes) the
 * same lookup over the extensions of the field's name only, in the same order (so the same
 * merge), indexed once per build (type-graphql reverses the list at the start of each). Class
 * extensions keep type-graphql's own lookup.
 */
export function indexFieldExtensions(storage: object): void {
  if (indexed.has(storage)) return;
  indexed.add(storage);
  const s = storage as ExtensionLookup;
  const { build, clone, findExtensions } = s;
  let byField: Map<string, ExtensionLookup["fieldExtensions"]> | undefined;
  s.clone = function () {
    const copy = clone.call(this);
    indexFieldExtensions(copy);
    return copy;
  };
  s.build = function (options) {
    byField = undefined;
    return build.call(this, options);
  };
  s.findExtensions = function (target, fieldName) {
    if (!fieldName) return findExtensions.call(this, target, fieldName);
    if (!byField) {
      byField = new Map();
      for (const entry of this.fieldExtensions) {
        const same = byField.get(entry.fieldName);
        if (same) same.push(entry);
        else byField.set(entry.fieldName, [entry]);
      }
    }
    let extensions: Extensions = {};
    for (const entry of byField.get(fieldName) ?? [])
      if (entry.target === target || Object.prototype.isPrototypeOf.call(entry.target, target))
        extensions = { ...extensions, ...entry.extensions };
    return extensions;
  };
}

/** The API's schema, built once per process (container) and reused by every request. */
export function getSchema(): GraphQLSchema {
  if (schema) return schema;
  indexFieldExtensions(getMetadataStorage());
  schema = guardSchema(
    plainPropertyFields(
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
    ),
  );
  return schema;
}
