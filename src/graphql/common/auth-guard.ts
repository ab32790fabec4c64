import { GraphQLError } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { mayCallOperation } from "../../auth/policy";
import type { GraphQLContext } from "../context";

/**
 * Default deny at the root: the policy says which root operations an anonymous caller may reach
 * (every other needs a token). Runs for every field; only root fields are checked, nested ones
 * are reached through them, and every service asks the policy again for its own decisions.
 */
export const AuthGuard: MiddlewareFn<GraphQLContext> = async ({ context, info }, next) => {
  const root =
    info.parentType === info.schema.getQueryType() ||
    info.parentType === info.schema.getMutationType();
  if (root && !mayCallOperation(context.principal, info.fieldName))
    throw new GraphQLError("Authentication required", {
      extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
    });
  return next();
};
