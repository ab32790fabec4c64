import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isInterfaceType,
  isObjectType,
} from "graphql";
import type { GraphQLContext } from "../context";
import { assertMayCall } from "./auth-guard";
import { cursorBinding, openCursor, sealConnection } from "./cursors";
import { checkInputLimits } from "./input-limits";

/**
 * What the API checks at its boundary, on the fields that need it and no others, before their
 * resolvers run: the policy's default deny on every root field (auth-guard.ts), the limits of
 * every argument on every field that takes one (input-limits.ts), and sealed cursors on every
 * paged field (cursors.ts). Plain fields are left as they are: a list of 20 records has hundreds
 * of them, and wrapping each in a chain of async middlewares cost more than the query.
 * Synchronous where the checks are, so a refusal costs no promise.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
    const root = roots.has(type as never);
    for (const field of Object.values(type.getFields())) {
      if (root || field.args.length > 0) field.resolve = guarded(field, root);
    }
  }
  return schema;
}

function guarded(
  field: GraphQLField<unknown, unknown>,
  root: boolean,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
    unknown,
    GraphQLContext
  >;
  const paged = field.args.some((a) => a.name === "after");
  const limited = field.args.length > 0;
  return (parent, args: Record<string, unknown>, context, info) => {
    if (root) assertMayCall(context, info.fieldName);
    if (limited) checkInputLimits(field, args);
    if (!paged) return resolve(parent, args, context, info);
    const binding = cursorBinding(context, info, parent, args);
    if (typeof args.after === "string") args.after = openCursor(args.after, binding);
    const result = resolve(parent, args, context, info);
    return result instanceof Promise
      ? result.then((r) => sealConnection(r, binding))
      : sealConnection(result, binding);
  };
}
