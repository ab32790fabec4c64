import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { GraphQLContext } from "../context";

/** Marks a root field as callable without a token (use with type-graphql's @Extensions). */
export const PUBLIC = { public: true } as const;

/**
 * Default deny: every root field needs an authenticated principal unless it is marked PUBLIC.
 * Runs for every field; only root fields are checked, nested ones are reached through them.
 */
export const AuthGuard: MiddlewareFn<GraphQLContext> = async ({ context, info }, next) => {
  const root =
    info.parentType === info.schema.getQueryType() ||
    info.parentType === info.schema.getMutationType();
  if (root && !context.principal) {
    const field = info.parentType.getFields()[info.fieldName];
    if (field?.extensions?.public !== true)
      throw new GraphQLError("Authentication required", {
        extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
      });
  }
  return next();
};
